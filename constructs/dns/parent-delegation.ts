import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';

/** Seconds resolvers may cache the delegation when not configured (two days, as registries do). */
export const DEFAULT_DELEGATION_TTL_SECONDS = 172800;

export interface ParentZoneDelegationProps {
  /** The delegated name, such as stg.example.com. */
  readonly domain: string;
  /** Name servers of the delegated zone. */
  readonly nameServers: string[];
  /** The parent hosted zone, in another account. */
  readonly parentZoneId: string;
  /** Role in the parent zone's account allowed to change its records. */
  readonly roleArn: string;
  /** Home region, for the aliased provider. */
  readonly region: string;
  /**
   * TTL of the NS records in the parent zone (`dns.delegationTtlSeconds`): how long resolvers
   * keep using the old name servers after the delegation changes.
   * @default 172800 (two days)
   */
  readonly ttlSeconds?: number;
}

/**
 * Writes the NS records of a subdomain's zone into its parent zone, held in another
 * account, through an aliased provider that assumes a role there. That provider is
 * pinned to the role's account, so it cannot touch any other.
 */
export class ParentZoneDelegation extends Construct {
  constructor(scope: Construct, id: string, props: ParentZoneDelegationProps) {
    super(scope, id);
    const parentAccountId = props.roleArn.split(':')[4];
    const provider = new AwsProvider(this, 'parent-account', {
      alias: 'parent-zone',
      region: props.region,
      allowedAccountIds: [parentAccountId],
      assumeRole: [{ roleArn: props.roleArn, sessionName: 'dns-delegation' }],
    });
    new Route53Record(this, 'ns', {
      provider,
      zoneId: props.parentZoneId,
      name: props.domain,
      type: 'NS',
      ttl: props.ttlSeconds ?? DEFAULT_DELEGATION_TTL_SECONDS,
      records: props.nameServers,
    });
  }
}
