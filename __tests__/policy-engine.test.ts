import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformResource, TerraformStack } from 'cdktf';
import { loadEnvironments } from '../config/load';
import { policyReportOf } from '../constructs/policy/aspect';
import { evaluateStack } from '../constructs/policy/engine';
import { POLICY_RULES } from '../constructs/policy/packs';
import { suppressPolicy } from '../constructs/policy/suppressions';
import { buildEnvironmentStacks } from '../stacks/environment-stacks';
import { synthesizeCheckedStacks } from '../stacks/synth';
import { testConfig } from './support/fixtures';
import { stackOf } from './support/policy';

const openRule = { type: 'aws_vpc_security_group_ingress_rule', id: 'web', values: { from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' } };

describe('policy rules', () => {
  it('have unique ids, a pack, a title, an explanation and a fix', () => {
    const ids = POLICY_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of POLICY_RULES) {
      expect(rule.title).toMatch(/\.$/);
      expect(rule.explanation.length).toBeGreaterThan(30);
      expect(rule.fix.length).toBeGreaterThan(15);
    }
    expect([...new Set(POLICY_RULES.map((rule) => rule.pack))].sort()).toEqual(['compute', 'data', 'edge', 'network', 'observability', 'storage']);
  });
});

describe('suppressions', () => {
  it('turn a finding into a suppressed one, with the reason in the report', () => {
    const stack = stackOf([openRule]);
    suppressPolicy(stack.node.findChild('web'), 'SG-NO-OPEN-INGRESS', 'public sandbox web server, by design');
    const outcome = evaluateStack(stack, testConfig()).outcomes.find((o) => o.rule.id === 'SG-NO-OPEN-INGRESS')!;
    expect(outcome.failed).toEqual([]);
    expect(outcome.suppressed).toEqual([{ finding: expect.objectContaining({ address: 'aws_vpc_security_group_ingress_rule.web' }), reason: 'public sandbox web server, by design' }]);
  });

  it('apply to everything below the construct they are put on', () => {
    const stack = stackOf([openRule]);
    suppressPolicy(stack, 'SG-NO-OPEN-INGRESS', 'whole test stack is a public sandbox');
    expect(evaluateStack(stack, testConfig()).outcomes.flatMap((o) => o.failed)).toEqual([]);
  });

  it.each(['', '   ', 'because'])('without a reason (%j) are an error', (reason) => {
    const stack = stackOf([openRule]);
    expect(() => suppressPolicy(stack, 'SG-NO-OPEN-INGRESS', reason)).toThrow(
      'Suppression of SG-NO-OPEN-INGRESS on policy-test has no reason: say why the rule does not apply (at least 10 characters).',
    );
  });

  it('of an unknown rule are an error', () => {
    expect(() => suppressPolicy(stackOf([]), 'S3-ENCRYPTON', 'a typo in the rule id')).toThrow(/unknown policy rule "S3-ENCRYPTON" on policy-test; known rules: S3-ENCRYPTION/);
  });
});

describe('synth with the policy', () => {
  function shippedStacks() {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'policy-')), stackTraces: false });
    const stacks = loadEnvironments().flatMap((config) => buildEnvironmentStacks(app, config));
    return { app, stacks };
  }

  it('finds nothing unsuppressed in any stack of any shipped environment', () => {
    const { app, stacks } = shippedStacks();
    synthesizeCheckedStacks(app, stacks);
    for (const stack of stacks) {
      const report = policyReportOf(stack)!;
      expect({ stack: stack.node.id, failed: report.outcomes.flatMap((o) => o.failed) }).toEqual({ stack: stack.node.id, failed: [] });
    }
  });

  it.each([
    ['ALB-DROP-INVALID-HEADERS', 'dev-app', 'aws_lb', 'drop_invalid_header_fields', false],
    ['EC2-IMDSV2', 'dev-app', 'aws_launch_template', 'metadata_options.http_tokens', 'optional'],
    ['CF-TLS', 'prod-edge', 'aws_cloudfront_distribution', 'viewer_certificate.minimum_protocol_version', 'TLSv1'],
    ['DYNAMODB-PITR', 'stg-state', 'aws_dynamodb_table', 'point_in_time_recovery.enabled', false],
    ['VPC-DEFAULT-SG-CLOSED', 'dev-network', 'aws_default_security_group', 'ingress', [{ protocol: '-1', from_port: 0, to_port: 0, self: true }]],
  ])('fails with %s when a shipped setting is weakened', (ruleId, stackId, type, field, value) => {
    const { app, stacks } = shippedStacks();
    const stack = stacks.find((candidate) => candidate.node.id === stackId) as TerraformStack;
    const target = stack.node.findAll().find((construct) => construct instanceof TerraformResource && construct.terraformResourceType === type) as TerraformResource;
    target.addOverride(field, value);
    expect(() => synthesizeCheckedStacks(app, stacks)).toThrow(new RegExp(`\\[${ruleId}\\] ${stackId}: `));
  });
});
