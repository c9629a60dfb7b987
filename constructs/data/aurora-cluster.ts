import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { Construct } from 'constructs';
import { DATABASE_LOG_EXPORTS, DatabaseConfig } from '../../config/data';
import { AuroraInstances, auroraInstanceClass } from './aurora-instances';
import { AuroraParameterGroup, clusterParameterFamily } from './aurora-parameter-group';
import { DataNames } from './data-names';

export interface AuroraClusterProps {
  /** Physical names of the data tier. */
  readonly names: DataNames;
  /** The validated `data.database` section, engine version resolved. */
  readonly database: DatabaseConfig;
  /** The private data subnets, one per zone. */
  readonly subnetIds: string[];
  /** Zones of the subnets in config order (instance placement). */
  readonly availabilityZones: readonly string[];
  /** The network tier's data security group, the only one on the cluster. */
  readonly securityGroupId: string;
  /** Port the cluster listens on (`network.ports.database`, which the security groups open). */
  readonly port: number;
  /**
   * Customer-managed KMS key of the exported log groups (`observability.kmsKeyArn`).
   * @default the CloudWatch Logs service key
   */
  readonly logsKmsKeyArn?: string;
}

/**
 * An Aurora cluster in the private data subnets, reachable through the data security group only:
 * storage encrypted, the master password generated and kept by RDS in Secrets Manager (never in
 * config, JSON or state), TLS required by its parameter group, backups and maintenance in their
 * windows, every engine log exported into log groups made here first with a retention (RDS would
 * otherwise create them keeping logs forever), and its writer and readers (AuroraInstances).
 */
export class AuroraCluster extends Construct {
  public readonly clusterIdentifier: string;
  /** DNS name of the writer endpoint. */
  public readonly endpoint: string;
  /** DNS name of the reader endpoint (the writer's while there are no readers). */
  public readonly readerEndpoint: string;
  /** ARN of the secret RDS manages for the master user (JSON with `username` and `password`). */
  public readonly masterUserSecretArn: string;
  /** The parameter group family, such as `aurora-postgresql16`. */
  public readonly parameterGroupFamily: string;
  /** Instance identifiers, the writer first. */
  public readonly instanceIdentifiers: string[];

  constructor(scope: Construct, id: string, props: AuroraClusterProps) {
    super(scope, id);
    const { database, names } = props;
    const kmsKeyArn = database.kmsKeyArn;

    const subnetGroup = new DbSubnetGroup(this, 'subnet-group', {
      name: names.databaseSubnetGroupName,
      description: 'Private data subnets of the Aurora cluster',
      subnetIds: props.subnetIds,
    });
    const family = clusterParameterFamily(database.engine, database.engineVersion);
    const parameters = new AuroraParameterGroup(this, 'parameters', {
      name: names.clusterParameterGroupName(family),
      engine: database.engine,
      family,
      requireTls: database.requireTls,
    });
    const logExports = [...DATABASE_LOG_EXPORTS[database.engine]];
    const logGroups = logExports.map(
      (log) => new CloudwatchLogGroup(this, `log-${log}`, { name: names.databaseLogGroupName(log), retentionInDays: database.logRetentionDays, kmsKeyId: props.logsKmsKeyArn }),
    );

    const cluster = new RdsCluster(this, 'cluster', {
      clusterIdentifier: names.clusterIdentifier,
      engine: database.engine,
      engineVersion: database.engineVersion,
      // The config pins the version: no major upgrade in place, and (on the instances) no automatic minor upgrade.
      allowMajorVersionUpgrade: false,
      databaseName: database.databaseName,
      masterUsername: database.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: kmsKeyArn,
      port: props.port,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [props.securityGroupId],
      dbClusterParameterGroupName: parameters.name,
      storageEncrypted: true,
      kmsKeyId: kmsKeyArn,
      backupRetentionPeriod: database.backupRetentionDays,
      preferredBackupWindow: database.backupWindow,
      preferredMaintenanceWindow: database.maintenanceWindow,
      copyTagsToSnapshot: true,
      deletionProtection: database.deletionProtection,
      skipFinalSnapshot: !database.finalSnapshot,
      finalSnapshotIdentifier: database.finalSnapshot ? names.finalSnapshotIdentifier : undefined,
      enabledCloudwatchLogsExports: logExports,
      serverlessv2ScalingConfiguration: database.serverless && { minCapacity: database.serverless.minCapacity, maxCapacity: database.serverless.maxCapacity },
      dependsOn: logGroups,
    });

    const instances = new AuroraInstances(this, 'instances', {
      names,
      clusterIdentifier: cluster.clusterIdentifier,
      engine: database.engine,
      engineVersion: cluster.engineVersion,
      instanceClass: auroraInstanceClass(database.instanceClass, database.serverless !== undefined),
      readers: database.readers,
      availabilityZones: props.availabilityZones,
      subnetGroupName: subnetGroup.name,
      maintenanceWindow: database.maintenanceWindow,
      performanceInsights: database.performanceInsights,
      kmsKeyArn,
    });

    this.clusterIdentifier = cluster.clusterIdentifier;
    this.endpoint = cluster.endpoint;
    this.readerEndpoint = cluster.readerEndpoint;
    this.masterUserSecretArn = cluster.masterUserSecret.get(0).secretArn;
    this.parameterGroupFamily = parameters.family;
    this.instanceIdentifiers = instances.identifiers;
  }
}
