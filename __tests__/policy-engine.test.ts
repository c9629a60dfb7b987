import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Aspects, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { assertPolicyClean, PolicyAspect, policyReportOf } from '../constructs/policy/aspect';
import { evaluateStack } from '../constructs/policy/engine';
import { POLICY_PACKS, POLICY_RULES } from '../constructs/policy/packs';
import { formatReport } from '../constructs/policy/report';
import { suppressPolicy } from '../constructs/policy/suppressions';
import { SecureBucket } from '../constructs/secure-bucket';
import { runPolicy } from '../policy';
import { AppStack } from '../stacks/app-stack';
import { EdgeStack } from '../stacks/edge-stack';
import { NetworkStack } from '../stacks/network-stack';
import { StateStack } from '../stacks/state-stack';
import { runSynth, synthesizeCheckedStacks } from '../stacks/synth';
import { ConfigDir } from './support/config-dir';
import { asProduction, testConfig } from './support/fixtures';
import { stackOf } from './support/policy';

const openRule = { type: 'aws_vpc_security_group_ingress_rule', id: 'web', values: { ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' } };
const outcomeOf = (stack: TerraformStack, ruleId: string) => evaluateStack(stack, testConfig()).outcomes.find((o) => o.rule.id === ruleId)!;

/** An aspect that sets one argument on every resource of a type, as a careless tagging or defaults aspect might. */
function overrideAspect(type: string, field: string, value: unknown) {
  return {
    visit(node: IConstruct) {
      if (TerraformResource.isTerraformResource(node) && node.terraformResourceType === type) node.addOverride(field, value);
    },
  };
}

/** An app whose load balancers pass invalid headers on: a defect introduced after the stacks are built. */
class WeakenedApp extends App {
  override synth(): void {
    for (const stack of this.node.children.filter(TerraformStack.isStack)) Aspects.of(stack).add(overrideAspect('aws_lb', 'drop_invalid_header_fields', false));
    super.synth();
  }
}

describe('policy rules', () => {
  it('have unique ids, a one-line title, an explanation of the risk and a fix', () => {
    const ids = POLICY_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of POLICY_RULES) {
      expect(rule.id).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)+$/);
      expect(rule.title).toMatch(/^[A-Z].*\.$/);
      expect(rule.title).not.toContain('\n');
      expect(rule.explanation.length).toBeGreaterThan(40);
      expect(rule.fix.length).toBeGreaterThan(20);
    }
  });

  it('are grouped in the seven packs, each rule in the pack it names', () => {
    expect(Object.keys(POLICY_PACKS)).toEqual(['storage', 'network', 'compute', 'containers', 'edge', 'data', 'observability']);
    for (const [pack, rules] of Object.entries(POLICY_PACKS)) expect(rules.map((rule) => rule.pack)).toEqual(rules.map(() => pack));
  });
});

describe('suppressions', () => {
  it('turn a finding into a suppressed one, with where it was made and the reason', () => {
    const stack = stackOf([openRule]);
    suppressPolicy(stack.node.findChild('web'), 'SG-NO-OPEN-INGRESS', 'public sandbox web server, by design');
    const outcome = outcomeOf(stack, 'SG-NO-OPEN-INGRESS');
    expect(outcome.failed).toEqual([]);
    expect(outcome.suppressed).toEqual([
      expect.objectContaining({
        ruleId: 'SG-NO-OPEN-INGRESS',
        address: 'aws_vpc_security_group_ingress_rule.web',
        suppressedAt: 'policy-test/web',
        reason: 'public sandbox web server, by design',
      }),
    ]);
  });

  it('apply to everything below the construct they are made on', () => {
    const stack = new TerraformStack(new App(), 'policy-test');
    const uploads = new SecureBucket(stack, 'uploads', { bucketName: 'uploads', versioned: false });
    suppressPolicy(uploads, 'S3-VERSIONING', 'uploads are copies of files the web servers keep');
    expect(outcomeOf(stack, 'S3-VERSIONING').suppressed).toEqual([
      expect.objectContaining({ path: 'policy-test/uploads/bucket', suppressedAt: 'policy-test/uploads' }),
    ]);
  });

  it('switch off only the rule they name', () => {
    const stack = stackOf([{ ...openRule, values: { ...openRule.values, from_port: 22, to_port: 22 } }]);
    suppressPolicy(stack, 'SG-NO-OPEN-INGRESS', 'whole test stack is a public sandbox');
    expect(outcomeOf(stack, 'SG-NO-OPEN-INGRESS').failed).toEqual([]);
    expect(outcomeOf(stack, 'SG-NO-WIDE-ADMIN').failed).toHaveLength(1);
  });

  it.each([[''], ['   '], ['because'], [undefined]])('without a reason (%j) are an error', (reason) => {
    const stack = stackOf([openRule]);
    expect(() => suppressPolicy(stack, 'SG-NO-OPEN-INGRESS', reason as string)).toThrow(
      /^Suppression of SG-NO-OPEN-INGRESS on policy-test has no reason \(got .*\): say why the rule does not apply here, in at least 10 characters/,
    );
  });

  it('without a reason stop synth with that message and no stack trace', () => {
    const messages: string[] = [];
    const code = runSynth({
      outdir: join(mkdtempSync(join(tmpdir(), 'policy-')), 'out'),
      createApp: (outdir) => {
        const app = new App({ outdir, stackTraces: false });
        suppressPolicy(app, 'S3-ENCRYPTION', '');
        return app;
      },
      log: (message) => messages.push(message),
    });
    expect(code).toBe(1);
    expect(messages).toEqual([expect.stringMatching(/^Suppression of S3-ENCRYPTION on  has no reason/)]);
  });

  it('of an unknown rule are an error', () => {
    expect(() => suppressPolicy(stackOf([]), 'S3-ENCRYPTON', 'a typo in the rule id')).toThrow(
      /unknown policy rule "S3-ENCRYPTON" on policy-test; expected one of S3-ENCRYPTION, /,
    );
  });

  it('that match nothing are listed in the report as stale', () => {
    const stack = stackOf([]);
    suppressPolicy(stack, 'S3-ENCRYPTION', 'left over from a bucket that is gone');
    const report = evaluateStack(stack, testConfig());
    expect(report.unusedSuppressions).toEqual([{ ruleId: 'S3-ENCRYPTION', path: 'policy-test', reason: 'left over from a bucket that is gone' }]);
    expect(formatReport([report])).toContain('suppression on policy-test matched nothing (stale?): left over from a bucket that is gone');
  });
});

describe('policy aspect', () => {
  function checkedStack(app = new App()) {
    const stack = stackOf([openRule], app);
    Aspects.of(stack).add(new PolicyAspect(stack, testConfig()));
    return stack;
  }

  it('reports nothing before synth and the findings after', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'policy-')) });
    const stack = checkedStack(app);
    expect(policyReportOf(stack)).toBeUndefined();
    app.synth();
    expect(policyReportOf(stack)!.outcomes.flatMap((o) => o.failed).map((f) => f.ruleId)).toEqual(['SG-NO-OPEN-INGRESS']);
  });

  it('sees what other aspects change during synth', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'policy-')) });
    const stack = checkedStack(app);
    Aspects.of(stack).add(overrideAspect('aws_vpc_security_group_ingress_rule', 'cidr_ipv4', '10.0.0.0/8'));
    app.synth();
    expect(policyReportOf(stack)!.outcomes.flatMap((o) => o.failed)).toEqual([]);
  });

  it('fails assertPolicyClean with one entry per finding: rule id, stack, construct path, problem and fix', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'policy-')) });
    const stack = checkedStack(app);
    app.synth();
    expect(() => assertPolicyClean([stack])).toThrow(
      [
        'Policy check failed with 1 finding(s); nothing was written.',
        '  [SG-NO-OPEN-INGRESS] policy-test: policy-test/web (aws_vpc_security_group_ingress_rule.web)',
        '      problem: admits 0.0.0.0/0 on tcp ports 443-443',
        '      fix: Admit a security group',
      ].join('\n'),
    );
  });

  it('refuses to pass a stack the rules did not run on', () => {
    expect(() => assertPolicyClean([stackOf([])])).toThrow('the policy rules did not run on stack(s) policy-test');
  });
});

describe('synth with the policy', () => {
  /** The stacks of the web platform's tiers, each buildable on its own (later tiers read earlier ones through remote state). */
  const TIER_STACKS = { state: StateStack, network: NetworkStack, app: AppStack, edge: EdgeStack } as const;

  /** One stack (`<env>-<tier>`) of a fixture environment, `test`, or its production variant, `live`, alone in its app. */
  function fixtureStack(stackId: string, app = new App({ outdir: mkdtempSync(join(tmpdir(), 'policy-')), stackTraces: false })) {
    const [environment, tier] = stackId.split('-') as ['test' | 'live', keyof typeof TIER_STACKS];
    const config =
      environment === 'test'
        ? testConfig()
        : testConfig((input) => {
            input.environment = 'live';
            asProduction(input);
            input.domain = 'live.example.com';
          });
    return { app, stack: new TIER_STACKS[tier](app, config) };
  }

  it.each([
    ['ALB-DROP-INVALID-HEADERS', 'test-app', 'aws_lb', 'drop_invalid_header_fields', false],
    ['EC2-IMDSV2', 'test-app', 'aws_launch_template', 'metadata_options.http_tokens', 'optional'],
    ['CF-TLS', 'live-edge', 'aws_cloudfront_distribution', 'viewer_certificate.minimum_protocol_version', 'TLSv1'],
    ['DYNAMODB-PITR', 'live-state', 'aws_dynamodb_table', 'point_in_time_recovery.enabled', false],
    ['VPC-DEFAULT-SG-CLOSED', 'test-network', 'aws_default_security_group', 'ingress', [{ protocol: '-1', from_port: 0, to_port: 0, self: true }]],
    ['LOGS-RETENTION', 'live-network', 'aws_cloudwatch_log_group', 'retention_in_days', 0],
  ])('fails with %s when a default setting is weakened', (ruleId, stackId, type, field, value) => {
    const { app, stack } = fixtureStack(stackId);
    expect(stack.node.id).toBe(stackId);
    const target = stack.node.findAll().find((c) => TerraformResource.isTerraformResource(c) && c.terraformResourceType === type) as TerraformResource;
    target.addOverride(field, value);
    expect(() => synthesizeCheckedStacks(app, [stack])).toThrow(new RegExp(`\\[${ruleId}\\] ${stackId}: `));
  });

  it('exits non-zero, prints every finding and leaves the previous output as it was', () => {
    const work = mkdtempSync(join(tmpdir(), 'policy-'));
    const outdir = join(work, 'cdktf.out');
    const dir = new ConfigDir();
    dir.writeEnvironment('test');
    mkdirSync(outdir);
    writeFileSync(join(outdir, 'marker'), 'previous');
    const messages: string[] = [];
    const code = runSynth({
      configDir: dir.path,
      outdir,
      createApp: (folder) => new WeakenedApp({ outdir: folder, stackTraces: false }),
      log: (message) => messages.push(message),
      report: () => undefined,
    });
    expect(code).toBe(1);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^Policy check failed with 1 finding\(s\); nothing was written\.\n {2}\[ALB-DROP-INVALID-HEADERS\] test-app: test-app\/alb\/alb \(aws_lb\.alb_/);
    expect(messages[0]).toContain('fix: Set drop_invalid_header_fields = true on the load balancer.');
    expect(readdirSync(outdir)).toEqual(['marker']);
    expect(readFileSync(join(outdir, 'marker'), 'utf8')).toBe('previous');
    expect(readdirSync(work)).toEqual(['cdktf.out']);
    dir.remove();
    rmSync(work, { recursive: true, force: true });
  });
});

describe('policy report', () => {
  let dir: ConfigDir;
  beforeAll(() => {
    dir = new ConfigDir();
    dir.writeEnvironment('test', (input) => {
      input.edge = { uploadsVersioning: false };
    });
  });
  afterAll(() => dir.remove());

  it('lists per stack the rules that applied, what passed, and each suppression with its reason', () => {
    const printed: string[] = [];
    expect(runPolicy({ configDir: dir.path, out: (text) => printed.push(text) })).toBe(0);
    const report = printed.join('\n');
    expect(report).toMatch(/^Policy report: \d+ rules in 7 packs, 6 stack\(s\)\./);
    expect(report).toContain('test-state: 7 of ');
    expect(report).toMatch(/ {2}pass {2}S3-ENCRYPTION +2 passed/);
    expect(report).toMatch(/ {2}supp {2}S3-VERSIONING +0 passed, 1 suppressed\n +suppressed test-edge\/uploads\/bucket: is not versioned\n +reason \(at test-edge\/uploads\): edge\.uploadsVersioning is false/);
    expect(report).toMatch(/Total: \d+ passed, 1 suppressed, 0 failed\.$/);
  });

  it('is the same text on every run', () => {
    const run = () => {
      const printed: string[] = [];
      runPolicy({ configDir: dir.path, out: (text) => printed.push(text) });
      return printed.join('\n');
    };
    expect(run()).toBe(run());
  });

  it('exits non-zero on invalid configuration, with the config error', () => {
    const messages: string[] = [];
    expect(runPolicy({ configDir: dir.path, environments: 'nope', out: () => undefined, log: (message) => messages.push(message) })).toBe(1);
    expect(messages[0]).toMatch(/^Invalid configuration in .*config-\w+:\n {2}- environment: got "nope"/);
  });

  it('lists every rule with its risk and fix on request', () => {
    const printed: string[] = [];
    expect(runPolicy({ listRules: true, out: (text) => printed.push(text) })).toBe(0);
    for (const rule of POLICY_RULES) expect(printed[0]).toContain(`${rule.id} (${rule.pack}): ${rule.title}\n  risk: ${rule.explanation}`);
  });
});
