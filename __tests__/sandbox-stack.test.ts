import { App } from 'cdktf';
import { evaluateStack } from '../constructs/policy/engine';
import { SandboxStack } from '../stacks/sandbox-stack';
import { refTo, resourcesOf, SynthesizedStack, synthStack } from './support/synth';
import { sandboxConfigFor } from './support/sandbox';

// Strings AWS defines, as its documentation writes them.
const SSM_CORE_POLICY = 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore';
const S3_GATEWAY_SERVICE = 'com.amazonaws.eu-west-1.s3';
const SESSION_MANAGER_SERVICES = ['com.amazonaws.eu-west-1.ec2messages', 'com.amazonaws.eu-west-1.ssm', 'com.amazonaws.eu-west-1.ssmmessages'];
const ANYWHERE = '0.0.0.0/0';
const ADMIN = '198.51.100.7/32';
const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDkpL7I7Eb3PKDXNajFfmTsJgRljnenvcjrFaro+CNE1 learner@laptop';

type Resource = Record<string, any>;

/** Synthesizes the sandbox stack of a sandbox-only environment with these sandbox settings. */
function synthSandbox(sandbox: Record<string, unknown> = {}, change?: (input: Record<string, any>) => void) {
  const config = sandboxConfigFor(sandbox, change);
  const stack = new SandboxStack(new App(), config, config.sandbox!);
  return { stack, config, json: synthStack(stack) };
}

/** The logical id of the only resource of `type` whose id starts with `prefix`. */
function idOf(json: SynthesizedStack, type: string, prefix: string): string {
  const ids = Object.keys(resourcesOf(json, type)).filter((id) => id.startsWith(prefix));
  if (ids.length !== 1) throw new Error(`expected one ${type} ${prefix}*, found ${ids.join(', ') || 'none'}`);
  return ids[0];
}

/** The security group of one purpose (web, db, endpoints) as other resources reference it. */
const groupRef = (json: SynthesizedStack, purpose: string) => refTo('aws_security_group', idOf(json, 'aws_security_group', `security-groups_${purpose}_`));

/** Who may reach the group, as `protocol port from` lines: a CIDR, a security group (by purpose) or a prefix list. */
function rulesOf(json: SynthesizedStack, type: 'aws_vpc_security_group_ingress_rule' | 'aws_vpc_security_group_egress_rule', purpose: string): string[] {
  const groups = Object.keys(resourcesOf(json, 'aws_security_group')).map((id) => [refTo('aws_security_group', id), /^security-groups_([a-z]+)_/.exec(id)![1]]);
  const peer = (rule: Resource) =>
    rule.cidr_ipv4 ?? (rule.referenced_security_group_id ? `sg:${groups.find(([ref]) => ref === rule.referenced_security_group_id)?.[1]}` : `prefix-list:${rule.prefix_list_id}`);
  return Object.values(resourcesOf(json, type))
    .filter((rule: Resource) => rule.security_group_id === groupRef(json, purpose))
    .map((rule: Resource) => `${rule.ip_protocol} ${rule.from_port}-${rule.to_port} ${peer(rule)}`)
    .sort();
}

const instance = (json: SynthesizedStack, server: 'web' | 'db'): Resource => resourcesOf(json, 'aws_instance')[idOf(json, 'aws_instance', `${server}_instance_`)];
const instanceRef = (json: SynthesizedStack, server: 'web' | 'db', attribute = 'id') => refTo('aws_instance', idOf(json, 'aws_instance', `${server}_instance_`), attribute);
const subnetRef = (json: SynthesizedStack, kind: 'public' | 'private') => refTo('aws_subnet', idOf(json, 'aws_subnet', `network_${kind}_`));
const routeTableRef = (json: SynthesizedStack, kind: 'public' | 'private') => refTo('aws_route_table', idOf(json, 'aws_route_table', `network_${kind}-rt_`));
const routesOf = (json: SynthesizedStack, kind: 'public' | 'private') =>
  Object.values(resourcesOf(json, 'aws_route')).filter((route: Resource) => route.route_table_id === routeTableRef(json, kind)) as Resource[];

describe('sandbox stack with the defaults (no NAT, no SSH, no key pair, no endpoints)', () => {
  const { stack, config, json } = synthSandbox();

  it('lets anyone reach the web server on 80 and 443 only: no SSH', () => {
    expect(rulesOf(json, 'aws_vpc_security_group_ingress_rule', 'web')).toEqual([`tcp 443-443 ${ANYWHERE}`, `tcp 80-80 ${ANYWHERE}`]);
  });

  it('lets only the web server reach the database server, on 3306 and ICMP, by security group', () => {
    expect(rulesOf(json, 'aws_vpc_security_group_ingress_rule', 'db')).toEqual(['icmp -1--1 sg:web', 'tcp 3306-3306 sg:web']);
  });

  it('lets the web server out to the internet on 80/443 and to the database on 3306 and ICMP', () => {
    expect(rulesOf(json, 'aws_vpc_security_group_egress_rule', 'web')).toEqual([
      'icmp -1--1 sg:db',
      `tcp 3306-3306 sg:db`,
      `tcp 443-443 ${ANYWHERE}`,
      `tcp 80-80 ${ANYWHERE}`,
    ]);
  });

  it('lets the database server out only to S3 (the package repositories) through the gateway endpoint', () => {
    const s3 = refTo('aws_vpc_endpoint', idOf(json, 'aws_vpc_endpoint', 'network_s3_'), 'prefix_list_id');
    expect(rulesOf(json, 'aws_vpc_security_group_egress_rule', 'db')).toEqual([`tcp 443-443 prefix-list:${s3}`, `tcp 80-80 prefix-list:${s3}`]);
  });

  it('puts the web server in the public subnet with an Elastic IP, and the database server in the private subnet without a public address', () => {
    expect(instance(json, 'web')).toMatchObject({ subnet_id: subnetRef(json, 'public'), associate_public_ip_address: true, vpc_security_group_ids: [groupRef(json, 'web')] });
    expect(instance(json, 'db')).toMatchObject({ subnet_id: subnetRef(json, 'private'), associate_public_ip_address: false, vpc_security_group_ids: [groupRef(json, 'db')] });
    expect(Object.values(resourcesOf(json, 'aws_eip'))).toEqual([expect.objectContaining({ domain: 'vpc', instance: instanceRef(json, 'web') })]);
  });

  it('builds one VPC with one public and one private subnet, both in the configured zone', () => {
    expect(Object.values(resourcesOf(json, 'aws_vpc'))).toEqual([expect.objectContaining({ cidr_block: '10.20.0.0/24', enable_dns_support: true, enable_dns_hostnames: true })]);
    const subnets = Object.values(resourcesOf(json, 'aws_subnet')) as Resource[];
    expect(subnets.map((subnet) => [subnet.cidr_block, subnet.availability_zone, subnet.map_public_ip_on_launch]).sort()).toEqual([
      ['10.20.0.0/26', 'eu-west-1a', false],
      ['10.20.0.64/26', 'eu-west-1a', false],
    ]);
  });

  it('routes the public subnet to the internet gateway and the private subnet nowhere outside the VPC', () => {
    const igw = refTo('aws_internet_gateway', idOf(json, 'aws_internet_gateway', 'network_igw_'));
    expect(routesOf(json, 'public')).toEqual([expect.objectContaining({ destination_cidr_block: ANYWHERE, gateway_id: igw })]);
    expect(routesOf(json, 'private')).toEqual([]);
    const associations = Object.values(resourcesOf(json, 'aws_route_table_association')) as Resource[];
    expect(associations.map((association) => [association.subnet_id, association.route_table_id]).sort()).toEqual(
      [
        [subnetRef(json, 'private'), routeTableRef(json, 'private')],
        [subnetRef(json, 'public'), routeTableRef(json, 'public')],
      ].sort(),
    );
  });

  it('reaches S3 from the private subnet through a gateway endpoint on its route table', () => {
    expect(Object.values(resourcesOf(json, 'aws_vpc_endpoint'))).toEqual([
      expect.objectContaining({ service_name: S3_GATEWAY_SERVICE, vpc_endpoint_type: 'Gateway', route_table_ids: [routeTableRef(json, 'private')] }),
    ]);
  });

  it('has no NAT gateway and no interface endpoint', () => {
    expect(resourcesOf(json, 'aws_nat_gateway')).toEqual({});
    expect(Object.values(resourcesOf(json, 'aws_vpc_endpoint')).filter((endpoint: Resource) => endpoint.vpc_endpoint_type === 'Interface')).toEqual([]);
    expect(Object.values(resourcesOf(json, 'aws_security_group')).map((group: Resource) => group.name).sort()).toEqual(['webplat-test-sandbox-db', 'webplat-test-sandbox-web']);
  });

  it('boots the database server only once its subnet reaches S3', () => {
    const endpoint = `aws_vpc_endpoint.${idOf(json, 'aws_vpc_endpoint', 'network_s3_')}`;
    expect(instance(json, 'db').depends_on).toEqual(expect.arrayContaining([endpoint, `aws_route_table_association.${idOf(json, 'aws_route_table_association', 'network_private-rta_')}`]));
  });

  it.each(['web', 'db'] as const)('requires IMDSv2 and encrypts the gp3 root volume of the %s server', (server) => {
    expect(instance(json, server).metadata_options).toMatchObject({ http_tokens: 'required', http_endpoint: 'enabled', http_put_response_hop_limit: 1 });
    expect(instance(json, server).root_block_device).toMatchObject({ encrypted: true, volume_type: 'gp3', volume_size: 8 });
  });

  it.each(['web', 'db'] as const)('keeps the %s server when a new image is released (ignore_changes ami), on standard CPU credits', (server) => {
    expect(instance(json, server).lifecycle).toEqual({ ignore_changes: ['ami'] });
    expect(instance(json, server).credit_specification).toEqual({ cpu_credits: 'standard' });
  });

  it('tags both servers, and only them, so a start/stop schedule can be limited to them', () => {
    const { key, value } = stack.scheduleTarget.tag;
    expect(value).toBe('webplat-test-sandbox-servers');
    expect([instance(json, 'web').tags[key], instance(json, 'db').tags[key]]).toEqual([value, value]);
    expect(stack.scheduleTarget).toMatchObject({ kind: 'instances', instanceIds: [expect.any(String), expect.any(String)] });
    const tagged = Object.values(json.resource ?? {}).flatMap((byId) => Object.values(byId)).filter((resource: Resource) => resource.tags?.[key] !== undefined);
    expect(tagged).toHaveLength(2);
  });

  it('creates no key pair and gives the servers none', () => {
    expect(resourcesOf(json, 'aws_key_pair')).toEqual({});
    expect(instance(json, 'web').key_name).toBeUndefined();
    expect(instance(json, 'db').key_name).toBeUndefined();
  });

  it.each(['web', 'db'] as const)('gives the %s server a role of its own with Session Manager access and nothing else', (server) => {
    const role = idOf(json, 'aws_iam_role', `${server}_role_`);
    const profile = idOf(json, 'aws_iam_instance_profile', `${server}_profile_`);
    expect(instance(json, server).iam_instance_profile).toBe(refTo('aws_iam_instance_profile', profile, 'name'));
    expect(resourcesOf(json, 'aws_iam_instance_profile')[profile].role).toBe(refTo('aws_iam_role', role, 'name'));
    expect(JSON.parse(String(resourcesOf(json, 'aws_iam_role')[role].assume_role_policy)).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    const attached = Object.values(resourcesOf(json, 'aws_iam_role_policy_attachment')).filter((a: Resource) => a.role === refTo('aws_iam_role', role, 'name'));
    expect(attached).toEqual([expect.objectContaining({ policy_arn: SSM_CORE_POLICY })]);
    expect(Object.values(resourcesOf(json, 'aws_iam_role_policy')).filter((p: Resource) => String(p.role).includes(role))).toEqual([]);
  });

  it('installs Apache on the web server and MariaDB on the database server at boot', () => {
    expect(instance(json, 'web').user_data).toContain('dnf install -y httpd');
    expect(instance(json, 'db').user_data).toContain('dnf install -y mariadb105-server');
  });

  it('boots both servers from the latest Amazon Linux 2023 for x86_64', () => {
    const parameters = Object.values(json.data?.aws_ssm_parameter ?? {}).map((data: Resource) => data.name);
    expect(new Set(parameters)).toEqual(new Set(['/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64']));
    expect(instance(json, 'web').ami).toMatch(/^\$\{data\.aws_ssm_parameter\.[^}]+\.insecure_value\}$/);
    expect(instance(json, 'web').ami).not.toMatch(/resolve:ssm/);
  });

  it('names the servers web and db in a private zone of the sandbox VPC, with the configured short TTL', () => {
    const zone = Object.values(resourcesOf(json, 'aws_route53_zone')) as Resource[];
    expect(zone).toEqual([expect.objectContaining({ name: 'sandbox.test.webplat.internal', vpc: [{ vpc_id: refTo('aws_vpc', idOf(json, 'aws_vpc', 'network_vpc_')) }] })]);
    const records = Object.values(resourcesOf(json, 'aws_route53_record')) as Resource[];
    expect(records.map((record) => [record.name, record.type, record.ttl, record.records]).sort()).toEqual([
      ['db.sandbox.test.webplat.internal', 'A', 60, [instanceRef(json, 'db', 'private_ip')]],
      ['web.sandbox.test.webplat.internal', 'A', 60, [instanceRef(json, 'web', 'private_ip')]],
    ]);
  });

  it('keeps flow logs of the VPC and empties its default security group', () => {
    const vpc = refTo('aws_vpc', idOf(json, 'aws_vpc', 'network_vpc_'));
    expect(Object.values(resourcesOf(json, 'aws_flow_log'))).toEqual([expect.objectContaining({ vpc_id: vpc, traffic_type: 'ALL' })]);
    expect(Object.values(resourcesOf(json, 'aws_default_security_group'))).toEqual([expect.objectContaining({ vpc_id: vpc, ingress: [], egress: [] })]);
  });

  it('names its resources under the sandbox tier, apart from the web platform', () => {
    const names = Object.values(resourcesOf(json, 'aws_iam_role')).map((role: Resource) => role.name);
    expect(names.sort()).toEqual(['webplat-test-sandbox-db', 'webplat-test-sandbox-flow-logs', 'webplat-test-sandbox-web']);
    expect(json.provider?.aws?.[0]).toMatchObject({ allowed_account_ids: ['123456789012'], default_tags: [{ tags: expect.objectContaining({ tier: 'sandbox' }) }] });
  });

  it('keeps its state in the environment bucket under sandbox.tfstate', () => {
    expect(json.terraform?.backend).toEqual({ s3: expect.objectContaining({ key: 'test/sandbox.tfstate', dynamodb_table: 'webplat-test-state-locks', encrypt: true }) });
  });

  it('tells the operator the web address and URL, the database address and name, and both instance ids', () => {
    const eip = refTo('aws_eip', idOf(json, 'aws_eip', 'web_eip_'), 'public_ip');
    const db = idOf(json, 'aws_route53_record', 'names_db_');
    expect(Object.fromEntries(Object.entries(json.output ?? {}).map(([name, output]) => [name, output.value]))).toEqual({
      web_public_ip: eip,
      web_url: `http://${eip}/`,
      web_instance_id: instanceRef(json, 'web'),
      db_private_ip: instanceRef(json, 'db', 'private_ip'),
      db_name: refTo('aws_route53_record', db, 'fqdn'),
      db_instance_id: instanceRef(json, 'db'),
    });
    for (const output of Object.values(json.output ?? {})) expect(output.description).toBeTruthy();
  });

  it('passes the policy, with SG-NO-OPEN-INGRESS suppressed on exactly the web server\'s 80 and 443 from anywhere', () => {
    const report = evaluateStack(stack, config);
    expect(report.outcomes.flatMap((outcome) => outcome.failed)).toEqual([]);
    const suppressed = report.outcomes.flatMap((outcome) => outcome.suppressed);
    expect(suppressed.map((finding) => [finding.ruleId, finding.problem]).sort()).toEqual([
      ['SG-NO-OPEN-INGRESS', 'admits 0.0.0.0/0 on tcp ports 443-443'],
      ['SG-NO-OPEN-INGRESS', 'admits 0.0.0.0/0 on tcp ports 80-80'],
    ]);
    expect(report.unusedSuppressions).toEqual([]);
  });
});

describe('sandbox stack with NAT, Session Manager endpoints, SSH from one address, a key pair and a start/stop schedule', () => {
  const { stack, config, json } = synthSandbox(
    { natGateway: true, sessionManagerEndpoints: true, adminSshCidr: ADMIN, sshPublicKey: PUBLIC_KEY, rootVolumeGiB: 16, schedule: { startAt: '08:00', stopAt: '19:00' } },
    (input) => (input.dns = { recordTtlSeconds: 30 }),
  );

  it('opens SSH on the web server to the admin address only', () => {
    expect(rulesOf(json, 'aws_vpc_security_group_ingress_rule', 'web')).toEqual([`tcp 22-22 ${ADMIN}`, `tcp 443-443 ${ANYWHERE}`, `tcp 80-80 ${ANYWHERE}`]);
  });

  it('keeps the database server reachable from the web server alone', () => {
    expect(rulesOf(json, 'aws_vpc_security_group_ingress_rule', 'db')).toEqual(['icmp -1--1 sg:web', 'tcp 3306-3306 sg:web']);
  });

  it('puts a NAT gateway in the public subnet as the private subnet\'s default route', () => {
    const nat = Object.entries(resourcesOf(json, 'aws_nat_gateway')) as [string, Resource][];
    expect(nat).toHaveLength(1);
    expect(nat[0][1]).toMatchObject({ subnet_id: subnetRef(json, 'public'), connectivity_type: 'public' });
    expect(routesOf(json, 'private')).toEqual([expect.objectContaining({ destination_cidr_block: ANYWHERE, nat_gateway_id: refTo('aws_nat_gateway', nat[0][0]) })]);
    expect(instance(json, 'db').depends_on).toEqual(expect.arrayContaining([`aws_route.${idOf(json, 'aws_route', 'network_nat_app-default-route-')}`]));
  });

  it('lets the database server out through NAT on 80/443 and to the endpoints on 443', () => {
    const s3 = refTo('aws_vpc_endpoint', idOf(json, 'aws_vpc_endpoint', 'network_s3_'), 'prefix_list_id');
    expect(rulesOf(json, 'aws_vpc_security_group_egress_rule', 'db')).toEqual(
      [`tcp 443-443 ${ANYWHERE}`, 'tcp 443-443 sg:endpoints', `tcp 443-443 prefix-list:${s3}`, `tcp 80-80 ${ANYWHERE}`, `tcp 80-80 prefix-list:${s3}`].sort(),
    );
  });

  it('adds the ssm, ssmmessages and ec2messages interface endpoints in the private subnet, with private DNS', () => {
    const endpoints = Object.values(resourcesOf(json, 'aws_vpc_endpoint')).filter((endpoint: Resource) => endpoint.vpc_endpoint_type === 'Interface') as Resource[];
    expect(endpoints.map((endpoint) => endpoint.service_name).sort()).toEqual(SESSION_MANAGER_SERVICES);
    for (const endpoint of endpoints) {
      expect(endpoint).toMatchObject({ private_dns_enabled: true, subnet_ids: [subnetRef(json, 'private')], security_group_ids: [groupRef(json, 'endpoints')] });
    }
  });

  it('lets only the two servers reach the endpoints, on 443', () => {
    expect(rulesOf(json, 'aws_vpc_security_group_ingress_rule', 'endpoints')).toEqual(['tcp 443-443 sg:db', 'tcp 443-443 sg:web']);
    expect(rulesOf(json, 'aws_vpc_security_group_egress_rule', 'endpoints')).toEqual([]);
  });

  it('imports the public key as a key pair used by both servers', () => {
    const keys = Object.entries(resourcesOf(json, 'aws_key_pair')) as [string, Resource][];
    expect(keys).toHaveLength(1);
    expect(keys[0][1]).toMatchObject({ public_key: PUBLIC_KEY, key_name: 'webplat-test-sandbox-admin' });
    const keyName = refTo('aws_key_pair', keys[0][0], 'key_name');
    expect([instance(json, 'web').key_name, instance(json, 'db').key_name]).toEqual([keyName, keyName]);
  });

  it('sizes both root volumes as configured and writes the records with the configured TTL', () => {
    expect([instance(json, 'web').root_block_device.volume_size, instance(json, 'db').root_block_device.volume_size]).toEqual([16, 16]);
    expect(Object.values(resourcesOf(json, 'aws_route53_record')).map((record: Resource) => record.ttl)).toEqual([30, 30]);
  });

  it('stops and starts the two tagged servers alone, through a schedule group and role named under the sandbox tier', () => {
    expect(Object.values(resourcesOf(json, 'aws_scheduler_schedule_group')).map((group: Resource) => group.name)).toEqual(['webplat-test-sandbox-servers']);
    expect(Object.values(resourcesOf(json, 'aws_scheduler_schedule')).map((schedule: Resource) => schedule.name).sort()).toEqual([
      'webplat-test-sandbox-servers-start',
      'webplat-test-sandbox-servers-stop',
    ]);
    const role = Object.values(resourcesOf(json, 'aws_iam_role')).find((candidate: Resource) => candidate.name === 'webplat-test-sandbox-servers-scheduler');
    expect(role).toBeDefined();
    const conditions = Object.values(resourcesOf(json, 'aws_iam_role_policy'))
      .flatMap((policy: Resource) => JSON.parse(policy.policy).Statement as Resource[])
      .filter((statement) => JSON.stringify(statement.Action).includes('ec2:StopInstances'))
      .map((statement) => statement.Condition);
    expect(conditions).toEqual([{ StringEquals: { 'aws:ResourceTag/sandbox-servers': 'webplat-test-sandbox-servers' } }]);
  });

  it('passes the policy: SSH from a /32 needs no suppression; the schedule\'s failure alarm has no topic to notify in a sandbox', () => {
    const report = evaluateStack(stack, config);
    expect(report.outcomes.flatMap((outcome) => outcome.failed)).toEqual([]);
    expect(report.outcomes.flatMap((outcome) => outcome.suppressed).map((finding) => finding.ruleId).sort()).toEqual(['ALARM-ACTION-REGION', 'SG-NO-OPEN-INGRESS', 'SG-NO-OPEN-INGRESS']);
  });
});

describe('sandbox stack on Graviton', () => {
  const { json } = synthSandbox({ webInstanceType: 't4g.small', databaseInstanceType: 't2.micro' });

  it('boots each server from the Amazon Linux 2023 image of its own architecture', () => {
    const parameters = json.data?.aws_ssm_parameter ?? {};
    const parameterOf = (server: 'web' | 'db') => parameters[/data\.aws_ssm_parameter\.([^.]+)\./.exec(instance(json, server).ami)![1]].name;
    expect(parameterOf('web')).toBe('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64');
    expect(parameterOf('db')).toBe('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64');
    expect([instance(json, 'web').instance_type, instance(json, 'db').instance_type]).toEqual(['t4g.small', 't2.micro']);
  });
});

describe('sandbox stack on Amazon Linux 2', () => {
  const { json } = synthSandbox({ ami: { parameter: '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2' } });

  it('boots both servers from the parameter\'s image, read once, and installs with yum', () => {
    const parameters = Object.entries(json.data?.aws_ssm_parameter ?? {}) as [string, Resource][];
    expect(parameters.map(([, data]) => data.name)).toEqual(['/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2']);
    const image = `\${data.aws_ssm_parameter.${parameters[0][0]}.insecure_value}`;
    expect([instance(json, 'web').ami, instance(json, 'db').ami]).toEqual([image, image]);
    expect(instance(json, 'web').user_data).toContain('yum install -y httpd');
    expect(instance(json, 'db').user_data).toContain('yum install -y mariadb-server');
  });
});

describe('sandbox stack on an image found by name', () => {
  const { json } = synthSandbox({ ami: { namePattern: 'al2023-ami-2023.*-kernel-6.1-x86_64', owner: 'amazon' } });

  it('boots both servers from the most recent image of that name, owner and architecture, looked up once', () => {
    const images = Object.entries(json.data?.aws_ami ?? {}) as [string, Resource][];
    expect(images).toHaveLength(1);
    for (const [, image] of images) {
      expect(image).toMatchObject({ most_recent: true, owners: ['amazon'] });
      expect(image.filter).toEqual(expect.arrayContaining([{ name: 'name', values: ['al2023-ami-2023.*-kernel-6.1-x86_64'] }, { name: 'architecture', values: ['x86_64'] }]));
    }
    const image = `\${data.aws_ami.${images[0][0]}.id}`;
    expect([instance(json, 'web').ami, instance(json, 'db').ami]).toEqual([image, image]);
    expect(instance(json, 'web').user_data).toContain('dnf install -y httpd');
  });
});
