import { Naming } from '../naming';

/** Longest DB cluster and DB instance identifier RDS accepts. */
export const RDS_IDENTIFIER_LIMIT = 63;
/** Longest replication group id ElastiCache accepts. */
export const CACHE_REPLICATION_GROUP_ID_LIMIT = 40;
/** Longest DB subnet group, DB cluster parameter group or ElastiCache subnet group name. */
const LONG_NAME_LIMIT = 255;
/** Longest Secrets Manager secret name. */
const SECRET_NAME_LIMIT = 512;

/**
 * The shape RDS and ElastiCache give their identifiers: a letter first, then letters, digits and
 * single hyphens, not ending with a hyphen (lower case, as both services store them).
 */
const IDENTIFIER_SHAPE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * An identifier from the usual `<project>-<env>-data-<purpose>` name, within `maxLength`: runs of
 * hyphens (a project such as `web--plat` would make them) become one, which RDS and ElastiCache require.
 */
function identifier(naming: Naming, purpose: string, maxLength: number): string {
  const name = naming.name('data', purpose, maxLength).replace(/-{2,}/g, '-');
  if (!IDENTIFIER_SHAPE.test(name)) {
    throw new Error(`data tier identifier ${JSON.stringify(name)} is not letters, digits and single hyphens starting with a letter: check the project and environment names`);
  }
  return name;
}

/**
 * Physical names of the data tier, all from the environment's Naming and within the services'
 * limits. Names are fixed strings (no random suffix), so the same config always names the same
 * cluster, and a name can appear in a log group's path before the resource exists.
 */
export class DataNames {
  /** Aurora cluster identifier, `<project>-<env>-data-aurora` (at most 63 characters). */
  public readonly clusterIdentifier: string;
  /** DB subnet group of the cluster. */
  public readonly databaseSubnetGroupName: string;
  /** Replication group id of the cache, `<project>-<env>-data-cache` (at most 40 characters). */
  public readonly cacheReplicationGroupId: string;
  /** ElastiCache subnet group of the replication group. */
  public readonly cacheSubnetGroupName: string;
  /** Secrets Manager secret holding the cache's AUTH token. */
  public readonly cacheAuthSecretName: string;

  constructor(private readonly naming: Naming) {
    this.clusterIdentifier = identifier(naming, 'aurora', RDS_IDENTIFIER_LIMIT);
    this.databaseSubnetGroupName = identifier(naming, 'aurora', LONG_NAME_LIMIT);
    this.cacheReplicationGroupId = identifier(naming, 'cache', CACHE_REPLICATION_GROUP_ID_LIMIT);
    this.cacheSubnetGroupName = identifier(naming, 'cache', LONG_NAME_LIMIT);
    this.cacheAuthSecretName = naming.name('data', 'cache-auth-token', SECRET_NAME_LIMIT);
  }

  /** Instance `n` of the cluster (1 is the writer it is created with), `<project>-<env>-data-aurora-<n>`. */
  instanceIdentifier(n: number): string {
    return identifier(this.naming, `aurora-${n}`, RDS_IDENTIFIER_LIMIT);
  }

  /**
   * The cluster parameter group of a family (`aurora-postgresql16`), the family in its name (dots as
   * hyphens): a new major version gets a new group instead of changing the family of one in use.
   */
  clusterParameterGroupName(family: string): string {
    return identifier(this.naming, family.replace(/\./g, '-'), LONG_NAME_LIMIT);
  }

  /**
   * The snapshot RDS takes when the cluster is destroyed: fixed, so destroying a re-created cluster
   * fails on the existing snapshot instead of silently piling up timestamped ones.
   */
  get finalSnapshotIdentifier(): string {
    return `${this.clusterIdentifier}-final`;
  }

  /** The log group RDS writes an exported log (`postgresql`, `error`, ...) of the cluster into: a name RDS fixes. */
  databaseLogGroupName(log: string): string {
    return `/aws/rds/cluster/${this.clusterIdentifier}/${log}`;
  }

  /** The log group the replication group delivers its slow log to. */
  get cacheSlowLogGroupName(): string {
    return `/aws/elasticache/${this.cacheReplicationGroupId}/slow-log`;
  }
}
