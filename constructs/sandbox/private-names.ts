import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';
import { PrivateZone } from '../network/private-zone';
import { SandboxNaming } from './sandbox-naming';

export interface SandboxPrivateNamesProps {
  /** Physical names and Name tags. */
  readonly naming: SandboxNaming;
  /** DNS name of the private zone, such as `sandbox.dev.webplat.internal`. */
  readonly zoneName: string;
  readonly vpcId: string;
  /** Private addresses by record name (`web`, `db`), one A record each. */
  readonly addresses: Readonly<Record<string, string>>;
  /** TTL of the records: short, because an address changes when its instance is replaced. */
  readonly ttlSeconds: number;
}

/** A private hosted zone for the sandbox VPC and one A record per server (`web.<zone>`, `db.<zone>`). */
export class SandboxPrivateNames extends Construct {
  public readonly zoneId: string;
  /** Fully qualified record name per key of `addresses`. */
  public readonly names: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: SandboxPrivateNamesProps) {
    super(scope, id);
    const zone = new PrivateZone(this, 'zone', { naming: props.naming, zoneName: props.zoneName, vpcId: props.vpcId });
    const names: Record<string, string> = {};
    for (const [label, address] of Object.entries(props.addresses)) {
      const record = new Route53Record(this, label, { zoneId: zone.zoneId, name: `${label}.${props.zoneName}`, type: 'A', ttl: props.ttlSeconds, records: [address] });
      names[label] = record.fqdn;
    }
    this.zoneId = zone.zoneId;
    this.names = names;
  }
}
