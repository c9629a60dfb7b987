import { ConfigDir } from './support/config-dir';
import { asProduction } from './support/fixtures';

let dir: ConfigDir;
beforeEach(() => (dir = new ConfigDir()));
afterEach(() => dir.remove());

/** The base environment with `data` set to `data` (and `production` when given). */
const withData =
  (data: unknown, production = false) =>
  (input: Record<string, any>) => {
    input.data = data;
    if (production) asProduction(input);
  };

const problem = (field: string, expected: string | RegExp) =>
  expect.objectContaining({ field, expected: typeof expected === 'string' ? expected : expect.stringMatching(expected) });

describe('data tier settings that load', () => {
  it('has no data tier unless configured', () => {
    expect(dir.loadWith(() => undefined).data).toBeUndefined();
  });

  it('gives an empty data section Aurora PostgreSQL at its newest listed version, secure defaults and no cache', () => {
    const data = dir.loadWith(withData({})).data;
    expect(data?.database).toEqual(
      expect.objectContaining({
        engine: 'aurora-postgresql',
        engineVersion: '17.4',
        readers: 0,
        databaseName: 'app',
        masterUsername: 'dbadmin',
        backupRetentionDays: 7,
        deletionProtection: true,
        finalSnapshot: true,
        performanceInsights: true,
        requireTls: true,
      }),
    );
    expect(data?.database.instanceClass).toBeUndefined();
    expect(data?.cache).toBeUndefined();
  });

  it('resolves Aurora MySQL and Valkey to their newest listed versions', () => {
    const data = dir.loadWith((input) => {
      withData({ database: { engine: 'aurora-mysql' }, cache: { engine: 'valkey' } })(input);
      input.network.ports = { database: 3306 };
    }).data;
    expect(data?.database.engineVersion).toBe('8.0.mysql_aurora.3.09.0');
    expect(data?.cache?.engineVersion).toBe('8.0');
  });

  it('keeps a configured version, instance class, readers and a cache with failover', () => {
    const data = dir.loadWith(
      withData({
        database: { engineVersion: '15.10', instanceClass: 'db.r7g.large', readers: 15 },
        cache: { engineVersion: '7.0', nodeType: 'cache.r7g.large', replicas: 2, automaticFailover: true },
      }),
    ).data;
    expect(data?.database).toEqual(expect.objectContaining({ engineVersion: '15.10', instanceClass: 'db.r7g.large', readers: 15 }));
    expect(data?.cache).toEqual(expect.objectContaining({ engineVersion: '7.0', nodeType: 'cache.r7g.large', replicas: 2, automaticFailover: true }));
  });

  it.each([
    [0.5, 256],
    [2, 2],
    [1.5, 64.5],
  ])('accepts Serverless v2 from %d to %d ACU', (minCapacity, maxCapacity) => {
    expect(dir.loadWith(withData({ database: { serverless: { minCapacity, maxCapacity } } })).data?.database.serverless).toEqual({ minCapacity, maxCapacity });
  });

  it('accepts windows that touch without overlapping, including across midnight', () => {
    const data = dir.loadWith(withData({ database: { backupWindow: '23:30-00:30', maintenanceWindow: 'mon:00:30-mon:01:00' } })).data;
    expect(data?.database.backupWindow).toBe('23:30-00:30');
  });
});

describe('data tier settings AWS would refuse', () => {
  it('refuses an engine it does not offer', () => {
    expect(dir.problemsFor(withData({ database: { engine: 'postgres' } }))).toEqual([
      problem('data.database.engine', /aurora-postgresql.*aurora-mysql/),
    ]);
  });

  it('refuses an engine version that is not in the shipped list, naming the versions it has', () => {
    expect(dir.problemsFor(withData({ database: { engineVersion: '11.9' } }))).toEqual([
      { field: 'data.database.engineVersion', received: '"11.9"', expected: expect.stringMatching(/^expected a aurora-postgresql version of config\/aws\/aurora\.json: 13\.18, .* or 17\.4$/) },
    ]);
  });

  it('refuses a PostgreSQL version for Aurora MySQL', () => {
    const mysql = (input: Record<string, any>) => {
      withData({ database: { engine: 'aurora-mysql', engineVersion: '16.6' } })(input);
      input.network.ports = { database: 3306 };
    };
    expect(dir.problemsFor(mysql)).toEqual([problem('data.database.engineVersion', /aurora-mysql version/)]);
  });

  it("refuses the other engine's default port", () => {
    expect(dir.problemsFor(withData({ database: { engine: 'aurora-mysql' } }))).toEqual([
      // 5432 is the default, not in the file: no value received is shown.
      {
        field: 'network.ports.database',
        received: undefined,
        expected: "expected 3306 (or another port) with aurora-mysql: 5432 is PostgreSQL's port, and network.ports.database is the port the cluster listens on",
      },
    ]);
    expect(dir.problemsFor((input) => {
      withData({})(input);
      input.network.ports = { database: 3306 };
    })).toEqual([problem('network.ports.database', /^expected 5432 \(or another port\) with aurora-postgresql: 3306 is MySQL's port/)]);
  });

  it('refuses Performance Insights on Aurora MySQL db.t3 classes, which AWS does not offer', () => {
    const mysql = (instanceClass: string, performanceInsights = true) => (input: Record<string, any>) => {
      withData({ database: { engine: 'aurora-mysql', instanceClass, performanceInsights } })(input);
      input.network.ports = { database: 3306 };
    };
    expect(dir.problemsFor(mysql('db.t3.medium'))).toEqual([problem('data.database.performanceInsights', /^expected false with aurora-mysql on db.t3.medium/)]);
    expect(dir.loadWith(mysql('db.t3.medium', false)).data?.database.performanceInsights).toBe(false);
    expect(dir.loadWith(mysql('db.t4g.medium')).data?.database.performanceInsights).toBe(true);
  });

  it('refuses more than 15 readers', () => {
    expect(dir.problemsFor(withData({ database: { readers: 16 } }))).toEqual([
      { field: 'data.database.readers', received: '16', expected: 'expected at most 15 readers: an Aurora cluster has one writer and up to 15 readers' },
    ]);
  });

  it.each(['db.t3.micro', 'db.m5.large', 'r7g.large', 'db.r7g'])('refuses the instance class %s', (instanceClass) => {
    expect(dir.problemsFor(withData({ database: { instanceClass } }))).toEqual([problem('data.database.instanceClass', /^expected an Aurora instance class db\.<family>\.<size>/)]);
  });

  it('refuses an instance class together with Serverless v2', () => {
    expect(dir.problemsFor(withData({ database: { instanceClass: 'db.r7g.large', serverless: { minCapacity: 1, maxCapacity: 4 } } }))).toEqual([
      problem('data.database.instanceClass', 'expected either instanceClass or serverless, not both: Serverless v2 instances have the class db.serverless'),
    ]);
  });

  it.each([
    [0, 'minCapacity'],
    [0.25, 'minCapacity'],
    [257, 'maxCapacity'],
  ])('refuses %d ACU (Serverless v2 takes 0.5 to 256)', (value, field) => {
    const serverless = { minCapacity: 1, maxCapacity: 8, [field]: value };
    expect(dir.problemsFor(withData({ database: { serverless } }))).toEqual([problem(`data.database.serverless.${field}`, 'expected 0.5 to 256 Aurora capacity units')]);
  });

  it('refuses a capacity that is not a multiple of 0.5', () => {
    expect(dir.problemsFor(withData({ database: { serverless: { minCapacity: 1.2, maxCapacity: 4 } } }))).toEqual([
      problem('data.database.serverless.minCapacity', 'expected a multiple of 0.5 Aurora capacity units'),
    ]);
  });

  it('refuses a minimum above the maximum', () => {
    expect(dir.problemsFor(withData({ database: { serverless: { minCapacity: 8, maxCapacity: 4 } } }))).toEqual([
      { field: 'data.database.serverless.maxCapacity', received: '4', expected: 'expected at least minCapacity (8)' },
    ]);
  });

  it('refuses a maintenance window that overlaps the daily backup window', () => {
    expect(dir.problemsFor(withData({ database: { backupWindow: '03:00-04:00', maintenanceWindow: 'wed:03:30-wed:04:30' } }))).toEqual([
      problem('data.database.maintenanceWindow', 'expected a window apart from the daily backupWindow (03:00-04:00): RDS refuses overlapping windows'),
    ]);
  });

  it('refuses an overlap across midnight and across the end of the week', () => {
    expect(dir.problemsFor(withData({ database: { backupWindow: '23:30-00:30', maintenanceWindow: 'sun:23:45-mon:01:00' } }))).toEqual([
      problem('data.database.maintenanceWindow', /apart from the daily backupWindow/),
    ]);
  });

  it('refuses windows shorter than RDS takes', () => {
    expect(dir.problemsFor(withData({ database: { backupWindow: '03:00-03:20', maintenanceWindow: 'sun:05:00-sun:05:10' } }))).toEqual([
      problem('data.database.backupWindow', 'expected a window of at least 30 minutes, as RDS requires'),
      problem('data.database.maintenanceWindow', 'expected a window of at least 30 minutes, as RDS requires'),
    ]);
  });

  it.each(['3:00-4:00', '03:00', '24:00-01:00', 'sun:03:00-04:00'])('refuses the backup window %s', (backupWindow) => {
    expect(dir.problemsFor(withData({ database: { backupWindow } }))).toEqual([problem('data.database.backupWindow', 'expected hh:mm-hh:mm in UTC, such as 03:00-04:00')]);
  });

  it.each(['1db', 'my-db', 'a'.repeat(17)])('refuses the database name %s', (databaseName) => {
    expect(dir.problemsFor(withData({ database: { databaseName } }))).toEqual([problem('data.database.databaseName', /^expected 1-16 characters of letters, digits and _/)]);
  });

  it('refuses a key in another region', () => {
    const kmsKeyArn = 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
    expect(dir.problemsFor(withData({ database: { kmsKeyArn }, cache: { kmsKeyArn } }))).toEqual([
      problem('data.database.kmsKeyArn', 'expected a key in the home region eu-west-1'),
      problem('data.cache.kmsKeyArn', 'expected a key in the home region eu-west-1'),
    ]);
  });

  it('refuses a data tier in an environment without the web platform', () => {
    expect(dir.problemsFor((input) => {
      Object.assign(input, { systems: ['sandbox'], domain: undefined, network: undefined, data: {} });
      input.sandbox = { cidr: '10.20.0.0/24', availabilityZone: 'eu-west-1a', publicSubnet: '10.20.0.0/26', privateSubnet: '10.20.0.64/26' };
    })).toEqual([problem('data', /^expected no data here: only the web-platform system has a data tier/)]);
  });
});

describe('cache settings AWS would refuse', () => {
  it('refuses failover on a single node', () => {
    expect(dir.problemsFor(withData({ cache: { automaticFailover: true } }))).toEqual([
      {
        field: 'data.cache.automaticFailover',
        received: 'true',
        expected: 'expected false with replicas: 0: failover promotes a replica, and a single node has none (set replicas to 1 or more)',
      },
    ]);
  });

  it('refuses more than 5 replicas', () => {
    expect(dir.problemsFor(withData({ cache: { replicas: 6 } }))).toEqual([problem('data.cache.replicas', /5/)]);
  });

  it.each(['cache.t2.micro', 'cache.t4g.large', 'redis.t4g.micro'])('refuses the node type %s', (nodeType) => {
    expect(dir.problemsFor(withData({ cache: { nodeType } }))).toEqual([problem('data.cache.nodeType', /^expected a node type cache\.<family>\.<size>/)]);
  });

  it('refuses a Redis version for Valkey', () => {
    expect(dir.problemsFor(withData({ cache: { engine: 'valkey', engineVersion: '7.1' } }))).toEqual([problem('data.cache.engineVersion', 'expected a valkey version of config/aws/elasticache.json: 7.2 or 8.0')]);
  });

  it('refuses windows shorter than an hour and a maintenance window over the snapshot window', () => {
    expect(dir.problemsFor(withData({ cache: { snapshotWindow: '02:00-02:30', maintenanceWindow: 'tue:02:00-tue:03:00' } }))).toEqual([
      problem('data.cache.snapshotWindow', 'expected a window of at least 60 minutes, as ElastiCache requires'),
      problem('data.cache.maintenanceWindow', 'expected a window apart from the daily snapshotWindow (02:00-02:30): ElastiCache refuses overlapping windows'),
    ]);
  });
});

describe('production data tiers', () => {
  it('refuses what the data policy pack would fail: short backups, no deletion protection, no final snapshot, no cache snapshots', () => {
    const data = { database: { backupRetentionDays: 3, deletionProtection: false, finalSnapshot: false }, cache: { snapshotRetentionDays: 0 } };
    expect(dir.problemsFor(withData(data, true))).toEqual([
      problem('data.database.backupRetentionDays', 'expected at least 7 in production (production: true)'),
      problem('data.database.deletionProtection', 'expected true in production (production: true)'),
      problem('data.database.finalSnapshot', 'expected true in production (production: true)'),
      problem('data.cache.snapshotRetentionDays', 'expected at least 1 in production (production: true)'),
    ]);
  });

  it('lets a non-production environment turn them off', () => {
    const data = { database: { backupRetentionDays: 1, deletionProtection: false, finalSnapshot: false }, cache: { snapshotRetentionDays: 0 } };
    expect(dir.loadWith(withData(data)).data?.database.deletionProtection).toBe(false);
  });
});
