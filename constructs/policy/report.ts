import { Finding, RuleOutcome, StackPolicyReport } from './engine';
import { POLICY_PACKS, POLICY_RULES } from './packs';

const SUPPRESS_HINT = "Fix the resource; where a rule truly does not apply, suppress it on the construct with the reason: suppressPolicy(construct, 'RULE-ID', 'why').";

/** One entry per finding: rule id, stack, construct path and address, what is wrong, how to fix it. */
export function formatFindings(findings: readonly Finding[]): string {
  const lines = findings.map(
    (f) => `  [${f.ruleId}] ${f.stack}: ${f.path} (${f.address})\n      problem: ${f.problem}\n      fix: ${f.fix}`,
  );
  return `${lines.join('\n')}\n${SUPPRESS_HINT}`;
}

/** Counts of verdicts over some outcomes. */
function totals(outcomes: readonly RuleOutcome[]) {
  return outcomes.reduce(
    (sum, o) => ({ passed: sum.passed + o.passed, suppressed: sum.suppressed + o.suppressed.length, failed: sum.failed + o.failed.length }),
    { passed: 0, suppressed: 0, failed: 0 },
  );
}

function status(outcome: RuleOutcome): string {
  if (outcome.failed.length > 0) return 'FAIL';
  return outcome.suppressed.length > 0 ? 'supp' : 'pass';
}

function formatStack(report: StackPolicyReport): string[] {
  const applied = report.outcomes.filter((o) => o.passed + o.failed.length + o.suppressed.length > 0);
  const sum = totals(report.outcomes);
  const width = Math.max(0, ...POLICY_RULES.map((rule) => rule.id.length));
  const lines = [
    `${report.stack}: ${applied.length} of ${report.outcomes.length} rules applied; ` +
      `${sum.passed} passed, ${sum.suppressed} suppressed, ${sum.failed} failed`,
  ];
  for (const outcome of applied) {
    const counts = [`${outcome.passed} passed`, outcome.suppressed.length && `${outcome.suppressed.length} suppressed`, outcome.failed.length && `${outcome.failed.length} failed`]
      .filter(Boolean)
      .join(', ');
    lines.push(`  ${status(outcome)}  ${outcome.rule.id.padEnd(width)}  ${counts}`);
    for (const s of outcome.suppressed) lines.push(`          suppressed ${s.path}: ${s.problem}`, `            reason (at ${s.suppressedAt}): ${s.reason}`);
    for (const f of outcome.failed) lines.push(`          FAILED ${f.path} (${f.address}): ${f.problem}`, `            fix: ${f.fix}`);
  }
  for (const unused of report.unusedSuppressions) {
    lines.push(`  note  ${unused.ruleId.padEnd(width)}  suppression on ${unused.path} matched nothing (stale?): ${unused.reason}`);
  }
  return lines;
}

/**
 * The policy report of some stacks, for `npm run policy`: the rules by pack, then per
 * stack the rules that applied with what passed, what was suppressed (and why) and what
 * failed. Deterministic: the same stacks give the same text.
 */
export function formatReport(reports: readonly StackPolicyReport[]): string {
  const packs = Object.entries(POLICY_PACKS).map(([pack, rules]) => `  ${pack}: ${rules.map((rule) => rule.id).join(', ')}`);
  const sum = totals(reports.flatMap((report) => report.outcomes));
  return [
    `Policy report: ${POLICY_RULES.length} rules in ${packs.length} packs, ${reports.length} stack(s).`,
    ...packs,
    '',
    ...reports.flatMap((report) => [...formatStack(report), '']),
    `Total: ${sum.passed} passed, ${sum.suppressed} suppressed, ${sum.failed} failed.`,
    ...(sum.failed > 0 ? [SUPPRESS_HINT] : []),
  ].join('\n');
}

/** Every rule with its id, pack, title and explanation (`npm run policy -- --rules`). */
export function formatRules(): string {
  return POLICY_RULES.map((rule) => `${rule.id} (${rule.pack}): ${rule.title}\n  risk: ${rule.explanation}\n  fix: ${rule.fix}`).join('\n');
}
