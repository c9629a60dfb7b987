import { DataNames } from '../constructs/data/data-names';
import { spreadOverZones } from '../constructs/data/placement';
import { clusterParameterFamily } from '../constructs/data/aurora-parameter-group';
import { Naming } from '../constructs/naming';

/** RDS DB cluster and instance identifiers: 1-63 letters, digits and hyphens, a letter first, no two hyphens in a row, no hyphen last. */
const RDS_IDENTIFIER = /^(?!.*--)[a-z][a-z0-9-]{0,62}(?<!-)$/;
/** ElastiCache replication group ids: the same shape in 1-40 characters. */
const REPLICATION_GROUP_ID = /^(?!.*--)[a-z][a-z0-9-]{0,39}(?<!-)$/;

const namesFor = (project: string, environment: string) => new DataNames(new Naming({ project, environment, accountId: '123456789012' }));

describe('data tier names', () => {
  it('are <project>-<env>-data-<purpose>', () => {
    const names = namesFor('webplat', 'dev');
    expect(names.clusterIdentifier).toBe('webplat-dev-data-aurora');
    expect([names.instanceIdentifier(1), names.instanceIdentifier(2)]).toEqual(['webplat-dev-data-aurora-1', 'webplat-dev-data-aurora-2']);
    expect(names.cacheReplicationGroupId).toBe('webplat-dev-data-cache');
    expect(names.finalSnapshotIdentifier).toBe('webplat-dev-data-aurora-final');
    expect(names.clusterParameterGroupName('aurora-mysql8.0')).toBe('webplat-dev-data-aurora-mysql8-0');
    expect(names.cacheAuthSecretName).toBe('webplat-dev-data-cache-auth-token');
  });

  it('put the exported logs where RDS writes them: /aws/rds/cluster/<cluster>/<log>', () => {
    expect(namesFor('webplat', 'dev').databaseLogGroupName('slowquery')).toBe('/aws/rds/cluster/webplat-dev-data-aurora/slowquery');
  });

  it('stay within the RDS and ElastiCache limits for the longest project and environment names', () => {
    const names = namesFor('a-sixteen-chars1', 'tencharsab');
    expect(names.clusterIdentifier).toMatch(RDS_IDENTIFIER);
    for (let n = 1; n <= 16; n += 1) expect(names.instanceIdentifier(n)).toMatch(RDS_IDENTIFIER);
    expect(names.cacheReplicationGroupId).toMatch(REPLICATION_GROUP_ID);
    expect(new Set(Array.from({ length: 16 }, (_, n) => names.instanceIdentifier(n + 1))).size).toBe(16);
  });

  it('shorten a long name with a hash and still end in a letter or digit', () => {
    const names = namesFor('a-sixteen-chars1', 'tencharsab');
    const long = names.clusterParameterGroupName('x'.repeat(300));
    expect(long.length).toBeLessThanOrEqual(255);
    expect(long).toMatch(/-[0-9a-f]{6}$/);
  });

  it('never hold two hyphens in a row, which RDS and ElastiCache refuse', () => {
    const names = namesFor('web--plat', 'dev');
    expect(names.clusterIdentifier).toBe('web-plat-dev-data-aurora');
    expect(names.cacheReplicationGroupId).toBe('web-plat-dev-data-cache');
    expect(names.instanceIdentifier(3)).toMatch(RDS_IDENTIFIER);
  });
});

describe('parameter group family', () => {
  it.each([
    ['aurora-postgresql', '16.8', 'aurora-postgresql16'],
    ['aurora-postgresql', '13.18', 'aurora-postgresql13'],
    ['aurora-mysql', '8.0.mysql_aurora.3.04.3', 'aurora-mysql8.0'],
  ] as const)('of %s %s is %s', (engine, version, family) => {
    expect(clusterParameterFamily(engine, version)).toBe(family);
  });

  it('refuses a version it cannot read', () => {
    expect(() => clusterParameterFamily('aurora-mysql', 'latest')).toThrow('cannot tell the parameter group family of aurora-mysql version "latest"');
  });
});

describe('spreading nodes over zones', () => {
  it('puts the first node in the first zone and the rest round-robin', () => {
    expect(spreadOverZones(['a', 'b', 'c'], 1)).toEqual(['a']);
    expect(spreadOverZones(['a', 'b'], 5)).toEqual(['a', 'b', 'a', 'b', 'a']);
  });

  it('refuses an empty zone list', () => {
    expect(() => spreadOverZones([], 1)).toThrow('spreadOverZones needs at least one availability zone');
  });
});
