import { App } from 'cdktf';
import type { WebPlatformInput } from './support/fixtures';
import { DnsStack } from '../stacks/dns-stack';
import { testConfig } from './support/fixtures';
import { idUnder, onlyResource, refTo, resourcesOf, synthStack } from './support/synth';

function synthDns(change?: (input: WebPlatformInput) => void) {
  return synthStack(new DnsStack(new App(), testConfig(change)));
}

const byProvider = (resources: Record<string, Record<string, unknown>>) =>
  Object.fromEntries(Object.values(resources).map((resource) => [resource.provider, resource]));

describe('dns stack', () => {
  const json = synthDns();

  it('creates the public hosted zone of the domain', () => {
    expect(onlyResource(json, 'aws_route53_zone')).toMatchObject({ name: 'test.example.com' });
  });

  it('requests one certificate in the home region and one in us-east-1, each for the apex and www', () => {
    const certificates = byProvider(resourcesOf(json, 'aws_acm_certificate'));
    expect(Object.keys(certificates).sort()).toEqual(['aws', 'aws.global']);
    for (const certificate of Object.values(certificates)) {
      expect(certificate).toMatchObject({ domain_name: 'test.example.com', subject_alternative_names: ['www.test.example.com'], validation_method: 'DNS' });
    }
    const providers = json.provider?.aws as Record<string, unknown>[];
    expect(providers.find((provider) => provider.alias === 'global')).toMatchObject({ region: 'us-east-1', allowed_account_ids: ['123456789012'] });
    expect(providers.find((provider) => provider.alias === undefined)).toMatchObject({ region: 'eu-west-1' });
  });

  it('validates both certificates through DNS records in the zone', () => {
    const record = onlyResource(json, 'aws_route53_record');
    // Keyed by the configured names, known at plan time: keys taken from the validation options fail the first plan.
    expect(record.for_each).toBe('${toset(["test.example.com", "www.test.example.com"])}');
    const option = (attribute: string) => expect.stringMatching(new RegExp(`aws_acm_certificate\\.certificates_regional_\\w+\\.domain_validation_options\\)\\): val\\.domain_name => val\\.resource_record_${attribute} }\\[each\\.value\\]`));
    expect(record).toMatchObject({ name: option('name'), type: option('type'), records: [option('value')] });
    expect(record.zone_id).toMatch(/aws_route53_zone\.zone\.zone_id/);
    const validations = byProvider(resourcesOf(json, 'aws_acm_certificate_validation'));
    expect(Object.keys(validations).sort()).toEqual(['aws', 'aws.global']);
    for (const validation of Object.values(validations) as Record<string, unknown>[]) expect(validation.validation_record_fqdns).toMatch(/aws_route53_record\..*\.fqdn/);
  });

  it('publishes the zone, name servers and issued certificate ARNs', () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual(['global_certificate_arn', 'name_servers', 'regional_certificate_arn', 'zone_id']);
    expect(json.output?.regional_certificate_arn.value).toMatch(/aws_acm_certificate_validation\..*\.certificate_arn/);
  });

  it('publishes the zone\'s id and name servers and the ARNs of the validated certificates, each described', () => {
    const validated = (idPrefix: string) => refTo('aws_acm_certificate_validation', idUnder(json, 'aws_acm_certificate_validation', idPrefix), 'certificate_arn');
    expect(Object.fromEntries(Object.entries(json.output ?? {}).map(([name, output]) => [name, output.value]))).toEqual({
      zone_id: '${aws_route53_zone.zone.zone_id}',
      name_servers: '${aws_route53_zone.zone.name_servers}',
      regional_certificate_arn: validated('certificates_regional-validation_'),
      global_certificate_arn: validated('certificates_global-validation_'),
    });
    for (const output of Object.values(json.output ?? {})) expect(output.description).toMatch(/\w{3,}/);
  });

  it('names both certificates <project>-<env>-dns-site', () => {
    expect(Object.values(resourcesOf(json, 'aws_acm_certificate')).map((certificate) => certificate.tags)).toEqual([{ Name: 'webplat-test-dns-site' }, { Name: 'webplat-test-dns-site' }]);
  });

  it('writes no delegation unless a parent zone is configured', () => {
    expect(Object.values(resourcesOf(json, 'aws_route53_record')).filter((record) => record.type === 'NS')).toEqual([]);
  });

  it('delegates from a parent zone in another account through a role pinned to that account', () => {
    const delegated = synthDns((input) => {
      input.dns = { parentZone: { zoneId: 'Z0123456789EXAMPLEAB', roleArn: 'arn:aws:iam::999999999999:role/dns-delegation' } };
    });
    const ns = Object.values(resourcesOf(delegated, 'aws_route53_record')).find((record) => record.type === 'NS');
    expect(ns).toMatchObject({ provider: 'aws.parent-zone', zone_id: 'Z0123456789EXAMPLEAB', name: 'test.example.com' });
    expect(ns?.records).toMatch(/aws_route53_zone\.zone\.name_servers/);
    const parent = (delegated.provider?.aws as Record<string, unknown>[]).find((provider) => provider.alias === 'parent-zone');
    expect(parent).toMatchObject({
      allowed_account_ids: ['999999999999'],
      assume_role: [{ role_arn: 'arn:aws:iam::999999999999:role/dns-delegation' }],
    });
  });

  it('uses an existing zone when its id is configured', () => {
    const existing = synthDns((input) => {
      input.dns = { hostedZoneId: 'Z0EXISTING0ZONE' };
    });
    expect(resourcesOf(existing, 'aws_route53_zone')).toEqual({});
    expect(existing.data?.aws_route53_zone).toEqual({ zone: expect.objectContaining({ zone_id: 'Z0EXISTING0ZONE' }) });
  });
});
