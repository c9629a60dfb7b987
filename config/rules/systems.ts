import type { ParsedEnvironment } from '../schema';
import { SYSTEM_FIELDS, SystemName } from '../systems';
import { oneOf, report, RuleContext } from './issue';

/**
 * Each system named once; each selected system has the fields it needs, and no field is set for
 * systems the environment does not hold (it would be ignored, which hides a mistake).
 */
export function checkSystems(env: ParsedEnvironment, ctx: RuleContext): void {
  // No system is its own error (the schema's); which fields belong would only add noise.
  if (env.systems.length === 0) return;
  env.systems.forEach((system, index) => {
    if (env.systems.indexOf(system) !== index) report(ctx, ['systems', index], 'expected each system once');
  });
  for (const [field, systems] of Object.entries(SYSTEM_FIELDS) as [keyof ParsedEnvironment, readonly SystemName[]][]) {
    const needing = systems.filter((system) => env.systems.includes(system));
    const present = env[field] !== undefined;
    if (needing.length > 0 && !present) {
      report(ctx, [field], `expected a value: the ${oneOf(needing).replace(' or ', ' and ')} system${needing.length > 1 ? 's need' : ' needs'} it (systems: ${env.systems.join(', ')})`);
    } else if (needing.length === 0 && present) {
      const readers =
        systems.length === 1
          ? `only the ${systems[0]} system reads it, and systems (${env.systems.join(', ')}) does not include ${systems[0]}`
          : `only the ${oneOf(systems)} systems read it, and systems (${env.systems.join(', ')}) includes none of them`;
      report(ctx, [field], `expected no ${field} here: ${readers}`, `a ${field} setting`);
    }
  }
}
