import { SANDBOX_INSTANCE_FAMILIES, sandboxInstanceArchitecture } from '../config/aws';
import { ConfigDir } from './support/config-dir';
import { sandboxOnly } from './support/sandbox';

let dir: ConfigDir;
beforeEach(() => (dir = new ConfigDir()));
afterEach(() => dir.remove());

// OpenSSH public keys as ssh-keygen writes them (*.pub): type, base64 blob, comment.
const ED25519_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDkpL7I7Eb3PKDXNajFfmTsJgRljnenvcjrFaro+CNE1 learner@laptop';
const RSA_KEY =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC1dz8Ym5i4sF9yibfM6LTByWCu1anxtVIgeAnVpHnvjJ54j1ohg78FdPo8p2bH2nBmoxuvcd7Ovo+mDdVkQe1YHfTGXtM6HDgYvbLf556egy8feiUh5TxA68uinfAMzc/mnkG1lvEAqdTzRl35j3/uckZeqMFk2LcBxqnRnRLasqqLjax1j3EavE/bz1q6qauivoHudYE2+N9JR7ZDwN46n4OlZinrRU97tOWN7CGFm8UIkXum6GumRBAppVGG5WO1a1ACWgIEGwKrw4J1v+SzU3eUazVor9lcg2rS3CU9i/CUwTVbAc0wHxe4VzwHy/H12+dnbsS1J7DDYUd17JMj';
const ECDSA_KEY =
  'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBCwELkp4ZnWoq7W6DNCQD2RBjJig1uhqZ+Hv3TbALz70Oh0uppDaBT8Srsy5tBVe/tbCuWyS5shh/EPU3OJvOlU= x';

const KEY_EXPECTED =
  'expected an OpenSSH public key: ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521 then the base64 key (and an optional comment), on one line as in ~/.ssh/id_ed25519.pub';

describe('the shipped sandbox instance types (config/aws/sandbox-instance-types.json)', () => {
  it('are the burstable families, the previous generation t2 included, each with an architecture and sizes', () => {
    expect(Object.keys(SANDBOX_INSTANCE_FAMILIES)).toEqual(['t2', 't3', 't3a', 't4g']);
    for (const family of Object.values(SANDBOX_INSTANCE_FAMILIES)) {
      expect(['x86_64', 'arm64']).toContain(family.architecture);
      expect(family.sizes).toEqual(['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge']);
    }
  });

  it('give an instance type its architecture only when family and size go together', () => {
    expect(sandboxInstanceArchitecture('t2.micro')).toBe('x86_64');
    expect(sandboxInstanceArchitecture('t4g.small')).toBe('arm64');
    expect(sandboxInstanceArchitecture('t2.metal')).toBeUndefined();
    expect(sandboxInstanceArchitecture('m5.large')).toBeUndefined();
    expect(sandboxInstanceArchitecture('hasOwnProperty.micro')).toBeUndefined();
  });
});

describe('sandbox settings that load', () => {
  it('defaults to no NAT, no SSH, no key pair, no endpoints, t3.micro servers on 8 GiB and the default image', () => {
    const sandbox = dir.loadAnyWith(sandboxOnly()).sandbox;
    expect(sandbox).toEqual({
      cidr: '10.20.0.0/24',
      availabilityZone: 'eu-west-1a',
      publicSubnet: '10.20.0.0/26',
      privateSubnet: '10.20.0.64/26',
      natGateway: false,
      webInstanceType: 't3.micro',
      databaseInstanceType: 't3.micro',
      sessionManagerEndpoints: false,
      rootVolumeGiB: 8,
      ami: {},
    });
  });

  it('is held beside the web platform in the same environment', () => {
    const config = dir.loadAnyWith((input) => {
      const withSandbox = sandboxOnly();
      const { domain, network } = input;
      withSandbox(input);
      Object.assign(input, { domain, network, systems: ['web-platform', 'sandbox'] });
    });
    expect(config.systems).toEqual(['web-platform', 'sandbox']);
    expect(config.sandbox?.cidr).toBe('10.20.0.0/24');
  });

  it.each(['t2.micro', 't2.small', 't2.nano', 't3.small', 't3a.micro', 't4g.micro', 't4g.small'])('accepts the small instance type %s', (type) => {
    const sandbox = dir.loadAnyWith(sandboxOnly({ webInstanceType: type, databaseInstanceType: type })).sandbox;
    expect([sandbox?.webInstanceType, sandbox?.databaseInstanceType]).toEqual([type, type]);
  });

  it('accepts one admin address for SSH', () => {
    expect(dir.loadAnyWith(sandboxOnly({ adminSshCidr: '198.51.100.7/32' })).sandbox?.adminSshCidr).toBe('198.51.100.7/32');
  });

  it.each([
    ['ed25519', ED25519_KEY],
    ['RSA', RSA_KEY],
    ['ECDSA P-256', ECDSA_KEY],
    ['RSA without comment, with the trailing space ssh-keygen leaves', `${RSA_KEY} `],
  ])('accepts an %s public key', (_kind, key) => {
    expect(dir.loadAnyWith(sandboxOnly({ sshPublicKey: key })).sandbox?.sshPublicKey).toBe(key.trim());
  });

  it('accepts NAT, the Session Manager endpoints and a larger root volume', () => {
    const sandbox = dir.loadAnyWith(sandboxOnly({ natGateway: true, sessionManagerEndpoints: true, rootVolumeGiB: 20 })).sandbox;
    expect([sandbox?.natGateway, sandbox?.sessionManagerEndpoints, sandbox?.rootVolumeGiB]).toEqual([true, true, 20]);
  });
});

describe('sandbox SSH source', () => {
  it('refuses 0.0.0.0/0 and says what to do instead', () => {
    expect(dir.problemsFor(sandboxOnly({ adminSshCidr: '0.0.0.0/0' }))).toEqual([
      {
        field: 'sandbox.adminSshCidr',
        received: '"0.0.0.0/0"',
        expected: 'expected one admin address as a /32, such as 198.51.100.7/32: 0.0.0.0/0 would open SSH to the whole internet; leave adminSshCidr out and use Session Manager instead',
      },
    ]);
  });

  it.each([
    ['198.51.100.0/24', 256],
    ['198.51.100.6/31', 2],
    ['10.0.0.0/8', 16777216],
  ])('refuses %s, wider than /32', (cidr, addresses) => {
    expect(dir.problemsFor(sandboxOnly({ adminSshCidr: cidr }))).toEqual([
      { field: 'sandbox.adminSshCidr', received: `"${cidr}"`, expected: `expected one admin address as a /32, such as 198.51.100.7/32: /${cidr.split('/')[1]} admits ${addresses} addresses` },
    ]);
  });

  it.each(['198.51.100.7', 'my-laptop', '198.51.100.7/33'])('refuses %s, which is no CIDR', (cidr) => {
    expect(dir.problemsFor(sandboxOnly({ adminSshCidr: cidr }))).toEqual([
      { field: 'sandbox.adminSshCidr', received: `"${cidr}"`, expected: 'expected one admin address as a /32, such as 198.51.100.7/32' },
    ]);
  });
});

describe('sandbox subnets and zone', () => {
  it('refuses a subnet outside the VPC', () => {
    expect(dir.problemsFor(sandboxOnly({ privateSubnet: '10.21.0.0/26' }))).toEqual([
      { field: 'sandbox.privateSubnet', received: '"10.21.0.0/26"', expected: 'expected a subnet inside the sandbox VPC CIDR 10.20.0.0/24' },
    ]);
  });

  it('refuses a subnet larger than the VPC that holds it', () => {
    expect(dir.problemsFor(sandboxOnly({ cidr: '10.20.0.0/25', publicSubnet: '10.20.0.0/24' }))).toEqual([
      expect.objectContaining({ field: 'sandbox.publicSubnet', expected: 'expected a subnet inside the sandbox VPC CIDR 10.20.0.0/25' }),
      expect.objectContaining({ field: 'sandbox.privateSubnet', expected: 'expected a subnet that does not overlap sandbox.publicSubnet (10.20.0.0/24)' }),
    ]);
  });

  it('refuses overlapping public and private subnets, naming the other one', () => {
    expect(dir.problemsFor(sandboxOnly({ publicSubnet: '10.20.0.0/25', privateSubnet: '10.20.0.64/26' }))).toEqual([
      { field: 'sandbox.privateSubnet', received: '"10.20.0.64/26"', expected: 'expected a subnet that does not overlap sandbox.publicSubnet (10.20.0.0/25)' },
    ]);
  });

  it('refuses the same block for both subnets', () => {
    expect(dir.problemsFor(sandboxOnly({ publicSubnet: '10.20.0.0/26', privateSubnet: '10.20.0.0/26' }))).toEqual([
      expect.objectContaining({ field: 'sandbox.privateSubnet', expected: 'expected a subnet that does not overlap sandbox.publicSubnet (10.20.0.0/26)' }),
    ]);
  });

  it('refuses a subnet smaller than AWS creates (/28)', () => {
    expect(dir.problemsFor(sandboxOnly({ privateSubnet: '10.20.0.64/29' }))).toEqual([
      { field: 'sandbox.privateSubnet', received: '"10.20.0.64/29"', expected: 'expected a subnet of /28 or larger (AWS minimum)' },
    ]);
  });

  it.each(['10.0.0.0/12', '10.20.0.0/29'])('refuses the VPC CIDR %s, outside /16 to /28', (cidr) => {
    expect(dir.problemsFor(sandboxOnly({ cidr }))).toEqual(
      expect.arrayContaining([{ field: 'sandbox.cidr', received: `"${cidr}"`, expected: 'expected a VPC CIDR between /16 and /28, such as 10.20.0.0/24' }]),
    );
  });

  it('refuses a CIDR with host bits set', () => {
    expect(dir.problemsFor(sandboxOnly({ publicSubnet: '10.20.0.1/26' }))).toEqual([
      { field: 'sandbox.publicSubnet', received: '"10.20.0.1/26"', expected: 'expected an IPv4 CIDR block with no host bits set, such as 10.0.0.0/24' },
    ]);
  });

  it('refuses a zone of another region, listing the zones of its own', () => {
    expect(dir.problemsFor(sandboxOnly({ availabilityZone: 'us-east-1a' }))).toEqual([
      { field: 'sandbox.availabilityZone', received: '"us-east-1a"', expected: 'expected an availability zone of region eu-west-1: eu-west-1a, eu-west-1b or eu-west-1c' },
    ]);
  });

  it('refuses a zone the region does not have', () => {
    expect(dir.problemsFor(sandboxOnly({ availabilityZone: 'eu-west-1z' }))).toEqual([
      expect.objectContaining({ field: 'sandbox.availabilityZone', expected: 'expected an availability zone of region eu-west-1: eu-west-1a, eu-west-1b or eu-west-1c' }),
    ]);
  });

  it('refuses a list of zones: the sandbox has exactly one', () => {
    expect(dir.problemsFor(sandboxOnly({ availabilityZone: ['eu-west-1a', 'eu-west-1b'] }))).toEqual([expect.objectContaining({ field: 'sandbox.availabilityZone' })]);
  });
});

describe('sandbox instance types', () => {
  it('refuses a family that is not a sandbox family, listing those that are', () => {
    expect(dir.problemsFor(sandboxOnly({ webInstanceType: 'm5.large' }))).toEqual([
      {
        field: 'sandbox.webInstanceType',
        received: '"m5.large"',
        expected: 'expected a sandbox instance type <family>.<size> with family one of t2, t3, t3a, t4g, such as t2.micro or t3.micro (config/aws/sandbox-instance-types.json)',
      },
    ]);
  });

  it('refuses a size the family does not come in, listing the sizes', () => {
    expect(dir.problemsFor(sandboxOnly({ databaseInstanceType: 't2.metal' }))).toEqual([
      {
        field: 'sandbox.databaseInstanceType',
        received: '"t2.metal"',
        expected: 'expected a size the t2 family comes in: t2.nano, t2.micro, t2.small, t2.medium, t2.large, t2.xlarge or t2.2xlarge',
      },
    ]);
  });

  it.each(['t3', 'micro', 't3.micro.x', 'constructor.micro'])('refuses %s, not <family>.<size>', (type) => {
    expect(dir.problemsFor(sandboxOnly({ webInstanceType: type }))).toEqual([
      expect.objectContaining({ field: 'sandbox.webInstanceType', received: `"${type}"`, expected: expect.stringMatching(/^expected a sandbox instance type <family>\.<size>/) }),
    ]);
  });
});

describe('sandbox SSH public key', () => {
  it.each([
    ['a DSA key, which EC2 does not import', 'ssh-dss AAAAB3NzaC1kc3MAAACBAP1/U4EddRIpUt9KnC7s5Of2EbdSPO9EAMMeP4C2USZpRV1AIlH7WT2NWPq/xfW6MPbLm1Vs14E7'],
    ['a private key', '-----BEGIN OPENSSH PRIVATE KEY-----'],
    ['a key with no type', 'AAAAC3NzaC1lZDI1NTE5AAAAIDkpL7I7Eb3PKDXNajFfmTsJgRljnenvcjrFaro+CNE1'],
    ['a blob that is not base64', 'ssh-ed25519 AAAA!!notbase64 me'],
    ['a blob of another key type', `ssh-rsa ${ED25519_KEY.split(' ')[1]}`],
    ['a truncated blob', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5'],
    ['two keys on two lines', `${ED25519_KEY}\n${ECDSA_KEY}`],
  ])('refuses %s', (_kind, key) => {
    expect(dir.problemsFor(sandboxOnly({ sshPublicKey: key }))).toEqual([expect.objectContaining({ field: 'sandbox.sshPublicKey', expected: KEY_EXPECTED })]);
  });

  it('shows the value it refused', () => {
    expect(dir.problemsFor(sandboxOnly({ sshPublicKey: 'ssh-ed25519 AAAA!!notbase64 me' }))).toEqual([
      { field: 'sandbox.sshPublicKey', received: '"ssh-ed25519 AAAA!!notbase64 me"', expected: KEY_EXPECTED },
    ]);
  });
});

describe('sandbox keys', () => {
  it('refuses a key the sandbox does not have, listing those it does', () => {
    expect(dir.problemsFor(sandboxOnly({ natGateways: 'single' }))).toEqual([
      {
        field: 'sandbox.natGateways',
        received: 'unknown key "natGateways"',
        expected:
          'expected only the keys: cidr, availabilityZone, publicSubnet, privateSubnet, natGateway, webInstanceType, databaseInstanceType, adminSshCidr, sshPublicKey, sessionManagerEndpoints, rootVolumeGiB, ami, schedule',
      },
    ]);
  });

  it('names each required field that is missing', () => {
    const problems = dir.problemsFor((input) => {
      sandboxOnly()(input);
      input.sandbox = {};
    });
    expect(problems.map((problem) => problem.field)).toEqual(['sandbox.cidr', 'sandbox.availabilityZone', 'sandbox.publicSubnet', 'sandbox.privateSubnet']);
  });
});

describe('sandbox image (sandbox.ami)', () => {
  // Public SSM parameters of Amazon Linux, as AWS names them.
  const AL2023_X86 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
  const AL2023_ARM = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';
  const AL2_X86 = '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2';

  it('accepts an Amazon Linux 2 parameter and a name pattern with its owner', () => {
    expect(dir.loadAnyWith(sandboxOnly({ ami: { parameter: AL2_X86 } })).sandbox?.ami).toEqual({ parameter: AL2_X86 });
    const pattern = { namePattern: 'al2023-ami-2023.*-kernel-6.1-x86_64', owner: 'amazon' };
    expect(dir.loadAnyWith(sandboxOnly({ ami: pattern })).sandbox?.ami).toEqual(pattern);
  });

  it('accepts servers of two architectures on the default image, each getting its own', () => {
    expect(dir.loadAnyWith(sandboxOnly({ webInstanceType: 't4g.micro', databaseInstanceType: 't2.micro' })).sandbox?.ami).toEqual({});
  });

  it('refuses a name pattern without its owner', () => {
    expect(dir.problemsFor(sandboxOnly({ ami: { namePattern: 'al2023-ami-2023.*-x86_64' } }))).toEqual([
      expect.objectContaining({ field: 'sandbox.ami.owner', expected: expect.stringMatching(/^expected the owner of the image/) }),
    ]);
  });

  it('refuses an image of another architecture than a server, naming that server', () => {
    expect(dir.problemsFor(sandboxOnly({ ami: { parameter: AL2023_ARM } }))).toEqual([
      {
        field: 'sandbox.ami.parameter',
        received: `"${AL2023_ARM}"`,
        expected: `expected an x86_64 AMI to match sandbox.webInstanceType t3.micro (x86_64), such as ${AL2023_X86}; or leave it out for that default`,
      },
    ]);
  });

  it('refuses one image for servers of two architectures, naming the one it does not fit', () => {
    expect(dir.problemsFor(sandboxOnly({ webInstanceType: 't4g.small', ami: { parameter: AL2023_X86 } }))).toEqual([
      expect.objectContaining({ field: 'sandbox.ami.parameter', expected: expect.stringMatching(/^expected an arm64 AMI to match sandbox.webInstanceType t4g.small \(arm64\)/) }),
    ]);
  });

  it('reports a problem both servers share once', () => {
    expect(dir.problemsFor(sandboxOnly({ webInstanceType: 't4g.small', ami: { namePattern: 'my-image-*' } })).map((problem) => problem.field)).toEqual([
      'sandbox.ami.owner',
      'sandbox.ami.namePattern',
    ]);
  });
});
