import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { EnvironmentConfig, StaticWebsiteConfig } from '../config/schema';
import { HostCertificate } from '../constructs/dns/host-certificate';
import { readDnsOutputs } from '../constructs/dns-outputs';
import { AliasRecords } from '../constructs/edge/alias-records';
import { EncryptionKeys } from '../constructs/encryption-keys';
import { CloudFrontAccessLogs, MAX_DELIVERY_NAME_LENGTH } from '../constructs/logging/cloudfront-logs';
import { AccessLogTarget, SecureBucket, serverAccessLogBucket } from '../constructs/secure-bucket';
import { MAX_WEBSITE_DISTRIBUTION_NAME_LENGTH, WebsiteDistribution } from '../constructs/website/website-distribution';
import { S3WebsiteEndpoint } from '../constructs/website/website-endpoint';
import { GLOBAL_REGION, TierStack } from './tier-stack';

/** Shown in the policy report beside the public bucket: the config choice that opened it. */
const PUBLIC_WEBSITE_REASON =
  'staticWebsite.mode: s3-website in the environment config: the S3 website endpoint serves the site to anonymous readers over HTTP; only s3:GetObject is public';

/** What either mode leaves for the outputs. */
interface ServedSite {
  readonly url: string;
  readonly bucketName: string;
}

/**
 * `<env>-website`: a static website from S3 on `staticWebsite.hostName`, served one of two ways.
 *
 * - `cloudfront` (the default): a private bucket (every public access block on; SSE-S3, or the
 *   environment's S3 key with `encryption.buckets.website: sse-kms`) that only this stack's CloudFront
 *   distribution may read, through Origin Access Control. HTTPS only, with a DNS-validated us-east-1
 *   certificate for the host name (TLSv1.2_2021, HTTP redirected); the index document for `/` and every
 *   path ending in `/`, the error document with status 404 for a missing key, security headers on every
 *   response, access logs (standard logging v2) into a bucket in us-east-1; A and AAAA alias records.
 *   No WAF: the distribution serves S3 objects only, with no application behind it for WAF's managed rules.
 * - `s3-website`: the bucket's own website endpoint, HTTP only. The bucket is named as the host name, anyone
 *   may `s3:GetObject` from it and do nothing else (every other request still needs TLS), always SSE-S3;
 *   the policy report lists the open bucket as an exception with the config choice as its reason. An A
 *   alias record points the host name at the region's website endpoint.
 *
 * Either way the bucket is versioned (old versions expire after `noncurrentVersionRetentionDays`) and logs
 * its access to a log bucket of this stack (kept `logRetentionDays`), and the records go into
 * `hostedZoneId`, or the web platform's zone (stack `<env>-dns`) when it is left out.
 */
export class WebsiteStack extends TierStack {
  constructor(scope: Construct, config: EnvironmentConfig, site: StaticWebsiteConfig) {
    super(scope, { config, tier: 'website' });
    const zoneId = site.hostedZoneId ?? readDnsOutputs(this, config).zoneId;
    const accessLogs = serverAccessLogBucket(this, 'access-logs', {
      bucketName: this.naming.bucketName('website', 's3-access-logs'),
      retentionDays: site.logRetentionDays,
      accountId: config.accountId,
    });
    const served = site.mode === 's3-website' ? this.websiteEndpoint(site, zoneId, accessLogs) : this.cloudFront(site, zoneId, accessLogs);

    new TerraformOutput(this, 'site_url', { value: served.url, description: `The site's address (${site.mode === 's3-website' ? 'HTTP only: the S3 website endpoint' : 'HTTPS, through CloudFront'}).` });
    new TerraformOutput(this, 'bucket_name', { value: served.bucketName, description: 'The bucket holding the site\'s files.' });
    new TerraformOutput(this, 'upload_command', {
      value: `aws s3 sync ./site s3://${served.bucketName}/`,
      description: 'Uploads the site from ./site (add --delete to remove files no longer there; old versions are kept for noncurrentVersionRetentionDays).',
    });
  }

  /** `cloudfront` mode: the private bucket, the distribution with its certificate, logs and records. */
  private cloudFront(site: StaticWebsiteConfig, zoneId: string, accessLogs: AccessLogTarget): ServedSite {
    const { config } = this;
    const bucket = new SecureBucket(this, 'content', {
      bucketName: site.bucketName ?? this.naming.bucketName('website', 'content'),
      noncurrentVersionRetentionDays: site.noncurrentVersionRetentionDays,
      kmsKeyArn: EncryptionKeys.bucket(this, config, 'website'),
      accessLogs,
    });
    const certificate = new HostCertificate(this, 'certificate', { hostName: site.hostName, zoneId, provider: this.globalProvider });
    const distribution = new WebsiteDistribution(this, 'cdn', {
      name: this.naming.name('website', 'site', MAX_WEBSITE_DISTRIBUTION_NAME_LENGTH),
      hostName: site.hostName,
      certificateArn: certificate.certificateArn,
      bucket,
      indexDocument: site.indexDocument,
      errorDocument: site.errorDocument,
      priceClass: site.priceClass,
    });
    new AliasRecords(this, 'records', { zoneId, names: [site.hostName], target: { dnsName: distribution.domainName, zoneId: distribution.hostedZoneId } });
    const cdnLogs = this.cdnLogs(site, distribution.distributionArn);

    new TerraformOutput(this, 'distribution_id', {
      value: distribution.distributionId,
      description: "CloudFront distribution id: after an upload, `aws cloudfront create-invalidation --distribution-id <id> --paths '/*'` drops cached copies.",
    });
    new TerraformOutput(this, 'cdn_log_bucket', { value: cdnLogs.bucketName, description: 'Bucket (us-east-1) of the CloudFront access logs (JSON under AWSLogs/<account>/CloudFront/<distribution id>/<yyyy>/<MM>/<dd>/<HH>/).' });
    return { url: `https://${site.hostName}/`, bucketName: bucket.bucketName };
  }

  /** CloudFront's access logs, in us-east-1 where their delivery source must be, into a bucket there that logs its access to a third. */
  private cdnLogs(site: StaticWebsiteConfig, distributionArn: string): CloudFrontAccessLogs {
    const provider = this.globalProvider;
    const accessLogs = serverAccessLogBucket(this, 'access-logs-us-east-1', {
      provider,
      bucketName: this.naming.bucketName('website', 's3-access-logs-use1'),
      retentionDays: site.logRetentionDays,
      accountId: this.config.accountId,
    });
    return new CloudFrontAccessLogs(this, 'cdn-logs', {
      provider,
      name: this.naming.name('website', 'cdn-access', MAX_DELIVERY_NAME_LENGTH),
      bucketName: this.naming.bucketName('website', 'cdn-logs'),
      distributionArn,
      retentionDays: site.logRetentionDays,
      accessLogs,
      accountId: this.config.accountId,
      region: GLOBAL_REGION,
    });
  }

  /** `s3-website` mode: the public bucket named as the host, its website configuration and the alias record. */
  private websiteEndpoint(site: StaticWebsiteConfig, zoneId: string, accessLogs: AccessLogTarget): ServedSite {
    const endpoint = new S3WebsiteEndpoint(this, 'site', {
      hostName: site.hostName,
      zoneId,
      region: this.config.region,
      indexDocument: site.indexDocument,
      errorDocument: site.errorDocument,
      noncurrentVersionRetentionDays: site.noncurrentVersionRetentionDays,
      accessLogs,
      publicReason: PUBLIC_WEBSITE_REASON,
    });
    new TerraformOutput(this, 'website_endpoint', { value: endpoint.websiteEndpoint, description: 'The bucket\'s S3 website endpoint (HTTP), reachable before the DNS record resolves.' });
    return { url: `http://${site.hostName}/`, bucketName: endpoint.bucketName };
  }
}
