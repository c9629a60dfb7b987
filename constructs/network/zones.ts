import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Construct } from 'constructs';

/**
 * The short, stable part of an availability zone name used in construct ids:
 * `eu-west-1a` gives `a`. Ids keyed by zone letter survive reordering the zone list.
 */
export function zoneSuffix(zone: string): string {
  const match = /\d([a-z]+)$/.exec(zone);
  if (!match) throw new Error(`Expected an availability zone name such as eu-west-1a, got ${JSON.stringify(zone)}.`);
  return match[1];
}

/** Throws unless each list has one entry per zone: `owner` and the field name say which list is wrong. */
export function requireOnePerZone(owner: string, zones: readonly string[], lists: Readonly<Record<string, readonly unknown[]>>): void {
  for (const [field, list] of Object.entries(lists)) {
    if (list.length !== zones.length) {
      throw new Error(`${owner} needs one ${field} entry per availability zone (${zones.length}: ${zones.join(', ')}), got ${list.length}.`);
    }
  }
}

/** What zoneSubnets makes one subnet per zone from. */
export interface ZoneSubnetsProps {
  readonly vpcId: string;
  /** Id prefix and Name tag prefix: subnets are `<kind>-<zone letter>`, tagged `<kind>-<zone>`. */
  readonly kind: string;
  readonly zones: readonly string[];
  /** One CIDR per zone, in zone order. */
  readonly cidrs: readonly string[];
  /** The physical name of a purpose, for Name tags. */
  readonly name: (purpose: string) => string;
}

/** One private-addressed subnet per zone (no public IPs on launch), in zone order, ids keyed by zone letter. */
export function zoneSubnets(scope: Construct, props: ZoneSubnetsProps): Subnet[] {
  return props.zones.map(
    (zone, index) =>
      new Subnet(scope, `${props.kind}-${zoneSuffix(zone)}`, {
        vpcId: props.vpcId,
        availabilityZone: zone,
        cidrBlock: props.cidrs[index],
        mapPublicIpOnLaunch: false,
        tags: { Name: props.name(`${props.kind}-${zone}`) },
      }),
  );
}
