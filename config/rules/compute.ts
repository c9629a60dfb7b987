import { checkAmi } from '../ami';
import { INSTANCE_FAMILIES, instanceArchitecture, instanceFamily } from '../aws';
import type { ParsedEnvironment } from '../schema';
import { oneOf, report, RuleContext } from './issue';

/** The instance type is a size its family comes in (config/aws/instance-types.json). */
export function checkInstanceType(env: ParsedEnvironment, ctx: RuleContext): void {
  const { instanceType } = env.app;
  const [name, size, ...rest] = instanceType.split('.');
  const family = instanceFamily(name);
  if (family === undefined || size === undefined || rest.length > 0) {
    const families = Object.keys(INSTANCE_FAMILIES);
    report(ctx, ['app', 'instanceType'], `expected <family>.<size> with family one of ${families.join(', ')} (config/aws/instance-types.json)`);
  } else if (!family.sizes.includes(size)) {
    report(ctx, ['app', 'instanceType'], `expected a size the ${name} family comes in: ${oneOf(family.sizes.map((known) => `${name}.${known}`))}`);
  }
}

/** The web servers' image choice (config/ami.ts), when the environment holds the web platform. */
export function checkAppAmi(env: ParsedEnvironment, ctx: RuleContext): void {
  if (!env.systems.includes('web-platform')) return;
  const type = env.app.instanceType;
  checkAmi(env.app.ami, { type, field: 'app.instanceType', architecture: instanceArchitecture(type) }, ['app', 'ami'], ctx);
}
