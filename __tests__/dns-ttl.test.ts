import { App } from 'cdktf';
import { DnsStack } from '../stacks/dns-stack';
import { buildEnvironmentStacks } from '../stacks/environment-stacks';
import { ConfigDir } from './support/config-dir';
import type { WebPlatformInput } from './support/fixtures';
import { testConfig } from './support/fixtures';
import { resourcesOf, synthStack } from './support/synth';

const PARENT_ZONE = { zoneId: 'Z0123456789EXAMPLEAB', roleArn: 'arn:aws:iam::999999999999:role/dns-delegation' };

/** The records of the dns stack after `change`, keyed by record type (validation records by their for_each). */
function dnsRecords(change: (input: WebPlatformInput) => void) {
  const records = Object.values(resourcesOf(synthStack(new DnsStack(new App(), testConfig(change))), 'aws_route53_record'));
  return { ns: records.find((record) => record.type === 'NS'), validation: records.find((record) => record.for_each !== undefined) };
}

describe('DNS TTL settings', () => {
  let dir: ConfigDir;
  beforeEach(() => (dir = new ConfigDir()));
  afterEach(() => dir.remove());

  it('default to 60 seconds for changing records and two days for the delegation', () => {
    expect(dir.loadWith(() => undefined).dns).toMatchObject({ recordTtlSeconds: 60, delegationTtlSeconds: 172800 });
  });

  it.each(['recordTtlSeconds', 'delegationTtlSeconds'])('accept 0 and a week (604800) for %s', (key) => {
    expect(dir.loadWith((input) => (input.dns = { [key]: 0 })).dns).toMatchObject({ [key]: 0 });
    expect(dir.loadWith((input) => (input.dns = { [key]: 604800 })).dns).toMatchObject({ [key]: 604800 });
  });

  it.each(['recordTtlSeconds', 'delegationTtlSeconds'])('refuse a negative %s', (key) => {
    expect(dir.problemsFor((input) => (input.dns = { [key]: -1 }))).toEqual([
      { field: `dns.${key}`, received: '-1', expected: 'expected at least 0' },
    ]);
  });

  it.each(['recordTtlSeconds', 'delegationTtlSeconds'])('refuse a %s over a week', (key) => {
    expect(dir.problemsFor((input) => (input.dns = { [key]: 604801 }))).toEqual([{ field: `dns.${key}`, received: '604801', expected: 'expected at most 604800 seconds (a week)' }]);
  });

  it.each(['recordTtlSeconds', 'delegationTtlSeconds'])('refuse a %s that is not a whole number of seconds', (key) => {
    expect(dir.problemsFor((input) => (input.dns = { [key]: 60.5 }))).toEqual([expect.objectContaining({ field: `dns.${key}`, received: '60.5' })]);
  });
});

describe('delegation TTL', () => {
  it('writes the NS records into the parent zone with two days by default', () => {
    expect(dnsRecords((input) => (input.dns = { parentZone: PARENT_ZONE })).ns).toMatchObject({ type: 'NS', zone_id: PARENT_ZONE.zoneId, ttl: 172800 });
  });

  it('writes them with the configured dns.delegationTtlSeconds', () => {
    const { ns, validation } = dnsRecords((input) => (input.dns = { parentZone: PARENT_ZONE, delegationTtlSeconds: 3600, recordTtlSeconds: 5 }));
    expect(ns).toMatchObject({ type: 'NS', zone_id: PARENT_ZONE.zoneId, ttl: 3600 });
    // Certificate validation records point at fixed ACM targets: they keep 300 whatever recordTtlSeconds says.
    expect(validation?.ttl).toBe(300);
  });
});

describe('every DNS record of every system', () => {
  const config = testConfig((input) => {
    input.dns = { parentZone: PARENT_ZONE, recordTtlSeconds: 45, delegationTtlSeconds: 3600 };
    input.systems = ['web-platform', 'sandbox'];
    input.sandbox = { cidr: '10.20.0.0/24', availabilityZone: 'eu-west-1a', publicSubnet: '10.20.0.0/26', privateSubnet: '10.20.0.64/26' };
  });
  const records = buildEnvironmentStacks(new App(), config).flatMap((stack) =>
    Object.entries(resourcesOf(synthStack(stack), 'aws_route53_record')).map(([id, record]) => ({ stack: stack.node.id, id, record })),
  );

  it('is an alias (no TTL) or carries the TTL its kind takes from config', () => {
    const ttls = records.map(({ stack, id, record }) => {
      if (record.alias !== undefined) return { stack, id, kind: 'alias', ttl: record.ttl };
      if (record.type === 'NS') return { stack, id, kind: 'delegation', ttl: record.ttl, expected: 3600 };
      if (String(record.name).includes('domain_validation_options')) return { stack, id, kind: 'certificate validation', ttl: record.ttl, expected: 300 };
      return { stack, id, kind: 'changing target', ttl: record.ttl, expected: 45 };
    });
    for (const entry of ttls) expect(entry).toEqual(entry.kind === 'alias' ? { ...entry, ttl: undefined } : { ...entry, ttl: entry.expected });
    expect(ttls.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['alias', 'delegation', 'certificate validation', 'changing target']));
    // The changing targets are the sandbox's internal names of its two servers.
    expect(ttls.filter((entry) => entry.kind === 'changing target').map((entry) => entry.stack)).toEqual(['test-sandbox', 'test-sandbox']);
  });
});
