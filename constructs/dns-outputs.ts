import { Construct } from 'constructs';
import { EnvironmentConfig } from '../config/schema';
import { OutputNames, readTierOutputs } from './tier-outputs';

/** What later tiers know of the environment's DNS zone and certificates. */
export interface DnsOutputs {
  readonly zoneId: string;
  readonly nameServers: string[];
  readonly regionalCertificateArn: string;
  readonly globalCertificateArn: string;
}

/** Output names of the `<env>-dns` stack. */
export const DNS_OUTPUT_NAMES: OutputNames<DnsOutputs> = {
  zoneId: 'zone_id',
  nameServers: 'name_servers',
  regionalCertificateArn: 'regional_certificate_arn',
  globalCertificateArn: 'global_certificate_arn',
};

/** The dns tier's outputs, read from its remote state. */
export function readDnsOutputs(scope: Construct, config: EnvironmentConfig): DnsOutputs {
  return readTierOutputs<DnsOutputs>(scope, config, 'dns', DNS_OUTPUT_NAMES, ['nameServers']);
}
