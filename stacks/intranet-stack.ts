import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { EnvironmentConfig, InternalSiteConfig } from '../config/schema';
import { HostCertificate } from '../constructs/dns/host-certificate';
import { readDnsOutputs } from '../constructs/dns-outputs';
import { EndpointTargets } from '../constructs/intranet/endpoint-targets';
import { IntranetNaming } from '../constructs/intranet/intranet-naming';
import { OIDC_CLIENT_SECRET_VARIABLE, OidcSignIn } from '../constructs/intranet/oidc-sign-in';
import { SiteS3Endpoint } from '../constructs/intranet/s3-endpoint';
import { SiteSecurityGroups } from '../constructs/intranet/security-groups';
import { SiteBucket } from '../constructs/intranet/site-bucket';
import { SiteFirewall } from '../constructs/intranet/site-firewall';
import { SiteLoadBalancer } from '../constructs/intranet/site-load-balancer';
import { SiteNetwork } from '../constructs/intranet/site-network';
import { serverAccessLogBucket } from '../constructs/secure-bucket';
import { EncryptionKeys } from '../constructs/encryption-keys';
import { TierStack } from './tier-stack';

/**
 * `<env>-intranet`: an HTTPS site served from S3 through an application load balancer, with no web
 * servers (`systems: [internal-site]`).
 *
 * ```
 * browser ──HTTPS (Host: <hostName>)──> ALB :443 (internal by default; SG: the VPC and allowedCidrs)
 *    ├── optional OpenID Connect sign-in (authenticate-oidc, first action of every rule)
 *    ├── <hostName>, path ending in /  ──> 301 to <path>index.html
 *    ├── <hostName>                    ──HTTPS──> target group (ip) = the S3 interface endpoint's interface addresses
 *    │                                               └──> bucket <hostName> (policy: aws:SourceVpce = this endpoint only)
 *    └── any other host                ──> 404
 * ```
 *
 * A VPC of its own: one load balancer subnet and one endpoint subnet per zone, no internet gateway
 * unless `scheme: internet-facing` (then a regional WAF too). The bucket is named as the host because
 * the endpoint finds the bucket by the Host header. The OIDC client secret is the sensitive Terraform
 * variable `internal_site_oidc_client_secret` (export TF_VAR_internal_site_oidc_client_secret before
 * plan and apply); it is never in the configuration or this stack's JSON. With sign-in the load
 * balancer calls the provider's token and user info endpoints itself: an internal one reaches them
 * only where the VPC's routes lead to the provider.
 */
export class IntranetStack extends TierStack {
  constructor(scope: Construct, config: EnvironmentConfig, site: InternalSiteConfig) {
    super(scope, { config, tier: 'intranet' });
    const naming = new IntranetNaming(config);
    const internetFacing = site.scheme === 'internet-facing';
    const bucketName = site.bucketName ?? site.hostName;
    const zoneId = site.hostedZoneId ?? readDnsOutputs(this, config).zoneId;

    const network = new SiteNetwork(this, 'network', {
      naming,
      accountId: config.accountId,
      cidr: site.vpc.cidr,
      availabilityZones: site.vpc.availabilityZones,
      albSubnetCidrs: site.vpc.albSubnets,
      endpointSubnetCidrs: site.vpc.endpointSubnets,
      internetFacing,
      flowLogRetentionDays: site.logRetentionDays,
      logsKmsKeyArn: EncryptionKeys.logs(this, config),
    });
    const groups = new SiteSecurityGroups(this, 'security-groups', {
      naming,
      vpcId: network.vpcId,
      vpcCidr: site.vpc.cidr,
      allowedCidrs: site.allowedCidrs,
      identityProviderEgress: site.oidc !== undefined,
    });
    const endpoint = new SiteS3Endpoint(this, 's3-endpoint', {
      naming,
      vpcId: network.vpcId,
      region: config.region,
      subnetIds: network.endpointSubnetIds,
      securityGroupId: groups.endpointSecurityGroupId,
      bucketName,
    });
    const targets = new EndpointTargets(this, 'targets', {
      name: naming.elbName('intranet', 'site'),
      vpcId: network.vpcId,
      networkInterfaceIds: endpoint.networkInterfaceIds,
      interfaceCount: site.vpc.endpointSubnets.length,
      healthCheckCodes: site.healthCheckCodes,
    });

    const s3AccessLogs = serverAccessLogBucket(this, 's3-access-logs', {
      bucketName: naming.bucketName('intranet', 's3-access-logs'),
      retentionDays: site.logRetentionDays,
      accountId: config.accountId,
    });
    const bucket = new SiteBucket(this, 'site-bucket', { bucketName, endpointId: endpoint.endpointId, accessLogs: s3AccessLogs });

    const certificate = new HostCertificate(this, 'certificate', { hostName: site.hostName, zoneId });
    const alb = new SiteLoadBalancer(this, 'alb', {
      name: naming.elbName('intranet', 'alb'),
      internal: !internetFacing,
      subnetIds: network.albSubnetIds,
      securityGroupId: groups.albSecurityGroupId,
      hostName: site.hostName,
      certificateArn: certificate.certificateArn,
      targetGroupArn: targets.targetGroupArn,
      logBucketName: naming.bucketName('intranet', 'alb-logs'),
      logRetentionDays: site.logRetentionDays,
      serverAccessLogs: s3AccessLogs,
      region: config.region,
      accountId: config.accountId,
      deletionProtection: config.production,
      signIn: site.oidc === undefined ? undefined : new OidcSignIn(this, 'oidc', { oidc: site.oidc }),
      dependsOn: network.internetAccess,
    });
    if (internetFacing) {
      new SiteFirewall(this, 'waf', {
        naming,
        loadBalancerArn: alb.loadBalancerArn,
        logRetentionDays: site.logRetentionDays,
        serverAccessLogs: s3AccessLogs,
        region: config.region,
        accountId: config.accountId,
      });
    }

    new Route53Record(this, 'alias', {
      zoneId,
      name: site.hostName,
      type: 'A',
      alias: { name: alb.dnsName, zoneId: alb.zoneId, evaluateTargetHealth: true },
    });

    const output = (id: string, value: string, description: string) => new TerraformOutput(this, id, { value, description });
    output('site_url', `https://${site.hostName}/`, `The site${internetFacing ? '' : ', reachable from the VPC and internalSite.allowedCidrs only'}${site.oidc ? ', after OpenID Connect sign-in' : ''}.`);
    output('bucket_name', bucket.bucketName, 'Bucket of the site\'s files (named as the host); readers reach it only through the S3 endpoint.');
    output('alb_dns_name', alb.dnsName, `DNS name of the ${internetFacing ? 'internet-facing' : 'internal'} load balancer; the alias record ${site.hostName} points at it.`);
    output('endpoint_id', endpoint.endpointId, 'The S3 interface endpoint the load balancer forwards to; the bucket policy admits reads through it alone (aws:SourceVpce).');
    output(
      'upload_command',
      `aws s3 sync ./site s3://${bucketName}/`,
      `Uploads the folder ./site to the site (with the account's credentials, from anywhere).${site.oidc ? ` Plan and apply with TF_VAR_${OIDC_CLIENT_SECRET_VARIABLE} set.` : ''}`,
    );
  }
}
