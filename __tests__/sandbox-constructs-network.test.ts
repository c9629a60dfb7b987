import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { databaseServerBootScript, webServerBootScript } from '../constructs/sandbox/boot-scripts';
import { SandboxNaming } from '../constructs/sandbox/sandbox-naming';
import { SandboxNetwork } from '../constructs/sandbox/sandbox-network';
import { refTo, resourcesOf, synthStack, SynthesizedStack } from './support/synth';

type Resource = Record<string, any>;

const ANYWHERE = '0.0.0.0/0';

/** The network alone in a stack (account 123456789012, eu-west-1a), with a web and a database instance booting after its egress, and the NAT address as output `nat-ip`. */
function synthNetwork(natGateway?: boolean) {
  const stack = new TerraformStack(Testing.app(), 'sandbox');
  const naming = new SandboxNaming({ project: 'webplat', environment: 'test', accountId: '123456789012' });
  const network = new SandboxNetwork(stack, 'network', {
    naming,
    region: 'eu-west-1',
    accountId: '123456789012',
    cidr: '10.20.0.0/24',
    availabilityZone: 'eu-west-1a',
    publicSubnetCidr: '10.20.0.0/26',
    privateSubnetCidr: '10.20.0.64/26',
    natGateway,
  });
  new Instance(stack, 'web', { ami: 'ami-1', instanceType: 't3.micro', subnetId: network.publicSubnetId, dependsOn: network.publicEgress });
  new Instance(stack, 'db', { ami: 'ami-1', instanceType: 't3.micro', subnetId: network.privateSubnetId, dependsOn: network.privateEgress });
  if (network.natPublicIp !== undefined) new TerraformOutput(stack, 'nat-ip', { value: network.natPublicIp });
  return { network, json: synthStack(stack) };
}

/** The logical id of the one resource of `type` with this id under the network construct (`network_<id>_<hash>`). */
function idOf(json: SynthesizedStack, type: string, id: string): string {
  const ids = Object.keys(resourcesOf(json, type)).filter((logicalId) => logicalId.startsWith(`network_${id}_`));
  if (ids.length !== 1) throw new Error(`expected one ${type} network_${id}, found ${ids.join(', ') || 'none'}`);
  return ids[0];
}
const resource = (json: SynthesizedStack, type: string, id: string): Resource => resourcesOf(json, type)[idOf(json, type, id)];
const ref = (json: SynthesizedStack, type: string, id: string, attribute = 'id') => refTo(type, idOf(json, type, id), attribute);
const dependency = (json: SynthesizedStack, type: string, id: string) => `${type}.${idOf(json, type, id)}`;

describe('sandbox network without NAT (the default)', () => {
  const { network, json } = synthNetwork();

  it('names the VPC, internet gateway, subnets, route tables and S3 endpoint under the sandbox tier', () => {
    expect(resource(json, 'aws_vpc', 'vpc').tags).toEqual({ Name: 'webplat-test-sandbox-vpc' });
    expect(resource(json, 'aws_internet_gateway', 'igw').tags).toEqual({ Name: 'webplat-test-sandbox-igw' });
    expect(resource(json, 'aws_subnet', 'public').tags).toEqual({ Name: 'webplat-test-sandbox-public-eu-west-1a' });
    expect(resource(json, 'aws_subnet', 'private').tags).toEqual({ Name: 'webplat-test-sandbox-private-eu-west-1a' });
    expect(resource(json, 'aws_route_table', 'public-rt').tags).toEqual({ Name: 'webplat-test-sandbox-public' });
    expect(resource(json, 'aws_route_table', 'private-rt').tags).toEqual({ Name: 'webplat-test-sandbox-private' });
    expect(resource(json, 'aws_vpc_endpoint', 's3').tags).toEqual({ Name: 'webplat-test-sandbox-s3-endpoint' });
  });

  it('attaches the internet gateway and both route tables to the sandbox VPC', () => {
    const vpc = ref(json, 'aws_vpc', 'vpc');
    expect(resource(json, 'aws_internet_gateway', 'igw').vpc_id).toBe(vpc);
    expect(resource(json, 'aws_route_table', 'public-rt').vpc_id).toBe(vpc);
    expect(resource(json, 'aws_route_table', 'private-rt').vpc_id).toBe(vpc);
  });

  it('routes the public subnet to the internet gateway', () => {
    expect(resource(json, 'aws_route', 'public-default-route')).toMatchObject({
      route_table_id: ref(json, 'aws_route_table', 'public-rt'),
      destination_cidr_block: ANYWHERE,
      gateway_id: ref(json, 'aws_internet_gateway', 'igw'),
    });
    expect(resource(json, 'aws_route_table_association', 'public-rta')).toMatchObject({
      subnet_id: ref(json, 'aws_subnet', 'public'),
      route_table_id: ref(json, 'aws_route_table', 'public-rt'),
    });
  });

  it('boots the web server only once the public subnet routes to the internet gateway', () => {
    expect(resourcesOf(json, 'aws_instance').web.depends_on).toEqual([
      dependency(json, 'aws_route', 'public-default-route'),
      dependency(json, 'aws_route_table_association', 'public-rta'),
    ]);
  });

  it('has no NAT gateway, no Elastic IP and no default route in the private subnet', () => {
    expect(resourcesOf(json, 'aws_nat_gateway')).toEqual({});
    expect(resourcesOf(json, 'aws_eip')).toEqual({});
    expect(Object.values(resourcesOf(json, 'aws_route')).filter((route: Resource) => route.route_table_id === ref(json, 'aws_route_table', 'private-rt'))).toEqual([]);
    expect(network.natPublicIp).toBeUndefined();
  });

  it('boots the database server once its subnet is associated and reaches S3, with no NAT route to wait for', () => {
    expect(resourcesOf(json, 'aws_instance').db.depends_on).toEqual([
      dependency(json, 'aws_route_table_association', 'private-rta'),
      dependency(json, 'aws_vpc_endpoint', 's3'),
    ]);
  });
});

describe('sandbox network with a NAT gateway', () => {
  const { json } = synthNetwork(true);

  it('puts one NAT gateway in the public subnet, with an Elastic IP, as the private subnet\'s default route', () => {
    const nat = resource(json, 'aws_nat_gateway', 'nat_nat-a');
    expect(nat).toMatchObject({ subnet_id: ref(json, 'aws_subnet', 'public'), connectivity_type: 'public', allocation_id: ref(json, 'aws_eip', 'nat_eip-a', 'allocation_id') });
    expect(Object.keys(resourcesOf(json, 'aws_nat_gateway'))).toHaveLength(1);
    expect(resource(json, 'aws_route', 'nat_app-default-route-a')).toMatchObject({
      route_table_id: ref(json, 'aws_route_table', 'private-rt'),
      destination_cidr_block: ANYWHERE,
      nat_gateway_id: ref(json, 'aws_nat_gateway', 'nat_nat-a'),
    });
    expect(json.output?.['nat-ip']?.value).toBe(ref(json, 'aws_nat_gateway', 'nat_nat-a', 'public_ip'));
  });

  it('creates the Elastic IP and the NAT gateway only after the internet gateway (AWS needs it attached first)', () => {
    const igw = dependency(json, 'aws_internet_gateway', 'igw');
    expect(resource(json, 'aws_eip', 'nat_eip-a').depends_on).toEqual([igw]);
    expect(resource(json, 'aws_nat_gateway', 'nat_nat-a').depends_on).toEqual([igw]);
  });

  it('boots the database server only once its default route through NAT exists too', () => {
    expect(resourcesOf(json, 'aws_instance').db.depends_on).toEqual([
      dependency(json, 'aws_route_table_association', 'private-rta'),
      dependency(json, 'aws_vpc_endpoint', 's3'),
      dependency(json, 'aws_route', 'nat_app-default-route-a'),
    ]);
  });
});

/**
 * Runs a boot script as the instance would, with fake `dnf`, `yum`, `systemctl` and `sleep` on PATH that log their
 * arguments (the package manager fails its first `failures` calls), and the web root moved to a temporary folder.
 */
function boot(script: string, failures = 0) {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-boot-'));
  try {
    const fake = (command: string, body = '') => {
      writeFileSync(join(dir, command), `#!/bin/bash\necho "${command} $*" >> "${dir}/log"\n${body}`);
      chmodSync(join(dir, command), 0o755);
    };
    const failing = `n=$(( $(cat "${dir}/calls" 2>/dev/null || echo 0) + 1 )); echo $n > "${dir}/calls"; [ $n -gt ${failures} ]\n`;
    fake('dnf', failing);
    fake('yum', failing);
    fake('systemctl');
    fake('sleep');
    const run = spawnSync('bash', ['-c', script.replaceAll('/var/www/html/', `${dir}/`)], { encoding: 'utf8', env: { ...process.env, PATH: `${dir}:${process.env.PATH}` } });
    const page = join(dir, 'index.html');
    return {
      status: run.status,
      stderr: run.stderr,
      log: existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').trim().split('\n') : [],
      page: existsSync(page) ? readFileSync(page, 'utf8') : undefined,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('sandbox boot scripts, run', () => {
  it('web server: installs httpd with dnf, writes the index page, then enables and starts httpd, and succeeds', () => {
    const run = boot(webServerBootScript('al2023'));
    expect(run).toMatchObject({ status: 0, stderr: '', log: ['dnf install -y httpd', 'systemctl enable --now httpd'] });
    expect(run.page).toBe('<!doctype html><title>Sandbox</title><h1>Sandbox web server</h1>\n');
  });

  it('database server: installs mariadb-server with yum on Amazon Linux 2, then enables and starts mariadb, and succeeds', () => {
    expect(boot(databaseServerBootScript('al2'))).toMatchObject({ status: 0, stderr: '', log: ['yum install -y mariadb-server', 'systemctl enable --now mariadb'] });
  });

  it('end with a newline after their last command', () => {
    for (const script of [webServerBootScript('al2'), databaseServerBootScript('al2023')]) expect(script).toMatch(/\nsystemctl enable --now [a-z]+\n$/);
  });

  it('retry an install that fails, saying so and waiting 15 s between attempts, then go on', () => {
    const run = boot(databaseServerBootScript('al2023'), 2);
    expect(run.status).toBe(0);
    expect(run.log).toEqual([
      'dnf install -y mariadb105-server',
      'sleep 15',
      'dnf install -y mariadb105-server',
      'sleep 15',
      'dnf install -y mariadb105-server',
      'systemctl enable --now mariadb',
    ]);
    expect(run.stderr).toBe('dnf failed (attempt 1), retrying in 15 s\ndnf failed (attempt 2), retrying in 15 s\n');
  });

  it('give up after 20 attempts and stop there, failing, without starting the service', () => {
    const run = boot(webServerBootScript('al2'), 1000);
    expect(run.status).not.toBe(0);
    expect(run.log.filter((line) => line === 'yum install -y httpd')).toHaveLength(20);
    expect(run.log.filter((line) => line === 'sleep 15')).toHaveLength(20);
    expect(run.log).not.toContain('systemctl enable --now httpd');
    expect(run.page).toBeUndefined();
  });
});
