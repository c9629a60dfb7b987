import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Construct } from 'constructs';
import { Naming } from '../naming';

export interface PrivateZoneProps {
  /** Physical names and Name tags. */
  readonly naming: Naming;
  /** DNS name of the zone, such as `dev.webplat.internal`. */
  readonly zoneName: string;
  /** The VPC whose resolver answers from this zone. */
  readonly vpcId: string;
}

/**
 * A private Route53 hosted zone associated with the VPC, for internal names
 * (`db.`, `cache.`) that later tiers write records into.
 */
export class PrivateZone extends Construct {
  public readonly zoneId: string;
  public readonly zoneName: string;

  constructor(scope: Construct, id: string, props: PrivateZoneProps) {
    super(scope, id);
    const zone = new Route53Zone(this, 'zone', {
      name: props.zoneName,
      comment: `Internal names of ${props.naming.name('network', 'vpc', 255)}; managed by cdktf.`,
      vpc: [{ vpcId: props.vpcId }],
      forceDestroy: false,
      tags: { Name: props.naming.name('network', 'private-zone', 255) },
    });
    this.zoneId = zone.zoneId;
    this.zoneName = zone.name;
  }
}
