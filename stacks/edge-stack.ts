import { DataAwsSecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { siteNames, WebPlatformConfig } from '../config/schema';
import { ORIGIN_HEADER_NAME } from '../constructs/app/origin-secret';
import { readAppOutputs } from '../constructs/app-outputs';
import { readDnsOutputs } from '../constructs/dns-outputs';
import { AliasRecords } from '../constructs/edge/alias-records';
import { cachedPathsOf } from '../constructs/edge/cached-paths';
import { HostGuardFunction } from '../constructs/edge/host-guard-function';
import { SiteDistribution } from '../constructs/edge/site-distribution';
import { uploadsBucketName } from '../constructs/edge/uploads-location';
import { suppressPolicy } from '../constructs/policy/suppressions';
import { SecureBucket, serverAccessLogBucket } from '../constructs/secure-bucket';
import { ManagedWebAcl } from '../constructs/waf/managed-web-acl';
import { CloudFrontAccessLogs, MAX_DELIVERY_NAME_LENGTH } from '../constructs/logging/cloudfront-logs';
import { MAX_WAF_LOGS_NAME_LENGTH, WafLogs } from '../constructs/logging/waf-logs';
import { GLOBAL_REGION, TierStack } from './tier-stack';
import { edgeWebAclRules } from '../constructs/waf/web-acl-rules';
import { EncryptionKeys } from '../constructs/encryption-keys';

/**
 * `<env>-edge`: what viewers reach. The CloudFront distribution (uploads from a private
 * bucket through OAC, everything else from the app tier's load balancer with the secret
 * header), the global WAF, the host guard, and the site's alias records.
 */
export class EdgeStack extends TierStack {
  constructor(scope: Construct, config: WebPlatformConfig) {
    super(scope, { config, tier: 'edge' });
    const dns = readDnsOutputs(this, config);
    const app = readAppOutputs(this, config);
    const names = siteNames(config);

    const accessLogs = serverAccessLogBucket(this, 'access-logs', {
      bucketName: this.naming.bucketName('edge', 's3-access-logs'),
      retentionDays: config.app.accessLogRetentionDays,
      accountId: config.accountId,
    });
    const uploads = new SecureBucket(this, 'uploads', {
      bucketName: uploadsBucketName(this.naming),
      versioned: config.edge.uploadsVersioning,
      noncurrentVersionRetentionDays: config.edge.uploadsVersioning ? 90 : undefined,
      kmsKeyArn: EncryptionKeys.bucket(this, config, 'uploads'),
      accessLogs,
    });
    if (!config.edge.uploadsVersioning) {
      suppressPolicy(uploads, 'S3-VERSIONING', 'edge.uploadsVersioning is false in the environment config: uploads can be restored from the web servers');
    }

    const originSecret = new DataAwsSecretsmanagerSecretVersion(this, 'origin-secret', { secretId: app.originSecretArn });
    const waf = new ManagedWebAcl(this, 'waf', {
      provider: this.globalProvider,
      name: this.naming.name('edge', 'waf', 128),
      ...edgeWebAclRules(config.edge, 'CLOUDFRONT'),
    });
    const hostGuard = new HostGuardFunction(this, 'host-guard', { name: this.naming.name('edge', 'host-guard'), allowedHosts: names });
    const distribution = new SiteDistribution(this, 'cdn', {
      name: this.naming.name('edge', 'site'),
      aliases: names,
      certificateArn: dns.globalCertificateArn,
      albDnsName: app.albDnsName,
      originHeader: { name: ORIGIN_HEADER_NAME, value: originSecret.secretString },
      uploadsBucket: uploads,
      webAclArn: waf.webAclArn,
      hostGuardFunctionArn: hostGuard.functionArn,
      priceClass: config.edge.priceClass,
      cachedPaths: cachedPathsOf(config.edge),
    });
    this.logs(config, waf.webAclArn, distribution.distributionArn);
    new AliasRecords(this, 'records', {
      zoneId: dns.zoneId,
      names,
      target: { dnsName: distribution.domainName, zoneId: distribution.hostedZoneId },
    });

    new TerraformOutput(this, 'distribution_id', { value: distribution.distributionId, description: 'CloudFront distribution id (for invalidations).' });
    new TerraformOutput(this, 'distribution_domain_name', { value: distribution.domainName, description: 'The distribution\'s *.cloudfront.net name (answers 403: only the site names are served).' });
    new TerraformOutput(this, 'uploads_bucket', { value: uploads.bucketName, description: 'Private bucket served under /wp-content/uploads/*; the web servers sync uploads into it.' });
  }

  /**
   * The CloudFront WAF's logs through Firehose and CloudFront's access logs (standard logging v2), both
   * in us-east-1 where their sources are, into buckets there that log their access to a third.
   */
  private logs(config: WebPlatformConfig, webAclArn: string, distributionArn: string): void {
    const accessLogs = serverAccessLogBucket(this, 'access-logs-us-east-1', {
      provider: this.globalProvider,
      bucketName: this.naming.bucketName('edge', 's3-access-logs-use1'),
      retentionDays: config.app.accessLogRetentionDays,
      accountId: config.accountId,
    });
    const wafLogs = new WafLogs(this, 'waf-logs', {
      provider: this.globalProvider,
      name: this.naming.name('edge', 'waf', MAX_WAF_LOGS_NAME_LENGTH),
      bucketName: this.naming.bucketName('edge', 'waf-logs'),
      webAclArn,
      scope: 'CLOUDFRONT',
      redactedHeaders: config.edge.logs.redactedHeaders,
      retentionDays: config.edge.logs.retentionDays,
      accessLogs,
      accountId: config.accountId,
      region: GLOBAL_REGION,
    });
    const cdnLogs = new CloudFrontAccessLogs(this, 'cdn-logs', {
      provider: this.globalProvider,
      name: this.naming.name('edge', 'cdn-access', MAX_DELIVERY_NAME_LENGTH),
      bucketName: this.naming.bucketName('edge', 'cdn-logs'),
      distributionArn,
      retentionDays: config.edge.logs.retentionDays,
      accessLogs,
      accountId: config.accountId,
      region: GLOBAL_REGION,
    });
    new TerraformOutput(this, 'waf_log_bucket', { value: wafLogs.bucketName, description: 'Bucket (us-east-1) of the CloudFront WAF\'s logs (GZIP JSON under waf/<yyyy>/<MM>/<dd>/<HH>/).' });
    new TerraformOutput(this, 'waf_log_stream', { value: wafLogs.streamName, description: 'Firehose stream (aws-waf-logs-*, us-east-1) the CloudFront WAF logs through.' });
    new TerraformOutput(this, 'cdn_log_bucket', { value: cdnLogs.bucketName, description: 'Bucket (us-east-1) of the CloudFront access logs (JSON under AWSLogs/<account>/CloudFront/<distribution id>/<yyyy>/<MM>/<dd>/<HH>/).' });
  }
}
