import { Construct } from 'constructs';
import { EnvironmentConfig } from '../config/schema';
import { OutputNames, readTierOutputs } from './tier-outputs';

/** What the ops tier knows of the edge tier. */
export interface EdgeOutputs {
  /** The CloudFront distribution's id: the DistributionId dimension of its metrics, and what invalidations name. */
  readonly distributionId: string;
}

/** Output names of the `<env>-edge` stack. */
export const EDGE_OUTPUT_NAMES: OutputNames<EdgeOutputs> = {
  distributionId: 'distribution_id',
};

/** The edge tier's outputs, read from its remote state. */
export function readEdgeOutputs(scope: Construct, config: EnvironmentConfig): EdgeOutputs {
  return readTierOutputs<EdgeOutputs>(scope, config, 'edge', EDGE_OUTPUT_NAMES);
}
