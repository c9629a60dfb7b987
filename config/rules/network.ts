import { availabilityZonesOf, GOVCLOUD_REGIONS, REGION_ZONES } from '../aws';
import { cidrContains, cidrsOverlap, Ipv4Cidr, parseIpv4Cidr } from '../cidr';
import type { ParsedEnvironment } from '../schema';
import { AVAILABILITY_ZONE_PATTERN, REGION_PATTERN } from '../patterns';
import { oneOf, report, RuleContext } from './issue';

const SUBNET_TIERS = ['public', 'privateApp', 'privateData'] as const;

/** The region exists in the commercial partition (config/aws/regions.json). */
export function checkRegion(env: ParsedEnvironment, ctx: RuleContext): void {
  if (!REGION_PATTERN.test(env.region) || availabilityZonesOf(env.region) !== undefined) return;
  if (GOVCLOUD_REGIONS.includes(env.region)) {
    report(ctx, ['region'], 'expected a commercial region: GovCloud has no CloudFront, which the edge tier needs');
    return;
  }
  const area = `${env.region.split('-')[0]}-`;
  const nearby = Object.keys(REGION_ZONES).filter((region) => region.startsWith(area));
  const known = nearby.length > 0 ? `the ${area} regions are ${oneOf(nearby)}` : `the regions are ${oneOf(Object.keys(REGION_ZONES))}`;
  report(ctx, ['region'], `expected an AWS region that exists: ${known} (config/aws/regions.json)`);
}

/** The smallest subnet AWS creates. */
export const MIN_SUBNET_PREFIX = 28;

/**
 * Reports `zone` unless it is a zone of `region` (config/aws/regions.json); true when it did. A
 * malformed zone has its own problem, and the zones of a region not listed there are not
 * checked: the region's own problem says it.
 */
export function reportZoneOutsideRegion(zone: string, region: string, path: readonly (string | number)[], ctx: RuleContext): boolean {
  const regionZones = availabilityZonesOf(region);
  if (!AVAILABILITY_ZONE_PATTERN.test(zone) || regionZones === undefined || regionZones.includes(zone)) return false;
  report(ctx, path, `expected an availability zone of region ${region}: ${oneOf(regionZones)}`);
  return true;
}

/** A subnet lies inside its VPC (`vpc.name`, such as "VPC" or "sandbox VPC") and is no smaller than AWS allows. */
export function checkSubnetInVpc(subnet: Ipv4Cidr, vpc: { readonly cidr: Ipv4Cidr; readonly text: string; readonly name: string }, path: readonly (string | number)[], ctx: RuleContext): void {
  if (!cidrContains(vpc.cidr, subnet)) report(ctx, path, `expected a subnet inside the ${vpc.name} CIDR ${vpc.text}`);
  if (subnet.prefixLength > MIN_SUBNET_PREFIX) report(ctx, path, `expected a subnet of /${MIN_SUBNET_PREFIX} or larger (AWS minimum)`);
}

/** Cross-field checks: zones exist in the region, subnets fit the VPC and each other. */
export function checkNetworkLayout(env: ParsedEnvironment, ctx: RuleContext): void {
  const network = env.network;
  if (network === undefined) return;
  const zones = network.availabilityZones;
  zones.forEach((zone, index) => {
    const path = ['network', 'availabilityZones', index];
    if (!reportZoneOutsideRegion(zone, env.region, path, ctx) && AVAILABILITY_ZONE_PATTERN.test(zone) && zones.indexOf(zone) !== index) {
      report(ctx, path, 'expected each availability zone once');
    }
  });

  if (network.appInternetEgress && network.natGateways === 'none') {
    report(ctx, ['network', 'appInternetEgress'], 'expected false while network.natGateways is "none" (no route to the internet); or set natGateways to "single" or "per-az"');
  }
  network.interfaceEndpoints.forEach((service, index) => {
    if (network.interfaceEndpoints.indexOf(service) !== index) report(ctx, ['network', 'interfaceEndpoints', index], 'expected each service once');
  });

  const vpc = parseIpv4Cidr(network.cidr);
  const seen: { field: string; text: string; cidr: Ipv4Cidr }[] = [];
  for (const tier of SUBNET_TIERS) {
    const blocks = network.subnets[tier];
    if (blocks.length !== zones.length) {
      report(ctx, ['network', 'subnets', tier], `expected one subnet per availability zone (${zones.length}), got ${blocks.length}`);
    }
    blocks.forEach((text, index) => {
      const cidr = parseIpv4Cidr(text);
      if (!cidr || !vpc) return;
      const path = ['network', 'subnets', tier, index];
      checkSubnetInVpc(cidr, { cidr: vpc, text: network.cidr, name: 'VPC' }, path, ctx);
      const clash = seen.find((other) => cidrsOverlap(other.cidr, cidr));
      if (clash) report(ctx, path, `expected a subnet that overlaps no other; it overlaps ${clash.field} (${clash.text})`);
      seen.push({ field: `network.subnets.${tier}[${index}]`, text, cidr });
    });
  }
}
