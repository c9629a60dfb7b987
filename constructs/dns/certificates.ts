import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Fn, TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';

export interface SiteCertificatesProps {
  /** Public hosted zone the validation records go in. */
  readonly zoneId: string;
  /** The names the certificates cover; the first is the subject, the rest alternative names. */
  readonly names: readonly string[];
  /** Provider in the home region: the load balancer's certificate. */
  readonly regionalProvider: AwsProvider;
  /** Provider in us-east-1: CloudFront only accepts certificates from there. */
  readonly globalProvider: AwsProvider;
  /** Name tag of both certificates. */
  readonly name: string;
}

/**
 * Two ACM certificates for the same names, validated by DNS: one in the home region for
 * the load balancer, one in us-east-1 for CloudFront. ACM gives the same validation CNAME
 * for the same name in one account, so one set of records validates both.
 * The ARNs are taken from the validation resources, so users wait until a certificate is issued.
 */
export class SiteCertificates extends Construct {
  public readonly regionalCertificateArn: string;
  public readonly globalCertificateArn: string;

  constructor(scope: Construct, id: string, props: SiteCertificatesProps) {
    super(scope, id);
    if (props.names.length === 0) throw new Error('SiteCertificates needs at least one name.');
    const [domainName, ...alternativeNames] = props.names;
    const certificate = (certificateId: string, provider: AwsProvider) =>
      new AcmCertificate(this, certificateId, {
        provider,
        domainName,
        subjectAlternativeNames: alternativeNames,
        validationMethod: 'DNS',
        keyAlgorithm: 'EC_prime256v1',
        lifecycle: { createBeforeDestroy: true },
        tags: { Name: props.name },
      });
    const regional = certificate('regional', props.regionalProvider);
    const global = certificate('global', props.globalProvider);

    // for_each runs over the configured names, known at plan time. Iterating the certificate's
    // validation options instead (TerraformIterator.fromComplexList) fails the first plan:
    // they hold values known only after apply, so Terraform cannot key the records by them.
    const names = TerraformIterator.fromList([...props.names]);
    const validationOption = (attribute: string) =>
      Token.asString(Fn.lookup(TerraformIterator.fromList(regional.domainValidationOptions).forExpressionForMap('val.domain_name', `val.${attribute}`), names.value));
    const records = new Route53Record(this, 'validation', {
      forEach: names,
      zoneId: props.zoneId,
      name: validationOption('resource_record_name'),
      type: validationOption('resource_record_type'),
      records: [validationOption('resource_record_value')],
      ttl: 300,
      allowOverwrite: true,
    });
    const fqdns = Token.asList(TerraformIterator.fromResources(records).pluckProperty('fqdn'));

    this.regionalCertificateArn = new AcmCertificateValidation(this, 'regional-validation', {
      provider: props.regionalProvider,
      certificateArn: regional.arn,
      validationRecordFqdns: fqdns,
    }).certificateArn;
    this.globalCertificateArn = new AcmCertificateValidation(this, 'global-validation', {
      provider: props.globalProvider,
      certificateArn: global.arn,
      validationRecordFqdns: fqdns,
    }).certificateArn;
  }
}
