import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { Construct } from 'constructs';
import { DatabaseEngine, offersPerformanceInsights } from '../../config/data';
import { DataNames } from './data-names';
import { spreadOverZones } from './placement';

/** Instance class of Aurora Serverless v2 instances. */
export const SERVERLESS_INSTANCE_CLASS = 'db.serverless';
/** Instance class when the config names neither a class nor Serverless v2: the smallest Graviton class both engines take. */
export const DEFAULT_INSTANCE_CLASS = 'db.t4g.medium';
/** Days of Performance Insights history that cost nothing. */
export const PERFORMANCE_INSIGHTS_FREE_DAYS = 7;
/** Promotion tier of the writer it is created with: promoted first when it comes back after a failover. */
const WRITER_PROMOTION_TIER = 0;
/**
 * Promotion tier of every reader: any reader can take over, and Serverless v2 readers in tiers 0
 * and 1 scale with the writer, so the one promoted is already as large as the writer was.
 */
const READER_PROMOTION_TIER = 1;

/** The instance class of every instance: `db.serverless` with Serverless v2, else the configured class or DEFAULT_INSTANCE_CLASS. */
export function auroraInstanceClass(instanceClass: string | undefined, serverless: boolean): string {
  return serverless ? SERVERLESS_INSTANCE_CLASS : (instanceClass ?? DEFAULT_INSTANCE_CLASS);
}


export interface AuroraInstancesProps {
  /** Physical names: instance `n` is `names.instanceIdentifier(n)`. */
  readonly names: DataNames;
  /** The cluster's identifier (a reference, so the instances wait for the cluster). */
  readonly clusterIdentifier: string;
  readonly engine: DatabaseEngine;
  /** The cluster's engine version (a reference: upgrades go through the cluster). */
  readonly engineVersion: string;
  /** Class of every instance (auroraInstanceClass). */
  readonly instanceClass: string;
  /** Reader instances beside the writer (0 to 15). */
  readonly readers: number;
  /** Zones in config order: the writer in the first, the readers round-robin after it. */
  readonly availabilityZones: readonly string[];
  /** The cluster's DB subnet group. */
  readonly subnetGroupName: string;
  /** Weekly maintenance window of every instance (the cluster's). */
  readonly maintenanceWindow: string;
  /** Performance Insights on every instance, with PERFORMANCE_INSIGHTS_FREE_DAYS of history. */
  readonly performanceInsights: boolean;
  /**
   * Customer-managed KMS key of the Performance Insights data.
   * @default the AWS managed key of RDS
   */
  readonly kmsKeyArn?: string;
}

/**
 * The cluster's instances: a writer in the first zone and `readers` readers spread over the zones
 * after it. Private (no public address), minor versions pinned like the cluster's. The readers wait
 * for the writer, so the instance created first, the writer, is always instance 1 in the first zone.
 */
export class AuroraInstances extends Construct {
  /** Instance identifiers, the writer first. */
  public readonly identifiers: string[];
  /** The zone of each instance, the writer first. */
  public readonly availabilityZones: string[];

  constructor(scope: Construct, id: string, props: AuroraInstancesProps) {
    super(scope, id);
    if (props.performanceInsights && !offersPerformanceInsights(props.engine, props.instanceClass)) {
      throw new Error(
        `data.database: Aurora MySQL has no Performance Insights on ${props.instanceClass}; set performanceInsights: false or an instanceClass of db.t4g.medium or larger`,
      );
    }
    this.availabilityZones = spreadOverZones(props.availabilityZones, props.readers + 1);
    // Construct ids and identifiers number the instances (1 is the writer it is created with), since
    // a failover can make any of them the writer; adding readers adds numbers, removing them drops the last.
    const instance = (index: number, writer?: RdsClusterInstance) =>
      new RdsClusterInstance(this, `instance-${index + 1}`, {
        identifier: props.names.instanceIdentifier(index + 1),
        clusterIdentifier: props.clusterIdentifier,
        engine: props.engine,
        engineVersion: props.engineVersion,
        instanceClass: props.instanceClass,
        availabilityZone: this.availabilityZones[index],
        dbSubnetGroupName: props.subnetGroupName,
        publiclyAccessible: false,
        promotionTier: index === 0 ? WRITER_PROMOTION_TIER : READER_PROMOTION_TIER,
        // The cluster pins the engine version in config: automatic minor upgrades would make every plan show drift.
        autoMinorVersionUpgrade: false,
        preferredMaintenanceWindow: props.maintenanceWindow,
        copyTagsToSnapshot: true,
        performanceInsightsEnabled: props.performanceInsights,
        performanceInsightsRetentionPeriod: props.performanceInsights ? PERFORMANCE_INSIGHTS_FREE_DAYS : undefined,
        performanceInsightsKmsKeyId: props.performanceInsights ? props.kmsKeyArn : undefined,
        dependsOn: writer && [writer],
      });
    const writer = instance(0);
    const readers = Array.from({ length: props.readers }, (_, n) => instance(n + 1, writer));
    this.identifiers = [writer, ...readers].map((created) => created.identifier);
  }
}
