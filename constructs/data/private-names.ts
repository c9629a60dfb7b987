import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';

export interface DataPrivateNamesProps {
  /** The network tier's private hosted zone. */
  readonly zoneId: string;
  /** DNS name of that zone, such as `dev.webplat.internal`. */
  readonly zoneName: string;
  /** Target DNS name by record label (`db`, `db-ro`, `cache`), one CNAME each. */
  readonly targets: Readonly<Record<string, string>>;
  /** TTL of the records: short, because the targets move on failover. */
  readonly ttlSeconds: number;
}

/**
 * Stable private names for the data tier's endpoints, `<label>.<zone>` CNAMEs in the network
 * tier's private zone, so the app tier's settings never hold an AWS-generated endpoint name.
 */
export class DataPrivateNames extends Construct {
  /** Fully qualified record name per label of `targets`. */
  public readonly names: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: DataPrivateNamesProps) {
    super(scope, id);
    const names: Record<string, string> = {};
    for (const [label, target] of Object.entries(props.targets)) {
      const record = new Route53Record(this, label, { zoneId: props.zoneId, name: `${label}.${props.zoneName}`, type: 'CNAME', ttl: props.ttlSeconds, records: [target] });
      names[label] = record.fqdn;
    }
    this.names = names;
  }
}
