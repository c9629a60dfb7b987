import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Aspects, TerraformDataSource, TerraformResource, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { assertPolicyClean, PolicyAspect, policyReportOf } from '../constructs/policy/aspect';
import { evaluateStack, Finding, RuleOutcome, stackResources, StackPolicyReport, TerraformJson, unsuppressedFindings } from '../constructs/policy/engine';
import { POLICY_PACKS, POLICY_RULES, policyRule } from '../constructs/policy/packs';
import { formatFindings, formatReport, formatRules } from '../constructs/policy/report';
import { ANYWHERE, attachedTo, blocks, isLiteral, isLogBucket, isTrue, ofType, references, verdict } from '../constructs/policy/resources';
import { kmsRequestedForLogs } from '../constructs/policy/settings';
import { PolicyError, suppressPolicy } from '../constructs/policy/suppressions';
import { PolicyContext, PolicyRule, RuleVerdict, StackResource } from '../constructs/policy/types';
import { testConfig } from './support/fixtures';
import { RawResource, stackOf } from './support/policy';
import { thrownBy } from './support/thrown';

const HINT = "Fix the resource; where a rule truly does not apply, suppress it on the construct with the reason: suppressPolicy(construct, 'RULE-ID', 'why').";

/** A rule with a real id (suppressPolicy only accepts those) whose verdicts the test decides. */
function ruleOf(id: string, check: (context: PolicyContext) => readonly RuleVerdict[]): PolicyRule {
  return { id, pack: 'observability', title: 'Test rule.', explanation: 'test', fix: `fix ${id}`, check };
}

/** A rule that fails every resource of a type with `problem`, and passes the others. */
const failing = (id: string, type: string, problem = 'is wrong') =>
  ruleOf(id, ({ resources }) => resources.map((resource) => verdict(resource, resource.type === type && problem)));

/** The error `action` throws (fails the test when it throws nothing). */
const topic = (id: string): RawResource => ({ type: 'aws_sns_topic', id, values: { name: id } });
const resource = (type: string, name: string, values: Record<string, unknown> = {}): StackResource => ({ type, name, address: `${type}.${name}`, path: `s/${name}`, values });

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function checkedApp(): App {
  const outdir = mkdtempSync(join(tmpdir(), 'policy-edges-'));
  outdirs.push(outdir);
  return new App({ outdir, stackTraces: false });
}

describe('evaluateStack: what rules see', () => {
  it('gives every rule the stack name, the config and the resources and data sources by address, type and construct path', () => {
    const stack = stackOf([topic('t')]);
    const data = new TerraformDataSource(stack, 'who', { terraformResourceType: 'aws_caller_identity' });
    data.overrideLogicalId('who');
    stack.addOverride('resource.aws_sns_topic.extra', { name: 'extra' });
    const config = testConfig();
    const seen: PolicyContext[] = [];
    evaluateStack(stack, config, [ruleOf('SNS-ENCRYPTED', (context) => (seen.push(context), []))]);
    expect(seen).toHaveLength(1);
    expect(seen[0].stackName).toBe('policy-test');
    expect(seen[0].config).toBe(config);
    expect(seen[0].resources.map(({ type, name, address, path }) => ({ type, name, address, path }))).toEqual([
      { type: 'aws_sns_topic', name: 't', address: 'aws_sns_topic.t', path: 'policy-test/t' },
      { type: 'aws_sns_topic', name: 'extra', address: 'aws_sns_topic.extra', path: 'aws_sns_topic.extra' },
      { type: 'data.aws_caller_identity', name: 'who', address: 'data.aws_caller_identity.who', path: 'policy-test/who' },
    ]);
    expect(seen[0].resources[1].values).toEqual({ name: 'extra' });
    expect(stackResources(stack)).toEqual(seen[0].resources);
    expect(seen[0].providerRegions).toEqual({});
  });

  it('reads the JSON it is given, and names a resource by its construct, else its metadata path, else its address', () => {
    const stack = stackOf([topic('t')]);
    const json = {
      resource: {
        aws_sns_topic: {
          t: { name: 't', '//': { metadata: { path: 'elsewhere/t' } } },
          lone: { '//': { metadata: { path: 'meta/lone' } } },
          bare: { '//': {} },
          none: {},
        },
      },
      data: undefined,
    } as TerraformJson;
    const seen: StackResource[][] = [];
    evaluateStack(stack, testConfig(), [ruleOf('SNS-ENCRYPTED', ({ resources }) => (seen.push([...resources]), []))], json);
    expect(seen[0].map((r) => [r.address, r.path])).toEqual([
      ['aws_sns_topic.t', 'policy-test/t'],
      ['aws_sns_topic.lone', 'meta/lone'],
      ['aws_sns_topic.bare', 'aws_sns_topic.bare'],
      ['aws_sns_topic.none', 'aws_sns_topic.none'],
    ]);
    expect(stackResources(stack, json)).toEqual(seen[0]);
  });

  it('knows the literal region of each provider block: the default by name, an aliased one by name.alias; one block or a list', () => {
    const json = {
      resource: undefined,
      data: undefined,
      provider: {
        aws: [{ region: 'eu-west-1' }, { alias: 'edge', region: 'us-east-1' }, { alias: 'var', region: '${var.region}' }, { alias: 'none' }],
        google: { region: 'europe-west1' },
      },
    } as TerraformJson;
    const seen: PolicyContext[] = [];
    evaluateStack(stackOf([]), testConfig(), [ruleOf('SNS-ENCRYPTED', (context) => (seen.push(context), []))], json);
    expect(seen[0].providerRegions).toEqual({ aws: 'eu-west-1', 'aws.edge': 'us-east-1', google: 'europe-west1' });
    expect(seen[0].resources).toEqual([]);
  });
});

describe('evaluateStack: verdicts, findings and suppressions', () => {
  const threeTopics = () => stackOf([topic('ok'), topic('bad'), topic('hushed')]);
  const rule = ruleOf('SNS-ENCRYPTED', ({ resources }) =>
    resources.map((r) => verdict(r, r.name === 'ok' ? undefined : `${r.name} has no key`)),
  );

  it('counts compliant verdicts as passed and reports each failed one with the rule, stack, path, address, problem and fix', () => {
    const stack = threeTopics();
    suppressPolicy(stack.node.findChild('hushed'), 'SNS-ENCRYPTED', '  the topic carries no data at all  ');
    const report = evaluateStack(stack, testConfig(), [rule]);
    expect(report.stack).toBe('policy-test');
    expect(report.outcomes).toHaveLength(1);
    const [outcome] = report.outcomes;
    expect(outcome.rule).toBe(rule);
    expect(outcome.passed).toBe(1);
    expect(outcome.failed).toEqual([
      { ruleId: 'SNS-ENCRYPTED', stack: 'policy-test', path: 'policy-test/bad', address: 'aws_sns_topic.bad', problem: 'bad has no key', fix: 'fix SNS-ENCRYPTED' },
    ]);
    expect(outcome.suppressed).toEqual([
      {
        ruleId: 'SNS-ENCRYPTED',
        stack: 'policy-test',
        path: 'policy-test/hushed',
        address: 'aws_sns_topic.hushed',
        problem: 'hushed has no key',
        fix: 'fix SNS-ENCRYPTED',
        suppressedAt: 'policy-test/hushed',
        reason: 'the topic carries no data at all',
      },
    ]);
    expect(report.unusedSuppressions).toEqual([]);
    expect(unsuppressedFindings([report])).toEqual(outcome.failed);
  });

  it('counts a verdict whose problem is false (verdict(r, false)) as passed', () => {
    const report = evaluateStack(stackOf([topic('a'), topic('b')]), testConfig(), [ruleOf('SNS-ENCRYPTED', ({ resources }) => resources.map((r) => verdict(r, false)))]);
    expect(report.outcomes[0]).toEqual(expect.objectContaining({ passed: 2, failed: [], suppressed: [] }));
  });

  it('runs only the rules it is given, in their order', () => {
    const rules = [failing('SNS-ENCRYPTED', 'aws_sns_topic'), failing('S3-ENCRYPTION', 'aws_s3_bucket')];
    const report = evaluateStack(stackOf([topic('t')]), testConfig(), rules);
    expect(report.outcomes.map((o) => [o.rule.id, o.passed, o.failed.length])).toEqual([
      ['SNS-ENCRYPTED', 0, 1],
      ['S3-ENCRYPTION', 1, 0],
    ]);
  });

  it('names a rule that throws, and the stack, in the error', () => {
    const stack = stackOf([topic('t')]);
    const boom = ruleOf('SNS-ENCRYPTED', () => {
      throw new TypeError('cannot read values');
    });
    expect(thrownBy(() => evaluateStack(stack, testConfig(), [boom])).message).toBe('policy rule SNS-ENCRYPTED failed on stack policy-test: cannot read values');
    const plain = ruleOf('S3-ENCRYPTION', () => {
      throw 'not an Error';
    });
    expect(thrownBy(() => evaluateStack(stack, testConfig(), [plain])).message).toBe('policy rule S3-ENCRYPTION failed on stack policy-test: not an Error');
  });

  it('suppresses a finding of a data source through a suppression on it', () => {
    const stack = stackOf([]);
    const data = new TerraformDataSource(stack, 'who', { terraformResourceType: 'aws_caller_identity' });
    data.overrideLogicalId('who');
    suppressPolicy(data, 'SNS-ENCRYPTED', 'a data source reads, it creates nothing');
    const [outcome] = evaluateStack(stack, testConfig(), [failing('SNS-ENCRYPTED', 'data.aws_caller_identity')]).outcomes;
    expect(outcome.failed).toEqual([]);
    expect(outcome.suppressed.map((s) => [s.address, s.suppressedAt])).toEqual([['data.aws_caller_identity.who', 'policy-test/who']]);
  });

  it('reports a finding on a resource no construct made (a stack override), which no suppression can cover', () => {
    const stack = stackOf([]);
    stack.addOverride('resource.aws_sns_topic.extra', { name: 'extra' });
    suppressPolicy(stack, 'SNS-ENCRYPTED', 'the whole stack is a test fixture');
    const report = evaluateStack(stack, testConfig(), [failing('SNS-ENCRYPTED', 'aws_sns_topic')]);
    expect(report.outcomes[0].failed.map((f) => [f.path, f.address])).toEqual([['aws_sns_topic.extra', 'aws_sns_topic.extra']]);
    expect(report.unusedSuppressions).toEqual([{ ruleId: 'SNS-ENCRYPTED', path: 'policy-test', reason: 'the whole stack is a test fixture' }]);
  });

  it('applies a suppression on a parent construct to everything below it, the nearest one first', () => {
    const stack = stackOf([]);
    const group = new Construct(stack, 'group');
    for (const id of ['one', 'two']) new TerraformResource(group, id, { terraformResourceType: 'aws_sns_topic' }).overrideLogicalId(id);
    suppressPolicy(stack, 'SNS-ENCRYPTED', 'reason made on the whole stack');
    suppressPolicy(group, 'SNS-ENCRYPTED', 'reason made on the group');
    suppressPolicy(group.node.findChild('two'), 'SNS-ENCRYPTED', 'reason made on topic two');
    const report = evaluateStack(stack, testConfig(), [failing('SNS-ENCRYPTED', 'aws_sns_topic')]);
    expect(report.outcomes[0].suppressed.map((s) => [s.path, s.suppressedAt, s.reason])).toEqual([
      ['policy-test/group/one', 'policy-test/group', 'reason made on the group'],
      ['policy-test/group/two', 'policy-test/group/two', 'reason made on topic two'],
    ]);
    expect(report.unusedSuppressions).toEqual([{ ruleId: 'SNS-ENCRYPTED', path: 'policy-test', reason: 'reason made on the whole stack' }]);
  });

  it('does not let a suppression of another rule, or on another stack, cover a finding', () => {
    const app = new App();
    const stack = stackOf([topic('t')], app);
    const other = new TerraformStack(app, 'other');
    suppressPolicy(other, 'SNS-ENCRYPTED', 'made on the other stack only');
    suppressPolicy(stack, 'S3-ENCRYPTION', 'this stack has no bucket at all');
    const report = evaluateStack(stack, testConfig(), [failing('SNS-ENCRYPTED', 'aws_sns_topic'), failing('S3-ENCRYPTION', 'aws_s3_bucket')]);
    expect(report.outcomes[0].failed.map((f) => f.address)).toEqual(['aws_sns_topic.t']);
    expect(report.outcomes[0].suppressed).toEqual([]);
    expect(report.unusedSuppressions).toEqual([{ ruleId: 'S3-ENCRYPTION', path: 'policy-test', reason: 'this stack has no bucket at all' }]);
  });

  it('lists as unused only the suppressions of rules it ran, and ignores other construct metadata', () => {
    const stack = stackOf([topic('t')]);
    stack.node.addMetadata('other-tool', { ruleId: 'SNS-ENCRYPTED', reason: 'not a suppression at all' });
    suppressPolicy(stack.node.findChild('t'), 'SNS-ENCRYPTED', 'used: the topic is a test fixture');
    suppressPolicy(stack.node.findChild('t'), 'S3-ENCRYPTION', 'stale: no bucket is there');
    suppressPolicy(stack, 'VPC-FLOW-LOGS', 'not run in this evaluation');
    const report = evaluateStack(stack, testConfig(), [failing('SNS-ENCRYPTED', 'aws_sns_topic'), failing('S3-ENCRYPTION', 'aws_s3_bucket')]);
    expect(report.outcomes[0].suppressed).toHaveLength(1);
    expect(report.unusedSuppressions).toEqual([{ ruleId: 'S3-ENCRYPTION', path: 'policy-test/t', reason: 'stale: no bucket is there' }]);
  });

  it('gathers the unsuppressed findings of several reports, in order', () => {
    const finding = (stack: string): Finding => ({ ruleId: 'SNS-ENCRYPTED', stack, path: `${stack}/t`, address: 'aws_sns_topic.t', problem: 'p', fix: 'f' });
    const outcome = (failed: Finding[]): RuleOutcome => ({ rule: POLICY_RULES[0], passed: 0, failed, suppressed: [] });
    const reports: StackPolicyReport[] = [
      { stack: 'a', outcomes: [outcome([finding('a')]), outcome([])], unusedSuppressions: [] },
      { stack: 'b', outcomes: [outcome([finding('b')])], unusedSuppressions: [] },
    ];
    expect(unsuppressedFindings(reports)).toEqual([finding('a'), finding('b')]);
  });
});

describe('suppressPolicy', () => {
  it('accepts a reason of exactly 10 characters once trimmed, and rejects 9', () => {
    const stack = stackOf([]);
    expect(() => suppressPolicy(stack, 'SNS-ENCRYPTED', '  1234567890  ')).not.toThrow();
    expect(thrownBy(() => suppressPolicy(stack, 'SNS-ENCRYPTED', '   123456789   ')).message).toBe(
      'Suppression of SNS-ENCRYPTED on policy-test has no reason (got "   123456789   "): ' +
        'say why the rule does not apply here, in at least 10 characters; it is printed in the policy report.',
    );
  });

  it.each([
    [undefined, 'null'],
    [null, 'null'],
    [12345678901, '12345678901'],
    ['because', '"because"'],
  ])('rejects the reason %j as a user-facing PolicyError quoting it', (reason, quoted) => {
    const error = thrownBy(() => suppressPolicy(stackOf([]), 'SNS-ENCRYPTED', reason as string));
    expect(error).toBeInstanceOf(PolicyError);
    expect(error.name).toBe('PolicyError');
    expect((error as PolicyError).userFacing).toBe(true);
    expect(error.message).toMatch(new RegExp(`^Suppression of SNS-ENCRYPTED on policy-test has no reason \\(got ${quoted.replace(/"/g, '\\"')}\\): `));
  });

  it('rejects an unknown rule id, listing every rule id', () => {
    const error = thrownBy(() => suppressPolicy(stackOf([]), 'SNS-ENCRYPTION', 'a typo in the rule id'));
    expect(error).toBeInstanceOf(PolicyError);
    expect(error.message).toBe(`Suppression of unknown policy rule "SNS-ENCRYPTION" on policy-test; expected one of ${POLICY_RULES.map((rule) => rule.id).join(', ')}.`);
    expect(error.message).toContain('expected one of S3-ENCRYPTION, ');
  });

  it('accepts every rule id of every pack', () => {
    for (const rule of POLICY_RULES) expect(() => suppressPolicy(stackOf([]), rule.id, 'a reason long enough')).not.toThrow();
  });
});

describe('packs', () => {
  it('find a rule by its id, and nothing for an unknown id', () => {
    expect(policyRule('SNS-ENCRYPTED')?.id).toBe('SNS-ENCRYPTED');
    expect(policyRule('S3-VERSIONING')?.id).toBe('S3-VERSIONING');
    expect(policyRule('S3-VERSION')).toBeUndefined();
  });

  it('run every rule of every pack, pack by pack', () => {
    expect(POLICY_RULES).toEqual(Object.values(POLICY_PACKS).flat());
    expect(POLICY_PACKS.storage.map((rule) => rule.id)).toContain('S3-ENCRYPTION');
    expect(POLICY_PACKS.observability.map((rule) => rule.id)).toContain('SNS-ENCRYPTED');
  });
});

describe('settings', () => {
  const keyArn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  it.each([
    ['no KMS asked for', () => undefined, false],
    ['observability.kmsKeyArn', (input: any) => (input.observability = { kmsKeyArn: keyArn }), true],
    ['encryption.customerManagedKeys', (input: any) => (input.encryption = { customerManagedKeys: true }), true],
    ['both', (input: any) => Object.assign(input, { observability: { kmsKeyArn: keyArn }, encryption: { customerManagedKeys: true } }), true],
  ])('KMS for log groups with %s: %s', (_name, change, expected) => {
    expect(kmsRequestedForLogs(testConfig(change))).toBe(expected);
  });
});

describe('report', () => {
  const rule = (id: string) => policyRule(id)!;
  const width = Math.max(...POLICY_RULES.map((r) => r.id.length));
  const pad = (id: string) => id.padEnd(width);
  const finding = (ruleId: string, stack: string, name: string, problem: string): Finding => ({
    ruleId,
    stack,
    path: `${stack}/${name}`,
    address: `aws_x.${name}`,
    problem,
    fix: `fix for ${ruleId}`,
  });
  const hushed = (f: Finding) => ({ ...f, suppressedAt: `${f.stack}/parent`, reason: `why ${f.path}` });

  it('prints one entry per finding with rule, stack, path, address, problem and fix, then how to fix or suppress', () => {
    expect(formatFindings([finding('S3-ENCRYPTION', 'dev-edge', 'a', 'has no encryption'), finding('SNS-ENCRYPTED', 'dev-ops', 'b', 'has no key')])).toBe(
      [
        '  [S3-ENCRYPTION] dev-edge: dev-edge/a (aws_x.a)',
        '      problem: has no encryption',
        '      fix: fix for S3-ENCRYPTION',
        '  [SNS-ENCRYPTED] dev-ops: dev-ops/b (aws_x.b)',
        '      problem: has no key',
        '      fix: fix for SNS-ENCRYPTED',
        HINT,
      ].join('\n'),
    );
  });

  it('prints per stack the rules that applied with their counts, suppressions with reasons, failures with fixes, and stale suppressions', () => {
    const a: StackPolicyReport = {
      stack: 'dev-a',
      outcomes: [
        { rule: rule('S3-ENCRYPTION'), passed: 2, failed: [], suppressed: [] },
        { rule: rule('S3-VERSIONING'), passed: 0, failed: [], suppressed: [hushed(finding('S3-VERSIONING', 'dev-a', 'up', 'is not versioned'))] },
        { rule: rule('SG-NO-OPEN-INGRESS'), passed: 0, failed: [finding('SG-NO-OPEN-INGRESS', 'dev-a', 'sg', 'is open')], suppressed: [] },
        {
          rule: rule('SNS-ENCRYPTED'),
          passed: 1,
          failed: [finding('SNS-ENCRYPTED', 'dev-a', 't1', 'has no key')],
          suppressed: [hushed(finding('SNS-ENCRYPTED', 'dev-a', 't2', 'has no key'))],
        },
        { rule: rule('VPC-FLOW-LOGS'), passed: 0, failed: [], suppressed: [] },
      ],
      unusedSuppressions: [{ ruleId: 'CF-TLS', path: 'dev-a/old', reason: 'left over' }],
    };
    const b: StackPolicyReport = { stack: 'dev-b', outcomes: [{ rule: rule('VPC-FLOW-LOGS'), passed: 0, failed: [], suppressed: [] }], unusedSuppressions: [] };
    expect(formatReport([a, b]).split('\n')).toEqual([
      `Policy report: ${POLICY_RULES.length} rules in 7 packs, 2 stack(s).`,
      ...Object.entries(POLICY_PACKS).map(([pack, rules]) => `  ${pack}: ${rules.map((r) => r.id).join(', ')}`),
      '',
      'dev-a: 4 of 5 rules applied; 3 passed, 2 suppressed, 2 failed',
      `  pass  ${pad('S3-ENCRYPTION')}  2 passed`,
      `  supp  ${pad('S3-VERSIONING')}  0 passed, 1 suppressed`,
      '          suppressed dev-a/up: is not versioned',
      '            reason (at dev-a/parent): why dev-a/up',
      `  FAIL  ${pad('SG-NO-OPEN-INGRESS')}  0 passed, 1 failed`,
      '          FAILED dev-a/sg (aws_x.sg): is open',
      '            fix: fix for SG-NO-OPEN-INGRESS',
      `  FAIL  ${pad('SNS-ENCRYPTED')}  1 passed, 1 suppressed, 1 failed`,
      '          suppressed dev-a/t2: has no key',
      '            reason (at dev-a/parent): why dev-a/t2',
      '          FAILED dev-a/t1 (aws_x.t1): has no key',
      '            fix: fix for SNS-ENCRYPTED',
      `  note  ${pad('CF-TLS')}  suppression on dev-a/old matched nothing (stale?): left over`,
      '',
      'dev-b: 0 of 1 rules applied; 0 passed, 0 suppressed, 0 failed',
      '',
      'Total: 3 passed, 2 suppressed, 2 failed.',
      HINT,
    ]);
    expect(formatReport([a, b]).split('\n')[1]).toMatch(/^ {2}storage: S3-ENCRYPTION, /);
  });

  it('pads rule ids to the longest id of any rule', () => {
    expect(width).toBeGreaterThan('S3-ENCRYPTION'.length);
    expect(POLICY_RULES.some((r) => r.id.length === width)).toBe(true);
  });

  it('ends a clean report with the totals, without the hint', () => {
    const clean: StackPolicyReport = { stack: 'dev-c', outcomes: [{ rule: rule('S3-ENCRYPTION'), passed: 1, failed: [], suppressed: [] }], unusedSuppressions: [] };
    const lines = formatReport([clean]).split('\n');
    expect(lines[0]).toBe(`Policy report: ${POLICY_RULES.length} rules in 7 packs, 1 stack(s).`);
    expect(lines.slice(-5)).toEqual(['', 'dev-c: 1 of 1 rules applied; 1 passed, 0 suppressed, 0 failed', `  pass  ${pad('S3-ENCRYPTION')}  1 passed`, '', 'Total: 1 passed, 0 suppressed, 0 failed.']);
  });

  it('lists every rule with its pack, title, risk and fix, three lines each', () => {
    const lines = formatRules().split('\n');
    expect(lines).toHaveLength(3 * POLICY_RULES.length);
    POLICY_RULES.forEach((r, i) => {
      expect(lines.slice(3 * i, 3 * i + 3)).toEqual([`${r.id} (${r.pack}): ${r.title}`, `  risk: ${r.explanation}`, `  fix: ${r.fix}`]);
    });
  });
});

describe('resources helpers', () => {
  const logs = resource('aws_s3_bucket', 'logs');

  it('ANYWHERE is every IPv4 and IPv6 address', () => {
    expect(ANYWHERE).toEqual(['0.0.0.0/0', '::/0']);
  });

  it('ofType keeps the resources of the given types, in stack order', () => {
    const list = [resource('aws_a', '1'), resource('aws_b', '2'), resource('aws_c', '3'), resource('aws_a', '4')];
    expect(ofType(list, 'aws_a', 'aws_c').map((r) => r.name)).toEqual(['1', '3', '4']);
    expect(ofType(list)).toEqual([]);
  });

  it.each([
    ['${aws_s3_bucket.logs.id}', true],
    ['${element(aws_s3_bucket.logs.*.arn, 0)}', true],
    ['${\naws_s3_bucket.logs.id\n}', true],
    ['arn:${aws_s3_bucket.logs.arn}/*', true],
    ['aws_s3_bucket.logs.id', false],
    ['${aws_s3_bucket.logs2.id}', false],
    ['${aws_s3_bucket.logs}', false],
    ['${data.aws_s3_bucket.logs.id}', false],
    ['${myaws_s3_bucket.logs.id}', false],
    ['${my-aws_s3_bucket.logs.id}', false],
    ['${aws_s3_bucket_logs.x.id}', false],
    ['${aws_s3_bucket.other.id}', false],
    ['', false],
  ])('references: %j references aws_s3_bucket.logs: %s', (text, expected) => {
    expect(references(text, logs)).toBe(expected);
  });

  it('references: looks into nested arguments, and finds nothing in undefined or null', () => {
    expect(references({ rule: [{ target: { bucket: '${aws_s3_bucket.logs.id}' } }] }, logs)).toBe(true);
    expect(references({ rule: [{ target: { bucket: '${aws_s3_bucket.other.id}' } }] }, logs)).toBe(false);
    expect(references(['aws_s3_bucket.logs.id'], logs)).toBe(false);
    expect(references(undefined, logs)).toBe(false);
    expect(references(null, logs)).toBe(false);
  });

  it('references: an address with dashes matches itself only', () => {
    const dashed = resource('aws_s3_bucket', 'b-sse');
    expect(references('${aws_s3_bucket.b-sse.id}', dashed)).toBe(true);
    expect(references('${aws_s3_bucket.a-b-sse.id}', dashed)).toBe(false);
    expect(references('${aws_s3_bucket.b-ssex.id}', dashed)).toBe(false);
  });

  it('attachedTo keeps the resources of a type whose field references the target', () => {
    const list = [
      resource('aws_s3_bucket_versioning', 'v1', { bucket: '${aws_s3_bucket.logs.id}' }),
      resource('aws_s3_bucket_versioning', 'v2', { bucket: '${aws_s3_bucket.other.id}' }),
      resource('aws_s3_bucket_versioning', 'v3', { expected_bucket_owner: '${aws_s3_bucket.logs.id}' }),
      resource('aws_s3_bucket_logging', 'l', { bucket: '${aws_s3_bucket.logs.id}' }),
    ];
    expect(attachedTo(list, 'aws_s3_bucket_versioning', 'bucket', logs).map((r) => r.name)).toEqual(['v1']);
  });

  it('blocks reads a nested block written as a list, a single object or not at all', () => {
    expect(blocks(undefined)).toEqual([]);
    expect(blocks(null)).toEqual([]);
    expect(blocks({ a: 1 })).toEqual([{ a: 1 }]);
    expect(blocks([{ a: 1 }, { a: 2 }])).toEqual([{ a: 1 }, { a: 2 }]);
    expect(blocks([])).toEqual([]);
  });

  it.each([
    [true, true],
    ['true', true],
    [false, false],
    ['false', false],
    ['TRUE', false],
    [1, false],
    [undefined, false],
  ])('isTrue(%j) is %s', (value, expected) => {
    expect(isTrue(value)).toBe(expected);
  });

  it('verdict: a problem text fails, false or undefined passes', () => {
    const r = resource('aws_sns_topic', 't');
    expect(verdict(r, 'has no key')).toEqual({ resource: r, problem: 'has no key' });
    expect(verdict(r, false).problem).toBeUndefined();
    expect(verdict(r, undefined).problem).toBeUndefined();
    expect(verdict(r, false).resource).toBe(r);
  });

  it.each([
    ['aws_s3_bucket_logging', 'target_bucket', '${aws_s3_bucket.logs.id}'],
    ['aws_lb', 'access_logs', { bucket: '${aws_s3_bucket.logs.id}', enabled: true }],
    ['aws_lb', 'connection_logs', { bucket: '${aws_s3_bucket.logs.id}', enabled: true }],
    ['aws_cloudfront_distribution', 'logging_config', { bucket: '${aws_s3_bucket.logs.bucket_domain_name}' }],
    ['aws_flow_log', 'log_destination', '${aws_s3_bucket.logs.arn}'],
    ['aws_kinesis_firehose_delivery_stream', 'extended_s3_configuration', { bucket_arn: '${aws_s3_bucket.logs.arn}' }],
    ['aws_cloudwatch_log_delivery_destination', 'delivery_destination_configuration', { destination_resource_arn: '${aws_s3_bucket.logs.arn}' }],
  ])('isLogBucket: a bucket that %s.%s names receives logs', (type, field, value) => {
    const other = resource('aws_s3_bucket', 'other');
    const resources = [logs, other, resource('aws_sns_topic', 't', { name: '${aws_s3_bucket.other.id}' }), resource(type, 'source', { [field]: value })];
    expect(isLogBucket(resources, logs)).toBe(true);
    expect(isLogBucket(resources, other)).toBe(false);
  });

  it('isLogBucket: a bucket whose own logging is configured, or that nothing names, receives no logs', () => {
    const resources = [logs, resource('aws_s3_bucket_logging', 'own', { bucket: '${aws_s3_bucket.logs.id}', target_bucket: '${aws_s3_bucket.central.id}' })];
    expect(isLogBucket(resources, logs)).toBe(false);
    expect(isLogBucket([logs], logs)).toBe(false);
  });

  it.each([
    ['eu-west-1', true],
    ['', false],
    ['${var.region}', false],
    ['prefix-${var.region}', false],
    [5, false],
    [undefined, false],
  ])('isLiteral(%j) is %s', (value, expected) => {
    expect(isLiteral(value)).toBe(expected);
  });
});

describe('PolicyAspect and assertPolicyClean', () => {
  const openRule: RawResource = { type: 'aws_vpc_security_group_ingress_rule', id: 'web', values: { ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' } };
  function checked(resources: readonly RawResource[], app: App) {
    const stack = stackOf(resources, app);
    Aspects.of(stack).add(new PolicyAspect(stack, testConfig()));
    return stack;
  }
  const failedIds = (stack: TerraformStack) => policyReportOf(stack)!.outcomes.flatMap((o) => o.failed.map((f) => f.ruleId));

  it('passes a checked stack without findings, even an empty one', () => {
    const app = checkedApp();
    const empty = checked([], app);
    app.synth();
    expect(policyReportOf(empty)!.outcomes).toHaveLength(POLICY_RULES.length);
    expect(() => assertPolicyClean([empty])).not.toThrow();
    expect(() => assertPolicyClean([])).not.toThrow();
  });

  it('names every stack the rules did not run on', () => {
    const app = new App();
    const a = new TerraformStack(app, 'dev-a');
    const b = new TerraformStack(app, 'dev-b');
    expect(thrownBy(() => assertPolicyClean([a, b])).message).toBe(
      'the policy rules did not run on stack(s) dev-a, dev-b: synthesize them with a PolicyAspect and validations on',
    );
  });

  it('fails with a user-facing PolicyError counting and listing the findings of every stack', () => {
    const app = checkedApp();
    const first = checked([openRule], app);
    const second = new TerraformStack(app, 'second');
    const web = new TerraformResource(second, 'web', { terraformResourceType: openRule.type });
    web.overrideLogicalId('web');
    for (const [key, value] of Object.entries(openRule.values)) web.addOverride(key, value);
    Aspects.of(second).add(new PolicyAspect(second, testConfig()));
    app.synth();
    const error = thrownBy(() => assertPolicyClean([first, second]));
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).userFacing).toBe(true);
    const fix = policyRule('SG-NO-OPEN-INGRESS')!.fix;
    expect(error.message).toBe(
      [
        'Policy check failed with 2 finding(s); nothing was written.',
        '  [SG-NO-OPEN-INGRESS] policy-test: policy-test/web (aws_vpc_security_group_ingress_rule.web)',
        '      problem: admits 0.0.0.0/0 on tcp ports 443-443',
        `      fix: ${fix}`,
        '  [SG-NO-OPEN-INGRESS] second: second/web (aws_vpc_security_group_ingress_rule.web)',
        '      problem: admits 0.0.0.0/0 on tcp ports 443-443',
        `      fix: ${fix}`,
        HINT,
      ].join('\n'),
    );
  });

  it('runs the rules once per synth, on deeply frozen JSON, and writes exactly that JSON', () => {
    const app = checkedApp();
    checked([{ ...openRule, values: { ...openRule.values, tags: { Name: 'web' } } }], app);
    const spy = jest.spyOn(POLICY_RULES[0], 'check');
    try {
      app.synth();
      expect(spy).toHaveBeenCalledTimes(1);
      const { resources } = spy.mock.calls[0][0];
      const values = resources.find((r) => r.address === 'aws_vpc_security_group_ingress_rule.web')!.values;
      expect(Object.isFrozen(values)).toBe(true);
      expect(Object.isFrozen(values.tags)).toBe(true);
      expect(() => {
        'use strict';
        (values as any).cidr_ipv4 = '10.0.0.0/8';
      }).toThrow(TypeError);
      const written = JSON.parse(readFileSync(join(app.outdir, 'stacks', 'policy-test', 'cdk.tf.json'), 'utf8'));
      expect(written.resource.aws_vpc_security_group_ingress_rule.web).toEqual(values);
      expect(written.resource.aws_vpc_security_group_ingress_rule.web.cidr_ipv4).toBe('0.0.0.0/0');
      app.synth();
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('writes the file from the JSON the rules judged, without resolving the stack again', () => {
    const app = checkedApp();
    const stack = checked([openRule], app);
    const resolved = jest.spyOn(stack.node.findChild('web') as TerraformResource, 'toTerraform');
    // Per synth: once in cdktf's prepareStack (which looks for cross-stack references), once for the rules; writing the file does not resolve again.
    app.synth();
    expect(resolved).toHaveBeenCalledTimes(2);
    app.synth();
    expect(resolved).toHaveBeenCalledTimes(4);
  });

  it('judges and writes the stack as it is at each synth', () => {
    const app = checkedApp();
    const stack = checked([openRule], app);
    app.synth();
    expect(failedIds(stack)).toEqual(['SG-NO-OPEN-INGRESS']);
    (stack.node.findChild('web') as TerraformResource).addOverride('cidr_ipv4', '10.0.0.0/8');
    app.synth();
    expect(failedIds(stack)).toEqual([]);
    const written = JSON.parse(readFileSync(join(app.outdir, 'stacks', 'policy-test', 'cdk.tf.json'), 'utf8'));
    expect(written.resource.aws_vpc_security_group_ingress_rule.web.cidr_ipv4).toBe('10.0.0.0/8');
    (stack.node.findChild('web') as TerraformResource).addOverride('cidr_ipv4', '192.168.0.0/16');
    expect((stack.toTerraform() as any).resource.aws_vpc_security_group_ingress_rule.web.cidr_ipv4).toBe('192.168.0.0/16');
  });

  it('gives toTerraform back to the stack when synth stops after the check without writing', async () => {
    const app = checkedApp();
    const stack = checked([openRule], app);
    const web = stack.node.findChild('web') as TerraformResource;
    web.node.addValidation({ validate: () => ['broken on purpose'] });
    expect(() => app.synth()).toThrow(/broken on purpose/);
    expect(failedIds(stack)).toEqual(['SG-NO-OPEN-INGRESS']);
    web.addOverride('cidr_ipv4', '10.0.0.0/8');
    await Promise.resolve();
    expect((stack.toTerraform() as any).resource.aws_vpc_security_group_ingress_rule.web.cidr_ipv4).toBe('10.0.0.0/8');
  });
});
