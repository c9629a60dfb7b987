import { App, Testing } from 'cdktf';
import { evaluateStack } from '../constructs/policy/engine';
import { DataStack } from '../stacks/data-stack';
import { entriesOf, leaves, onlyId, synthData, TEST_KEY_ARN } from './support/data';
import { asProduction, testConfig, WebPlatformInput } from './support/fixtures';
import { idOf, synthNetwork } from './support/network';
import { onlyResource, refTo, resourcesOf } from './support/synth';

const NETWORK = (output: string) => `\${data.terraform_remote_state.network-state.outputs.${output}}`;
const OBSERVABILITY_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
const WITH_CACHE = { database: {}, cache: {} };

describe('data stack: Aurora cluster', () => {
  const { json } = synthData(WITH_CACHE);
  const cluster = onlyResource(json, 'aws_rds_cluster');

  it('is named <project>-<env>-data-aurora, runs the newest PostgreSQL listed, and creates the database', () => {
    expect(cluster).toMatchObject({
      cluster_identifier: 'webplat-test-data-aurora',
      engine: 'aurora-postgresql',
      engine_version: '17.4',
      database_name: 'app',
      master_username: 'dbadmin',
    });
  });

  it('lets RDS generate and keep the master password in Secrets Manager: no password anywhere in the JSON', () => {
    expect(cluster.manage_master_user_password).toBe(true);
    expect(cluster).not.toHaveProperty('master_user_secret_kms_key_id');
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/"master_password(_wo)?"/);
  });

  it('writes no secret value: every password, token or secret string is a Terraform reference', () => {
    const secretish = leaves(json).filter(([path]) => /password|auth_token|secret_string/i.test(path.split('.').pop()!));
    const settings = new Set(['manage_master_user_password', 'password_length', 'exclude_punctuation']);
    const values = secretish.filter(([path]) => !settings.has(path.split('.').pop()!));
    expect(values.map(([path]) => path).sort()).toEqual([
      expect.stringMatching(/^resource\.aws_elasticache_replication_group\.[\w-]+\.auth_token$/),
      expect.stringMatching(/^resource\.aws_secretsmanager_secret_version\.[\w-]+\.secret_string$/),
    ]);
    for (const [, value] of values) expect(value).toMatch(/^\$\{[^}]+\}$/);
  });

  it('encrypts its storage, with the AWS managed key unless a CMK is configured', () => {
    expect(cluster.storage_encrypted).toBe(true);
    expect(cluster).not.toHaveProperty('kms_key_id');
  });

  it('sits in the private data subnets behind the data security group alone, on network.ports.database', () => {
    expect(cluster.vpc_security_group_ids).toEqual([NETWORK('data_security_group_id')]);
    expect(cluster.port).toBe(5432);
    expect(cluster.db_subnet_group_name).toBe(refTo('aws_db_subnet_group', onlyId(json, 'aws_db_subnet_group'), 'name'));
    expect(onlyResource(json, 'aws_db_subnet_group')).toMatchObject({ name: 'webplat-test-data-aurora', subnet_ids: NETWORK('private_data_subnet_ids') });
  });

  it('keeps backups in their window, maintains in its own, and copies tags to snapshots', () => {
    expect(cluster).toMatchObject({
      backup_retention_period: 7,
      preferred_backup_window: '02:00-03:00',
      preferred_maintenance_window: 'sun:04:00-sun:05:00',
      copy_tags_to_snapshot: true,
    });
  });

  it('never upgrades itself: no major version upgrade, no automatic minor upgrade on any instance', () => {
    expect(cluster.allow_major_version_upgrade).toBe(false);
    for (const [, instance] of entriesOf(json, 'aws_rds_cluster_instance')) expect(instance.auto_minor_version_upgrade).toBe(false);
  });

  it('has deletion protection and takes a final snapshot with a fixed name by default', () => {
    expect(cluster).toMatchObject({ deletion_protection: true, skip_final_snapshot: false, final_snapshot_identifier: 'webplat-test-data-aurora-final' });
  });

  it('can be destroyed without a final snapshot when the config says so', () => {
    const { json: bare } = synthData({ database: { deletionProtection: false, finalSnapshot: false } });
    const unprotected = onlyResource(bare, 'aws_rds_cluster');
    expect(unprotected).toMatchObject({ deletion_protection: false, skip_final_snapshot: true });
    expect(unprotected).not.toHaveProperty('final_snapshot_identifier');
  });

  it('exports the PostgreSQL log into a log group it creates first, with the configured retention', () => {
    expect(cluster.enabled_cloudwatch_logs_exports).toEqual(['postgresql']);
    const groups = entriesOf(json, 'aws_cloudwatch_log_group').filter(([, group]) => String(group.name).startsWith('/aws/rds/'));
    expect(groups.map(([, group]) => group)).toEqual([{ name: '/aws/rds/cluster/webplat-test-data-aurora/postgresql', retention_in_days: 30 }]);
    expect(cluster.depends_on).toEqual(groups.map(([id]) => `aws_cloudwatch_log_group.${id}`));
  });
});

describe('data stack: TLS parameter group', () => {
  const groupOf = (database: Record<string, unknown>) => {
    const mysqlPort = (input: WebPlatformInput) => (input.network.ports = { database: database.engine === 'aurora-mysql' ? 3306 : 5432 });
    const { json } = synthData({ database }, mysqlPort);
    const group = onlyResource(json, 'aws_rds_cluster_parameter_group');
    expect(onlyResource(json, 'aws_rds_cluster').db_cluster_parameter_group_name).toBe(refTo('aws_rds_cluster_parameter_group', onlyId(json, 'aws_rds_cluster_parameter_group'), 'name'));
    return group;
  };

  it('forces SSL on Aurora PostgreSQL (rds.force_ssl = 1), in the family of the major version', () => {
    expect(groupOf({ engineVersion: '16.8' })).toMatchObject({
      family: 'aurora-postgresql16',
      name: 'webplat-test-data-aurora-postgresql16',
      parameter: [{ name: 'rds.force_ssl', value: '1', apply_method: 'immediate' }],
    });
  });

  it('requires secure transport on Aurora MySQL (require_secure_transport = ON), family aurora-mysql8.0', () => {
    expect(groupOf({ engine: 'aurora-mysql', engineVersion: '8.0.mysql_aurora.3.09.0' })).toMatchObject({
      family: 'aurora-mysql8.0',
      name: 'webplat-test-data-aurora-mysql8-0',
      parameter: [{ name: 'require_secure_transport', value: 'ON', apply_method: 'immediate' }],
    });
  });

  it('turns the requirement off explicitly with requireTls: false, whatever the engine default', () => {
    expect(groupOf({ engineVersion: '17.4', requireTls: false }).parameter).toEqual([{ name: 'rds.force_ssl', value: '0', apply_method: 'immediate' }]);
    expect(groupOf({ engine: 'aurora-mysql', requireTls: false }).parameter).toEqual([{ name: 'require_secure_transport', value: 'OFF', apply_method: 'immediate' }]);
  });

  it('is created before the group it replaces when the family changes', () => {
    expect(groupOf({}).lifecycle).toEqual({ create_before_destroy: true });
  });
});

describe('data stack: Aurora MySQL', () => {
  const { json } = synthData({ database: { engine: 'aurora-mysql' } }, (input) => (input.network.ports = { database: 3306 }));
  const cluster = onlyResource(json, 'aws_rds_cluster');

  it('listens on the configured port and exports the audit, error, general and slow query logs into log groups with retention', () => {
    expect(cluster).toMatchObject({ engine: 'aurora-mysql', engine_version: '8.0.mysql_aurora.3.09.0', port: 3306 });
    expect(cluster.enabled_cloudwatch_logs_exports).toEqual(['audit', 'error', 'general', 'slowquery']);
    expect(entriesOf(json, 'aws_cloudwatch_log_group').map(([, group]) => group.name).sort()).toEqual(
      ['audit', 'error', 'general', 'slowquery'].map((log) => `/aws/rds/cluster/webplat-test-data-aurora/${log}`),
    );
  });

  it('refuses Performance Insights on a db.t3 class, which Aurora MySQL does not offer it on', () => {
    // The config rules refuse this (config-data.test.ts); the construct still guards against a config built by hand.
    const mysql = (performanceInsights: boolean) =>
      testConfig((input) => {
        input.data = { database: { engine: 'aurora-mysql', instanceClass: 'db.t4g.medium', performanceInsights } };
        input.network.ports = { database: 3306 };
      });
    const config = mysql(false);
    config.data!.database.instanceClass = 'db.t3.medium';
    config.data!.database.performanceInsights = true;
    expect(() => new DataStack(new App(), config, config.data!)).toThrow('data.database: Aurora MySQL has no Performance Insights on db.t3.medium');
    const off = mysql(false);
    off.data!.database.instanceClass = 'db.t3.medium';
    expect(() => new DataStack(new App(), off, off.data!)).not.toThrow();
  });
});

describe('data stack: Aurora instances', () => {
  const instancesOf = (database: Record<string, unknown>, zones?: 3) => {
    const { json } = synthData({ database }, (input) => {
      if (zones === 3) {
        input.network.availabilityZones.push('eu-west-1c');
        input.network.subnets.public.push('10.0.2.0/24');
        input.network.subnets.privateApp.push('10.0.48.0/20');
        input.network.subnets.privateData.push('10.0.66.0/24');
      }
    });
    return { json, instances: entriesOf(json, 'aws_rds_cluster_instance') };
  };

  it('are one writer in the first zone without readers: private, of class db.t4g.medium, promotion tier 0', () => {
    const { json, instances } = instancesOf({});
    expect(instances.map(([, instance]) => instance)).toEqual([
      expect.objectContaining({
        identifier: 'webplat-test-data-aurora-1',
        cluster_identifier: refTo('aws_rds_cluster', onlyId(json, 'aws_rds_cluster'), 'cluster_identifier'),
        engine: 'aurora-postgresql',
        instance_class: 'db.t4g.medium',
        availability_zone: 'eu-west-1a',
        publicly_accessible: false,
        promotion_tier: 0,
        db_subnet_group_name: refTo('aws_db_subnet_group', onlyId(json, 'aws_db_subnet_group'), 'name'),
      }),
    ]);
    expect(instances[0][1]).not.toHaveProperty('depends_on');
  });

  it('add readers round-robin over the zones after the writer\'s, each created after the writer', () => {
    const { instances } = instancesOf({ readers: 3, instanceClass: 'db.r7g.large' });
    expect(instances.map(([, instance]) => [instance.identifier, instance.availability_zone, instance.promotion_tier, instance.instance_class])).toEqual([
      ['webplat-test-data-aurora-1', 'eu-west-1a', 0, 'db.r7g.large'],
      ['webplat-test-data-aurora-2', 'eu-west-1b', 1, 'db.r7g.large'],
      ['webplat-test-data-aurora-3', 'eu-west-1a', 1, 'db.r7g.large'],
      ['webplat-test-data-aurora-4', 'eu-west-1b', 1, 'db.r7g.large'],
    ]);
    const [writerId] = instances[0];
    for (const [, reader] of instances.slice(1)) {
      expect(reader.depends_on).toEqual([`aws_rds_cluster_instance.${writerId}`]);
      expect(reader.publicly_accessible).toBe(false);
    }
  });

  it('use every zone once before sharing one, with three zones', () => {
    const { instances } = instancesOf({ readers: 3 }, 3);
    expect(instances.map(([, instance]) => instance.availability_zone)).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c', 'eu-west-1a']);
  });

  it('are db.serverless with Serverless v2, and the cluster scales between the configured capacities', () => {
    const { json, instances } = instancesOf({ serverless: { minCapacity: 0.5, maxCapacity: 8 }, readers: 1 });
    expect(instances.map(([, instance]) => instance.instance_class)).toEqual(['db.serverless', 'db.serverless']);
    expect(onlyResource(json, 'aws_rds_cluster').serverlessv2_scaling_configuration).toEqual({ min_capacity: 0.5, max_capacity: 8 });
  });

  it('have no scaling configuration on a provisioned cluster', () => {
    expect(onlyResource(instancesOf({}).json, 'aws_rds_cluster')).not.toHaveProperty('serverlessv2_scaling_configuration');
  });

  it('keep 7 days of Performance Insights by default, and none when it is off', () => {
    const on = instancesOf({}).instances[0][1];
    expect(on).toMatchObject({ performance_insights_enabled: true, performance_insights_retention_period: 7 });
    expect(on).not.toHaveProperty('performance_insights_kms_key_id');
    const off = instancesOf({ performanceInsights: false }).instances[0][1];
    expect(off.performance_insights_enabled).toBe(false);
    expect(off).not.toHaveProperty('performance_insights_retention_period');
  });
});

describe('data stack: customer-managed keys', () => {
  const { stack, config, json } = synthData(
    { database: { kmsKeyArn: TEST_KEY_ARN, readers: 1 }, cache: { kmsKeyArn: TEST_KEY_ARN } },
    (input) => (input.observability = { kmsKeyArn: OBSERVABILITY_KEY }),
  );

  it('encrypt the cluster storage, the master secret and Performance Insights with the database key', () => {
    expect(onlyResource(json, 'aws_rds_cluster')).toMatchObject({ storage_encrypted: true, kms_key_id: TEST_KEY_ARN, master_user_secret_kms_key_id: TEST_KEY_ARN });
    for (const [, instance] of entriesOf(json, 'aws_rds_cluster_instance')) expect(instance.performance_insights_kms_key_id).toBe(TEST_KEY_ARN);
  });

  it('encrypt the cache at rest and its AUTH token secret with the cache key', () => {
    expect(onlyResource(json, 'aws_elasticache_replication_group').kms_key_id).toBe(TEST_KEY_ARN);
    expect(onlyResource(json, 'aws_secretsmanager_secret').kms_key_id).toBe(TEST_KEY_ARN);
  });

  it('encrypt every log group with observability.kmsKeyArn', () => {
    const groups = entriesOf(json, 'aws_cloudwatch_log_group');
    expect(groups).toHaveLength(2);
    for (const [, group] of groups) expect(group.kms_key_id).toBe(OBSERVABILITY_KEY);
  });

  it('pass every policy rule, the data and log rules included', () => {
    const outcomes = evaluateStack(stack, config).outcomes;
    expect(outcomes.flatMap((outcome) => outcome.failed)).toEqual([]);
    const passed = (ruleId: string) => outcomes.find((outcome) => outcome.rule.id === ruleId)?.passed;
    expect([passed('DATA-DB-ENCRYPTED'), passed('DATA-CACHE-ENCRYPTED'), passed('DATA-NO-PLAINTEXT-PASSWORD'), passed('LOGS-KMS'), passed('LOGS-RETENTION')]).toEqual([1, 1, 2, 2, 2]);
  });
});

describe('data stack: Redis replication group', () => {
  const { json } = synthData(WITH_CACHE);
  const group = onlyResource(json, 'aws_elasticache_replication_group');

  it('is one Redis 7.1 node of cache.t4g.micro named <project>-<env>-data-cache by default, on network.ports.cache', () => {
    expect(group).toMatchObject({
      replication_group_id: 'webplat-test-data-cache',
      engine: 'redis',
      engine_version: '7.1',
      node_type: 'cache.t4g.micro',
      port: 6379,
      num_cache_clusters: 1,
      preferred_cache_cluster_azs: ['eu-west-1a'],
      auto_minor_version_upgrade: 'false',
    });
  });

  it('sits in the private data subnets behind the cache security group alone', () => {
    expect(group.security_group_ids).toEqual([NETWORK('cache_security_group_id')]);
    expect(group.subnet_group_name).toBe(refTo('aws_elasticache_subnet_group', onlyId(json, 'aws_elasticache_subnet_group'), 'name'));
    expect(onlyResource(json, 'aws_elasticache_subnet_group')).toMatchObject({ name: 'webplat-test-data-cache', subnet_ids: NETWORK('private_data_subnet_ids') });
  });

  it('is encrypted at rest and in transit, with the AWS managed key unless a CMK is configured', () => {
    expect(group).toMatchObject({ at_rest_encryption_enabled: 'true', transit_encryption_enabled: true });
    expect(group).not.toHaveProperty('kms_key_id');
  });

  it('takes its AUTH token by reference from the secret version Secrets Manager generated', () => {
    const versionId = onlyId(json, 'aws_secretsmanager_secret_version');
    expect(group.auth_token).toBe(refTo('aws_secretsmanager_secret_version', versionId, 'secret_string'));
    const version = onlyResource(json, 'aws_secretsmanager_secret_version');
    const generatorId = Object.keys(json.data?.aws_secretsmanager_random_password ?? {})[0];
    expect(version).toEqual({
      secret_id: refTo('aws_secretsmanager_secret', onlyId(json, 'aws_secretsmanager_secret'), 'id'),
      secret_string: `\${data.aws_secretsmanager_random_password.${generatorId}.random_password}`,
      lifecycle: { ignore_changes: ['secret_string'] },
    });
  });

  it('generates a token ElastiCache accepts: 16 to 128 characters, none of @ " / (no punctuation at all)', () => {
    const generator = Object.values(json.data?.aws_secretsmanager_random_password ?? {})[0] as Record<string, unknown>;
    expect(generator.exclude_punctuation).toBe(true);
    expect(generator.password_length).toBeGreaterThanOrEqual(16);
    expect(generator.password_length).toBeLessThanOrEqual(128);
  });

  it('deletes the token secret at once outside production, and after 30 days in production', () => {
    expect(onlyResource(json, 'aws_secretsmanager_secret')).toMatchObject({ name: 'webplat-test-data-cache-auth-token', recovery_window_in_days: 0 });
    const { json: production } = synthData(WITH_CACHE, asProduction);
    expect(onlyResource(production, 'aws_secretsmanager_secret').recovery_window_in_days).toBe(30);
  });

  it('has no failover and no Multi-AZ by default, one day of snapshots and its windows', () => {
    expect(group).toMatchObject({
      automatic_failover_enabled: false,
      multi_az_enabled: false,
      snapshot_retention_limit: 1,
      snapshot_window: '02:00-03:00',
      maintenance_window: 'sun:05:00-sun:06:00',
    });
  });

  it('sets no snapshot window when it keeps no snapshots', () => {
    const { json: none } = synthData({ database: {}, cache: { snapshotRetentionDays: 0 } });
    const unsnapshotted = onlyResource(none, 'aws_elasticache_replication_group');
    expect(unsnapshotted.snapshot_retention_limit).toBe(0);
    expect(unsnapshotted).not.toHaveProperty('snapshot_window');
  });

  it('keeps its slow log data.cache.logRetentionDays, not the database logs\' retention', () => {
    const { json: kept } = synthData({ database: { logRetentionDays: 365 }, cache: { logRetentionDays: 14 } });
    const slowLog = entriesOf(kept, 'aws_cloudwatch_log_group').find(([, log]) => String(log.name).startsWith('/aws/elasticache/'))!;
    expect(slowLog[1].retention_in_days).toBe(14);
  });

  it('delivers its slow log as JSON to a log group kept 30 days by default', () => {
    const logId = entriesOf(json, 'aws_cloudwatch_log_group').find(([, log]) => String(log.name).startsWith('/aws/elasticache/'))!;
    expect(logId[1]).toEqual({ name: '/aws/elasticache/webplat-test-data-cache/slow-log', retention_in_days: 30 });
    expect(group.log_delivery_configuration).toEqual([
      { destination: refTo('aws_cloudwatch_log_group', logId[0], 'name'), destination_type: 'cloudwatch-logs', log_format: 'json', log_type: 'slow-log' },
    ]);
  });

  it('spreads replicas over the zones after the primary and fails over with Multi-AZ when configured', () => {
    const { json: replicated } = synthData({ database: {}, cache: { engine: 'valkey', replicas: 2, automaticFailover: true } });
    expect(onlyResource(replicated, 'aws_elasticache_replication_group')).toMatchObject({
      engine: 'valkey',
      engine_version: '8.0',
      num_cache_clusters: 3,
      preferred_cache_cluster_azs: ['eu-west-1a', 'eu-west-1b', 'eu-west-1a'],
      automatic_failover_enabled: true,
      multi_az_enabled: true,
    });
  });

  it('is not there without data.cache: no replication group, token, subnet group or slow log', () => {
    const { json: bare } = synthData({ database: {} });
    for (const type of ['aws_elasticache_replication_group', 'aws_elasticache_subnet_group', 'aws_secretsmanager_secret', 'aws_secretsmanager_secret_version']) {
      expect(resourcesOf(bare, type)).toEqual({});
    }
    expect(bare.data).not.toHaveProperty('aws_secretsmanager_random_password');
    expect(entriesOf(bare, 'aws_cloudwatch_log_group').map(([, group]) => group.name)).toEqual(['/aws/rds/cluster/webplat-test-data-aurora/postgresql']);
  });
});

describe('data stack: the security groups it uses (network tier)', () => {
  const network = synthNetwork();
  const group = (tier: string) => refTo('aws_security_group', idOf(network, 'aws_security_group', `network_sg_${tier}`));
  const ingressOn = (tier: string) => Object.values(resourcesOf(network, 'aws_vpc_security_group_ingress_rule')).filter((rule) => rule.security_group_id === group(tier));

  it('admit the app security group only, on the database and cache ports', () => {
    expect(ingressOn('data')).toEqual([expect.objectContaining({ ip_protocol: 'tcp', from_port: 5432, to_port: 5432, referenced_security_group_id: group('app') })]);
    expect(ingressOn('cache')).toEqual([expect.objectContaining({ ip_protocol: 'tcp', from_port: 6379, to_port: 6379, referenced_security_group_id: group('app') })]);
    for (const rule of [...ingressOn('data'), ...ingressOn('cache')]) {
      expect(rule).not.toHaveProperty('cidr_ipv4');
      expect(rule).not.toHaveProperty('prefix_list_id');
    }
  });
});

describe('data stack: private names', () => {
  const { json } = synthData(WITH_CACHE, (input) => (input.dns = { recordTtlSeconds: 30 }));
  const records = Object.fromEntries(Object.values(resourcesOf(json, 'aws_route53_record')).map((record) => [record.name, record]));
  const clusterId = onlyId(json, 'aws_rds_cluster');

  it('are CNAMEs in the network tier\'s private zone with dns.recordTtlSeconds: db, db-ro and cache', () => {
    expect(Object.keys(records).sort()).toEqual(['cache.test.webplat.internal', 'db-ro.test.webplat.internal', 'db.test.webplat.internal']);
    for (const record of Object.values(records)) expect(record).toMatchObject({ type: 'CNAME', ttl: 30, zone_id: NETWORK('private_zone_id') });
  });

  it('point at the writer endpoint, the reader endpoint and the primary endpoint of the cache', () => {
    expect(records['db.test.webplat.internal'].records).toEqual([refTo('aws_rds_cluster', clusterId, 'endpoint')]);
    expect(records['db-ro.test.webplat.internal'].records).toEqual([refTo('aws_rds_cluster', clusterId, 'reader_endpoint')]);
    expect(records['cache.test.webplat.internal'].records).toEqual([
      refTo('aws_elasticache_replication_group', onlyId(json, 'aws_elasticache_replication_group'), 'primary_endpoint_address'),
    ]);
  });

  it('take 60 seconds by default and live in network.privateZoneName when it is set', () => {
    const { json: custom } = synthData({ database: {} }, (input) => (input.network.privateZoneName = 'corp.internal'));
    expect(Object.values(resourcesOf(custom, 'aws_route53_record')).map((record) => [record.name, record.ttl]).sort()).toEqual([
      ['db-ro.corp.internal', 60],
      ['db.corp.internal', 60],
    ]);
  });
});

describe('data stack: outputs', () => {
  const { json } = synthData(WITH_CACHE);
  const recordRef = (name: string) => {
    const id = Object.entries(resourcesOf(json, 'aws_route53_record')).find(([, record]) => record.name === name)![0];
    return refTo('aws_route53_record', id, 'fqdn');
  };

  it('publish the hosts as record names, the ports as strings, the database name and both secrets', () => {
    expect(Object.fromEntries(Object.entries(json.output ?? {}).map(([name, output]) => [name, output.value]))).toEqual({
      database_host: recordRef('db.test.webplat.internal'),
      database_reader_host: recordRef('db-ro.test.webplat.internal'),
      database_port: '5432',
      database_name: 'app',
      database_secret_arn: `\${aws_rds_cluster.${onlyId(json, 'aws_rds_cluster')}.master_user_secret[0].secret_arn}`,
      cache_host: recordRef('cache.test.webplat.internal'),
      cache_port: '6379',
      cache_auth_secret_arn: refTo('aws_secretsmanager_secret', onlyId(json, 'aws_secretsmanager_secret'), 'arn'),
    });
    for (const output of Object.values(json.output ?? {})) expect(output.description).toBeTruthy();
  });

  it('leave the cache outputs out without data.cache', () => {
    const { json: bare } = synthData({ database: { databaseName: 'wordpress' } });
    expect(Object.keys(bare.output ?? {}).sort()).toEqual(['database_host', 'database_name', 'database_port', 'database_reader_host', 'database_secret_arn']);
    expect(bare.output?.database_name.value).toBe('wordpress');
  });
});

describe('data stack in production', () => {
  const { stack, config, json } = synthData({ database: { readers: 1 }, cache: { replicas: 1, automaticFailover: true, snapshotRetentionDays: 7 } }, asProduction);

  it('keeps deletion protection, a final snapshot and a week of backups, and cache snapshots', () => {
    expect(onlyResource(json, 'aws_rds_cluster')).toMatchObject({
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'webplat-test-data-aurora-final',
      backup_retention_period: 7,
    });
    expect(onlyResource(json, 'aws_elasticache_replication_group').snapshot_retention_limit).toBe(7);
  });

  it('passes every policy rule, the production data rules included', () => {
    const outcomes = evaluateStack(stack, config).outcomes;
    expect(outcomes.flatMap((outcome) => outcome.failed)).toEqual([]);
    const passed = (ruleId: string) => outcomes.find((outcome) => outcome.rule.id === ruleId)?.passed;
    expect([passed('DATA-PROD-DELETION-PROTECTION'), passed('DATA-PROD-BACKUPS')]).toEqual([1, 2]);
  });

  it('synthesizes the same JSON every time', () => {
    const again = synthData({ database: { readers: 1 }, cache: { replicas: 1, automaticFailover: true, snapshotRetentionDays: 7 } }, asProduction);
    expect(Testing.synth(again.stack, false)).toBe(Testing.synth(stack, false));
  });
});
