import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { SiteCertificates } from '../constructs/dns/certificates';
import { HostCertificate } from '../constructs/dns/host-certificate';
import { ParentZoneDelegation } from '../constructs/dns/parent-delegation';
import { idUnder, onlyResource, refTo, resourcesOf, synthStack } from './support/synth';

/** ACM's name for an ECDSA certificate on the P-256 curve ("KeyAlgorithm" in the ACM API reference, RequestCertificate). */
const ECDSA_P256 = 'EC_prime256v1';

function testStack() {
  const stack = new TerraformStack(Testing.app(), 'certificates');
  const regionalProvider = new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const globalProvider = new AwsProvider(stack, 'aws-global', { region: 'us-east-1', alias: 'global' });
  return { stack, regionalProvider, globalProvider };
}

describe('site certificates', () => {
  const { stack, regionalProvider, globalProvider } = testStack();
  new SiteCertificates(stack, 'certificates', { zoneId: 'Z0SITEZONE', names: ['example.com', 'www.example.com'], regionalProvider, globalProvider, name: 'site-cert' });
  const json = synthStack(stack);
  const certificates = resourcesOf(json, 'aws_acm_certificate');

  it('requests both certificates with an ECDSA P-256 key, replaced before the old one is destroyed, tagged with the given name', () => {
    expect(Object.keys(certificates).sort()).toEqual([idUnder(json, 'aws_acm_certificate', 'certificates_global'), idUnder(json, 'aws_acm_certificate', 'certificates_regional')]);
    for (const certificate of Object.values(certificates)) {
      expect(certificate).toMatchObject({ key_algorithm: ECDSA_P256, tags: { Name: 'site-cert' } });
      // The load balancer and the distribution keep using the certificate: the new one must exist first.
      expect(certificate.lifecycle).toEqual({ create_before_destroy: true });
    }
  });

  it('writes the validation records over any left by an earlier certificate for the same names', () => {
    expect(onlyResource(json, 'aws_route53_record')).toMatchObject({ zone_id: 'Z0SITEZONE', ttl: 300, allow_overwrite: true });
  });

  it('refuses an empty list of names', () => {
    const empty = testStack();
    expect(() => new SiteCertificates(empty.stack, 'certificates', { zoneId: 'Z0SITEZONE', names: [], regionalProvider: empty.regionalProvider, globalProvider: empty.globalProvider, name: 'site-cert' })).toThrow(
      'SiteCertificates needs at least one name.',
    );
  });
});

describe('host certificate', () => {
  const { stack, globalProvider } = testStack();
  new HostCertificate(stack, 'host', { hostName: 'files.example.com', zoneId: 'Z0HOSTZONE', provider: globalProvider });
  const json = synthStack(stack);
  const certificateId = idUnder(json, 'aws_acm_certificate', 'host_certificate');
  const recordId = idUnder(json, 'aws_route53_record', 'host_validation');

  it('requests an ECDSA P-256 certificate for the one name, replaced before the old one is destroyed, tagged with the name', () => {
    const certificate = onlyResource(json, 'aws_acm_certificate');
    expect(certificate).toMatchObject({ provider: 'aws.global', domain_name: 'files.example.com', validation_method: 'DNS', key_algorithm: ECDSA_P256, tags: { Name: 'files.example.com' } });
    expect(certificate.lifecycle).toEqual({ create_before_destroy: true });
  });

  it('writes the one validation record ACM asks for, overwriting a record left by an earlier certificate', () => {
    // domain_validation_options is a set: its one element is read through tolist.
    const option = `\${tolist(aws_acm_certificate.${certificateId}.domain_validation_options).0`;
    expect(onlyResource(json, 'aws_route53_record')).toEqual({
      zone_id: 'Z0HOSTZONE',
      name: `${option}.resource_record_name}`,
      type: `${option}.resource_record_type}`,
      records: [`${option}.resource_record_value}`],
      ttl: 300,
      allow_overwrite: true,
    });
  });

  it('waits for validation through that record', () => {
    expect(onlyResource(json, 'aws_acm_certificate_validation')).toMatchObject({
      provider: 'aws.global',
      certificate_arn: refTo('aws_acm_certificate', certificateId, 'arn'),
      validation_record_fqdns: [refTo('aws_route53_record', recordId, 'fqdn')],
    });
  });
});

describe('parent zone delegation', () => {
  it('assumes the role in the parent account under the session name dns-delegation', () => {
    const { stack } = testStack();
    new ParentZoneDelegation(stack, 'delegation', {
      domain: 'stg.example.com',
      nameServers: ['ns-1.awsdns-01.org'],
      parentZoneId: 'Z0PARENT',
      roleArn: 'arn:aws:iam::999999999999:role/dns-delegation-writer',
      region: 'eu-west-1',
    });
    const parent = synthStack(stack).provider?.aws.find((provider) => provider.alias === 'parent-zone');
    expect(parent).toMatchObject({
      region: 'eu-west-1',
      allowed_account_ids: ['999999999999'],
      assume_role: [{ role_arn: 'arn:aws:iam::999999999999:role/dns-delegation-writer', session_name: 'dns-delegation' }],
    });
  });
});
