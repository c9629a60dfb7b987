import { App, TerraformDataSource } from 'cdktf';
import { evaluateStack } from '../constructs/policy/engine';
import { NetworkStack } from '../stacks/network-stack';
import { testConfig } from './support/fixtures';
import { findingsFor, RawResource, stackOf } from './support/policy';

const gateway = (values: Record<string, unknown> = {}): RawResource => ({
  type: 'aws_vpc_endpoint',
  id: 's3',
  values: { vpc_id: 'vpc-1', service_name: 'com.amazonaws.eu-west-1.s3', vpc_endpoint_type: 'Gateway', ...values },
});

const document = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** The default endpoint policy, as AWS documents it. */
const DEFAULT_POLICY = { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };
const OWN_ACCOUNT = { Sid: 'Own', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceAccount': '123456789012' } } };

/** The VPCE-POLICY findings of a stack of these resources, as `<problem>`. */
const problems = (resources: RawResource[]) => findingsFor(resources).filter((finding) => finding.ruleId === 'VPCE-POLICY').map((finding) => finding.problem);

describe('VPCE-POLICY', () => {
  it('passes an endpoint whose only allow-all statement is narrowed by a condition', () => {
    expect(problems([gateway({ policy: document(OWN_ACCOUNT) })])).toEqual([]);
  });

  it('passes an Allow * limited to some resources or some actions', () => {
    expect(problems([gateway({ policy: document({ ...DEFAULT_POLICY, Resource: ['arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*'] }) })])).toEqual([]);
    expect(problems([gateway({ policy: document({ ...DEFAULT_POLICY, Action: 's3:GetObject' }) })])).toEqual([]);
  });

  it('fails an endpoint without a policy', () => {
    expect(problems([gateway()])).toEqual(['has no endpoint policy: the default lets any principal reach any resource of the service through it']);
  });

  it.each([
    ['Principal "*"', DEFAULT_POLICY],
    ['Principal { AWS: "*" }', { ...DEFAULT_POLICY, Principal: { AWS: '*' } }],
    ['Principal { AWS: ["*"] } and Action ["*"]', { ...DEFAULT_POLICY, Principal: { AWS: ['*'] }, Action: ['*'] }],
    ['Action "s3:*"', { ...DEFAULT_POLICY, Action: 's3:*' }],
    ['an empty Condition', { ...DEFAULT_POLICY, Condition: {} }],
  ])('fails the allow-all statement written with %s, naming it', (_label, statement) => {
    expect(problems([gateway({ policy: document(OWN_ACCOUNT, statement) })])).toEqual([
      'has an allow-all policy statement (#2): any principal, any action, any resource, no condition',
    ]);
  });

  it('names an allow-all statement by its Sid', () => {
    expect(problems([gateway({ policy: document({ ...DEFAULT_POLICY, Sid: 'Everything' }) })])).toEqual([
      'has an allow-all policy statement (Everything): any principal, any action, any resource, no condition',
    ]);
  });

  it('judges a policy attached by aws_vpc_endpoint_policy', () => {
    const attached = (policy: object): RawResource => ({ type: 'aws_vpc_endpoint_policy', id: 'p', values: { vpc_endpoint_id: '${aws_vpc_endpoint.s3.id}', policy: document(policy) } });
    expect(problems([gateway(), attached(OWN_ACCOUNT)])).toEqual([]);
    expect(problems([gateway(), attached(DEFAULT_POLICY)])).toEqual([
      'has an allow-all policy statement (#1): any principal, any action, any resource, no condition',
    ]);
  });

  it('reads an aws_iam_policy_document data source', () => {
    const problemsWith = (statement: Record<string, unknown>) => {
      const stack = stackOf([gateway({ policy: '${data.aws_iam_policy_document.doc.json}' })]);
      const data = new TerraformDataSource(stack, 'doc', { terraformResourceType: 'aws_iam_policy_document' });
      data.overrideLogicalId('doc');
      data.addOverride('statement', [{ principals: [{ type: '*', identifiers: ['*'] }], actions: ['*'], resources: ['*'], ...statement }]);
      const outcome = evaluateStack(stack, testConfig()).outcomes.find((each) => each.rule.id === 'VPCE-POLICY');
      return outcome?.failed.map((finding) => finding.problem);
    };
    expect(problemsWith({ condition: [{ test: 'StringEquals', variable: 'aws:ResourceAccount', values: ['123456789012'] }] })).toEqual([]);
    expect(problemsWith({})).toEqual(['has an allow-all policy statement (#1): any principal, any action, any resource, no condition']);
  });

  it('fails a policy it cannot read rather than passing it unseen', () => {
    expect(problems([gateway({ policy: '${var.endpoint_policy}' })])).toEqual([
      'has a policy that cannot be checked (neither literal JSON nor an aws_iam_policy_document of the stack)',
    ]);
    expect(problems([gateway({ policy: '{"Statement": ' })])).toEqual([
      'has a policy that cannot be checked (neither literal JSON nor an aws_iam_policy_document of the stack)',
    ]);
  });

  it('passes every endpoint of the network stack, interface endpoints included', () => {
    const config = testConfig((input) => {
      input.network.interfaceEndpoints = ['ssm', 'ssmmessages', 'ec2messages', 'logs', 'secretsmanager', 'kms', 'sts', 'monitoring', 'ecr.api', 'ecr.dkr'];
    });
    const outcomes = evaluateStack(new NetworkStack(new App(), config), config).outcomes;
    const outcome = outcomes.find((each) => each.rule.id === 'VPCE-POLICY');
    expect(outcome?.failed).toEqual([]);
    expect(outcome?.passed).toBe(12);
  });
});
