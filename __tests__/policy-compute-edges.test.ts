import { evaluateStack } from '../constructs/policy/engine';
import { encryptedVolumes } from '../constructs/policy/rules/compute/encrypted-volumes';
import { testConfig } from './support/fixtures';
import { failedRules, findingsFor, RawResource, stackOf } from './support/policy';

// The edges the compute rules draw (EC2-ENCRYPTED-VOLUMES, EC2-IMDSV2, EC2-NO-PUBLIC-IP and the
// public-subnet reading they share), one resource on each side; the happy paths are in policy-compute.test.ts.

/** Each finding as `[rule, resource address, problem]`. */
const problems = (resources: readonly RawResource[]) => findingsFor(resources).map((finding) => [finding.ruleId, finding.address, finding.problem]);

const metadata = { http_tokens: 'required' };
const template = (values: Record<string, unknown> = {}): RawResource => ({
  type: 'aws_launch_template',
  id: 'lt',
  values: { metadata_options: metadata, block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'true' } }], ...values },
});
const instance = (values: Record<string, unknown> = {}): RawResource => ({
  type: 'aws_instance',
  id: 'web',
  values: { metadata_options: metadata, root_block_device: { encrypted: true }, ...values },
});
const volume = (values: Record<string, unknown>): RawResource => ({ type: 'aws_ebs_volume', id: 'data', values: { availability_zone: 'eu-west-1a', size: 10, ...values } });
const encryptionByDefault = (values: Record<string, unknown>): RawResource => ({ type: 'aws_ebs_encryption_by_default', id: 'ebs', values });

const vpc = '${aws_vpc.vpc.id}';
const igw: RawResource = { type: 'aws_internet_gateway', id: 'igw', values: { vpc_id: vpc } };
const subnet = (id: string, values: Record<string, unknown> = {}): RawResource => ({ type: 'aws_subnet', id, values: { vpc_id: vpc, ...values } });
const table = (id: string, values: Record<string, unknown> = {}): RawResource => ({ type: 'aws_route_table', id, values: { vpc_id: vpc, ...values } });
const association = (subnetId: string, tableId: string): RawResource => ({
  type: 'aws_route_table_association',
  id: `${subnetId}-assoc`,
  values: { subnet_id: `\${aws_subnet.${subnetId}.id}`, route_table_id: `\${aws_route_table.${tableId}.id}` },
});
const route = (id: string, tableId: string, values: Record<string, unknown>): RawResource => ({
  type: 'aws_route',
  id,
  values: { route_table_id: `\${aws_route_table.${tableId}.id}`, ...values },
});
const toIgw = { gateway_id: '${aws_internet_gateway.igw.id}' };
/** A subnet `s` that hands out public addresses, associated with route table `rt`. */
const handingOut = (...resources: RawResource[]) => [subnet('s', { map_public_ip_on_launch: true }), association('s', 'rt'), ...resources];
const SUBNET_PROBLEM = [['EC2-NO-PUBLIC-IP', 'aws_subnet.s', 'hands out public IP addresses without a route to an internet gateway']];

describe('EC2-ENCRYPTED-VOLUMES edges', () => {
  it('passes an encrypted aws_ebs_volume (also as the string "true") and fails one that is not, or says nothing', () => {
    expect(failedRules([volume({ encrypted: true })])).toEqual([]);
    expect(failedRules([volume({ encrypted: 'true' })])).toEqual([]);
    expect(problems([volume({ encrypted: false })])).toEqual([['EC2-ENCRYPTED-VOLUMES', 'aws_ebs_volume.data', 'is not encrypted']]);
    expect(problems([volume({})])).toEqual([['EC2-ENCRYPTED-VOLUMES', 'aws_ebs_volume.data', 'is not encrypted']]);
  });

  it('tells how to fix it: a root volume in the template or instance, every data volume, or encryption by default', () => {
    const [finding] = findingsFor([volume({ encrypted: false })]);
    expect(finding.fix).toContain('block_device_mappings { ebs { encrypted = true } }');
    expect(finding.fix).toContain('root_block_device { encrypted = true }');
    expect(finding.fix).toContain('encrypted = true on every ebs_block_device and aws_ebs_volume');
    expect(finding.fix).toContain('aws_ebs_encryption_by_default');
  });

  it('fails a launch template with one encrypted and one unencrypted volume, and says which problem', () => {
    const mappings = [
      { device_name: '/dev/xvda', ebs: { encrypted: 'true' } },
      { device_name: '/dev/sdf', ebs: { encrypted: 'false' } },
    ];
    expect(problems([template({ block_device_mappings: mappings })])).toEqual([['EC2-ENCRYPTED-VOLUMES', 'aws_launch_template.lt', 'has a volume without encryption']]);
    expect(failedRules([template({ block_device_mappings: [mappings[0], { ...mappings[1], ebs: { encrypted: 'true' } }] })])).toEqual([]);
  });

  it('fails a launch template that declares no volume, saying the AMI decides', () => {
    expect(problems([template({ block_device_mappings: undefined })])).toEqual([
      ['EC2-ENCRYPTED-VOLUMES', 'aws_launch_template.lt', "declares no root volume, so it is as encrypted as the AMI's snapshot"],
    ]);
  });

  it('fails an instance without a root_block_device or with an unencrypted data volume', () => {
    const problem = [['EC2-ENCRYPTED-VOLUMES', 'aws_instance.web', 'has a root or data volume without encryption']];
    expect(problems([instance({ root_block_device: undefined })])).toEqual(problem);
    expect(problems([instance({ ebs_block_device: [{ device_name: '/dev/sdf', encrypted: true }, { device_name: '/dev/sdg' }] })])).toEqual(problem);
    expect(failedRules([instance({ ebs_block_device: [{ device_name: '/dev/sdf', encrypted: true }] })])).toEqual([]);
  });

  it('counts encryption by default as on when `enabled` is left out (the provider defaults it to true), and as off when it is false', () => {
    const unencrypted = [template({ block_device_mappings: undefined }), instance({ root_block_device: undefined }), volume({ encrypted: false })];
    expect(failedRules([...unencrypted, encryptionByDefault({})])).toEqual([]);
    expect(failedRules([...unencrypted, encryptionByDefault({ enabled: 'true' })])).toEqual([]);
    expect(findingsFor([...unencrypted, encryptionByDefault({ enabled: false })]).map((finding) => finding.address)).toEqual([
      'aws_launch_template.lt',
      'aws_instance.web',
      'aws_ebs_volume.data',
    ]);
  });

  it('judges nothing when encryption by default is on: the report shows the rule as not applied', () => {
    const report = evaluateStack(stackOf([template({ block_device_mappings: undefined }), encryptionByDefault({ enabled: true })]), testConfig(), [encryptedVolumes]);
    expect(report.outcomes.map((outcome) => [outcome.passed, outcome.failed.length, outcome.suppressed.length])).toEqual([[0, 0, 0]]);
  });
});

describe('EC2-IMDSV2 edges', () => {
  it('says what is missing', () => {
    expect(problems([instance({ metadata_options: { http_tokens: 'optional' } })])).toEqual([
      ['EC2-IMDSV2', 'aws_instance.web', 'does not require IMDSv2 (metadata_options http_tokens is not "required")'],
    ]);
  });
});

describe('EC2-NO-PUBLIC-IP edges', () => {
  const publicNetwork = [igw, subnet('public'), table('public-rt'), route('default', 'public-rt', { destination_cidr_block: '0.0.0.0/0', ...toIgw }), association('public', 'public-rt')];
  const publicIp = (subnetId: unknown) => instance({ associate_public_ip_address: true, subnet_id: subnetId });

  it('says what is wrong with a subnet and an instance, and how to fix it', () => {
    expect(problems(handingOut(table('rt')))).toEqual(SUBNET_PROBLEM);
    const findings = findingsFor([subnet('private'), publicIp('${aws_subnet.private.id}')]);
    expect(findings.map((finding) => [finding.ruleId, finding.address, finding.problem])).toEqual([
      ['EC2-NO-PUBLIC-IP', 'aws_instance.web', 'gets a public IP address outside a public subnet'],
    ]);
    expect(findings[0].fix).toContain('Leave associate_public_ip_address and map_public_ip_on_launch unset or false outside public subnets');
    expect(findings[0].fix).toContain('A public IP is accepted only for an instance in a subnet of the same stack that routes to an internet gateway.');
  });

  it.each([
    ['no subnet_id (the default VPC)', undefined],
    ['a literal subnet id (a subnet the stack cannot see)', 'subnet-0123456789abcdef0'],
    ['a reference to another stack', '${data.terraform_remote_state.network.outputs.public_subnet_ids[0]}'],
    ['a public subnet of the stack and one of another stack', ['${aws_subnet.public.id}', '${data.terraform_remote_state.network.outputs.public_subnet_ids[0]}']],
  ])('fails an instance with a public IP and %s', (_label, subnetId) => {
    expect(problems([...publicNetwork, publicIp(subnetId)])).toEqual([['EC2-NO-PUBLIC-IP', 'aws_instance.web', 'gets a public IP address outside a public subnet']]);
  });

  it('passes a public IP only when every subnet named is public', () => {
    expect(failedRules([...publicNetwork, subnet('public-b'), association('public-b', 'public-rt'), publicIp(['${aws_subnet.public.id}', '${aws_subnet.public-b.id}'])])).toEqual([]);
    expect(failedRules([...publicNetwork, subnet('private'), publicIp(['${aws_subnet.public.id}', '${aws_subnet.private.id}'])])).toEqual(['EC2-NO-PUBLIC-IP']);
  });

  describe('launch templates', () => {
    const publicTemplate = (id: string): RawResource => ({ ...template({ network_interfaces: [{ associate_public_ip_address: true }] }), id });
    const group = (id: string, templateId: string, subnetId: string): RawResource => ({
      type: 'aws_autoscaling_group',
      id,
      values: { vpc_zone_identifier: [`\${aws_subnet.${subnetId}.id}`], launch_template: { id: `\${aws_launch_template.${templateId}.id}` } },
    });
    const network = [...publicNetwork, subnet('private')];

    it('fails a template one of whose groups launches in a private subnet, and says so', () => {
      expect(problems([...network, publicTemplate('lt'), group('web', 'lt', 'public'), group('batch', 'lt', 'private')])).toEqual([
        ['EC2-NO-PUBLIC-IP', 'aws_launch_template.lt', 'gives instances a public IP address, and they are not launched only in public subnets'],
      ]);
    });

    it('judges a template by its own groups only', () => {
      const privateTemplate = template({ network_interfaces: [{ associate_public_ip_address: false }] });
      const resources = [...network, publicTemplate('lt'), group('web', 'lt', 'public'), { ...privateTemplate, id: 'batch-lt' }, group('batch', 'batch-lt', 'private')];
      expect(failedRules(resources)).toEqual([]);
    });
  });
});

describe('public subnets (a default route to an internet gateway of the stack)', () => {
  it.each([
    ['an aws_route of 0.0.0.0/0', [table('rt'), route('default', 'rt', { destination_cidr_block: '0.0.0.0/0', ...toIgw })]],
    ['an aws_route of ::/0', [table('rt'), route('default', 'rt', { destination_ipv6_cidr_block: '::/0', ...toIgw })]],
    ['an inline route after another one', [table('rt', { route: [{ cidr_block: '10.1.0.0/16', vpc_peering_connection_id: 'pcx-0123456789abcdef0' }, { cidr_block: '0.0.0.0/0', ...toIgw }] })]],
    ['a route to the first of two gateways', [{ ...igw, id: 'other-igw' }, table('rt', { route: [{ ipv6_cidr_block: '::/0', ...toIgw }] })]],
  ])('counts a subnet as public through %s', (_label, resources) => {
    expect(failedRules([igw, ...handingOut(...resources)])).toEqual([]);
  });

  it('counts a subnet as public when its table is the second of two public ones', () => {
    const second = [table('rt-a', { route: [{ cidr_block: '0.0.0.0/0', ...toIgw }] }), table('rt', { route: [{ cidr_block: '0.0.0.0/0', ...toIgw }] })];
    expect(failedRules([igw, ...handingOut(...second)])).toEqual([]);
  });

  it.each([
    ['a table with no route', [table('rt')]],
    ['a default route to a NAT gateway', [table('rt', { route: [{ cidr_block: '0.0.0.0/0', nat_gateway_id: '${aws_nat_gateway.nat.id}' }] })]],
    ['a route to the internet gateway that is not a default route', [table('rt'), route('office', 'rt', { destination_cidr_block: '198.51.100.0/24', ...toIgw })]],
    ['an aws_route to the internet gateway from another table', [table('rt'), table('public-rt'), route('default', 'public-rt', { destination_cidr_block: '0.0.0.0/0', ...toIgw })]],
    ['another subnet associated with a public table', [table('rt'), table('public-rt', { route: [{ cidr_block: '0.0.0.0/0', ...toIgw }] }), subnet('public'), association('public', 'public-rt')]],
  ])('counts a subnet as private behind %s', (_label, resources) => {
    expect(problems([igw, ...handingOut(...resources)])).toEqual(SUBNET_PROBLEM);
  });
});
