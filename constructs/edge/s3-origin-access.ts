import { CloudfrontDistributionViewerCertificate } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { Construct } from 'constructs';
import { SecureBucket } from '../secure-bucket';

/** An Origin Access Control for S3 origins: CloudFront signs every request (SigV4), as `id` under `scope`. */
export function s3OriginAccessControl(scope: Construct, id: string, props: { readonly name: string; readonly description: string }): CloudfrontOriginAccessControl {
  return new CloudfrontOriginAccessControl(scope, id, {
    name: props.name,
    description: props.description,
    originAccessControlOriginType: 's3',
    signingBehavior: 'always',
    signingProtocol: 'sigv4',
  });
}

/** Lets one distribution, and nothing else through CloudFront, read the bucket's objects (OAC signs as cloudfront.amazonaws.com). */
export function letDistributionRead(bucket: SecureBucket, sid: string, distributionArn: string): void {
  bucket.addPolicyStatement({
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: 'cloudfront.amazonaws.com' },
    Action: 's3:GetObject',
    Resource: `${bucket.bucketArn}/*`,
    Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
  });
}

/** The site's names over HTTPS only: an issued us-east-1 certificate, SNI, TLSv1.2_2021 at least. */
export function httpsViewerCertificate(certificateArn: string): CloudfrontDistributionViewerCertificate {
  return { acmCertificateArn: certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' };
}
