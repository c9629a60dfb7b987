import { checkAmi } from '../ami';
import { INSTANCE_FAMILIES, InstanceFamily, instanceArchitecture, instanceFamilyIn } from '../aws';
import type { ParsedEnvironment } from '../schema';
import { oneOf, report, RuleContext } from './issue';

/** The instance type is a size its family comes in (config/aws/instance-types.json). */
export function checkInstanceType(env: ParsedEnvironment, ctx: RuleContext): void {
  checkInstanceTypeIn(
    INSTANCE_FAMILIES,
    env.app.instanceType,
    ['app', 'instanceType'],
    ctx,
    (families) => `expected <family>.<size> with family one of ${families.join(', ')} (config/aws/instance-types.json)`,
  );
}

/**
 * `instanceType` is `<family>.<size>` of a family in `families` and a size it comes in;
 * `unknownFamily` says what is accepted when the family (or the shape) is not.
 */
export function checkInstanceTypeIn(
  families: Readonly<Record<string, InstanceFamily>>,
  instanceType: string,
  path: readonly (string | number)[],
  ctx: RuleContext,
  unknownFamily: (families: readonly string[]) => string,
): void {
  const [name, size, ...rest] = instanceType.split('.');
  const family = instanceFamilyIn(families, name);
  if (family === undefined || size === undefined || rest.length > 0) {
    report(ctx, path, unknownFamily(Object.keys(families)));
  } else if (!family.sizes.includes(size)) {
    report(ctx, path, `expected a size the ${name} family comes in: ${oneOf(family.sizes.map((known) => `${name}.${known}`))}`);
  }
}

/** The web servers' image choice (config/ami.ts), when the environment holds the web platform. */
export function checkAppAmi(env: ParsedEnvironment, ctx: RuleContext): void {
  if (!env.systems.includes('web-platform')) return;
  const type = env.app.instanceType;
  checkAmi(env.app.ami, { type, field: 'app.instanceType', architecture: instanceArchitecture(type) }, ['app', 'ami'], ctx);
}
