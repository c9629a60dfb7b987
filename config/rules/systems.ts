import type { ParsedEnvironment } from '../schema';
import { SYSTEM_ONLY_FIELDS, SystemName } from '../systems';
import { report, RuleContext } from './issue';

/**
 * Each system named once; each selected system has the fields it needs, and no field is set for a
 * system the environment does not hold (it would be ignored, which hides a mistake).
 */
export function checkSystems(env: ParsedEnvironment, ctx: RuleContext): void {
  // No system is its own error (the schema's); which fields belong would only add noise.
  if (env.systems.length === 0) return;
  env.systems.forEach((system, index) => {
    if (env.systems.indexOf(system) !== index) report(ctx, ['systems', index], 'expected each system once');
  });
  for (const [field, system] of Object.entries(SYSTEM_ONLY_FIELDS) as [keyof ParsedEnvironment, SystemName][]) {
    const selected = env.systems.includes(system);
    const present = env[field] !== undefined;
    if (selected && !present) {
      report(ctx, [field], `expected a value: the ${system} system needs it (systems: ${env.systems.join(', ')})`);
    } else if (!selected && present) {
      report(ctx, [field], `expected no ${field} here: only the ${system} system reads it, and systems (${env.systems.join(', ')}) does not include ${system}`, `a ${field} setting`);
    }
  }
}
