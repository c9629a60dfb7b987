import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { S3BucketWebsiteConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-website-configuration';
import { Construct } from 'constructs';
import { s3WebsiteHostedZoneId } from '../../config/aws';
import { AccessLogTarget, SecureBucket } from '../secure-bucket';

export interface S3WebsiteEndpointProps {
  /** The site's host name: the bucket's name (the website endpoint finds the bucket by the Host header) and the alias record's. */
  readonly hostName: string;
  /** Public hosted zone the alias record goes in. */
  readonly zoneId: string;
  /** Region of the bucket (the stack's provider): picks the website endpoint's hosted zone for the alias. */
  readonly region: string;
  /** Object served for `/` and for every path ending in `/`. */
  readonly indexDocument: string;
  /** Object served, with status 404, for a key that does not exist. */
  readonly errorDocument: string;
  /** Days noncurrent object versions are kept. */
  readonly noncurrentVersionRetentionDays: number;
  /** Bucket taking the site bucket's server access logs, in the same region. */
  readonly accessLogs: AccessLogTarget;
  /** Why the bucket is public, shown in the policy report: name the config choice that asks for it. */
  readonly publicReason: string;
}

/**
 * A site served by S3's own website endpoint, HTTP only: a versioned, SSE-S3, access-logged bucket named
 * as the host name, open to anonymous `s3:GetObject` and nothing else (see SecureBucketProps.publicReads),
 * its website configuration with the index and error documents, and an alias A record for the host name
 * to the region's website endpoint. The endpoint has no IPv6 address, so there is no AAAA record.
 */
export class S3WebsiteEndpoint extends Construct {
  public readonly bucketName: string;
  /** The bucket's website endpoint, `<bucket>.s3-website<-|.><region>.amazonaws.com`. */
  public readonly websiteEndpoint: string;

  constructor(scope: Construct, id: string, props: S3WebsiteEndpointProps) {
    super(scope, id);
    const websiteZoneId = s3WebsiteHostedZoneId(props.region);
    if (websiteZoneId === undefined) {
      throw new Error(
        `S3WebsiteEndpoint: region "${props.region}" is not in config/aws/s3-website-zones.json, so the website endpoint's hosted zone is unknown: add it from the Amazon S3 website endpoints table, or serve the site through CloudFront.`,
      );
    }
    const bucket = new SecureBucket(this, 'bucket', {
      bucketName: props.hostName,
      noncurrentVersionRetentionDays: props.noncurrentVersionRetentionDays,
      accessLogs: props.accessLogs,
      publicReads: { reason: props.publicReason },
    });
    const website = new S3BucketWebsiteConfiguration(this, 'website', {
      bucket: bucket.bucketId,
      indexDocument: { suffix: props.indexDocument },
      errorDocument: { key: props.errorDocument },
    });
    new Route53Record(this, 'record', {
      zoneId: props.zoneId,
      name: props.hostName,
      type: 'A',
      alias: { name: website.websiteDomain, zoneId: websiteZoneId, evaluateTargetHealth: false },
    });
    this.bucketName = bucket.bucketName;
    this.websiteEndpoint = website.websiteEndpoint;
  }
}
