import { TerraformDataSource } from 'cdktf';
import { evaluateStack } from '../constructs/policy/engine';
import { POLICY_RULES } from '../constructs/policy/packs';
import { testConfig } from './support/fixtures';
import { findingsFor, RawResource, stackOf } from './support/policy';

// The edges the network rules draw (SG-NO-OPEN-INGRESS, SG-NO-WIDE-ADMIN, VPC-DEFAULT-SG-CLOSED,
// VPC-FLOW-LOGS, VPCE-POLICY and the ingress reading they share), one resource on each side;
// the happy paths are in policy-network.test.ts and policy-vpc-endpoints.test.ts.

/** Each finding as `[rule, resource address, problem]`. */
const problems = (resources: readonly RawResource[]) => findingsFor(resources).map((finding) => [finding.ruleId, finding.address, finding.problem]);

/** How many resources one rule found compliant (the policy report prints it). */
const passedBy = (ruleId: string, resources: readonly RawResource[]) =>
  evaluateStack(stackOf(resources), testConfig()).outcomes.find((outcome) => outcome.rule.id === ruleId)?.passed;

const vpcRef = (id: string) => `\${aws_vpc.${id}.id}`;
const vpc = (id = 'vpc'): RawResource => ({ type: 'aws_vpc', id, values: { cidr_block: '10.0.0.0/16' } });
const flowLog = (id = 'vpc'): RawResource => ({ type: 'aws_flow_log', id: `${id}-flow`, values: { vpc_id: vpcRef(id), traffic_type: 'ALL' } });
const defaultGroup = (id = 'vpc', values: Record<string, unknown> = {}): RawResource => ({
  type: 'aws_default_security_group',
  id: `${id}-default`,
  values: { vpc_id: vpcRef(id), ...values },
});

/** An aws_vpc_security_group_ingress_rule on group `sg`. */
const ingressRule = (values: Record<string, unknown>, id = 'rule'): RawResource => ({
  type: 'aws_vpc_security_group_ingress_rule',
  id,
  values: { security_group_id: '${aws_security_group.sg.id}', ip_protocol: 'tcp', ...values },
});
/** An aws_security_group_rule on group `sg`. */
const groupRule = (values: Record<string, unknown>): RawResource => ({
  type: 'aws_security_group_rule',
  id: 'r',
  values: { type: 'ingress', protocol: 'tcp', security_group_id: '${aws_security_group.sg.id}', ...values },
});
const group = (id = 'sg', values: Record<string, unknown> = {}): RawResource => ({ type: 'aws_security_group', id, values: { vpc_id: 'vpc-1', ...values } });
const loadBalancer = (values: Record<string, unknown>): RawResource => ({
  type: 'aws_lb',
  id: 'lb',
  values: { drop_invalid_header_fields: true, security_groups: ['${aws_security_group.sg.id}'], ...values },
});
const lbWaf: RawResource = { type: 'aws_wafv2_web_acl_association', id: 'waf', values: { resource_arn: '${aws_lb.lb.arn}' } };
const internetAlb = [group(), loadBalancer({ internal: false, load_balancer_type: 'application' }), lbWaf];

const RULE = 'aws_vpc_security_group_ingress_rule.rule';
const open = (problem: string, address = RULE) => [['SG-NO-OPEN-INGRESS', address, problem]];
const admin = (problem: string, address = RULE) => [['SG-NO-WIDE-ADMIN', address, problem]];

describe('the network pack', () => {
  it('holds these five rules, listed under network', () => {
    expect(POLICY_RULES.filter((rule) => rule.pack === 'network').map((rule) => rule.id)).toEqual([
      'SG-NO-OPEN-INGRESS',
      'SG-NO-WIDE-ADMIN',
      'VPC-DEFAULT-SG-CLOSED',
      'VPC-FLOW-LOGS',
      'VPCE-POLICY',
    ]);
  });
});

describe('VPC-FLOW-LOGS and VPC-DEFAULT-SG-CLOSED edges', () => {
  it('passes two VPCs that each have their own flow log and closed default group', () => {
    expect(problems([vpc('a'), vpc('b'), flowLog('a'), flowLog('b'), defaultGroup('a'), defaultGroup('b', { ingress: [], egress: [] })])).toEqual([]);
    expect(passedBy('VPC-FLOW-LOGS', [vpc('a'), vpc('b'), flowLog('a'), flowLog('b')])).toBe(2);
  });

  it("fails the VPC whose flow log or default group is another VPC's", () => {
    expect(problems([vpc('a'), vpc('b'), flowLog('a'), defaultGroup('a'), defaultGroup('b')])).toEqual([['VPC-FLOW-LOGS', 'aws_vpc.b', 'has no flow logs']]);
    expect(problems([vpc('a'), vpc('b'), flowLog('a'), flowLog('b'), defaultGroup('a')])).toEqual([
      ['VPC-DEFAULT-SG-CLOSED', 'aws_vpc.b', 'leaves its default security group unmanaged (it allows all traffic between members)'],
    ]);
  });

  it('fails a VPC with neither, once per rule', () => {
    expect(problems([vpc()])).toEqual([
      ['VPC-DEFAULT-SG-CLOSED', 'aws_vpc.vpc', 'leaves its default security group unmanaged (it allows all traffic between members)'],
      ['VPC-FLOW-LOGS', 'aws_vpc.vpc', 'has no flow logs'],
    ]);
  });

  const anyIpv4 = { protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['10.0.0.0/16'] };
  it.each([
    ['one ingress rule', { ingress: [anyIpv4] }, 1],
    ['one egress rule', { egress: [anyIpv4] }, 1],
    ['one ingress and one egress rule', { ingress: [anyIpv4], egress: anyIpv4 }, 2],
  ])('fails a default group with %s, counting them', (_label, rules, count) => {
    expect(problems([vpc(), flowLog(), defaultGroup('vpc', rules)]).filter(([rule]) => rule === 'VPC-DEFAULT-SG-CLOSED')).toEqual([['VPC-DEFAULT-SG-CLOSED', 'aws_vpc.vpc', `has ${count} rule(s) in its default security group`]]);
  });
});

describe('ingress reading: every way a permission is written', () => {
  it.each([
    ['aws_vpc_security_group_ingress_rule, IPv4', [ingressRule({ from_port: 8080, to_port: 8080, cidr_ipv4: '0.0.0.0/0' })], RULE, '0.0.0.0/0', 'tcp'],
    ['aws_vpc_security_group_ingress_rule, IPv6', [ingressRule({ from_port: 8080, to_port: 8080, cidr_ipv6: '::/0' })], RULE, '::/0', 'tcp'],
    ['aws_security_group_rule, IPv4', [groupRule({ from_port: 8080, to_port: 8080, cidr_blocks: ['0.0.0.0/0'] })], 'aws_security_group_rule.r', '0.0.0.0/0', 'tcp'],
    ['aws_security_group_rule, IPv6', [groupRule({ from_port: 8080, to_port: 8080, ipv6_cidr_blocks: ['::/0'] })], 'aws_security_group_rule.r', '::/0', 'tcp'],
    ['aws_security_group inline, IPv4', [group('sg', { ingress: [{ protocol: 'tcp', from_port: 8080, to_port: 8080, cidr_blocks: ['0.0.0.0/0'] }] })], 'aws_security_group.sg', '0.0.0.0/0', 'tcp'],
    ['aws_security_group inline, IPv6', [group('sg', { ingress: { protocol: 'tcp', from_port: 8080, to_port: 8080, ipv6_cidr_blocks: ['::/0'] } })], 'aws_security_group.sg', '::/0', 'tcp'],
    [
      'aws_default_security_group inline',
      [{ type: 'aws_default_security_group', id: 'd', values: { vpc_id: 'vpc-1', ingress: [{ protocol: 'udp', from_port: 8080, to_port: 8080, cidr_blocks: ['0.0.0.0/0'] }] } }],
      'aws_default_security_group.d',
      '0.0.0.0/0',
      'udp',
    ],
  ])('reads %s', (_label, resources, address, cidr, protocol) => {
    expect(problems(resources as RawResource[])).toEqual(open(`admits ${cidr} on ${protocol} ports 8080-8080`, address));
  });

  it('ignores egress written as aws_security_group_rule', () => {
    expect(problems([groupRule({ type: 'egress', from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] })])).toEqual([]);
  });

  it.each([
    ['-1 on a rule resource, no ports', ingressRule({ ip_protocol: '-1', cidr_ipv4: '10.0.0.0/8' }), RULE, '-1'],
    ['-1 on a rule resource, ports 443-443 (ignored)', ingressRule({ ip_protocol: '-1', from_port: 443, to_port: 443, cidr_ipv4: '10.0.0.0/8' }), RULE, '-1'],
    ['-1 inline, ports 0-0', group('sg', { ingress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['10.0.0.0/8'] }] }), 'aws_security_group.sg', '-1'],
    ['all on aws_security_group_rule, ports 0-0', groupRule({ protocol: 'all', from_port: 0, to_port: 0, cidr_blocks: ['10.0.0.0/8'] }), 'aws_security_group_rule.r', 'all'],
    ['ALL, the provider lowercases it', groupRule({ protocol: 'ALL', from_port: 0, to_port: 0, cidr_blocks: ['10.0.0.0/8'] }), 'aws_security_group_rule.r', 'all'],
  ])('reads protocol %s as every port', (_label, resource, address, protocol) => {
    expect(problems([resource])).toEqual(admin('opens port 22 and 3389 to 10.0.0.0/8', address));
    const anywhere = JSON.parse(JSON.stringify(resource).replace('10.0.0.0/8', '0.0.0.0/0')) as RawResource;
    expect(problems([anywhere]).filter(([rule]) => rule === 'SG-NO-OPEN-INGRESS')).toEqual(open(`admits 0.0.0.0/0 on ${protocol} ports 0-65535`, address));
  });

  it('reads a tcp permission without ports as every port', () => {
    expect(problems([groupRule({ cidr_blocks: ['0.0.0.0/0'] })])).toEqual([
      ['SG-NO-OPEN-INGRESS', 'aws_security_group_rule.r', 'admits 0.0.0.0/0 on tcp ports 0-65535'],
      ['SG-NO-WIDE-ADMIN', 'aws_security_group_rule.r', 'opens port 22 and 3389 to 0.0.0.0/0'],
    ]);
  });
});

describe('SG-NO-OPEN-INGRESS edges', () => {
  it('names only the open sources of a permission, both when both are open', () => {
    expect(problems([groupRule({ from_port: 8080, to_port: 8080, cidr_blocks: ['10.0.0.0/8', '0.0.0.0/0'] })])).toEqual(
      open('admits 0.0.0.0/0 on tcp ports 8080-8080', 'aws_security_group_rule.r'),
    );
    expect(problems([groupRule({ from_port: 8080, to_port: 8080, cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: ['::/0'] })])).toEqual(
      open('admits 0.0.0.0/0 and ::/0 on tcp ports 8080-8080', 'aws_security_group_rule.r'),
    );
  });

  it('passes a narrow CIDR, and counts it as checked', () => {
    expect(problems([ingressRule({ from_port: 5432, to_port: 5432, cidr_ipv4: '10.0.0.0/16' })])).toEqual([]);
    expect(passedBy('SG-NO-OPEN-INGRESS', [ingressRule({ from_port: 5432, to_port: 5432, cidr_ipv4: '10.0.0.0/16' })])).toBe(1);
  });

  it.each([
    ['tcp 443 on a rule resource', [ingressRule({ from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' })]],
    ['protocol 6 on port 80', [ingressRule({ ip_protocol: '6', from_port: 80, to_port: 80, cidr_ipv6: '::/0' })]],
    ['TCP in capitals', [groupRule({ protocol: 'TCP', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] })]],
    ['an inline block of the group', [group('sg', { ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] }] })]],
  ])('passes the web entry of an internet-facing ALB: %s', (_label, rules) => {
    const withGroup = rules.some((rule) => rule.type === 'aws_security_group') ? internetAlb.slice(1) : internetAlb;
    expect(problems([...withGroup, ...rules])).toEqual([]);
  });

  it.each([
    ['without load_balancer_type (an ALB by default)', { internal: false }],
    ['with internal "false"', { internal: 'false', load_balancer_type: 'application' }],
    ['without internal', { load_balancer_type: 'application' }],
  ])('passes the web entry of an ALB %s', (_label, lb) => {
    expect(problems([group(), loadBalancer(lb), lbWaf, ingressRule({ from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' })])).toEqual([]);
  });

  const web443 = ingressRule({ from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' });
  it.each([
    ['no load balancer', [group(), web443]],
    ['an internal ALB', [group(), loadBalancer({ internal: true, load_balancer_type: 'application' }), lbWaf, web443]],
    ['an ALB with internal "true"', [group(), loadBalancer({ internal: 'true' }), lbWaf, web443]],
    ['an internet-facing network load balancer', [group(), loadBalancer({ internal: false, load_balancer_type: 'network' }), web443]],
    ['an ALB on another group', [...internetAlb, group('app'), { ...web443, values: { ...web443.values, security_group_id: '${aws_security_group.app.id}' } }]],
    ['udp on the ALB group', [...internetAlb, ingressRule({ ip_protocol: 'udp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' })]],
  ])('fails 443 from anywhere with %s', (label, resources) => {
    const protocol = label.startsWith('udp') ? 'udp' : 'tcp';
    expect(problems(resources).filter(([rule]) => rule === 'SG-NO-OPEN-INGRESS')).toEqual(open(`admits 0.0.0.0/0 on ${protocol} ports 443-443`));
  });

  it.each([
    [80, 443],
    [443, 444],
    [8443, 8443],
    [81, 81],
  ])('fails ports %i-%i from anywhere on the ALB group', (from, to) => {
    expect(problems([...internetAlb, ingressRule({ from_port: from, to_port: to, cidr_ipv4: '0.0.0.0/0' })])).toEqual(open(`admits 0.0.0.0/0 on tcp ports ${from}-${to}`));
  });
});

describe('SG-NO-WIDE-ADMIN edges', () => {
  it.each([
    ['22 alone', 22, 22, '22'],
    ['3389 alone', 3389, 3389, '3389'],
    ['a range ending at 22', 0, 22, '22'],
    ['a range starting at 3389', 3389, 65535, '3389'],
    ['a range holding both', 22, 3389, '22 and 3389'],
  ])('fails %s from a wide CIDR, naming the ports', (_label, from, to, ports) => {
    expect(problems([ingressRule({ from_port: from, to_port: to, cidr_ipv4: '10.0.0.0/8' })])).toEqual(admin(`opens port ${ports} to 10.0.0.0/8`));
  });

  it.each([
    [0, 21],
    [23, 3388],
    [3390, 65535],
  ])('passes ports %i-%i, which hold neither, and does not apply to them', (from, to) => {
    const resources = [ingressRule({ from_port: from, to_port: to, cidr_ipv4: '10.0.0.0/8' })];
    expect(problems(resources)).toEqual([]);
    expect(passedBy('SG-NO-WIDE-ADMIN', resources)).toBe(0);
  });

  it('applies to tcp by name or number, not to udp', () => {
    expect(problems([ingressRule({ ip_protocol: '6', from_port: 22, to_port: 22, cidr_ipv4: '10.0.0.0/8' })])).toEqual(admin('opens port 22 to 10.0.0.0/8'));
    expect(problems([groupRule({ protocol: 'TCP', from_port: 22, to_port: 22, cidr_blocks: ['10.0.0.0/8'] })])).toEqual(admin('opens port 22 to 10.0.0.0/8', 'aws_security_group_rule.r'));
    expect(problems([ingressRule({ ip_protocol: 'udp', from_port: 22, to_port: 22, cidr_ipv4: '10.0.0.0/8' })])).toEqual([]);
  });

  it('does not apply to SSH from a security group or prefix list (no CIDR)', () => {
    const resources = [ingressRule({ from_port: 22, to_port: 22, referenced_security_group_id: 'sg-1' }), ingressRule({ from_port: 22, to_port: 22, prefix_list_id: 'pl-1' }, 'pl')];
    expect(problems(resources)).toEqual([]);
    expect(passedBy('SG-NO-WIDE-ADMIN', resources)).toBe(0);
  });

  it.each([['203.0.113.10/32'], ['2001:db8::10/128']])('passes SSH from the single address %s, and counts it', (cidr) => {
    const resources = [groupRule({ from_port: 22, to_port: 22, [cidr.includes(':') ? 'ipv6_cidr_blocks' : 'cidr_blocks']: [cidr] })];
    expect(problems(resources)).toEqual([]);
    expect(passedBy('SG-NO-WIDE-ADMIN', resources)).toBe(1);
  });

  it.each([['203.0.113.0/31'], ['2001:db8::/32'], ['2001:db8::/127']])('fails SSH from %s, more than one address', (cidr) => {
    const resources = [groupRule({ from_port: 22, to_port: 22, [cidr.includes(':') ? 'ipv6_cidr_blocks' : 'cidr_blocks']: [cidr] })];
    expect(problems(resources)).toEqual(admin(`opens port 22 to ${cidr}`, 'aws_security_group_rule.r'));
  });

  it('names only the wide CIDRs of a permission, all of them', () => {
    const cidrs = ['203.0.113.10/32', '10.0.0.0/8', '192.168.0.0/16'];
    expect(problems([groupRule({ from_port: 3389, to_port: 3389, cidr_blocks: cidrs })])).toEqual(admin('opens port 3389 to 10.0.0.0/8, 192.168.0.0/16', 'aws_security_group_rule.r'));
  });
});

const endpoint = (values: Record<string, unknown> = {}): RawResource => ({
  type: 'aws_vpc_endpoint',
  id: 's3',
  values: { vpc_id: 'vpc-1', service_name: 'com.amazonaws.eu-west-1.s3', vpc_endpoint_type: 'Gateway', ...values },
});
const attached = (policy: unknown, id = 'p'): RawResource => ({ type: 'aws_vpc_endpoint_policy', id, values: { vpc_endpoint_id: '${aws_vpc_endpoint.s3.id}', policy } });
const document = (...statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ALLOW_ALL = { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };
const OWN_ACCOUNT = { ...ALLOW_ALL, Condition: { StringEquals: { 'aws:ResourceAccount': '123456789012' } } };
const NO_POLICY = 'has no endpoint policy: the default lets any principal reach any resource of the service through it';
const UNREADABLE = 'has a policy that cannot be checked (neither literal JSON nor an aws_iam_policy_document of the stack)';
const allowAll = (labels: string) => `has an allow-all policy statement (${labels}): any principal, any action, any resource, no condition`;
const endpointProblems = (resources: readonly RawResource[]) => findingsFor(resources).filter((f) => f.ruleId === 'VPCE-POLICY').map((f) => [f.address, f.problem]);
const onEndpoint = (problem: string) => [['aws_vpc_endpoint.s3', problem]];

describe('VPCE-POLICY edges', () => {
  it('passes a narrowed policy and counts the endpoint as checked', () => {
    expect(endpointProblems([endpoint({ policy: document(OWN_ACCOUNT) })])).toEqual([]);
    expect(passedBy('VPCE-POLICY', [endpoint({ policy: document(OWN_ACCOUNT) })])).toBe(1);
  });

  it.each([
    ['an empty policy', { policy: '' }],
    ['a null policy', { policy: null }],
  ])('fails %s as no policy', (_label, values) => {
    expect(endpointProblems([endpoint(values)])).toEqual(onEndpoint(NO_POLICY));
  });

  it('fails an empty attached policy as no policy, and judges an attached one on its own endpoint only', () => {
    expect(endpointProblems([endpoint(), attached('')])).toEqual(onEndpoint(NO_POLICY));
    const other: RawResource = { ...endpoint(), id: 'other' };
    expect(endpointProblems([endpoint(), other, attached(document(OWN_ACCOUNT))])).toEqual([['aws_vpc_endpoint.other', NO_POLICY]]);
  });

  it('judges every policy of an endpoint, inline and attached', () => {
    expect(endpointProblems([endpoint({ policy: document(OWN_ACCOUNT) }), attached(document(ALLOW_ALL))])).toEqual(onEndpoint(allowAll('#1')));
    expect(endpointProblems([endpoint({ policy: document(OWN_ACCOUNT) }), attached('${var.policy}')])).toEqual(onEndpoint(UNREADABLE));
    expect(endpointProblems([endpoint({ policy: document(OWN_ACCOUNT) }), attached(document(OWN_ACCOUNT))])).toEqual([]);
  });

  it.each([
    ['JSON null', 'null'],
    ['a JSON string', '"Allow everything"'],
    ['a JSON number', '5'],
    ['JSON without Statement', JSON.stringify({ Version: '2012-10-17' })],
    ['an unknown reference', '${var.policy}'],
    ['a jsonencode() call', '${jsonencode({Statement = []})}'],
  ])('fails %s as a policy it cannot check', (_label, policy) => {
    expect(endpointProblems([endpoint({ policy })])).toEqual(onEndpoint(UNREADABLE));
  });

  it('fails a policy that is not a string as one it cannot check', () => {
    expect(endpointProblems([endpoint(), attached({ Statement: [ALLOW_ALL] })])).toEqual(onEndpoint(UNREADABLE));
  });

  it.each([
    ['Action "*"', {}],
    ['Action "s3:*"', { Action: 's3:*' }],
    ['Action "S3:*" (IAM ignores case)', { Action: 'S3:*' }],
    ['Action "execute-api:*"', { Action: 'execute-api:*' }],
    ['one "*" among the actions', { Action: ['s3:GetObject', '*'] }],
    ['one "*" among the principals', { Principal: { AWS: ['arn:aws:iam::123456789012:root', '*'] } }],
    ['Principal { AWS: "*" }', { Principal: { AWS: '*' } }],
    ['one "*" among the resources', { Resource: ['arn:aws:s3:::logs/*', '*'] }],
    ['a null Condition', { Condition: null }],
    ['an empty Condition', { Condition: {} }],
  ])('fails the allow-all statement with %s', (_label, change) => {
    expect(endpointProblems([endpoint({ policy: document({ ...ALLOW_ALL, ...change }) })])).toEqual(onEndpoint(allowAll('#1')));
  });

  it('fails a single Statement object, not in a list', () => {
    expect(endpointProblems([endpoint({ policy: JSON.stringify({ Statement: ALLOW_ALL }) })])).toEqual(onEndpoint(allowAll('#1')));
  });

  it.each([
    ['Effect Deny', { Effect: 'Deny' }],
    ['no Effect', { Effect: undefined }],
    ['an account principal', { Principal: { AWS: 'arn:aws:iam::123456789012:root' } }],
    ['a service principal', { Principal: { Service: '*' } }],
    ['no Principal', { Principal: undefined }],
    ['one action', { Action: 's3:GetObject' }],
    ['a wildcard inside an action name', { Action: 's3:*Object' }],
    ['an action that is not service:*', { Action: 's3:GetObject:*' }],
    ['a wildcard action name with nothing before the colon', { Action: ':*' }],
    ['no Action', { Action: undefined }],
    ['one bucket', { Resource: 'arn:aws:s3:::logs/*' }],
    ['no Resource', { Resource: undefined }],
    ['a condition', { Condition: { StringEquals: { 'aws:PrincipalAccount': '123456789012' } } }],
  ])('passes the statement with %s', (_label, change) => {
    expect(endpointProblems([endpoint({ policy: document({ ...ALLOW_ALL, ...change }) })])).toEqual([]);
  });

  it('labels statements by Sid, by position when it has none or an empty or non-string one, skipping a null statement', () => {
    const statements = [null, { ...ALLOW_ALL, Sid: 'Everything' }, ALLOW_ALL, { ...ALLOW_ALL, Sid: '' }, { ...ALLOW_ALL, Sid: 7 }];
    expect(endpointProblems([endpoint({ policy: document(...statements) })])).toEqual(onEndpoint(allowAll('Everything, #3, #4, #5')));
  });

  it('reads a JSON policy with a reference inside as literal JSON', () => {
    const statement = { ...ALLOW_ALL, Resource: '${aws_s3_bucket.logs.arn}/*' };
    expect(endpointProblems([endpoint({ policy: document(statement) })])).toEqual([]);
  });
});

describe('VPCE-POLICY on aws_iam_policy_document data sources', () => {
  /** The VPCE-POLICY problems of an endpoint whose policy is `policy`, with policy documents `documents` (by id) in the stack. */
  const problemsWith = (documents: Record<string, unknown[]>, policy = '${data.aws_iam_policy_document.doc.json}') => {
    const stack = stackOf([endpoint({ policy })]);
    for (const [id, statement] of Object.entries(documents)) {
      const data = new TerraformDataSource(stack, id, { terraformResourceType: 'aws_iam_policy_document' });
      data.overrideLogicalId(id);
      data.addOverride('statement', statement);
    }
    return evaluateStack(stack, testConfig()).outcomes.find((each) => each.rule.id === 'VPCE-POLICY')?.failed.map((finding) => finding.problem);
  };
  const everything = { principals: [{ type: '*', identifiers: ['*'] }], actions: ['*'], resources: ['*'] };

  it.each([
    ['no effect (Allow by default)', {}],
    ['effect Allow', { effect: 'Allow' }],
    ['AWS "*" principals', { principals: [{ type: 'AWS', identifiers: ['*'] }] }],
    ['a service prefix wildcard', { actions: ['s3:*'] }],
    ['an empty condition list', { condition: [] }],
  ])('fails the allow-all statement with %s', (_label, change) => {
    expect(problemsWith({ doc: [{ ...everything, ...change }] })).toEqual([allowAll('#1')]);
  });

  it.each([
    ['effect Deny', { effect: 'Deny' }],
    ['Service "*" principals', { principals: [{ type: 'Service', identifiers: ['*'] }] }],
    ['an account principal', { principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::123456789012:root'] }] }],
    ['one action', { actions: ['s3:GetObject'] }],
    ['one resource', { resources: ['arn:aws:s3:::logs/*'] }],
    ['a condition', { condition: [{ test: 'StringEquals', variable: 'aws:ResourceAccount', values: ['123456789012'] }] }],
  ])('passes the statement with %s', (_label, change) => {
    expect(problemsWith({ doc: [{ ...everything, ...change }] })).toEqual([]);
  });

  it('labels statements by sid, by position when it has none or an empty one', () => {
    expect(problemsWith({ doc: [{ ...everything, sid: 'All' }, everything, { ...everything, sid: '' }] })).toEqual([allowAll('All, #2, #3')]);
  });

  it('reads the document the policy references, not another one, even after whitespace', () => {
    const narrow = { ...everything, condition: [{ test: 'StringEquals', variable: 'aws:ResourceAccount', values: ['123456789012'] }] };
    expect(problemsWith({ a: [everything], b: [narrow] }, '${data.aws_iam_policy_document.b.json}')).toEqual([]);
    expect(problemsWith({ a: [narrow], b: [everything] }, ' ${data.aws_iam_policy_document.b.json}')).toEqual([allowAll('#1')]);
    expect(problemsWith({ a: [narrow] }, '${data.aws_iam_policy_document.b.json}')).toEqual([UNREADABLE]);
  });
});
