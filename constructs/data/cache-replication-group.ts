import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { Construct } from 'constructs';
import { CacheConfig } from '../../config/data';
import { DataNames } from './data-names';
import { spreadOverZones } from './placement';

export interface CacheReplicationGroupProps {
  /** Physical names of the data tier. */
  readonly names: DataNames;
  /** The validated `data.cache` section, engine version resolved. */
  readonly cache: CacheConfig;
  /** The private data subnets, one per zone. */
  readonly subnetIds: string[];
  /** Zones of the subnets in config order: the primary in the first, replicas round-robin after it. */
  readonly availabilityZones: readonly string[];
  /** The network tier's cache security group, the only one on the group. */
  readonly securityGroupId: string;
  /** Port the nodes listen on (`network.ports.cache`, which the security groups open). */
  readonly port: number;
  /** Reference to the AUTH token (CacheAuthToken), never a literal. */
  readonly authToken: string;
  /** Days the slow log is kept in CloudWatch Logs. */
  readonly logRetentionDays: number;
  /**
   * Customer-managed KMS key of the slow log group (`observability.kmsKeyArn`).
   * @default the CloudWatch Logs service key
   */
  readonly logsKmsKeyArn?: string;
}

/**
 * A Redis or Valkey replication group with cluster mode disabled (one shard: a primary and
 * `replicas` replicas spread over the zones) in the private data subnets, reachable through the
 * cache security group only: encrypted at rest and in transit, AUTH required, snapshots and
 * maintenance in their windows, failover with Multi-AZ when configured, and the slow log delivered
 * to a log group with a retention.
 */
export class CacheReplicationGroup extends Construct {
  public readonly replicationGroupId: string;
  /** DNS name of the primary endpoint (follows the primary on failover). */
  public readonly primaryEndpointAddress: string;
  /** The zone of each node, the primary first. */
  public readonly availabilityZones: string[];

  constructor(scope: Construct, id: string, props: CacheReplicationGroupProps) {
    super(scope, id);
    const { cache, names } = props;
    this.availabilityZones = spreadOverZones(props.availabilityZones, cache.replicas + 1);

    const subnetGroup = new ElasticacheSubnetGroup(this, 'subnet-group', {
      name: names.cacheSubnetGroupName,
      description: 'Private data subnets of the cache',
      subnetIds: props.subnetIds,
    });
    const slowLog = new CloudwatchLogGroup(this, 'slow-log', {
      name: names.cacheSlowLogGroupName,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKmsKeyArn,
    });

    const group = new ElasticacheReplicationGroup(this, 'group', {
      replicationGroupId: names.cacheReplicationGroupId,
      description: `${cache.engine} cache of the data tier`,
      engine: cache.engine,
      engineVersion: cache.engineVersion,
      // The config pins major.minor: an automatic minor upgrade would make every plan show drift.
      autoMinorVersionUpgrade: 'false',
      nodeType: cache.nodeType,
      port: props.port,
      numCacheClusters: cache.replicas + 1,
      preferredCacheClusterAzs: this.availabilityZones,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [props.securityGroupId],
      atRestEncryptionEnabled: 'true',
      kmsKeyId: cache.kmsKeyArn,
      transitEncryptionEnabled: true,
      authToken: props.authToken,
      automaticFailoverEnabled: cache.automaticFailover,
      multiAzEnabled: cache.automaticFailover,
      snapshotRetentionLimit: cache.snapshotRetentionDays,
      // Without snapshots the window means nothing, and the config rules do not keep it apart from maintenance.
      snapshotWindow: cache.snapshotRetentionDays > 0 ? cache.snapshotWindow : undefined,
      maintenanceWindow: cache.maintenanceWindow,
      logDeliveryConfiguration: [{ destination: slowLog.name, destinationType: 'cloudwatch-logs', logFormat: 'json', logType: 'slow-log' }],
    });
    this.replicationGroupId = group.replicationGroupId;
    this.primaryEndpointAddress = group.primaryEndpointAddress;
  }
}
