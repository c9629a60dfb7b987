import type { ConfigProblem } from '../config/errors';
import { asProduction } from './support/fixtures';
import { sandboxOnly } from './support/sandbox';
import { InputChange, schemaProblems } from './support/schema-parse';

/**
 * The edges of the cross-field rules of the data tier, the container, the instance type, ops and the
 * schedules (config/rules/data.ts, containers.ts, compute.ts, ops.ts, schedules.ts): a value exactly at a
 * limit, each alternative of a condition, a section present or absent, with the loader's exact problems.
 */

type Input = Record<string, any>;

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
/** An image in the environment's own ECR registry (AWS's private registry host: <account>.dkr.ecr.<region>.amazonaws.com). */
const ECR_IMAGE = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/site:1.4.2`;
const SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:site/api-AbCdEf`;
const PARAMETER_ARN = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/site/flag`;
/** ECR (API and registry) and CloudWatch Logs: what a task needs to start without an internet route. */
const PULL_ENDPOINTS = ['logs', 'ecr.api', 'ecr.dkr'];

const problem = (field: string, expected: string, received?: string): ConfigProblem => (received === undefined ? { field, expected } : { field, received, expected });

const loads = (change: InputChange) => expect(schemaProblems(change)).toEqual([]);

/** The base environment with `data` (and production when asked). */
const withData =
  (data: unknown, production = false): InputChange =>
  (input) => {
    input.data = data;
    if (production) asProduction(input);
  };

/** A sandbox-only environment that also holds the static website (two systems, so the message lists both). */
const sandboxAndWebsite = (input: Input) => {
  sandboxOnly()(input);
  input.systems = ['sandbox', 'static-website'];
};

/** The base environment on fargate-spot with `container` over an ECR image, and the pull endpoints (no internet egress). */
const withContainer =
  (container: Record<string, unknown> = {}, also: InputChange = () => undefined): InputChange =>
  (input) => {
    input.app = { compute: 'fargate-spot', container: { image: ECR_IMAGE, ...container } };
    input.network.interfaceEndpoints = [...PULL_ENDPOINTS, 'secretsmanager', 'ssm'];
    also(input);
  };

describe('data tier windows (RDS: at least 30 minutes; ElastiCache: at least 60; the weekly maintenance apart from the daily window)', () => {
  const rds = (backupWindow: string, maintenanceWindow: string) => withData({ database: { backupWindow, maintenanceWindow } });
  const apart = (daily: string) => `expected a window apart from the daily backupWindow (${daily}): RDS refuses overlapping windows`;

  it.each([
    ['exactly 30 minutes each', '03:00-03:30', 'sun:05:00-sun:05:30'],
    ['a maintenance window across the end of the week', '02:00-03:00', 'sun:23:30-mon:00:30'],
    ['a backup window across midnight', '23:30-00:30', 'wed:03:00-wed:04:00'],
    ['maintenance starting as the backup ends', '03:00-04:00', 'tue:04:00-tue:05:00'],
    ['maintenance ending as the backup starts', '03:00-04:00', 'tue:02:00-tue:03:00'],
    ['maintenance on a Wednesday morning', '02:00-03:00', 'wed:05:00-wed:06:00'],
    ['Monday night', '02:00-03:00', 'mon:23:30-tue:00:30'],
    ['Tuesday night', '02:00-03:00', 'tue:23:30-wed:00:30'],
    ['Wednesday night', '02:00-03:00', 'wed:23:30-thu:00:30'],
    ['Thursday night', '02:00-03:00', 'thu:23:30-fri:00:30'],
    ['Friday night', '02:00-03:00', 'fri:23:30-sat:00:30'],
    ['Saturday night', '02:00-03:00', 'sat:23:30-sun:00:30'],
  ])('accepts %s (%s, %s)', (_, backupWindow, maintenanceWindow) => {
    loads(rds(backupWindow, maintenanceWindow));
  });

  it.each([
    ['a backup window one minute short', '03:00-03:29', 'sun:05:00-sun:05:30', [problem('data.database.backupWindow', 'expected a window of at least 30 minutes, as RDS requires', '"03:00-03:29"')]],
    ['a maintenance window one minute short', '03:00-03:30', 'sun:05:00-sun:05:29', [problem('data.database.maintenanceWindow', 'expected a window of at least 30 minutes, as RDS requires', '"sun:05:00-sun:05:29"')]],
    ['an overlap on a Wednesday', '03:00-04:00', 'wed:03:30-wed:04:30', [problem('data.database.maintenanceWindow', apart('03:00-04:00'), '"wed:03:30-wed:04:30"')]],
    ['an overlap of Sunday night with Monday\'s backup', '00:00-01:00', 'sun:23:45-mon:00:30', [problem('data.database.maintenanceWindow', apart('00:00-01:00'), '"sun:23:45-mon:00:30"')]],
    ['an overlap of Monday morning with Sunday\'s backup across midnight', '23:30-00:30', 'mon:00:00-mon:00:45', [problem('data.database.maintenanceWindow', apart('23:30-00:30'), '"mon:00:00-mon:00:45"')]],
    // The same start and end is read as a whole day (daily) or a whole week (weekly), which overlaps everything.
    ['a weekly window from a time to itself', '02:00-03:00', 'tue:05:00-tue:05:00', [problem('data.database.maintenanceWindow', apart('02:00-03:00'), '"tue:05:00-tue:05:00"')]],
    ['a daily window from a time to itself', '05:00-05:00', 'sun:01:00-sun:02:00', [problem('data.database.maintenanceWindow', apart('05:00-05:00'), '"sun:01:00-sun:02:00"')]],
    // Windows the schema refuses get its message only: no length or overlap read from them.
    ['a daily window the schema refuses', '3:00-4:00', 'mon:03:00-mon:04:00', [problem('data.database.backupWindow', 'expected hh:mm-hh:mm in UTC, such as 03:00-04:00', '"3:00-4:00"')]],
    ['a weekly window the schema refuses', '02:00-03:00', 'Mon:03:00-Mon:03:10', [problem('data.database.maintenanceWindow', 'expected ddd:hh:mm-ddd:hh:mm in UTC, such as sun:04:30-sun:05:30', '"Mon:03:00-Mon:03:10"')]],
  ])('refuses %s (%s, %s)', (_, backupWindow, maintenanceWindow, problems) => {
    expect(schemaProblems(rds(backupWindow, maintenanceWindow))).toEqual(problems);
  });

  it('takes an hour for ElastiCache, and overlapping windows only when it takes no snapshot', () => {
    const cache = (cacheSettings: Record<string, unknown>) => withData({ cache: cacheSettings });
    loads(cache({ snapshotWindow: '02:00-03:00', maintenanceWindow: 'sun:05:00-sun:06:00' }));
    expect(schemaProblems(cache({ snapshotWindow: '02:00-02:59', maintenanceWindow: 'sun:05:00-sun:05:59' }))).toEqual([
      problem('data.cache.snapshotWindow', 'expected a window of at least 60 minutes, as ElastiCache requires', '"02:00-02:59"'),
      problem('data.cache.maintenanceWindow', 'expected a window of at least 60 minutes, as ElastiCache requires', '"sun:05:00-sun:05:59"'),
    ]);
    const overlapping = { snapshotWindow: '02:00-03:00', maintenanceWindow: 'mon:02:00-mon:03:00' };
    loads(cache({ ...overlapping, snapshotRetentionDays: 0 }));
    expect(schemaProblems(cache({ ...overlapping, snapshotRetentionDays: 1 }))).toEqual([
      problem('data.cache.maintenanceWindow', 'expected a window apart from the daily snapshotWindow (02:00-03:00): ElastiCache refuses overlapping windows', '"mon:02:00-mon:03:00"'),
    ]);
  });
});

describe('data tier settings at their edges', () => {
  it.each([
    ['an empty data section', {}],
    ['an instance class alone', { database: { instanceClass: 'db.r7g.large' } }],
    ['Serverless v2 alone, minimum equal to maximum', { database: { serverless: { minCapacity: 2, maxCapacity: 2 } } }],
    ['a cache with its defaults', { cache: {} }],
    ['a listed Valkey version on a listed node type', { cache: { engine: 'valkey', engineVersion: '8.0', nodeType: 'cache.r7g.large' } }],
    ['failover with one replica', { cache: { replicas: 1, automaticFailover: true } }],
    ['one replica without failover', { cache: { replicas: 1 } }],
    ['no cache snapshots outside production', { cache: { snapshotRetentionDays: 0 } }],
  ])('accepts %s', (_, data) => {
    loads(withData(data));
  });

  it('lets Aurora MySQL on db.t3 run without Performance Insights, and refuses it with them', () => {
    const mysql = (database: Record<string, unknown>) => (input: Input) => {
      input.data = { database: { engine: 'aurora-mysql', ...database } };
      input.network.ports = { database: 3306 };
    };
    loads(mysql({ instanceClass: 'db.t3.medium', performanceInsights: false }));
    loads(mysql({}));
    expect(schemaProblems(mysql({ instanceClass: 'db.t3.medium' }))).toEqual([
      problem(
        'data.database.performanceInsights',
        'expected false with aurora-mysql on db.t3.medium: Aurora MySQL offers no Performance Insights on db.t3 classes (db.t4g.medium and larger have it)',
      ),
    ]);
  });

  it('names the other engine and its port for each engine', () => {
    expect(schemaProblems(withData({ database: { engine: 'aurora-mysql' } }))).toEqual([
      problem('network.ports.database', "expected 3306 (or another port) with aurora-mysql: 5432 is PostgreSQL's port, and network.ports.database is the port the cluster listens on"),
    ]);
    expect(schemaProblems((input) => {
      input.data = {};
      input.network.ports = { database: 3306 };
    })).toEqual([
      problem('network.ports.database', "expected 5432 (or another port) with aurora-postgresql: 3306 is MySQL's port, and network.ports.database is the port the cluster listens on", '3306'),
    ]);
  });

  it.each([
    [
      'a version Aurora PostgreSQL is not listed with',
      { database: { engineVersion: '11.9' } },
      problem('data.database.engineVersion', 'expected a aurora-postgresql version of config/aws/aurora.json: 13.18, 13.20, 14.15, 14.17, 15.10, 15.12, 16.6, 16.8 or 17.4', '"11.9"'),
    ],
    [
      'an instance class together with Serverless v2',
      { database: { instanceClass: 'db.r7g.large', serverless: { minCapacity: 1, maxCapacity: 4 } } },
      problem('data.database.instanceClass', 'expected either instanceClass or serverless, not both: Serverless v2 instances have the class db.serverless', '"db.r7g.large"'),
    ],
    [
      'a size the family does not come in',
      { database: { instanceClass: 'db.r7g.huge' } },
      problem(
        'data.database.instanceClass',
        'expected an Aurora instance class db.<family>.<size> with family one of db.t3, db.t4g, db.r5, db.r6g, db.r6i, db.r7g, db.r7i, db.r8g, db.x2g in a size it comes in (config/aws/aurora.json)',
        '"db.r7g.huge"',
      ),
    ],
    ['a minimum half a unit above the maximum', { database: { serverless: { minCapacity: 4.5, maxCapacity: 4 } } }, problem('data.database.serverless.maxCapacity', 'expected at least minCapacity (4.5)', '4')],
    [
      'a Redis version not listed',
      { cache: { engineVersion: '5.0' } },
      problem('data.cache.engineVersion', 'expected a redis version of config/aws/elasticache.json: 6.2, 7.0 or 7.1', '"5.0"'),
    ],
    [
      'a node type size not listed',
      { cache: { nodeType: 'cache.r7g.huge' } },
      problem(
        'data.cache.nodeType',
        'expected a node type cache.<family>.<size> with family one of cache.t3, cache.t4g, cache.m5, cache.m6g, cache.m7g, cache.r6g, cache.r7g in a size it comes in (config/aws/elasticache.json)',
        '"cache.r7g.huge"',
      ),
    ],
    [
      'failover without a replica',
      { cache: { replicas: 0, automaticFailover: true } },
      problem('data.cache.automaticFailover', 'expected false with replicas: 0: failover promotes a replica, and a single node has none (set replicas to 1 or more)', 'true'),
    ],
  ])('refuses %s', (_, data, expected) => {
    expect(schemaProblems(withData(data))).toEqual([expected]);
  });

  it('refuses a data section without the web platform, naming every system', () => {
    expect(schemaProblems((input) => {
      sandboxAndWebsite(input);
      input.data = {};
    }).filter((found) => found.field === 'data')).toEqual([
      problem('data', 'expected no data here: only the web-platform system has a data tier, and systems (sandbox, static-website) does not include web-platform', 'a data setting'),
    ]);
  });

  it('adds nothing to the missing network of a web platform with a data tier', () => {
    expect(schemaProblems((input) => {
      delete input.network;
      input.data = { cache: {} };
    }).filter((found) => found.field !== 'network')).toEqual([]);
  });

  it('keeps production backups at 7 days and 1 cache snapshot, and refuses one less', () => {
    loads(withData({ database: { backupRetentionDays: 7 }, cache: { snapshotRetentionDays: 1 } }, true));
    expect(schemaProblems(withData({ database: { backupRetentionDays: 6 }, cache: { snapshotRetentionDays: 0 } }, true))).toEqual([
      problem('data.database.backupRetentionDays', 'expected at least 7 in production (production: true)', '6'),
      problem('data.cache.snapshotRetentionDays', 'expected at least 1 in production (production: true)', '0'),
    ]);
  });

  it.each(['deletionProtection', 'finalSnapshot'])('refuses %s: false in production alone', (field) => {
    expect(schemaProblems(withData({ database: { [field]: false } }, true))).toEqual([problem(`data.database.${field}`, 'expected true in production (production: true)', 'false')]);
  });
});

describe('the container rules at their edges', () => {
  it('reads no container rule without the web platform', () => {
    loads((input) => {
      sandboxOnly()(input);
      input.app = { compute: 'fargate-spot' };
    });
  });

  it('adds nothing to the missing network of a web platform on fargate-spot', () => {
    expect(schemaProblems((input) => {
      delete input.network;
      input.app = { compute: 'fargate-spot', container: { image: 'wordpress:6.8' } };
    }).filter((found) => found.field !== 'network')).toEqual([]);
  });

  it.each([
    ['a container with fargate-spot', {}],
    ['the smallest Fargate size, 256 CPU with 512 MiB', { cpu: 256, memoryMiB: 512 }],
    ['256 CPU with its largest memory, 2048 MiB', { cpu: 256, memoryMiB: 2048 }],
    ['only on-demand weight', { capacity: { spotWeight: 0, onDemandWeight: 1 } }],
    ['equal weights', { capacity: { spotWeight: 1, onDemandWeight: 1 } }],
    ['no on-demand base outside production', { capacity: { onDemandBase: 0 } }],
    ['one variable in each section', { environment: { MODE: 'x' }, secrets: { TOKEN: SECRET_ARN, FLAG: PARAMETER_ARN }, fromDataTier: { DB_HOST: 'database-host' } }],
  ])('accepts %s', (_, container) => {
    loads(withContainer(container, (input) => (input.data = {})));
  });

  it('keeps a base of one on-demand task in production', () => {
    loads(withContainer({ capacity: { onDemandBase: 1 } }, asProduction));
  });

  it('takes a database value without a cache, and a cache value with one', () => {
    loads(withContainer({ fromDataTier: { DB_HOST: 'database-host' } }, (input) => (input.data = {})));
    loads(withContainer({ fromDataTier: { REDIS_HOST: 'cache-host' } }, (input) => (input.data = { cache: {} })));
  });

  it.each([
    ['a container with ec2', (input: Input) => (input.app = { container: { image: ECR_IMAGE } }), problem('app.container', 'expected no container with app.compute: ec2 (the web servers run the boot script); set app.compute: fargate-spot to run it', 'a container setting')],
    ['fargate-spot without a container', (input: Input) => (input.app = { compute: 'fargate-spot' }), problem('app.container', 'expected a container (image, cpu, memoryMiB, ...) with app.compute: fargate-spot')],
    ['a user data file with fargate-spot', withContainer({}, (input) => (input.app.userDataFile = 'web.sh')), problem('app.userDataFile', 'expected no userDataFile with app.compute: fargate-spot: only EC2 web servers run a boot script', '"web.sh"')],
    ['a CPU value Fargate does not take', withContainer({ cpu: 300 }), problem('app.container.cpu', 'expected a Fargate task CPU value: 256, 512, 1024, 2048, 4096, 8192 or 16384 (256 = 0.25 vCPU)', '300')],
    ['memory one step above 256 CPU\'s largest', withContainer({ cpu: 256, memoryMiB: 3072 }), problem('app.container.memoryMiB', 'expected a memory size Fargate pairs with cpu 256: 512, 1024 or 2048 MiB', '3072')],
    [
      'both weights at 0',
      withContainer({ capacity: { spotWeight: 0, onDemandWeight: 0 } }),
      problem('app.container.capacity.spotWeight', 'expected a weight of 1 or more on spotWeight or onDemandWeight: with both at 0 ECS places no task beyond the base', '0'),
    ],
    [
      'no on-demand base in production',
      withContainer({ capacity: { onDemandBase: 0 } }, asProduction),
      problem('app.container.capacity.onDemandBase', 'expected at least 1 in production (production: true): with no on-demand base, a Spot reclaim can take the whole service down', '0'),
    ],
    [
      'a secret in another account only',
      withContainer({ secrets: { TOKEN: SECRET_ARN.replace(ACCOUNT, '210987654321') } }),
      problem('app.container.secrets.TOKEN', "expected an ARN in the environment's account 123456789012 and region eu-west-1: the task's execution role is allowed only those", JSON.stringify(SECRET_ARN.replace(ACCOUNT, '210987654321'))),
    ],
    [
      'a parameter in another region only',
      withContainer({ secrets: { FLAG: PARAMETER_ARN.replace(REGION, 'us-east-1') } }),
      problem('app.container.secrets.FLAG', "expected an ARN in the environment's account 123456789012 and region eu-west-1: the task's execution role is allowed only those", JSON.stringify(PARAMETER_ARN.replace(REGION, 'us-east-1'))),
    ],
    [
      'a value that is no ARN, with no endpoint asked for it',
      withContainer({ secrets: { TOKEN: 'hunter2' } }, (input) => (input.network.interfaceEndpoints = PULL_ENDPOINTS)),
      problem(
        'app.container.secrets.TOKEN',
        'expected a Secrets Manager secret ARN (arn:aws:secretsmanager:eu-west-1:123456789012:secret:<name>, optionally :<json-key>::) or an SSM parameter ARN (arn:aws:ssm:eu-west-1:123456789012:parameter/<name>)',
        '"hunter2"',
      ),
    ],
    ['a data tier value without a data tier', withContainer({ fromDataTier: { DB_HOST: 'database-host' } }), problem('app.container.fromDataTier.DB_HOST', 'expected a data section: this environment has no data tier to take the value from', '"database-host"')],
    [
      'a cache value without a cache',
      withContainer({ fromDataTier: { REDIS_HOST: 'cache-host' } }, (input) => (input.data = {})),
      problem('app.container.fromDataTier.REDIS_HOST', 'expected a data.cache section: this environment has no cache to take the value from', '"cache-host"'),
    ],
  ])('refuses %s', (_, change, expected) => {
    expect(schemaProblems(change)).toEqual([expected]);
  });

  it('reports a variable named again where it is named the second time, in each later section', () => {
    const once = 'expected each variable once across environment, secrets and fromDataTier';
    const container = {
      environment: { A: 'x', B: 'x' },
      secrets: { A: SECRET_ARN, C: PARAMETER_ARN },
      fromDataTier: { B: 'database-host', C: 'database-name' },
    };
    expect(schemaProblems(withContainer(container, (input) => (input.data = {})))).toEqual([
      problem('app.container.secrets.A', once, 'key "A"'),
      problem('app.container.fromDataTier.B', once, 'key "B"'),
      problem('app.container.fromDataTier.C', once, 'key "C"'),
    ]);
  });
});

describe('pulling images and reading secrets without internet egress', () => {
  const imageProblem = (image: string) =>
    problem(
      'app.container.image',
      'expected an image in Amazon ECR in eu-west-1 (<account>.dkr.ecr.eu-west-1.amazonaws.com/<repository>:<tag>) while network.appInternetEgress is false: the tasks have no route to other registries. Or set network.appInternetEgress: true with NAT gateways',
      JSON.stringify(image),
    );
  const endpointsProblem = (missing: string, endpoints: string[]) =>
    problem(
      'network.interfaceEndpoints',
      `expected ${missing} among them too (app.compute: fargate-spot without internet egress): tasks pull images, send logs and read secrets through these endpoints`,
      JSON.stringify(endpoints),
    );
  const onEndpoints = (endpoints: string[], network: Record<string, unknown> = {}) => (input: Input) => Object.assign(input.network, { interfaceEndpoints: endpoints, ...network });

  it('accepts any registry with internet egress through NAT, and needs no endpoint then', () => {
    loads(withContainer({ image: 'wordpress:6.8' }, onEndpoints(['ssm'], { appInternetEgress: true, natGateways: 'single' })));
  });

  it('refuses a public image with internet egress but no NAT gateway', () => {
    expect(schemaProblems(withContainer({ image: 'wordpress:6.8' }, onEndpoints(PULL_ENDPOINTS, { appInternetEgress: true, natGateways: 'none' })))).toEqual([
      problem('network.appInternetEgress', 'expected false while network.natGateways is "none" (no route to the internet); or set natGateways to "single" or "per-az"', 'true'),
      imageProblem('wordpress:6.8'),
    ]);
  });

  it('refuses a public image with NAT but no internet egress', () => {
    expect(schemaProblems(withContainer({ image: 'wordpress:6.8' }, onEndpoints(PULL_ENDPOINTS)))).toEqual([imageProblem('wordpress:6.8')]);
  });

  it('takes the pull endpoints alone when nothing is secret', () => {
    loads(withContainer({ fromDataTier: { DB_HOST: 'database-host' } }, (input) => {
      input.data = {};
      input.network.interfaceEndpoints = PULL_ENDPOINTS;
    }));
  });

  it.each([
    ['nothing but ssm', {}, ['ssm'], 'ecr.api, ecr.dkr, logs'],
    ['a secret and a parameter', { secrets: { TOKEN: SECRET_ARN, FLAG: PARAMETER_ARN } }, ['ssm'], 'ecr.api, ecr.dkr, logs, secretsmanager'],
    ['a secret only', { secrets: { TOKEN: SECRET_ARN } }, PULL_ENDPOINTS, 'secretsmanager'],
    ['a parameter only', { secrets: { FLAG: PARAMETER_ARN } }, PULL_ENDPOINTS, 'ssm'],
    ['a database password beside a plain host', { fromDataTier: { DB_HOST: 'database-host', DB_PASSWORD: 'database-password' } }, PULL_ENDPOINTS, 'secretsmanager'],
    ['every kind at once', { secrets: { TOKEN: SECRET_ARN, FLAG: PARAMETER_ARN } }, [], 'ecr.api, ecr.dkr, logs, secretsmanager, ssm'],
  ])('names the endpoints missing for %s', (_, container, endpoints, missing) => {
    expect(schemaProblems(withContainer(container, (input) => {
      input.data = {};
      input.network.interfaceEndpoints = endpoints;
    }))).toEqual([endpointsProblem(missing, endpoints)]);
  });
});

describe('the web servers\' instance type and image', () => {
  const families =
    'expected <family>.<size> with family one of t3, t3a, m5, m5a, m6i, m6a, m7i, m7a, c5, c6i, c6a, c7i, r5, r6i, r7i, t4g, m6g, m7g, m8g, c6g, c7g, c8g, r6g, r7g, r8g (config/aws/instance-types.json)';

  it.each(['t3.2xlarge', 't4g.small', 'm5.metal'])('accepts %s', (instanceType) => {
    loads((input) => (input.app = { instanceType }));
  });

  it.each([
    ['t3', families],
    ['t3.small.x', families],
    ['x9.small', families],
    ['t3.huge', 'expected a size the t3 family comes in: t3.nano, t3.micro, t3.small, t3.medium, t3.large, t3.xlarge or t3.2xlarge'],
  ])('refuses %s', (instanceType, expected) => {
    expect(schemaProblems((input) => (input.app = { instanceType }))).toEqual([problem('app.instanceType', expected, JSON.stringify(instanceType))]);
  });

  const x86Parameter = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
  const gravitonWithX86Image = (input: Input) => (input.app = { instanceType: 't4g.small', ami: { parameter: x86Parameter } });

  it('refuses an x86_64 image on a Graviton instance type, naming the field and the arm64 parameter', () => {
    expect(schemaProblems(gravitonWithX86Image)).toEqual([
      problem(
        'app.ami.parameter',
        'expected an arm64 AMI to match app.instanceType t4g.small (arm64), such as /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64; or leave it out for that default',
        JSON.stringify(x86Parameter),
      ),
    ]);
  });

  it('reads no web server image without the web platform', () => {
    loads((input) => {
      sandboxOnly()(input);
      gravitonWithX86Image(input);
    });
  });
});

describe('ops at its edges', () => {
  const SLACK = { workspaceId: 'T0123ABCD4', channelId: 'C0123ABCD4' };
  const nobody = 'expected ops.alarms.slack or ops.alarms.emails in production: alarms that reach nobody are not monitoring';
  const production = (ops: unknown) => (input: Input) => {
    input.production = true;
    input.ops = ops;
  };

  it.each([
    ['Slack alone', { alarms: { slack: SLACK } }],
    ['one address alone', { alarms: { emails: ['ops@example.com'] } }],
  ])('lets production alarms reach %s', (_, ops) => {
    loads(production(ops));
  });

  it.each([
    ['no ops section', undefined, 'no ops.alarms'],
    ['an empty ops section', {}, 'neither slack nor emails'],
    ['an empty address list', { alarms: { emails: [] } }, 'neither slack nor emails'],
  ])('refuses production alarms with %s', (_, ops, received) => {
    expect(schemaProblems(production(ops))).toEqual([problem('ops.alarms', nobody, received)]);
  });

  it('asks nothing of a production environment without the web platform, nor of one without ops', () => {
    loads((input) => {
      sandboxOnly()(input);
      input.production = true;
    });
    loads(sandboxOnly());
    loads((input) => (input.ops = {}));
  });

  it('refuses ops without the web platform, naming every system', () => {
    expect(schemaProblems((input) => {
      sandboxAndWebsite(input);
      input.ops = {};
    }).filter((found) => found.field === 'ops')).toEqual([
      problem('ops', 'expected no ops here: it watches the web platform, and systems (sandbox, static-website) does not include web-platform', 'an ops setting'),
    ]);
  });

  it('takes different addresses, and reports only the second of two that differ in case', () => {
    loads((input) => (input.ops = { alarms: { emails: ['ops@example.com', 'dev@example.com'] } }));
    expect(schemaProblems((input) => (input.ops = { alarms: { emails: ['Ops@example.com', 'dev@example.com', 'ops@EXAMPLE.com'] } }))).toEqual([
      problem('ops.alarms.emails[2]', 'expected each address once', '"ops@EXAMPLE.com"'),
    ]);
  });

  const redacting = (redactedHeaders: string[]) => (input: Input) => (input.edge = { logs: { redactedHeaders } });

  it('takes the credential headers in any order with others, and reports a repeated header where it repeats', () => {
    loads(redacting(['cookie', 'x-api-key', 'authorization']));
    expect(schemaProblems(redacting(['cookie', 'authorization', 'x-api-key', 'cookie']))).toEqual([problem('edge.logs.redactedHeaders[3]', 'expected each header once', '"cookie"')]);
  });

  it.each([
    [[], 'authorization and cookie'],
    [['x-api-key'], 'authorization and cookie'],
    [['authorization'], 'cookie'],
    [['cookie'], 'authorization'],
  ])('refuses the redacted headers %j, naming %s as missing', (headers, missing) => {
    expect(schemaProblems(redacting(headers))).toEqual([
      problem('edge.logs.redactedHeaders', `expected authorization and cookie among the headers: without ${missing} WAF would log credentials`, JSON.stringify(headers)),
    ]);
  });
});

describe('schedules at their edges', () => {
  const schedule = { startAt: '08:00', stopAt: '20:00' };
  const withSchedule =
    (app: Record<string, unknown>): InputChange =>
    (input) =>
      (input.app = { schedule, ...app });

  it.each([
    ['one server to start', { minSize: 1, desiredCapacity: 1 }],
    ['EC2 web servers scaling down to none in between', { minSize: 0, desiredCapacity: 1 }],
  ])('accepts a schedule with %s', (_, app) => {
    loads(withSchedule(app));
  });

  it('accepts a schedule on fargate-spot with a minimum of one task', () => {
    loads(withContainer({}, (input) => Object.assign(input.app, { schedule, minSize: 1, desiredCapacity: 1 })));
  });

  it('refuses a schedule that would start no server, or no task', () => {
    expect(schemaProblems(withSchedule({ minSize: 0, desiredCapacity: 0 }))).toEqual([
      problem('app.desiredCapacity', 'expected at least 1 with app.schedule: the scheduled start restores this capacity, so 0 would start no server', '0'),
    ]);
    expect(schemaProblems(withContainer({}, (input) => Object.assign(input.app, { schedule, minSize: 0, desiredCapacity: 1 })))).toEqual([
      problem(
        'app.minSize',
        "expected at least 1 with app.schedule on fargate-spot: the scheduled start restores the service's minimum, and from 0 tasks no metric makes auto scaling start one",
        '0',
      ),
    ]);
  });

  it('refuses app.schedule without the web platform, naming every system, and checks nothing more of it', () => {
    expect(schemaProblems((input) => {
      sandboxAndWebsite(input);
      input.app = { schedule: { startAt: '08:00', stopAt: '08:00' } };
    }).filter((found) => found.field.startsWith('app'))).toEqual([
      problem(
        'app.schedule',
        "expected no app.schedule here: it starts and stops the web platform's servers, and systems (sandbox, static-website) does not include web-platform",
        'a schedule',
      ),
    ]);
  });

  const production = (servers: string) =>
    `expected no schedule in a production environment (production: true): a schedule stops the ${servers} every day at stopAt, and production servers must stay up. Remove the schedule, or set production: false if this environment is not production`;

  it('refuses a schedule in production, naming the servers it would stop', () => {
    expect(schemaProblems(withSchedule({}))).toEqual([]);
    expect(schemaProblems((input) => {
      withSchedule({})(input);
      asProduction(input);
    })).toEqual([problem('app.schedule', production('web servers'), 'a schedule')]);
  });

  it('checks sandbox.schedule: valid, in production, at the same time, with a day twice', () => {
    loads(sandboxOnly({ schedule: { ...schedule, days: ['MON', 'SUN'] } }));
    expect(schemaProblems((input) => {
      sandboxOnly({ schedule: { startAt: '06:15', stopAt: '06:15', days: ['SAT', 'SUN', 'SAT'] } })(input);
      input.production = true;
    })).toEqual([
      problem('sandbox.schedule', production('sandbox servers'), 'a schedule'),
      problem('sandbox.schedule.stopAt', 'expected a time other than startAt (06:15): stopping and starting at the same moment leaves the servers in an undefined state', '"06:15"'),
      problem('sandbox.schedule.days[2]', 'expected each day once', '"SAT"'),
    ]);
  });
});
