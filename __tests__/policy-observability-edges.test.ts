import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EnvironmentConfig } from '../config/schema';
import { evaluateStack } from '../constructs/policy/engine';
import { alarmActionRegion } from '../constructs/policy/rules/observability/alarm-action-region';
import { testConfig } from './support/fixtures';
import { RawResource, stackOf } from './support/policy';

// The edges the observability rules draw (LOGS-RETENTION, LOGS-KMS, SNS-ENCRYPTED, ALARM-ACTION-REGION),
// one resource on each side; the happy paths are in policy-observability.test.ts and policy-ops.test.ts.

type Provider = { alias?: string; region: string };

/** The observability outcomes on a stack of these resources and provider blocks. */
function outcomes(resources: readonly RawResource[], providers: readonly Provider[] = [], config: EnvironmentConfig = testConfig()) {
  const stack = stackOf(resources);
  for (const { alias, region } of providers) new AwsProvider(stack, `provider-${alias ?? 'default'}`, { region, alias });
  return evaluateStack(stack, config).outcomes.filter((outcome) => outcome.rule.pack === 'observability');
}

/** Each observability finding as `[rule, resource address, problem]`. */
const problems = (resources: readonly RawResource[], providers?: readonly Provider[], config?: EnvironmentConfig) =>
  outcomes(resources, providers, config).flatMap((outcome) => outcome.failed.map((finding) => [finding.ruleId, finding.address, finding.problem]));

/** How many resources each observability rule found compliant. */
const passed = (resources: readonly RawResource[], providers?: readonly Provider[], config?: EnvironmentConfig) =>
  Object.fromEntries(outcomes(resources, providers, config).map((outcome) => [outcome.rule.id, outcome.passed]));

const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/0b7c5f2e-1111-2222-3333-444455556666';
const logGroup = (values: Record<string, unknown>): RawResource => ({ type: 'aws_cloudwatch_log_group', id: 'lg', values: { name: '/webplat/test/app', retention_in_days: 30, ...values } });
const topic = (values: Record<string, unknown> = {}, id = 't'): RawResource => ({ type: 'aws_sns_topic', id, values: { name: id, kms_master_key_id: '${aws_kms_key.ops.arn}', ...values } });

describe('observability pack', () => {
  it('runs its four rules under the observability pack', () => {
    expect(Object.keys(passed([])).sort()).toEqual(['ALARM-ACTION-REGION', 'LOGS-KMS', 'LOGS-RETENTION', 'SNS-ENCRYPTED']);
  });
});

describe('LOGS-RETENTION edges', () => {
  const FOREVER = [['LOGS-RETENTION', 'aws_cloudwatch_log_group.lg', 'keeps logs forever (no retention_in_days)']];

  it.each([1, 30, 3653, '7'])('passes a retention of %p days', (days) => {
    expect(problems([logGroup({ retention_in_days: days })])).toEqual([]);
    expect(passed([logGroup({ retention_in_days: days })])['LOGS-RETENTION']).toBe(1);
  });

  it.each([0, -1, '0', '', 'forever', undefined])('fails a retention of %p', (days) => {
    expect(problems([logGroup({ retention_in_days: days })])).toEqual(FOREVER);
  });
});

describe('LOGS-KMS edges', () => {
  const byKeyArn = testConfig((input) => {
    input.observability = { kmsKeyArn: KEY_ARN };
  });
  const byOwnKeys = testConfig((input) => {
    input.encryption = { customerManagedKeys: true };
  });
  const PLAIN = [['LOGS-KMS', 'aws_cloudwatch_log_group.lg', 'is not encrypted with the KMS key']];

  it.each([
    ['observability.kmsKeyArn', byKeyArn],
    ['encryption.customerManagedKeys', byOwnKeys],
  ])('where the config asks by %s: passes a log group with a key, fails one without or with an empty one', (_label, config) => {
    expect(problems([logGroup({ kms_key_id: '${aws_kms_key.logs.arn}' })], [], config)).toEqual([]);
    expect(passed([logGroup({ kms_key_id: KEY_ARN })], [], config)['LOGS-KMS']).toBe(1);
    expect(problems([logGroup({})], [], config)).toEqual(PLAIN);
    expect(problems([logGroup({ kms_key_id: '' })], [], config)).toEqual(PLAIN);
  });

  it('does not apply where the config does not ask: a plain log group is neither passed nor failed', () => {
    expect(problems([logGroup({})])).toEqual([]);
    expect(passed([logGroup({})])['LOGS-KMS']).toBe(0);
  });
});

describe('SNS-ENCRYPTED edges', () => {
  const managed = (key: string) => [
    ['SNS-ENCRYPTED', 'aws_sns_topic.t', `is encrypted with the AWS managed key ${key}, which CloudWatch alarms and EventBridge cannot publish through`],
  ];

  it.each([
    ['a key ARN', KEY_ARN],
    ['a key id', '0b7c5f2e-1111-2222-3333-444455556666'],
    ['a customer alias', 'alias/webplat-test-ops'],
    ['a customer alias whose name ends in alias/aws/sns', 'alias/ops/alias/aws/sns'],
    ['a name that only begins with the managed alias', 'alias/aws/sns-archive'],
    ['a reference', '${aws_kms_alias.ops.arn}'],
  ])('passes %s', (_label, key) => {
    expect(problems([topic({ kms_master_key_id: key })])).toEqual([]);
    expect(passed([topic({ kms_master_key_id: key })])['SNS-ENCRYPTED']).toBe(1);
  });

  it.each([
    ['the alias name', 'alias/aws/sns'],
    ['the alias ARN', 'arn:aws:kms:eu-west-1:123456789012:alias/aws/sns'],
    ['the alias ARN of another partition', 'arn:aws-cn:kms:cn-north-1:123456789012:alias/aws/sns'],
  ])('fails the AWS managed key by %s', (_label, key) => {
    expect(problems([topic({ kms_master_key_id: key })])).toEqual(managed(key));
  });

  it('fails a topic without a key or with an empty one', () => {
    const plain = [['SNS-ENCRYPTED', 'aws_sns_topic.t', 'is not encrypted (no kms_master_key_id)']];
    expect(problems([topic({ kms_master_key_id: undefined })])).toEqual(plain);
    expect(problems([topic({ kms_master_key_id: '' })])).toEqual(plain);
  });

  it('reads only a string as an alias', () => {
    expect(problems([topic({ kms_master_key_id: ['alias/aws/sns'] })])).toEqual([]);
  });
});

describe('ALARM-ACTION-REGION edges', () => {
  const HOME: Provider = { region: 'eu-west-1' };
  const GLOBAL: Provider = { alias: 'global', region: 'us-east-1' };
  const HOME_AGAIN: Provider = { alias: 'home-again', region: 'eu-west-1' };
  const HOME_ARN = 'arn:aws:sns:eu-west-1:123456789012:webplat-test-ops-alarms';
  const GLOBAL_ARN = 'arn:aws:sns:us-east-1:123456789012:webplat-test-ops-alarms-us-east-1';
  const alarm = (values: Record<string, unknown>): RawResource => ({
    type: 'aws_cloudwatch_metric_alarm',
    id: 'a',
    values: { alarm_name: '5xx', namespace: 'AWS/ApplicationELB', metric_name: 'HTTPCode_ELB_5XX_Count', comparison_operator: 'GreaterThanThreshold', threshold: 5, evaluation_periods: 1, ...values },
  });
  const homeTopic = topic({}, 'home');
  const globalTopic = topic({ provider: 'aws.global' }, 'global');
  const ref = (id: string) => `\${aws_sns_topic.${id}.arn}`;
  /** The alarm's problem, when the rule finds one. */
  const problemOf = (resources: readonly RawResource[], providers: readonly Provider[] = [HOME, GLOBAL]) =>
    problems(resources, providers).filter(([ruleId]) => ruleId === 'ALARM-ACTION-REGION').map(([, address, problem]) => `${address}: ${problem}`);
  const A = 'aws_cloudwatch_metric_alarm.a';

  it.each(['alarm_actions', 'ok_actions', 'insufficient_data_actions'])('judges %s: a topic of its region passes, a topic of another region fails', (field) => {
    const base = field === 'alarm_actions' ? {} : { alarm_actions: [ref('home')] };
    expect(problemOf([alarm({ ...base, [field]: [ref('home')] }), homeTopic, globalTopic])).toEqual([]);
    expect(passed([alarm({ ...base, [field]: [ref('home')] }), homeTopic, globalTopic], [HOME, GLOBAL])['ALARM-ACTION-REGION']).toBe(1);
    expect(problemOf([alarm({ ...base, [field]: [ref('global')] }), homeTopic, globalTopic])).toEqual([
      `${A}: sends ${field} to aws_sns_topic.global in us-east-1, not in its own region eu-west-1`,
    ]);
    expect(problemOf([alarm({ ...base, [field]: [GLOBAL_ARN] })])).toEqual([`${A}: sends ${field} to SNS topic ${GLOBAL_ARN} in us-east-1, not in its own region eu-west-1`]);
  });

  it('joins several problems with "; ", the missing alarm action first', () => {
    expect(problemOf([alarm({ ok_actions: [GLOBAL_ARN], insufficient_data_actions: [ref('global')] }), homeTopic, globalTopic])).toEqual([
      `${A}: has no alarm action; sends ok_actions to SNS topic ${GLOBAL_ARN} in us-east-1, not in its own region eu-west-1; ` +
        'sends insufficient_data_actions to aws_sns_topic.global in us-east-1, not in its own region eu-west-1',
    ]);
  });

  it('judges only the topics an action names, and each of them', () => {
    expect(problemOf([alarm({ alarm_actions: [ref('home'), HOME_ARN] }), homeTopic, globalTopic])).toEqual([]);
    expect(problemOf([alarm({ alarm_actions: ['${join(",", [aws_sns_topic.home.arn, aws_sns_topic.global.arn])}'] }), homeTopic, globalTopic])).toEqual([
      `${A}: sends alarm_actions to aws_sns_topic.global in us-east-1, not in its own region eu-west-1`,
    ]);
  });

  it('judges a data.aws_sns_topic like a topic of the stack', () => {
    const found = (provider?: string): RawResource => ({ type: 'data.aws_sns_topic', id: 'found', values: { name: 'ops', ...(provider ? { provider } : {}) } });
    expect(problemOf([alarm({ alarm_actions: ['${data.aws_sns_topic.found.arn}'] }), found()])).toEqual([]);
    expect(problemOf([alarm({ alarm_actions: ['${data.aws_sns_topic.found.arn}'] }), found('aws.global')])).toEqual([
      `${A}: sends alarm_actions to data.aws_sns_topic.found in us-east-1, not in its own region eu-west-1`,
    ]);
  });

  it('compares regions when both are known: two providers of one region pass, whatever their aliases', () => {
    const again = topic({ provider: 'aws.home-again' }, 'again');
    expect(problemOf([alarm({ alarm_actions: [ref('again')] }), again], [HOME, HOME_AGAIN])).toEqual([]);
  });

  it('compares providers when a region is not known, on either side', () => {
    const ghost = topic({ provider: 'aws.ghost' }, 'ghost');
    expect(problemOf([alarm({ alarm_actions: [ref('ghost')] }), ghost])).toEqual([`${A}: sends alarm_actions to aws_sns_topic.ghost of provider aws.ghost, not of its own provider aws`]);
    expect(problemOf([alarm({ alarm_actions: [ref('global')], provider: 'aws.ghost' }), globalTopic])).toEqual([
      `${A}: sends alarm_actions to aws_sns_topic.global of provider aws.global, not of its own provider aws.ghost`,
    ]);
    expect(problemOf([alarm({ alarm_actions: [ref('home')] }), homeTopic, topic({ provider: 'aws.other' }, 'other')], [])).toEqual([]);
    expect(problemOf([alarm({ alarm_actions: [ref('other')] }), topic({ provider: 'aws.other' }, 'other')], [])).toEqual([
      `${A}: sends alarm_actions to aws_sns_topic.other of provider aws.other, not of its own provider aws`,
    ]);
  });

  it('reads a provider written as an expression, an empty provider as the default one, and any other provider as it is', () => {
    expect(problemOf([alarm({ alarm_actions: [ref('g')], provider: '${aws.global}' }), topic({ provider: 'aws.global' }, 'g')])).toEqual([]);
    expect(problemOf([alarm({ alarm_actions: [ref('home')] }), topic({ provider: '' }, 'home')])).toEqual([]);
    expect(problemOf([alarm({ alarm_actions: [ref('odd')] }), topic({ provider: 'x${aws.global}' }, 'odd')])).toEqual([
      `${A}: sends alarm_actions to aws_sns_topic.odd of provider x\${aws.global}, not of its own provider aws`,
    ]);
    expect(problemOf([alarm({ alarm_actions: [ref('odd')] }), topic({ provider: '${aws.global}x' }, 'odd')])).toEqual([
      `${A}: sends alarm_actions to aws_sns_topic.odd of provider \${aws.global}x, not of its own provider aws`,
    ]);
  });

  it.each([
    ['of its region', HOME_ARN],
    ['of its region in another partition', 'arn:aws-us-gov:sns:eu-west-1:123456789012:alarms'],
  ])('passes a literal topic ARN %s', (_label, arn) => {
    expect(problemOf([alarm({ alarm_actions: [arn] })])).toEqual([]);
  });

  it.each([
    ['in another region', GLOBAL_ARN, `sends alarm_actions to SNS topic ${GLOBAL_ARN} in us-east-1, not in its own region eu-west-1`],
    [
      'in another partition and region',
      'arn:aws-us-gov:sns:us-gov-west-1:123456789012:alarms',
      'sends alarm_actions to SNS topic arn:aws-us-gov:sns:us-gov-west-1:123456789012:alarms in us-gov-west-1, not in its own region eu-west-1',
    ],
    ['without a region', 'arn:aws:sns::123456789012:alarms', 'sends alarm_actions to SNS topic arn:aws:sns::123456789012:alarms whose region is not a literal: it cannot be checked'],
    [
      'with a computed region',
      'arn:aws:sns:${var.region}:123456789012:alarms',
      'sends alarm_actions to SNS topic arn:aws:sns:${var.region}:123456789012:alarms whose region is not a literal: it cannot be checked',
    ],
  ])('fails a literal topic ARN %s', (_label, arn, problem) => {
    expect(problemOf([alarm({ alarm_actions: [arn] })])).toEqual([`${A}: ${problem}`]);
  });

  it('fails a literal topic ARN where the alarm\'s provider has no literal region', () => {
    expect(problemOf([alarm({ alarm_actions: [HOME_ARN] })], [])).toEqual([
      `${A}: sends alarm_actions to SNS topic ${HOME_ARN}, but its own region is unknown (provider aws has no literal region)`,
    ]);
  });

  it.each([
    ['an Auto Scaling policy', 'arn:aws:autoscaling:eu-west-1:123456789012:scalingPolicy:1111:autoScalingGroupName/web:policyName/out'],
    ['an EC2 action', 'arn:aws:automate:us-east-1:ec2:stop'],
    ['an expression that builds an ARN', '${format("arn:aws:sns:us-east-1:123456789012:%s", var.topic)}'],
    ['a value of another stack', '${data.terraform_remote_state.ops.outputs.alarm_topic_arn}'],
    ['an SNS ARN nested in a list', ['arn:aws:sns:us-east-1:123456789012:alarms']],
  ])('does not judge %s', (_label, action) => {
    expect(problemOf([alarm({ alarm_actions: [action] })])).toEqual([]);
  });

  it('fails an alarm with no alarm action, or an empty list of them', () => {
    expect(problemOf([alarm({})])).toEqual([`${A}: has no alarm action`]);
    expect(problemOf([alarm({ alarm_actions: [] })])).toEqual([`${A}: has no alarm action`]);
  });

  it('judges by provider when the context knows no provider regions', () => {
    const resources = [alarm({ alarm_actions: [ref('global'), HOME_ARN] }), homeTopic, globalTopic];
    const context = { stackName: 'policy-test', config: testConfig(), resources: toResources(resources) };
    expect(alarmActionRegion.check(context).map((verdict) => verdict.problem)).toEqual([
      'sends alarm_actions to aws_sns_topic.global of provider aws.global, not of its own provider aws; ' +
        `sends alarm_actions to SNS topic ${HOME_ARN}, but its own region is unknown (provider aws has no literal region)`,
    ]);
  });
});

/** The resources as the rules see them, without a stack. */
function toResources(resources: readonly RawResource[]) {
  return resources.map(({ type, id, values }) => ({ type, name: id, address: `${type}.${id}`, path: `policy-test/${id}`, values }));
}
