import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';

export interface AliasRecordsProps {
  readonly zoneId: string;
  /** Names that point at the target. */
  readonly names: readonly string[];
  /** Target DNS name and its hosted zone (a CloudFront distribution's). */
  readonly target: { readonly dnsName: string; readonly zoneId: string };
}

/** A and AAAA alias records for each name, pointing at one target. */
export class AliasRecords extends Construct {
  constructor(scope: Construct, id: string, props: AliasRecordsProps) {
    super(scope, id);
    for (const name of props.names) {
      for (const type of ['A', 'AAAA']) {
        new Route53Record(this, `${name.replace(/\./g, '-')}-${type.toLowerCase()}`, {
          zoneId: props.zoneId,
          name,
          type,
          alias: { name: props.target.dnsName, zoneId: props.target.zoneId, evaluateTargetHealth: false },
        });
      }
    }
  }
}
