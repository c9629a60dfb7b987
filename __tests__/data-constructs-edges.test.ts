import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { dataSchema, resolveData } from '../config/data';
import { AuroraCluster } from '../constructs/data/aurora-cluster';
import { clusterParameterFamily } from '../constructs/data/aurora-parameter-group';
import { DataNames } from '../constructs/data/data-names';
import { Naming } from '../constructs/naming';
import { entriesOf } from './support/data';
import { onlyResource, synthStack, SynthesizedStack } from './support/synth';

const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
const namesFor = (project: string, environment = 'test') => new DataNames(new Naming({ project, environment, accountId: '123456789012' }));

/** An Aurora cluster built alone from a raw `data.database` section, with its public attributes as outputs. */
function cluster(database: Record<string, unknown>): SynthesizedStack {
  const stack = new TerraformStack(Testing.app(), 'data');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1', allowedAccountIds: ['123456789012'] });
  const built = new AuroraCluster(stack, 'aurora', {
    names: namesFor('webplat'),
    database: resolveData(dataSchema.parse({ database })).database,
    subnetIds: ['subnet-0a', 'subnet-0b'],
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    securityGroupId: 'sg-0123456789abcdef0',
    port: 5432,
  });
  new TerraformOutput(stack, 'instance-identifiers', { value: built.instanceIdentifiers });
  new TerraformOutput(stack, 'family', { value: built.parameterGroupFamily });
  return synthStack(stack);
}

describe('Aurora instances built by the cluster', () => {
  const json = cluster({ readers: 2, maintenanceWindow: 'sat:22:00-sat:23:00' });
  const instances = entriesOf(json, 'aws_rds_cluster_instance');
  const clusterId = Object.keys(json.resource!.aws_rds_cluster)[0];

  it('keep construct ids instance-<n> numbered from 1, so their Terraform addresses stay put', () => {
    expect(instances.map(([id]) => id.replace(/_[0-9A-F]{8}$/, ''))).toEqual(['aurora_instances_instance-1', 'aurora_instances_instance-2', 'aurora_instances_instance-3']);
  });

  it('copy tags to snapshots, follow the cluster\'s engine version and maintain in its window', () => {
    for (const [, instance] of instances) {
      expect(instance).toMatchObject({
        copy_tags_to_snapshot: true,
        engine_version: `\${aws_rds_cluster.${clusterId}.engine_version}`,
        preferred_maintenance_window: 'sat:22:00-sat:23:00',
      });
    }
  });

  it('are published writer first as the cluster\'s instanceIdentifiers, with its parameter group family', () => {
    expect(json.output!['instance-identifiers'].value).toEqual(instances.map(([id]) => `\${aws_rds_cluster_instance.${id}.identifier}`));
    expect(json.output!.family.value).toBe('aurora-postgresql17');
  });

  it('carry no Performance Insights key or retention when Performance Insights is off, even with a database key', () => {
    const off = entriesOf(cluster({ performanceInsights: false, kmsKeyArn: KEY_ARN }), 'aws_rds_cluster_instance')[0][1];
    expect(off.performance_insights_enabled).toBe(false);
    expect(off).not.toHaveProperty('performance_insights_kms_key_id');
    expect(off).not.toHaveProperty('performance_insights_retention_period');
  });
});

describe('Aurora cluster scaling', () => {
  it('has a Serverless v2 scaling configuration exactly when serverless is configured', () => {
    expect(onlyResource(cluster({}), 'aws_rds_cluster')).not.toHaveProperty('serverlessv2_scaling_configuration');
    expect(onlyResource(cluster({ serverless: { minCapacity: 1, maxCapacity: 4 } }), 'aws_rds_cluster').serverlessv2_scaling_configuration).toEqual({ min_capacity: 1, max_capacity: 4 });
  });
});

describe('data tier identifiers', () => {
  it.each([
    ['az09', 'za90', 'az09-za90-data-aurora'],
    ['za90', 'az09', 'za90-az09-data-aurora'],
    ['web---plat', 'test', 'web-plat-test-data-aurora'],
  ])('take letters a-z and digits 0-9 anywhere but first, and collapse hyphen runs: %s / %s', (project, environment, clusterIdentifier) => {
    expect(namesFor(project, environment).clusterIdentifier).toBe(clusterIdentifier);
  });

  it.each([
    ['1web', '1web-test-data-aurora'],
    ['web_plat', 'web_plat-test-data-aurora'],
    ['web.plat', 'web.plat-test-data-aurora'],
  ])('refuse a name RDS and ElastiCache would refuse: project %s', (project, name) => {
    expect(() => namesFor(project)).toThrow(
      `data tier identifier "${name}" is not letters, digits and single hyphens starting with a letter: check the project and environment names`,
    );
  });
});

describe('parameter group family edges', () => {
  it.each([
    ['aurora-mysql', '8.10.mysql_aurora.3.10.0', 'aurora-mysql8.10'],
    ['aurora-mysql', '8', 'aurora-mysql8'],
    ['aurora-postgresql', '17', 'aurora-postgresql17'],
  ] as const)('of %s %s is %s', (engine, version, family) => {
    expect(clusterParameterFamily(engine, version)).toBe(family);
  });

  it.each([
    ['aurora-postgresql', 'v16.1'],
    ['aurora-postgresql', '16x.1'],
    ['aurora-mysql', '8.x.mysql_aurora.3.09.0'],
    ['aurora-mysql', '8.0x.mysql_aurora'],
  ] as const)('cannot be told for %s %s', (engine, version) => {
    expect(() => clusterParameterFamily(engine, version)).toThrow(`cannot tell the parameter group family of ${engine} version "${version}"`);
  });
});
