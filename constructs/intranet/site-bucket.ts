import { Construct } from 'constructs';
import { AccessLogTarget, SecureBucket } from '../secure-bucket';

export interface SiteBucketProps {
  /** The bucket's name: the site's host name, since the endpoint finds the bucket by the Host header. */
  readonly bucketName: string;
  /** The S3 interface endpoint the site is read through: the only way in for readers. */
  readonly endpointId: string;
  /** The bucket taking its server access logs. */
  readonly accessLogs: AccessLogTarget;
}

/**
 * The site's content: a SecureBucket (all public access blocked, owner-enforced, TLS only), versioned,
 * SSE-S3 (readers come through the endpoint anonymously and could not decrypt with a KMS key), with
 * server access logs. Its policy lets anyone read objects, but only through the site's endpoint
 * (`aws:SourceVpce`); S3 does not judge a policy fixed to one endpoint public, so the public access
 * block stays fully on. Writes need the account's own IAM permissions, from anywhere.
 */
export class SiteBucket extends Construct {
  public readonly bucketName: string;
  public readonly bucketArn: string;

  constructor(scope: Construct, id: string, props: SiteBucketProps) {
    super(scope, id);
    const bucket = new SecureBucket(this, 'bucket', { bucketName: props.bucketName, versioned: true, accessLogs: props.accessLogs });
    bucket.addPolicyStatement({
      Sid: 'ReadThroughSiteEndpoint',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `${bucket.bucketArn}/*`,
      Condition: { StringEquals: { 'aws:SourceVpce': props.endpointId } },
    });
    this.bucketName = bucket.bucketName;
    this.bucketArn = bucket.bucketArn;
  }
}
