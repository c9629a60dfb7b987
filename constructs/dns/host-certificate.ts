import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Construct } from 'constructs';

export interface HostCertificateProps {
  /** The one name the certificate covers. */
  readonly hostName: string;
  /** Public hosted zone the validation record goes in. */
  readonly zoneId: string;
  /**
   * Provider of the certificate: us-east-1 for CloudFront, the home region for a load balancer.
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
}

/**
 * An ACM certificate for one host name, validated by DNS. The ARN is taken from the validation
 * resource, so whatever uses it waits until the certificate is issued. One name means one
 * validation record, its count known at plan time.
 */
export class HostCertificate extends Construct {
  public readonly certificateArn: string;

  constructor(scope: Construct, id: string, props: HostCertificateProps) {
    super(scope, id);
    const certificate = new AcmCertificate(this, 'certificate', {
      provider: props.provider,
      domainName: props.hostName,
      validationMethod: 'DNS',
      keyAlgorithm: 'EC_prime256v1',
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: props.hostName },
    });
    const option = certificate.domainValidationOptions.get(0);
    const record = new Route53Record(this, 'validation', {
      zoneId: props.zoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: 300,
      allowOverwrite: true,
    });
    this.certificateArn = new AcmCertificateValidation(this, 'validation-wait', {
      provider: props.provider,
      certificateArn: certificate.arn,
      validationRecordFqdns: [record.fqdn],
    }).certificateArn;
  }
}
