import { Construct } from 'constructs';
import { EnvironmentConfig } from '../config/schema';
import { OutputNames, readTierOutputs } from './tier-outputs';

/**
 * The names of the outputs the `<env>-network` stack publishes for later tiers.
 * Both sides use this map, so a renamed output breaks at compile time, not at plan time.
 */
export const NETWORK_OUTPUT_NAMES: OutputNames<NetworkOutputs> = {
  vpcId: 'vpc_id',
  vpcCidr: 'vpc_cidr',
  publicSubnetIds: 'public_subnet_ids',
  privateAppSubnetIds: 'private_app_subnet_ids',
  privateDataSubnetIds: 'private_data_subnet_ids',
  albSecurityGroupId: 'alb_security_group_id',
  appSecurityGroupId: 'app_security_group_id',
  dataSecurityGroupId: 'data_security_group_id',
  cacheSecurityGroupId: 'cache_security_group_id',
  endpointsSecurityGroupId: 'endpoints_security_group_id',
  privateZoneId: 'private_zone_id',
  privateZoneName: 'private_zone_name',
};

/** What later tiers know of the network, as Terraform references. */
export interface NetworkOutputs {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly publicSubnetIds: string[];
  readonly privateAppSubnetIds: string[];
  readonly privateDataSubnetIds: string[];
  readonly albSecurityGroupId: string;
  readonly appSecurityGroupId: string;
  readonly dataSecurityGroupId: string;
  readonly cacheSecurityGroupId: string;
  readonly endpointsSecurityGroupId: string;
  readonly privateZoneId: string;
  readonly privateZoneName: string;
}

/**
 * The network's outputs read from its remote state (one terraform_remote_state data
 * source), for a stack of a later tier of the same environment.
 */
export function readNetworkOutputs(scope: Construct, config: EnvironmentConfig): NetworkOutputs {
  return readTierOutputs<NetworkOutputs>(scope, config, 'network', NETWORK_OUTPUT_NAMES, ['publicSubnetIds', 'privateAppSubnetIds', 'privateDataSubnetIds']);
}
