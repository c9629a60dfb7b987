import { resolveAmi } from '../config/ami';
import type { ConfigProblem } from '../config/errors';
import { nonPublicBlockOf } from '../config/vpn';
import { internalSiteBlock, oidcBlock, s3SystemsOnly } from './support/s3-systems';
import { sandboxOnly } from './support/sandbox';
import { InputChange, schemaParsed, schemaProblems } from './support/schema-parse';

/**
 * Per-tier fields, value by value: what each field accepts (boundaries from AWS's documented
 * limits), what it refuses with which message under which field path, and the default when it
 * is left out. Inputs are parsed in-process as loadEnvironmentFile does (schema, then each issue
 * described against the raw input), so the file stays fast.
 */

type Input = Record<string, any>;

/** Every problem loading the environment after `change` reports; fails the test when it loads. */
function problems(change: InputChange): ConfigProblem[] {
  const found = schemaProblems(change);
  if (found.length === 0) throw new Error('expected problems, but the configuration loaded');
  return found;
}

/** The problems reported under exactly `field`. */
const problemsAt = (field: string, change: InputChange) => problems(change).filter((problem) => problem.field === field);

const quoted = (value: string) => JSON.stringify(value);

// ---------------------------------------------------------------------------------------------
// app.ami and sandbox.ami

/** Amazon Linux 2023 public parameters (AL2023 User Guide, "Launching AL2023 using the SSM parameter"). */
const X86_AL2023 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
const ARM_AL2023 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';

const withAmi =
  (ami: Input, instanceType = 't3.small'): InputChange =>
  (input) => {
    input.app = { instanceType, ami };
  };

const AMI_ID_EXPECTED = 'expected an AMI id such as ami-0123456789abcdef0';
const OWNER_EXPECTED = 'expected amazon, aws-marketplace, self or a 12-digit account id';
const NAME_PATTERN_EXPECTED = "expected an AMI name pattern: 3-128 of A-Z, a-z, 0-9, ( ) [ ] . / - _ ' @ and the wildcards * ?";
const PARAMETER_EXPECTED = 'expected a public SSM parameter path under /aws/service/';

describe('app.ami.id: an image id is ami- then 8 or 17 lower-case hex digits (EC2 resource ids)', () => {
  it.each(['ami-0123abcd', 'ami-0123456789abcdef0'])('accepts %s', (id) => {
    expect(schemaParsed(withAmi({ id, owner: 'amazon', family: 'al2023' })).app.ami).toEqual({ source: 'id', id, owner: 'amazon', family: 'al2023' });
  });

  it.each([
    ['9 digits', 'ami-0123abcd0'],
    ['16 digits', 'ami-0123456789abcdef'],
    ['18 digits', 'ami-0123456789abcdef01'],
    ['upper-case hex', 'ami-0123ABCD'],
    ['text before the id', 'image ami-0123456789abcdef0'],
    ['text after the id', 'ami-0123456789abcdef0 (al2023)'],
  ])('refuses an id of %s: %s, with only that problem', (_kind, id) => {
    expect(problems(withAmi({ id, owner: 'amazon', family: 'al2023' }))).toEqual([{ field: 'app.ami.id', received: quoted(id), expected: AMI_ID_EXPECTED }]);
  });

  it('refuses an image name written as the id with one problem, reading no family or architecture from it', () => {
    const id = 'al2023-ami-2023.6.20241010.0-kernel-6.1-arm64';
    expect(problems(withAmi({ id, owner: 'amazon', family: 'al2' }))).toEqual([{ field: 'app.ami.id', received: quoted(id), expected: AMI_ID_EXPECTED }]);
  });
});

describe('app.ami.owner: an owner alias or a 12-digit account id (DescribeImages Owners)', () => {
  it.each(['amazon', 'aws-marketplace', 'self', '123456789012'])('accepts %s and keeps it', (owner) => {
    expect(schemaParsed(withAmi({ namePattern: 'golden-web-*', owner, family: 'al2023' })).app.ami).toEqual({ source: 'name-pattern', namePattern: 'golden-web-*', owner, family: 'al2023' });
  });

  it.each(['12345678901', '1234567890123', 'amazon-linux', 'myself', 'Amazon'])('refuses %s', (owner) => {
    expect(problems(withAmi({ namePattern: 'golden-web-*', owner, family: 'al2023' }))).toEqual([{ field: 'app.ami.owner', received: quoted(owner), expected: OWNER_EXPECTED }]);
  });
});

describe('app.ami.namePattern: 3 to 128 characters EC2 allows in an AMI name, plus the wildcards', () => {
  it.each([
    ['3 characters', 'al*'],
    ['128 characters', `golden-web-${'a'.repeat(117)}`],
    ['every allowed sign', "web(1)[x]./-_'@*?"],
  ])('accepts %s', (_kind, namePattern) => {
    expect(schemaParsed(withAmi({ namePattern, owner: 'self', family: 'al2023' })).app.ami).toMatchObject({ namePattern });
  });

  it.each([
    ['2 characters', 'al'],
    ['129 characters', `golden-web-${'a'.repeat(118)}`],
    ['a leading space', ' al2023-ami-2023.*-x86_64'],
    ['a trailing space', 'al2023-ami-2023.*-x86_64 '],
    ['a comma', 'al2023-ami-*,amzn2-ami-*'],
  ])('refuses %s, with only that problem', (_kind, namePattern) => {
    expect(problems(withAmi({ namePattern, owner: 'amazon' }))).toEqual([{ field: 'app.ami.namePattern', received: expect.any(String), expected: NAME_PATTERN_EXPECTED }]);
  });
});

describe('app.ami.parameter: an SSM public parameter path, under /aws/service/', () => {
  it.each([
    ['CloudFormation resolve syntax', `resolve:ssm:${X86_AL2023}`],
    ['a space in the path', '/aws/service/ami-amazon-linux-latest/al2023 ami'],
    ['a private parameter', '/my/ami'],
  ])('refuses %s, with only that problem', (_kind, parameter) => {
    expect(problems(withAmi({ parameter }))).toEqual([{ field: 'app.ami.parameter', received: quoted(parameter), expected: PARAMETER_EXPECTED }]);
  });

  it('defaults to the Amazon Linux 2023 parameter of the instance type architecture', () => {
    expect(schemaParsed(withAmi({})).app.ami).toEqual({ source: 'ssm-parameter', parameter: X86_AL2023, family: 'al2023' });
    expect(schemaParsed(withAmi({}, 't4g.small')).app.ami).toEqual({ source: 'ssm-parameter', parameter: ARM_AL2023, family: 'al2023' });
  });
});

describe('app.ami.family beside a name that says its family', () => {
  it.each([
    [{ parameter: X86_AL2023, family: 'al2023' }, 'al2023'],
    [{ namePattern: 'amzn2-ami-kernel-5.10-hvm-*-x86_64-gp2', owner: 'amazon', family: 'al2' }, 'al2'],
  ])('accepts %j: the family agrees with the name', (ami, family) => {
    expect(schemaParsed(withAmi(ami)).app.ami).toMatchObject({ family });
  });
});

describe('resolveAmi: the defaults of a choice checkAmi has already checked', () => {
  it('takes amazon and Amazon Linux 2023 for an id or a pattern that names neither', () => {
    expect(resolveAmi({ id: 'ami-0123456789abcdef0' }, 'x86_64')).toEqual({ source: 'id', id: 'ami-0123456789abcdef0', owner: 'amazon', family: 'al2023' });
    expect(resolveAmi({ namePattern: 'golden-web-*' }, 'x86_64')).toEqual({ source: 'name-pattern', namePattern: 'golden-web-*', owner: 'amazon', family: 'al2023' });
  });

  it('takes the x86_64 Amazon Linux 2023 parameter when the architecture is unknown, and al2023 for a parameter that names no family', () => {
    expect(resolveAmi({}, undefined)).toEqual({ source: 'ssm-parameter', parameter: X86_AL2023, family: 'al2023' });
    const parameter = '/aws/service/marketplace/prod-abcdefghijklm/golden-web';
    expect(resolveAmi({ parameter }, 'x86_64')).toEqual({ source: 'ssm-parameter', parameter, family: 'al2023' });
  });
});

// ---------------------------------------------------------------------------------------------
// sandbox.sshPublicKey

/** OpenSSH public keys as ssh-keygen writes them (*.pub): type, base64 blob (RFC 4253 6.6), comment. */
const ED25519_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDkpL7I7Eb3PKDXNajFfmTsJgRljnenvcjrFaro+CNE1 learner@laptop';
const ECDSA_P256_BLOB = 'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBCwELkp4ZnWoq7W6DNCQD2RBjJig1uhqZ+Hv3TbALz70Oh0uppDaBT8Srsy5tBVe/tbCuWyS5shh/EPU3OJvOlU=';
const KEY_EXPECTED =
  'expected an OpenSSH public key: ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521 then the base64 key (and an optional comment), on one line as in ~/.ssh/id_ed25519.pub';

describe('sandbox.sshPublicKey', () => {
  it.each([
    ['a trailing newline, as a YAML block scalar keeps it', `${ED25519_KEY}\n`],
    ['surrounding spaces', `  ${ED25519_KEY}  `],
  ])('accepts a key with %s, stored trimmed', (_kind, key) => {
    expect(schemaParsed(sandboxOnly({ sshPublicKey: key })).sandbox?.sshPublicKey).toBe(ED25519_KEY);
  });

  it('accepts an ECDSA P-256 key under its own type', () => {
    expect(schemaParsed(sandboxOnly({ sshPublicKey: `ecdsa-sha2-nistp256 ${ECDSA_P256_BLOB}` })).sandbox?.sshPublicKey).toBe(`ecdsa-sha2-nistp256 ${ECDSA_P256_BLOB}`);
  });

  it.each([
    ['a P-256 blob labelled as P-384 (same type length, other name)', `ecdsa-sha2-nistp384 ${ECDSA_P256_BLOB}`],
    ['a blob one base64 character short', `ssh-ed25519 ${ED25519_KEY.split(' ')[1].slice(0, -1)}`],
    ['a blob of 3 bytes, too short to hold a length', 'ssh-ed25519 AAAA'],
    ['a blob of exactly the 4 length bytes', 'ssh-ed25519 AAAACw=='],
  ])('refuses %s', (_kind, key) => {
    expect(problems(sandboxOnly({ sshPublicKey: key }))).toEqual([{ field: 'sandbox.sshPublicKey', received: expect.any(String), expected: KEY_EXPECTED }]);
  });
});

// ---------------------------------------------------------------------------------------------
// app.container

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const ECR_IMAGE = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/site:1.4.2`;
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const IMAGE_EXPECTED = 'expected an image reference such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com/site:1.4.2 or wordpress:6.8-apache';

/** A fargate-spot web platform with `container` over an ECR image; `internet` gives the tasks NAT egress (any registry). */
const withContainer =
  (container: Input, internet = true): InputChange =>
  (input) => {
    input.app = { compute: 'fargate-spot', container: { image: ECR_IMAGE, ...container } };
    Object.assign(input.network, internet ? { appInternetEgress: true } : { interfaceEndpoints: ['ssm', 'ssmmessages', 'ec2messages', 'logs', 'ecr.api', 'ecr.dkr', 'secretsmanager'] });
  };

describe('app.container.image: a reference as Docker reads one', () => {
  it.each([
    'nginx',
    'wordpress:6.8-apache',
    'library/nginx:1.27',
    ECR_IMAGE,
    'public.ecr.aws/nginx/nginx:1.27-alpine',
    'localhost:5000/app',
    'r.example.com:5000/app',
    'registry.a.example.com:5000/team/app',
    'my-registry.example.com:443/app:v2',
    'Registry.Example.com:5000/app',
    'Registry.Example.com/app',
    'registry.example.com:65535/app',
    'my_app:1',
    'my__app',
    'my--app',
    'my.app/web-1',
    'org/team/web_app:1',
    'org/team/web--app',
    'org/team/web-app.v2',
    'app:V1_2.3-rc',
    `app:${'a'.repeat(128)}`,
    `ghcr.io/org/app@${DIGEST}`,
    `app:1.0@${DIGEST}`,
  ])('accepts %s', (image) => {
    expect(schemaParsed(withContainer({ image })).app.container?.image).toBe(image);
  });

  it.each([
    'Wordpress:6.8',
    'app_',
    'app/',
    '/app',
    'app:',
    'app:-latest',
    `app:${'a'.repeat(129)}`,
    `app@sha256:${'0'.repeat(63)}`,
    `app@sha256:${'0'.repeat(65)}`,
    `app@sha256:${'A'.repeat(64)}`,
    '-registry.example.com:5000/app',
    'registry-.example.com:5000/app',
    'registry..example.com:5000/app',
    'registry.example.com:123456/app',
    'registry.example.com:/app',
    ' app',
    'app:1.0 ',
  ])('refuses %j', (image) => {
    expect(problemsAt('app.container.image', withContainer({ image }))).toEqual([{ field: 'app.container.image', received: expect.any(String), expected: IMAGE_EXPECTED }]);
  });

  it('pulls privately only from the region\'s own ECR host, not from a host that ends like one', () => {
    expect(schemaParsed(withContainer({}, false)).app.container?.image).toBe(ECR_IMAGE);
    expect(problemsAt('app.container.image', withContainer({ image: `mirror.${ECR_IMAGE}` }, false))).toEqual([
      expect.objectContaining({ expected: expect.stringMatching(/^expected an image in Amazon ECR in eu-west-1 /) }),
    ]);
  });
});

describe('app.container.secrets: a Secrets Manager or SSM parameter ARN (ECS valueFrom)', () => {
  const SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:db-password-AbCdEf`;
  const PARAMETER = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/site/api-key`;
  const SECRET_EXPECTED = `expected a Secrets Manager secret ARN (arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:<name>, optionally :<json-key>::) or an SSM parameter ARN (arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/<name>)`;

  it.each([SECRET, `${SECRET}:password::`, `${SECRET}:password:AWSCURRENT:`, `${SECRET}:password::0123abcd-4567-89ab-cdef-0123456789ab`, PARAMETER])('accepts %s', (arn) => {
    expect(schemaParsed(withContainer({ secrets: { DB_PASSWORD: arn } })).app.container?.secrets).toEqual({ DB_PASSWORD: arn });
  });

  it.each([
    ['text before a secret ARN', `valueFrom: ${SECRET}`],
    ['a JSON key without stage and version', `${SECRET}:password`],
    ['text before a parameter ARN', `valueFrom: ${PARAMETER}`],
    ['a comment after a parameter ARN', `${PARAMETER} # the API key`],
  ])('refuses %s', (_kind, arn) => {
    expect(problems(withContainer({ secrets: { DB_PASSWORD: arn } }))).toEqual([{ field: 'app.container.secrets.DB_PASSWORD', received: quoted(arn), expected: SECRET_EXPECTED }]);
  });
});

// ---------------------------------------------------------------------------------------------
// data

const withDatabase =
  (database: Input): InputChange =>
  (input) => {
    input.data = { database };
    // Aurora MySQL listens on MySQL's port (the rule on network.ports.database).
    if (database.engine === 'aurora-mysql') input.network.ports = { database: 3306 };
  };
const withCache =
  (cache: Input): InputChange =>
  (input) => {
    input.data = { cache };
  };

const WEEKLY_EXPECTED = 'expected ddd:hh:mm-ddd:hh:mm in UTC, such as sun:04:30-sun:05:30';
const DAILY_EXPECTED = 'expected hh:mm-hh:mm in UTC, such as 03:00-04:00';

describe('data.database names: 1-16 letters, digits and _, starting with a letter (both Aurora engines)', () => {
  it('defaults to database app and master user dbadmin', () => {
    expect(schemaParsed(withDatabase({})).data?.database).toMatchObject({ databaseName: 'app', masterUsername: 'dbadmin' });
  });

  it.each(['a', 'App_2', `a${'b'.repeat(15)}`])('accepts %s for both', (name) => {
    expect(schemaParsed(withDatabase({ databaseName: name, masterUsername: name })).data?.database).toMatchObject({ databaseName: name, masterUsername: name });
  });

  it.each(['1app', '_app', 'my-app', `a${'b'.repeat(16)}`])('refuses %s, naming the default as example', (name) => {
    expect(problems(withDatabase({ databaseName: name, masterUsername: name }))).toEqual([
      { field: 'data.database.databaseName', received: quoted(name), expected: 'expected 1-16 characters of letters, digits and _, starting with a letter, such as app' },
      { field: 'data.database.masterUsername', received: quoted(name), expected: 'expected 1-16 characters of letters, digits and _, starting with a letter, such as dbadmin' },
    ]);
  });
});

describe('data windows: hh24:mi in UTC as RDS and ElastiCache take them', () => {
  it.each([
    ['20:00-21:00', 'sat:22:00-sat:23:00'],
    ['21:30-22:30', 'wed:23:00-thu:00:00'],
    ['22:00-23:59', 'mon:10:15-mon:11:15'],
    ['23:30-00:30', 'fri:19:00-fri:20:59'],
  ])('accepts backup window %s and maintenance window %s', (backupWindow, maintenanceWindow) => {
    expect(schemaParsed(withDatabase({ backupWindow, maintenanceWindow })).data?.database).toMatchObject({ backupWindow, maintenanceWindow });
  });

  it.each(['sun:24:00-mon:01:00', 'sun:04:00-sun:24:00', 'sun:04:60-sun:05:30', 'Sun:04:00-Sun:05:00', 'weekly sun:04:00-sun:05:00', 'sun:04:00-sun:05:00 UTC', 'sun:4:00-sun:5:00'])(
    'refuses maintenance window %j with only the format problem',
    (maintenanceWindow) => {
      expect(problems(withDatabase({ maintenanceWindow }))).toEqual([{ field: 'data.database.maintenanceWindow', received: quoted(maintenanceWindow), expected: WEEKLY_EXPECTED }]);
    },
  );

  it.each(['24:00-01:00', '02:00-24:00', '02:60-03:30', '2:00-3:00', '02:00-03:00 UTC', 'daily 02:00-03:00'])('refuses backup window %j with only the format problem', (backupWindow) => {
    expect(problems(withDatabase({ backupWindow }))).toEqual([{ field: 'data.database.backupWindow', received: quoted(backupWindow), expected: DAILY_EXPECTED }]);
  });

  it('checks the cache windows the same way', () => {
    expect(schemaParsed(withCache({ snapshotWindow: '22:00-23:00', maintenanceWindow: 'sat:20:00-sat:21:00' })).data?.cache).toMatchObject({ snapshotWindow: '22:00-23:00', maintenanceWindow: 'sat:20:00-sat:21:00' });
    expect(problems(withCache({ snapshotWindow: '22:00-23:00 UTC', maintenanceWindow: 'sat:20:00-sat:21:00 UTC' }))).toEqual([
      { field: 'data.cache.snapshotWindow', received: '"22:00-23:00 UTC"', expected: DAILY_EXPECTED },
      { field: 'data.cache.maintenanceWindow', received: '"sat:20:00-sat:21:00 UTC"', expected: WEEKLY_EXPECTED },
    ]);
  });
});

describe('data.database.performanceInsights on Aurora MySQL classes', () => {
  const PI_REFUSED = (instanceClass: string) =>
    `expected false with aurora-mysql on ${instanceClass}: Aurora MySQL offers no Performance Insights on db.t3 classes (db.t4g.medium and larger have it)`;

  it('is refused on db.t3.medium and allowed on db.t4g.medium and db.r7g.large', () => {
    expect(problems(withDatabase({ engine: 'aurora-mysql', instanceClass: 'db.t3.medium' }))).toEqual([{ field: 'data.database.performanceInsights', expected: PI_REFUSED('db.t3.medium') }]);
    for (const instanceClass of ['db.t4g.medium', 'db.r7g.large']) {
      expect(schemaParsed(withDatabase({ engine: 'aurora-mysql', instanceClass })).data?.database).toMatchObject({ instanceClass, performanceInsights: true });
    }
  });

  it.each(['xdb.t3.medium', 'xdb.t4g.small', 'db.t4g.small2'])('refuses the unknown class %s with the class problem only', (instanceClass) => {
    expect(problems(withDatabase({ engine: 'aurora-mysql', instanceClass })).map((problem) => problem.field)).toEqual(['data.database.instanceClass']);
  });
});

// ---------------------------------------------------------------------------------------------
// ops

const withOps =
  (ops: Input): InputChange =>
  (input) => {
    input.ops = ops;
  };
const PERIOD_EXPECTED = 'expected 10, 30 or a multiple of 60 seconds';

describe('ops.alarms.thresholds: periods CloudWatch takes on standard-resolution metrics (PutMetricAlarm)', () => {
  it.each([10, 30, 60, 120, 3600])('accepts a period of %d seconds', (periodSeconds) => {
    expect(schemaParsed(withOps({ alarms: { thresholds: { targetErrors: { periodSeconds, evaluationPeriods: 1 } } } })).ops.alarms.thresholds.targetErrors).toEqual({
      threshold: 10,
      periodSeconds,
      evaluationPeriods: 1,
    });
  });

  it.each([20, 45, 59, 90, 3630])('refuses a period of %d seconds', (periodSeconds) => {
    expect(problems(withOps({ alarms: { thresholds: { targetErrors: { periodSeconds } } } }))).toEqual([
      { field: 'ops.alarms.thresholds.targetErrors.periodSeconds', received: String(periodSeconds), expected: PERIOD_EXPECTED },
    ]);
  });

  it('refuses a period of 0 as not above 0 and not a period CloudWatch takes', () => {
    expect(problems(withOps({ alarms: { thresholds: { targetErrors: { periodSeconds: 0 } } } }))).toEqual([
      { field: 'ops.alarms.thresholds.targetErrors.periodSeconds', received: '0', expected: 'expected a period above 0 seconds' },
      { field: 'ops.alarms.thresholds.targetErrors.periodSeconds', received: '0', expected: PERIOD_EXPECTED },
    ]);
  });

  it('caps percentages at 100 and leaves counts unbounded', () => {
    expect(schemaParsed(withOps({ alarms: { thresholds: { databaseCpuPercent: { threshold: 100 }, targetErrors: { threshold: 100000 } } } })).ops.alarms.thresholds).toMatchObject({
      databaseCpuPercent: { threshold: 100 },
      targetErrors: { threshold: 100000 },
    });
    expect(problems(withOps({ alarms: { thresholds: { databaseCpuPercent: { threshold: 100.5 } } } }))).toEqual([
      { field: 'ops.alarms.thresholds.databaseCpuPercent.threshold', received: '100.5', expected: 'expected at most 100' },
    ]);
  });
});

describe('ops.alarms.slack: AWS Chatbot SlackTeamId and SlackChannelId, 9-11 upper-case letters and digits', () => {
  it.each(['T0123ABCD', 'T0123ABCD45'])('accepts %s for both', (id) => {
    expect(schemaParsed(withOps({ alarms: { slack: { workspaceId: id, channelId: id } } })).ops.alarms.slack).toEqual({ workspaceId: id, channelId: id });
  });

  it.each(['T0123ABC', 'T0123ABCD456', 't0123ABCD4', 'T0123ABCD4 '])('refuses %j for both', (id) => {
    expect(problems(withOps({ alarms: { slack: { workspaceId: id, channelId: id } } }))).toEqual([
      { field: 'ops.alarms.slack.workspaceId', received: quoted(id), expected: 'expected a Slack workspace id: 9-11 upper-case letters and digits, such as T0123ABCD4' },
      { field: 'ops.alarms.slack.channelId', received: quoted(id), expected: 'expected a Slack channel id: 9-11 upper-case letters and digits, such as C0123ABCD4' },
    ]);
  });
});

describe('ops.alarms.emails: up to 10 addresses SNS subscribes', () => {
  const addresses = (count: number) => Array.from({ length: count }, (_, index) => `ops${index}@example.com`);

  it('accepts 10 addresses, plus-tags and apostrophes included', () => {
    const emails = [...addresses(9), "o'brien+alerts@mail.example.co.uk"];
    expect(schemaParsed(withOps({ alarms: { emails } })).ops.alarms.emails).toEqual(emails);
  });

  it('refuses 11 addresses, pointing to a mailing list', () => {
    expect(problems(withOps({ alarms: { emails: addresses(11) } }))).toEqual([
      { field: 'ops.alarms.emails', received: expect.any(String), expected: 'expected at most 10 addresses: use a mailing list' },
    ]);
  });

  it.each(['ops@example.com, dev@example.com', 'ops@example', 'ops example.com', 'ops@example.c'])('refuses %j', (email) => {
    expect(problems(withOps({ alarms: { emails: [email] } }))).toEqual([{ field: 'ops.alarms.emails[0]', received: quoted(email), expected: 'expected an e-mail address such as ops@example.com' }]);
  });
});

describe('ops.sessionManager.runAsUser: a Linux user name of up to 32 characters', () => {
  const USER_EXPECTED = 'expected a Linux user name such as webops (a-z, 0-9, _ and -, up to 32 characters)';

  it.each(['webops', '_svc', 'web-ops_2', `w${'a'.repeat(31)}`])('accepts %s', (runAsUser) => {
    expect(schemaParsed(withOps({ sessionManager: { runAsUser } })).ops.sessionManager.runAsUser).toBe(runAsUser);
  });

  it.each([`w${'a'.repeat(32)}`, 'webops!', 'WebOps', '1ops', '-ops'])('refuses %s', (runAsUser) => {
    expect(problems(withOps({ sessionManager: { runAsUser } }))).toEqual([{ field: 'ops.sessionManager.runAsUser', received: quoted(runAsUser), expected: USER_EXPECTED }]);
  });
});

// ---------------------------------------------------------------------------------------------
// network.vpnGateway.customerGateway.ipAddress

const withCustomerGateway =
  (ipAddress: string): InputChange =>
  (input) => {
    input.network.vpnGateway = { customerGateway: { ipAddress, bgpAsn: 65010 } };
  };
const ADDRESS_EXPECTED = 'expected an IPv4 address: four numbers 0-255 separated by dots, without leading zeros';

describe('network.vpnGateway.customerGateway.ipAddress: a public IPv4 address', () => {
  it.each(['8.8.4.4', '52.95.110.150', '52.95.110.201', '52.95.249.255', '52.95.199.9', '100.63.255.254', '100.128.0.1', '172.15.255.255', '172.32.0.1', '198.17.255.255', '198.20.0.1', '223.255.255.254'])(
    'accepts %s',
    (ipAddress) => {
      expect(schemaParsed(withCustomerGateway(ipAddress)).network?.vpnGateway?.customerGateway?.ipAddress).toBe(ipAddress);
    },
  );

  it.each(['52.95.110.1.5', '052.95.110.1', '52.95.110.256', '52.95.110.260', '52.95.110.1a', ' 52.95.110.1', '52.95.110'])('refuses %j, not an address', (ipAddress) => {
    expect(problems(withCustomerGateway(ipAddress))).toEqual([{ field: 'network.vpnGateway.customerGateway.ipAddress', received: quoted(ipAddress), expected: ADDRESS_EXPECTED }]);
  });

  // IANA IPv4 Special-Purpose Address Registry: blocks no tunnel endpoint on the internet can have.
  it.each([
    ['0.1.2.3', 'this network', '0.0.0.0/8'],
    ['10.1.2.3', 'private (RFC 1918)', '10.0.0.0/8'],
    ['100.64.0.1', 'shared carrier-grade NAT space (RFC 6598)', '100.64.0.0/10'],
    ['127.0.0.1', 'loopback', '127.0.0.0/8'],
    ['169.254.169.254', 'link-local', '169.254.0.0/16'],
    ['172.31.255.254', 'private (RFC 1918)', '172.16.0.0/12'],
    ['192.0.0.9', 'IETF protocol assignments', '192.0.0.0/24'],
    ['192.0.2.10', 'documentation (RFC 5737)', '192.0.2.0/24'],
    ['192.88.99.1', 'deprecated 6to4 relay anycast', '192.88.99.0/24'],
    ['192.168.1.1', 'private (RFC 1918)', '192.168.0.0/16'],
    ['198.19.0.1', 'benchmarking (RFC 2544)', '198.18.0.0/15'],
    ['198.51.100.7', 'documentation (RFC 5737)', '198.51.100.0/24'],
    ['203.0.113.5', 'documentation (RFC 5737)', '203.0.113.0/24'],
    ['239.1.1.1', 'multicast', '224.0.0.0/4'],
    ['255.255.255.255', 'reserved', '240.0.0.0/4'],
  ])('refuses %s: %s (%s)', (ipAddress, purpose, block) => {
    const what = purpose === 'this network' ? '"this network"' : purpose;
    expect(problems(withCustomerGateway(ipAddress))).toEqual([
      {
        field: 'network.vpnGateway.customerGateway.ipAddress',
        received: quoted(ipAddress),
        expected: `expected the public IPv4 address the customer gateway is reached at over the internet; ${ipAddress} is ${what} (${block})`,
      },
    ]);
  });

  it('names no special-purpose block for text that is not an address', () => {
    expect(nonPublicBlockOf('52.95.110.1.5')).toBeUndefined();
    expect(nonPublicBlockOf('not an address')).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// internalSite

/** An environment holding only the internal site, after `change` on its valid block. */
const withInternalSite =
  (change: (site: Input) => void): InputChange =>
  (input) => {
    s3SystemsOnly('internal-site')(input);
    change(input.internalSite);
  };
const withOidc = (oidc: Input) => withInternalSite((site) => (site.oidc = { ...oidcBlock(), ...oidc }));

describe('internalSite.oidc (ELB authenticate-oidc action)', () => {
  it('defaults the scope to openid', () => {
    expect(schemaParsed(withOidc({})).internalSite?.oidc).toMatchObject({ scope: 'openid', sessionTimeoutSeconds: 3600 });
  });

  it.each(['openid', 'openid email profile', 'openid https://graph.example.com/read'])('accepts the scopes %j', (scope) => {
    expect(schemaParsed(withOidc({ scope })).internalSite?.oidc?.scope).toBe(scope);
  });

  it.each(['openid  email', ' openid', 'openid ', 'openid\temail', ''])('refuses the scopes %j', (scope) => {
    expect(problems(withOidc({ scope }))).toEqual([{ field: 'internalSite.oidc.scope', received: quoted(scope), expected: 'expected space-separated scopes such as "openid email"' }]);
  });

  it.each(['https://login.example.com', 'https://login.example.com:8443/tenant/v2.0?x=1'])('accepts the issuer %s', (issuer) => {
    expect(schemaParsed(withOidc({ issuer })).internalSite?.oidc?.issuer).toBe(issuer);
  });

  it.each(['<https://login.example.com>', 'issuer https://login.example.com', 'https://login.example.com/oauth2/token extra', 'https://', 'https:///token', 'http://login.example.com'])(
    'refuses the endpoint %j',
    (tokenEndpoint) => {
      expect(problems(withOidc({ tokenEndpoint }))).toEqual([{ field: 'internalSite.oidc.tokenEndpoint', received: quoted(tokenEndpoint), expected: 'expected an https:// URL' }]);
    },
  );

  it('takes a client id of 1 to 255 characters', () => {
    expect(schemaParsed(withOidc({ clientId: 'x'.repeat(255) })).internalSite?.oidc?.clientId).toHaveLength(255);
    expect(problems(withOidc({ clientId: '' }))).toEqual([{ field: 'internalSite.oidc.clientId', received: '""', expected: 'expected the client id registered with the identity provider' }]);
    expect(problems(withOidc({ clientId: 'x'.repeat(256) }))).toEqual([{ field: 'internalSite.oidc.clientId', received: expect.any(String), expected: 'expected at most 255' }]);
  });
});

describe('internalSite.vpc and allowedCidrs', () => {
  it('accepts three availability zones, each with its subnets', () => {
    const vpc = {
      ...internalSiteBlock().vpc,
      availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      albSubnets: ['10.30.0.0/24', '10.30.1.0/24', '10.30.2.0/24'],
      endpointSubnets: ['10.30.10.0/24', '10.30.11.0/24', '10.30.12.0/24'],
    };
    expect(schemaParsed(withInternalSite((site) => (site.vpc = vpc))).internalSite?.vpc).toEqual(vpc);
  });

  it('refuses one zone (an ALB needs two) and four', () => {
    expect(problemsAt('internalSite.vpc.availabilityZones', withInternalSite((site) => (site.vpc.availabilityZones = ['eu-west-1a'])))).toEqual([
      { field: 'internalSite.vpc.availabilityZones', received: expect.any(String), expected: 'expected at least 2 availability zones: an ALB spans two or more' },
    ]);
    expect(problemsAt('internalSite.vpc.availabilityZones', withInternalSite((site) => (site.vpc.availabilityZones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c', 'eu-west-1a'])))).toEqual([
      { field: 'internalSite.vpc.availabilityZones', received: expect.any(String), expected: 'expected at most 3 availability zones' },
    ]);
  });

  it.each([
    ['vpc.cidr', (site: Input) => (site.vpc.cidr = '10.30.0.1/16'), 'expected an IPv4 CIDR block with no host bits set, such as 10.30.0.0/16'],
    ['vpc.cidr', (site: Input) => (site.vpc.cidr = '10.30.0.0/25'), 'expected a VPC CIDR between /16 and /24, such as 10.30.0.0/16'],
    ['vpc.albSubnets[1]', (site: Input) => (site.vpc.albSubnets[1] = '10.30.1.1/24'), 'expected an IPv4 CIDR block with no host bits set, such as 10.30.0.0/24'],
    ['vpc.endpointSubnets[1]', (site: Input) => (site.vpc.endpointSubnets[1] = '10.30.11.1/24'), 'expected an IPv4 CIDR block with no host bits set, such as 10.30.10.0/24'],
    ['allowedCidrs[0]', (site: Input) => (site.allowedCidrs = ['10.0.0.1/8']), 'expected an IPv4 CIDR block with no host bits set, such as 10.0.0.0/8'],
  ])('refuses a bad internalSite.%s, with an example', (field, change, expected) => {
    expect(problemsAt(`internalSite.${field}`, withInternalSite(change))).toEqual([expect.objectContaining({ expected })]);
  });

  it('defaults allowedCidrs to none and takes up to 50 (security group rules per group)', () => {
    expect(schemaParsed(withInternalSite(() => undefined)).internalSite?.allowedCidrs).toEqual([]);
    const ranges = (count: number) => Array.from({ length: count }, (_, index) => `172.16.${index}.0/24`);
    expect(schemaParsed(withInternalSite((site) => (site.allowedCidrs = ranges(50)))).internalSite?.allowedCidrs).toHaveLength(50);
    expect(problems(withInternalSite((site) => (site.allowedCidrs = ranges(51))))).toEqual([
      { field: 'internalSite.allowedCidrs', received: expect.any(String), expected: 'expected at most 50 ranges (security group rule quota)' },
    ]);
  });
});
