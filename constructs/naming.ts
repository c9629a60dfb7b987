import { createHash } from 'node:crypto';

/** The tiers an environment is split into; each becomes one stack, `<env>-<tier>` (the sandbox and each S3 system are a tier of their own). */
export type Tier = 'state' | 'keys' | 'network' | 'dns' | 'app' | 'edge' | 'data' | 'ops' | 'sandbox' | 'website' | 'files' | 'intranet';

/** What names are made of. */
export interface NamingProps {
  readonly project: string;
  readonly environment: string;
  readonly accountId: string;
}

/** Longest S3 bucket name AWS accepts. */
export const MAX_BUCKET_NAME_LENGTH = 63;
/** Longest load balancer or target group name Elastic Load Balancing accepts. */
export const ELB_NAME_LIMIT = 32;
const HASH_LENGTH = 6;

/**
 * Physical names for one environment: `<project>-<env>-<tier>-<purpose>`, lower case.
 * A name longer than the service's limit keeps its readable start and ends in a short
 * hash of the full name, so it stays unique and is the same on every synth.
 */
export class Naming {
  constructor(private readonly props: NamingProps) {}

  /** `<project>-<env>-`: how every name of the environment starts (what IAM policies scope the environment's resources by). */
  environmentPrefix(): string {
    return `${this.props.project}-${this.props.environment}-`.toLowerCase();
  }

  /** `<project>-<env>-<tier>-<purpose>`, at most `maxLength` characters. */
  name(tier: Tier, purpose: string, maxLength = 64): string {
    return fitToLength(`${this.environmentPrefix()}${`${tier}-${purpose}`.toLowerCase()}`, maxLength);
  }

  /** A load balancer or target group name: the usual name within ELB_NAME_LIMIT. */
  elbName(tier: Tier, purpose: string): string {
    return this.name(tier, purpose, ELB_NAME_LIMIT);
  }

  /** A globally unique S3 bucket name: the account id is appended to the usual name. */
  bucketName(tier: Tier, purpose: string): string {
    const suffix = `-${this.props.accountId}`;
    return `${this.name(tier, purpose, MAX_BUCKET_NAME_LENGTH - suffix.length)}${suffix}`;
  }
}

function fitToLength(name: string, maxLength: number): string {
  if (name.length <= maxLength) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, HASH_LENGTH);
  const head = name.slice(0, maxLength - HASH_LENGTH - 1).replace(/-+$/, '');
  return `${head}-${hash}`;
}
