import type { ParsedEnvironment } from '../schema';
import type { RuleContext } from './issue';

/** VPN gateway: private ASNs, static routes or BGP, routes outside the VPC. */
export function checkVpnGateway(env: ParsedEnvironment, ctx: RuleContext): void {
  void env;
  void ctx;
}
