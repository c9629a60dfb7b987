import { cidrsOverlap, Ipv4Cidr, parseIpv4Cidr } from '../cidr';
import type { ParsedEnvironment } from '../schema';
import { AMAZON_DEFAULT_ASN } from '../vpn';
import { report, RuleContext } from './issue';

/**
 * VPN gateway: the customer gateway routes either over BGP or by static routes (one of the two),
 * its BGP ASN differs from the Amazon side's, and static routes lie outside the VPC and apart
 * from each other. ASN ranges and the public address are the schema's own checks (config/vpn.ts).
 */
export function checkVpnGateway(env: ParsedEnvironment, ctx: RuleContext): void {
  const vpn = env.network?.vpnGateway;
  const customer = vpn?.customerGateway;
  if (vpn === undefined || customer === undefined) return;
  const path = ['network', 'vpnGateway', 'customerGateway'];

  if (customer.bgpAsn === undefined && customer.staticRoutes === undefined) {
    report(ctx, path, 'expected bgpAsn (dynamic routing over BGP) or staticRoutes (on-premises CIDR blocks), one of the two', 'neither bgpAsn nor staticRoutes');
  } else if (customer.bgpAsn !== undefined && customer.staticRoutes !== undefined) {
    report(ctx, path, 'expected either bgpAsn (dynamic routing over BGP) or staticRoutes, not both', 'both bgpAsn and staticRoutes');
  }

  const amazonAsn = vpn.amazonSideAsn ?? AMAZON_DEFAULT_ASN;
  if (customer.bgpAsn !== undefined && customer.bgpAsn === amazonAsn) {
    const source = vpn.amazonSideAsn === undefined ? "Amazon's default when network.vpnGateway.amazonSideAsn is left out" : 'network.vpnGateway.amazonSideAsn';
    report(ctx, [...path, 'bgpAsn'], `expected an ASN other than the Amazon side's ${amazonAsn} (${source}): the two ends of a BGP session need different ASNs`);
  }

  const vpc = env.network === undefined ? undefined : parseIpv4Cidr(env.network.cidr);
  const seen: { index: number; text: string; cidr: Ipv4Cidr }[] = [];
  (customer.staticRoutes ?? []).forEach((text, index) => {
    const cidr = parseIpv4Cidr(text);
    if (cidr === undefined) return;
    const routePath = [...path, 'staticRoutes', index];
    if (vpc !== undefined && cidrsOverlap(vpc, cidr)) {
      report(ctx, routePath, `expected an on-premises CIDR block outside the VPC CIDR ${env.network!.cidr}: the VPC's local route always wins over it`);
    }
    const clash = seen.find((other) => cidrsOverlap(other.cidr, cidr));
    if (clash) {
      report(ctx, routePath, `expected a CIDR block that overlaps no other static route; it overlaps staticRoutes[${clash.index}] (${clash.text})`);
    }
    seen.push({ index, text, cidr });
  });
}
