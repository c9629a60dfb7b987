import { ConfigDir } from './support/config-dir';
import { sandboxOnly } from './support/sandbox';

let dir: ConfigDir;
beforeEach(() => (dir = new ConfigDir()));
afterEach(() => dir.remove());

const problem = (field: string, expected: string | RegExp) =>
  expect.objectContaining({ field, expected: typeof expected === 'string' ? expected : expect.stringMatching(expected) });

/** The base environment with `ops` set (and `production` when given). */
const withOps =
  (ops: unknown, production = false) =>
  (input: Record<string, any>) => {
    input.ops = ops;
    input.production = production;
  };

const SLACK = { workspaceId: 'T0123ABCD4', channelId: 'C0123ABCD4' };

describe('ops settings that load', () => {
  it('gives an environment without ops every default: no Slack, no e-mail, sessions recorded, no change audit', () => {
    const ops = dir.loadWith(() => undefined).ops;
    expect(ops.alarms.slack).toBeUndefined();
    expect(ops.alarms.emails).toEqual([]);
    expect(ops.sessionManager).toEqual({ enabled: true, logRetentionDays: 365, idleTimeoutMinutes: 20 });
    expect(ops.changeAudit).toEqual({ enabled: false, retentionDays: 365 });
  });

  it('defaults every alarm and keeps what an environment overrides', () => {
    const thresholds = dir.loadWith(withOps({ alarms: { thresholds: { targetErrors: { threshold: 50 }, cacheCpuPercent: { periodSeconds: 60, evaluationPeriods: 10 } } } })).ops.alarms
      .thresholds;
    expect(thresholds.targetErrors).toEqual({ threshold: 50, periodSeconds: 60, evaluationPeriods: 5 });
    expect(thresholds.cacheCpuPercent).toEqual({ threshold: 80, periodSeconds: 60, evaluationPeriods: 10 });
    expect(thresholds.certificateDaysToExpiry).toEqual({ threshold: 30, periodSeconds: 86400, evaluationPeriods: 1 });
    expect(thresholds.databaseFreeableMemoryMiB.threshold).toBe(256);
  });

  it('accepts 10 s and 30 s periods, multiples of a minute, and a week of hourly periods', () => {
    for (const periodSeconds of [10, 30, 60, 300, 3600]) {
      expect(dir.loadWith(withOps({ alarms: { thresholds: { unhealthyHosts: { periodSeconds } } } })).ops.alarms.thresholds.unhealthyHosts.periodSeconds).toBe(periodSeconds);
    }
    expect(dir.loadWith(withOps({ alarms: { thresholds: { unhealthyHosts: { periodSeconds: 3600, evaluationPeriods: 168 } } } })).ops.alarms.thresholds.unhealthyHosts.evaluationPeriods).toBe(168);
  });

  it('takes Slack ids and e-mail addresses, and production with either is fine', () => {
    expect(dir.loadWith(withOps({ alarms: { slack: SLACK } }, true)).ops.alarms.slack).toEqual(SLACK);
    expect(dir.loadWith(withOps({ alarms: { emails: ['ops+alerts@example.co.uk'] } }, true)).ops.alarms.emails).toEqual(['ops+alerts@example.co.uk']);
  });

  it('takes session limits and a run-as user', () => {
    const sessions = dir.loadWith(withOps({ sessionManager: { idleTimeoutMinutes: 60, maxSessionMinutes: 1440, runAsUser: 'webops', logRetentionDays: 90 } })).ops.sessionManager;
    expect(sessions).toEqual({ enabled: true, idleTimeoutMinutes: 60, maxSessionMinutes: 1440, runAsUser: 'webops', logRetentionDays: 90 });
  });
});

describe('ops settings that are refused', () => {
  it('refuses Slack on without its workspace or channel id, and ids in the wrong shape', () => {
    expect(dir.problemsFor(withOps({ alarms: { slack: { channelId: 'C0123ABCD4' } } }))).toContainEqual(expect.objectContaining({ field: 'ops.alarms.slack.workspaceId' }));
    expect(dir.problemsFor(withOps({ alarms: { slack: { workspaceId: 'T0123ABCD4' } } }))).toContainEqual(expect.objectContaining({ field: 'ops.alarms.slack.channelId' }));
    expect(dir.problemsFor(withOps({ alarms: { slack: { ...SLACK, workspaceId: 'my-team' } } }))).toContainEqual(
      problem('ops.alarms.slack.workspaceId', /^expected a Slack workspace id/),
    );
    expect(dir.problemsFor(withOps({ alarms: { slack: { ...SLACK, channelId: '#alerts' } } }))).toContainEqual(problem('ops.alarms.slack.channelId', /^expected a Slack channel id/));
  });

  it.each(['ops', 'ops@', '@example.com', 'ops@example', 'o ps@example.com', 'ops@@example.com'])('refuses %j as an e-mail address', (email) => {
    expect(dir.problemsFor(withOps({ alarms: { emails: [email] } }))).toContainEqual(problem('ops.alarms.emails[0]', 'expected an e-mail address such as ops@example.com'));
  });

  it('refuses an address twice, whatever its case', () => {
    expect(dir.problemsFor(withOps({ alarms: { emails: ['ops@example.com', 'OPS@example.com'] } }))).toContainEqual(problem('ops.alarms.emails[1]', 'expected each address once'));
  });

  it('refuses production alarms that reach nobody', () => {
    expect(dir.problemsFor(withOps(undefined, true))).toContainEqual(problem('ops.alarms', /^expected ops.alarms.slack or ops.alarms.emails in production/));
    expect(dir.problemsFor(withOps({ alarms: { emails: [] } }, true))).toContainEqual(problem('ops.alarms', /alarms that reach nobody/));
  });

  it.each([0, -5])('refuses a threshold of %d', (threshold) => {
    expect(dir.problemsFor(withOps({ alarms: { thresholds: { targetErrors: { threshold } } } }))).toContainEqual(problem('ops.alarms.thresholds.targetErrors.threshold', 'expected a threshold above 0'));
  });

  it('refuses a percentage over 100', () => {
    expect(dir.problemsFor(withOps({ alarms: { thresholds: { databaseCpuPercent: { threshold: 120 } } } }))).toContainEqual(
      problem('ops.alarms.thresholds.databaseCpuPercent.threshold', 'expected at most 100'),
    );
  });

  it.each([
    [0, 'expected a period above 0 seconds'],
    [-60, 'expected a period above 0 seconds'],
    [45, 'expected 10, 30 or a multiple of 60 seconds'],
    [90, 'expected 10, 30 or a multiple of 60 seconds'],
  ])('refuses a period of %d seconds', (periodSeconds, message) => {
    expect(dir.problemsFor(withOps({ alarms: { thresholds: { responseTimeSeconds: { periodSeconds } } } }))).toContainEqual(
      problem('ops.alarms.thresholds.responseTimeSeconds.periodSeconds', message),
    );
  });

  it('refuses zero evaluation periods and a look-back longer than CloudWatch keeps', () => {
    expect(dir.problemsFor(withOps({ alarms: { thresholds: { unhealthyHosts: { evaluationPeriods: 0 } } } }))).toContainEqual(
      problem('ops.alarms.thresholds.unhealthyHosts.evaluationPeriods', 'expected at least 1 period'),
    );
    expect(dir.problemsFor(withOps({ alarms: { thresholds: { unhealthyHosts: { periodSeconds: 600, evaluationPeriods: 145 } } } }))).toContainEqual(
      problem('ops.alarms.thresholds.unhealthyHosts.evaluationPeriods', /^expected periodSeconds x evaluationPeriods of at most 86400 seconds \(1 day\)/),
    );
    expect(dir.problemsFor(withOps({ alarms: { thresholds: { unhealthyHosts: { periodSeconds: 3600, evaluationPeriods: 169 } } } }))).toContainEqual(
      problem('ops.alarms.thresholds.unhealthyHosts.evaluationPeriods', /^expected periodSeconds x evaluationPeriods of at most 604800 seconds \(7 days\)/),
    );
  });

  it('refuses an unknown alarm name', () => {
    expect(dir.problemsFor(withOps({ alarms: { thresholds: { diskFull: { threshold: 90 } } } }))).toContainEqual(
      expect.objectContaining({ field: 'ops.alarms.thresholds.diskFull', expected: expect.stringContaining('targetErrors, responseTimeSeconds') }),
    );
  });

  it('refuses session limits out of range and a run-as user that is not a Linux name', () => {
    expect(dir.problemsFor(withOps({ sessionManager: { idleTimeoutMinutes: 61 } }))).toContainEqual(expect.objectContaining({ field: 'ops.sessionManager.idleTimeoutMinutes' }));
    expect(dir.problemsFor(withOps({ sessionManager: { maxSessionMinutes: 0 } }))).toContainEqual(expect.objectContaining({ field: 'ops.sessionManager.maxSessionMinutes' }));
    expect(dir.problemsFor(withOps({ sessionManager: { runAsUser: 'Root User' } }))).toContainEqual(problem('ops.sessionManager.runAsUser', /^expected a Linux user name/));
    expect(dir.problemsFor(withOps({ sessionManager: { logRetentionDays: 100 } }))).toContainEqual(problem('ops.sessionManager.logRetentionDays', /^expected one of 1, 3, 5/));
  });

  it('refuses ops in an environment without the web platform', () => {
    const problems = dir.problemsFor((input) => {
      sandboxOnly()(input);
      input.ops = { changeAudit: { enabled: true } };
    });
    expect(problems).toContainEqual(problem('ops', /^expected no ops here: it watches the web platform/));
  });
});

describe('WAF log redaction settings', () => {
  it('redacts authorization and cookie by default and takes more headers', () => {
    expect(dir.loadWith(() => undefined).edge.logs).toEqual({ retentionDays: 90, redactedHeaders: ['authorization', 'cookie'] });
    expect(dir.loadWith((input) => (input.edge = { logs: { redactedHeaders: ['authorization', 'cookie', 'x-api-key'], retentionDays: 30 } })).edge.logs).toEqual({
      retentionDays: 30,
      redactedHeaders: ['authorization', 'cookie', 'x-api-key'],
    });
  });

  it.each(['Authorization', 'x api key', '', 'a'.repeat(65)])('refuses %j as a header name WAF redacts', (header) => {
    expect(dir.problemsFor((input) => (input.edge = { logs: { redactedHeaders: ['authorization', 'cookie', header] } }))).toContainEqual(
      problem('edge.logs.redactedHeaders[2]', /^expected a lower-case HTTP header name/),
    );
  });

  it('refuses a list without authorization or cookie, and a header twice', () => {
    expect(dir.problemsFor((input) => (input.edge = { logs: { redactedHeaders: ['authorization'] } }))).toContainEqual(
      problem('edge.logs.redactedHeaders', 'expected authorization and cookie among the headers: without cookie WAF would log credentials'),
    );
    expect(dir.problemsFor((input) => (input.edge = { logs: { redactedHeaders: ['authorization', 'cookie', 'cookie'] } }))).toContainEqual(
      problem('edge.logs.redactedHeaders[2]', 'expected each header once'),
    );
  });
});
