import { Construct } from 'constructs';
import { EnvironmentConfig } from '../config/schema';
import { OutputNames, readTierOutputs } from './tier-outputs';

/** What the edge tier knows of the app tier. */
export interface AppOutputs {
  readonly albDnsName: string;
  readonly originSecretArn: string;
}

/** Output names of the `<env>-app` stack. */
export const APP_OUTPUT_NAMES: OutputNames<AppOutputs> = {
  albDnsName: 'alb_dns_name',
  originSecretArn: 'origin_secret_arn',
};

/** The app tier's outputs, read from its remote state. */
export function readAppOutputs(scope: Construct, config: EnvironmentConfig): AppOutputs {
  return readTierOutputs<AppOutputs>(scope, config, 'app', APP_OUTPUT_NAMES);
}
