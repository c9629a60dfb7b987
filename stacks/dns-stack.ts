import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Construct } from 'constructs';
import { siteNames, WebPlatformConfig } from '../config/schema';
import { SiteCertificates } from '../constructs/dns/certificates';
import { ParentZoneDelegation } from '../constructs/dns/parent-delegation';
import { DNS_OUTPUT_NAMES, DnsOutputs } from '../constructs/dns-outputs';
import { publishTierOutputs } from '../constructs/tier-outputs';
import { TierStack } from './tier-stack';

const OUTPUT_DESCRIPTIONS: Record<keyof DnsOutputs, string> = {
  zoneId: 'ID of the public hosted zone of the environment domain.',
  nameServers: 'Name servers of the zone: the NS records a parent zone or registrar must delegate to.',
  regionalCertificateArn: 'ACM certificate in the home region (load balancer), issued.',
  globalCertificateArn: 'ACM certificate in us-east-1 (CloudFront), issued.',
};

/**
 * `<env>-dns`: the environment's public hosted zone (created, or an existing one from
 * `dns.hostedZoneId`), its delegation from a parent zone in another account when
 * configured, and the DNS-validated certificates for the load balancer and CloudFront.
 */
export class DnsStack extends TierStack {
  public readonly outputs: DnsOutputs;

  constructor(scope: Construct, config: WebPlatformConfig) {
    super(scope, { config, tier: 'dns' });
    const zone = config.dns.hostedZoneId
      ? new DataAwsRoute53Zone(this, 'zone', { zoneId: config.dns.hostedZoneId })
      : new Route53Zone(this, 'zone', { name: config.domain, comment: `Public zone of ${config.project} ${config.environment}` });

    const parent = config.dns.parentZone;
    if (parent?.roleArn) {
      new ParentZoneDelegation(this, 'delegation', {
        domain: config.domain,
        nameServers: zone.nameServers,
        parentZoneId: parent.zoneId,
        roleArn: parent.roleArn,
        region: config.region,
        ttlSeconds: config.dns.delegationTtlSeconds,
      });
    }

    // The validation records keep their fixed TTL of 300 (constructs/dns/certificates.ts), not
    // dns.recordTtlSeconds: their targets never change while the certificates exist.
    const certificates = new SiteCertificates(this, 'certificates', {
      zoneId: zone.zoneId,
      names: siteNames(config),
      regionalProvider: this.provider,
      globalProvider: this.globalProvider,
      name: this.naming.name('dns', 'site'),
    });

    this.outputs = {
      zoneId: zone.zoneId,
      nameServers: zone.nameServers,
      regionalCertificateArn: certificates.regionalCertificateArn,
      globalCertificateArn: certificates.globalCertificateArn,
    };
    publishTierOutputs<DnsOutputs>(this, DNS_OUTPUT_NAMES, this.outputs, OUTPUT_DESCRIPTIONS);
  }
}
