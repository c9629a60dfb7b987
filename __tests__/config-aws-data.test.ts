import {
  AURORA_ENGINE_VERSIONS,
  AURORA_INSTANCE_CLASSES,
  availabilityZonesOf,
  CACHE_ENGINE_VERSIONS,
  CACHE_NODE_TYPES,
  FARGATE_TASK_SIZES,
  INSTANCE_FAMILIES,
  instanceArchitecture,
  REGION_ZONES,
} from '../config/aws';
import { INSTANCE_FAMILIES as SCHEMA_FAMILIES, REGION_PATTERN } from '../config/schema';
import { ConfigDir } from './support/config-dir';
import { testConfig } from './support/fixtures';

type Change = (input: Record<string, any>) => void;

let dir: ConfigDir;
beforeEach(() => {
  dir = new ConfigDir();
});
afterEach(() => dir.remove());

/** Moves the base environment to `region` with two of its zones. */
function inRegion(region: string, zones: string[]): Change {
  return (input) => {
    input.region = region;
    input.network.availabilityZones = zones;
  };
}

const X86_AL2023 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
const ARM_AL2023 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';

describe('the shipped AWS data', () => {
  it('lists regions of the region name shape, each with at least two zones named after it', () => {
    expect(Object.keys(REGION_ZONES).length).toBeGreaterThanOrEqual(30);
    for (const [region, zones] of Object.entries(REGION_ZONES)) {
      expect(region).toMatch(REGION_PATTERN);
      expect(region).not.toMatch(/^(cn|us-gov)-/);
      expect(zones.length).toBeGreaterThanOrEqual(2);
      for (const zone of zones) expect(zone).toMatch(new RegExp(`^${region}[a-z]$`));
      expect([...zones].sort()).toEqual(zones);
    }
  });

  it('lists instance families with an architecture and sizes, including the x86 ones accepted before and Graviton', () => {
    for (const family of Object.values(INSTANCE_FAMILIES)) {
      expect(['x86_64', 'arm64']).toContain(family.architecture);
      expect(family.sizes.length).toBeGreaterThan(0);
      expect(new Set(family.sizes).size).toBe(family.sizes.length);
    }
    const previouslyAccepted = ['t3', 't3a', 'm5', 'm5a', 'm6i', 'm6a', 'm7i', 'm7a', 'c5', 'c6i', 'c6a', 'c7i', 'r5', 'r6i', 'r7i'];
    for (const family of previouslyAccepted) expect(INSTANCE_FAMILIES[family]?.architecture).toBe('x86_64');
    for (const family of ['t4g', 'm6g', 'm7g', 'c6g', 'c7g', 'r6g', 'r7g']) expect(INSTANCE_FAMILIES[family]?.architecture).toBe('arm64');
    expect(SCHEMA_FAMILIES).toEqual(Object.keys(INSTANCE_FAMILIES));
  });

  it('knows the zones accounts see where they are not a, b, c', () => {
    expect(availabilityZonesOf('us-east-1')).toEqual(['a', 'b', 'c', 'd', 'e', 'f'].map((zone) => `us-east-1${zone}`));
    expect(availabilityZonesOf('ca-central-1')).toEqual(['ca-central-1a', 'ca-central-1b', 'ca-central-1d']);
    expect(availabilityZonesOf('ap-northeast-1')).toEqual(['ap-northeast-1a', 'ap-northeast-1b', 'ap-northeast-1c', 'ap-northeast-1d']);
    expect(availabilityZonesOf('toString')).toBeUndefined();
  });

  it('gives an instance type its architecture only when family and size go together', () => {
    expect(instanceArchitecture('t3.small')).toBe('x86_64');
    expect(instanceArchitecture('t4g.small')).toBe('arm64');
    expect(instanceArchitecture('c7i.nano')).toBeUndefined();
    expect(instanceArchitecture('constructor.large')).toBeUndefined();
    expect(instanceArchitecture('t3.small.2')).toBeUndefined();
    expect(instanceArchitecture('t3')).toBeUndefined();
  });
});

describe('regions and availability zones', () => {
  it.each([
    ['us-east-1', ['us-east-1e', 'us-east-1f']],
    ['us-west-1', ['us-west-1a', 'us-west-1c']],
    ['ca-central-1', ['ca-central-1a', 'ca-central-1d']],
    ['ap-northeast-1', ['ap-northeast-1c', 'ap-northeast-1d']],
    ['ap-northeast-2', ['ap-northeast-2b', 'ap-northeast-2d']],
    ['us-west-2', ['us-west-2a', 'us-west-2d']],
    ['mx-central-1', ['mx-central-1a', 'mx-central-1b']],
  ])('accepts %s with zones %j', (region, zones) => {
    expect(dir.loadWith(inRegion(region, zones)).network.availabilityZones).toEqual(zones);
  });

  it('refuses a well-formed region that does not exist, listing the real ones of its area', () => {
    expect(() => dir.loadWith(inRegion('eu-west-9', ['eu-west-9a', 'eu-west-9b']))).toThrow(
      /test\.yaml:\n {2}- region: got "eu-west-9"; expected an AWS region that exists: the eu- regions are eu-central-1, .*eu-west-3 \(config\/aws\/regions\.json\)/,
    );
  });

  it('refuses GovCloud, which has no CloudFront', () => {
    expect(dir.problemsFor(inRegion('us-gov-east-1', ['us-gov-east-1a', 'us-gov-east-1b']))).toContainEqual({
      field: 'region',
      received: '"us-gov-east-1"',
      expected: 'expected a commercial region: GovCloud has no CloudFront, which the edge tier needs',
    });
    expect(() => dir.loadWith(inRegion('us-gov-west-1', ['us-gov-west-1a', 'us-gov-west-1b']))).toThrow(/region: got "us-gov-west-1"; expected a commercial region/);
    expect(dir.problemsFor(inRegion('us-gov-west-1', ['us-gov-west-1a', 'us-gov-west-1b']))).toContainEqual({
      field: 'region',
      received: '"us-gov-west-1"',
      expected: 'expected a commercial region: GovCloud has no CloudFront, which the edge tier needs',
    });
  });

  it('refuses a zone the region does not have, listing the ones it has', () => {
    expect(() => dir.loadWith(inRegion('eu-west-1', ['eu-west-1a', 'eu-west-1d']))).toThrow(
      /network\.availabilityZones\[1\]: got "eu-west-1d"; expected an availability zone of region eu-west-1: eu-west-1a, eu-west-1b or eu-west-1c/,
    );
    expect(dir.problemsFor(inRegion('ca-central-1', ['ca-central-1a', 'ca-central-1c']))).toEqual([
      { field: 'network.availabilityZones[1]', received: '"ca-central-1c"', expected: 'expected an availability zone of region ca-central-1: ca-central-1a, ca-central-1b or ca-central-1d' },
    ]);
  });
});

describe('instance types', () => {
  it.each(['t3.12xlarge', 'c7i.nano', 'm5.nano', 'c5.8xlarge', 'm7i.medium', 'r8g.nano'])('refuses %s: family and size each exist, not together', (instanceType) => {
    const [family] = instanceType.split('.');
    expect(() => dir.loadWith((input) => (input.app = { instanceType }))).toThrow(
      new RegExp(`app\\.instanceType: got "${instanceType.replace('.', '\\.')}"; expected a size the ${family} family comes in: ${family}\\.`),
    );
  });

  it.each(['t3.nano', 'c5.9xlarge', 'm7a.medium', 'm7i.metal-48xl', 'r6i.32xlarge', 'm6a.48xlarge'])('accepts the x86_64 type %s with the default AMI', (instanceType) => {
    expect(testConfig((input) => (input.app = { instanceType })).app).toMatchObject({ instanceType, ami: { source: 'ssm-parameter', parameter: X86_AL2023, family: 'al2023' } });
  });

  it.each(['t4g.small', 'm6g.large', 'm7g.medium', 'c7g.16xlarge', 'r8g.metal-24xl'])('accepts the Graviton type %s, defaulting to the arm64 AMI', (instanceType) => {
    expect(testConfig((input) => (input.app = { instanceType })).app).toMatchObject({ instanceType, ami: { source: 'ssm-parameter', parameter: ARM_AL2023, family: 'al2023' } });
  });
});

describe('the shipped data tier and Fargate data', () => {
  it('lists Aurora versions per engine, oldest first, of each engine shape', () => {
    expect(Object.keys(AURORA_ENGINE_VERSIONS)).toEqual(['aurora-postgresql', 'aurora-mysql']);
    for (const version of AURORA_ENGINE_VERSIONS['aurora-postgresql']) expect(version).toMatch(/^1[3-9]\.\d+$/);
    for (const version of AURORA_ENGINE_VERSIONS['aurora-mysql']) expect(version).toMatch(/^8\.0\.mysql_aurora\.3\.\d{2}\.\d+$/);
    for (const versions of Object.values(AURORA_ENGINE_VERSIONS) as string[][]) {
      const sorted = [...versions].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      expect(versions).toEqual(sorted);
      expect(new Set(versions).size).toBe(versions.length);
    }
  });

  it('lists instance classes and node types as families with sizes', () => {
    for (const [family, sizes] of Object.entries(AURORA_INSTANCE_CLASSES)) {
      expect(family).toMatch(/^db\.[a-z]+\d+[a-z]*$/);
      for (const size of sizes) expect(size).toMatch(/^(medium|large|\d*xlarge)$/);
    }
    for (const [family, sizes] of Object.entries(CACHE_NODE_TYPES)) {
      expect(family).toMatch(/^cache\.[a-z]+\d+[a-z]*$/);
      for (const size of sizes) expect(size).toMatch(/^(micro|small|medium|large|\d*xlarge)$/);
    }
    expect(Object.keys(CACHE_ENGINE_VERSIONS)).toEqual(['redis', 'valkey']);
  });

  it('holds the Fargate task sizes of AWS\'s table', () => {
    // From the Amazon ECS developer guide, "Task CPU and memory": CPU units -> [lowest, highest, step] MiB.
    const table: Record<string, [number, number, number]> = {
      '256': [512, 2048, 0],
      '512': [1024, 4096, 1024],
      '1024': [2048, 8192, 1024],
      '2048': [4096, 16384, 1024],
      '4096': [8192, 30720, 1024],
      '8192': [16384, 61440, 4096],
      '16384': [32768, 122880, 8192],
    };
    expect(Object.keys(FARGATE_TASK_SIZES).sort()).toEqual(Object.keys(table).sort());
    for (const [cpu, [low, high, step]] of Object.entries(table)) {
      const expected = step === 0 ? [512, 1024, 2048] : Array.from({ length: (high - low) / step + 1 }, (_, index) => low + index * step);
      expect(FARGATE_TASK_SIZES[cpu]).toEqual(expected);
    }
  });
});
