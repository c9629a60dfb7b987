import { ConfigDir } from './support/config-dir';

/** Amazon Linux SSM public parameters, as AWS documents them (Amazon Linux 2023 User Guide, "Launching AL2023 using the SSM parameter"). */
const X86_AL2023 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
const ARM_AL2023 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';
const X86_AL2 = '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2';

let dir: ConfigDir;
beforeEach(() => (dir = new ConfigDir()));
afterEach(() => dir.remove());

const withAmi = (ami: Record<string, unknown>, instanceType = 't3.small') => (input: Record<string, any>) => (input.app = { instanceType, ami });

describe('app.ami: the image by SSM public parameter', () => {
  it.each([
    ['t4g.small', ARM_AL2023, 'al2023'],
    ['m7g.large', '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.12-arm64', 'al2023'],
    ['t3.small', '/aws/service/ami-amazon-linux-latest/al2023-ami-minimal-kernel-6.1-x86_64', 'al2023'],
    ['t3.small', X86_AL2, 'al2'],
  ])('accepts %s with %s, an image of family %s', (instanceType, parameter, family) => {
    expect(dir.loadWith(withAmi({ parameter }, instanceType)).app.ami).toEqual({ source: 'ssm-parameter', parameter, family });
  });

  it('refuses an arm64 parameter with an x86_64 instance type, naming the default that fits', () => {
    expect(dir.problemsFor(withAmi({ parameter: ARM_AL2023 }))).toEqual([
      {
        field: 'app.ami.parameter',
        received: `"${ARM_AL2023}"`,
        expected: `expected an x86_64 AMI to match app.instanceType t3.small (x86_64), such as ${X86_AL2023}; or leave it out for that default`,
      },
    ]);
  });

  it('refuses a parameter naming arm64 in a folder of its path with an x86_64 instance type', () => {
    const ecsArm = '/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id';
    expect(dir.problemsFor(withAmi({ parameter: ecsArm, family: 'al2023' }))).toEqual([
      expect.objectContaining({ field: 'app.ami.parameter', expected: expect.stringMatching(/^expected an x86_64 AMI to match app\.instanceType t3\.small \(x86_64\)/) }),
    ]);
  });

  it('refuses an x86_64 parameter with a Graviton instance type', () => {
    expect(dir.problemsFor(withAmi({ parameter: X86_AL2023 }, 't4g.small'))).toEqual([
      expect.objectContaining({ field: 'app.ami.parameter', expected: expect.stringMatching(/^expected an arm64 AMI to match app\.instanceType t4g\.small \(arm64\)/) }),
    ]);
  });

  it.each(['/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id', '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base'])(
    'refuses %s, which is not Amazon Linux: the boot scripts need dnf or yum',
    (parameter) => {
      expect(dir.problemsFor(withAmi({ parameter }))).toEqual([
        {
          field: 'app.ami.parameter',
          received: `"${parameter}"`,
          expected:
            'expected an Amazon Linux 2023 or Amazon Linux 2 image, or family: al2023 or al2 beside it: this is not an Amazon Linux 2023 (al2023-ami-...) or Amazon Linux 2 (amzn2-ami-...) image, and the boot scripts install packages with dnf on Amazon Linux 2023 (al2023) or yum on Amazon Linux 2 (al2)',
        },
      ]);
    },
  );

  it('refuses a family that contradicts the parameter', () => {
    expect(dir.problemsFor(withAmi({ parameter: X86_AL2, family: 'al2023' }))).toEqual([
      { field: 'app.ami.family', received: '"al2023"', expected: 'expected al2, or no family: parameter names an Amazon Linux 2 image' },
    ]);
  });

  it('accepts a parameter that is not Amazon Linux by name when the family is given', () => {
    const parameter = '/aws/service/marketplace/prod-abcdefghijklm/golden-web';
    expect(dir.loadWith(withAmi({ parameter, family: 'al2' })).app.ami).toEqual({ source: 'ssm-parameter', parameter, family: 'al2' });
  });

  it('refuses an owner beside a parameter', () => {
    expect(dir.problemsFor(withAmi({ parameter: X86_AL2023, owner: 'amazon' }))).toEqual([
      expect.objectContaining({ field: 'app.ami.owner', expected: expect.stringMatching(/^expected no owner with parameter/) }),
    ]);
  });

  it('refuses a path outside /aws/service/', () => {
    expect(dir.problemsFor(withAmi({ parameter: '/my/ami' }))).toEqual([
      expect.objectContaining({ field: 'app.ami.parameter', expected: 'expected a public SSM parameter path under /aws/service/' }),
    ]);
  });
});

describe('app.ami: the most recent image matching a name pattern', () => {
  it('resolves to the pattern, its owner and the family its name says', () => {
    expect(dir.loadWith(withAmi({ namePattern: 'amzn2-ami-kernel-5.10-hvm-*-x86_64-gp2', owner: 'amazon' })).app.ami).toEqual({
      source: 'name-pattern',
      namePattern: 'amzn2-ami-kernel-5.10-hvm-*-x86_64-gp2',
      owner: 'amazon',
      family: 'al2',
    });
  });

  it('refuses a pattern with no owner: any account could publish an image of that name', () => {
    expect(dir.problemsFor(withAmi({ namePattern: 'al2023-ami-2023.*-x86_64' }))).toEqual([
      {
        field: 'app.ami.owner',
        expected: "expected the owner of the image (amazon, aws-marketplace, self or a 12-digit account id): without it any account's public image whose name matches could be picked",
      },
    ]);
  });

  it('accepts a pattern of the user\'s own images with the family given', () => {
    expect(dir.loadWith(withAmi({ namePattern: 'golden-web-*', owner: '123456789012', family: 'al2023' })).app.ami).toMatchObject({ source: 'name-pattern', family: 'al2023' });
  });

  it('refuses a pattern that is not Amazon Linux without a family', () => {
    expect(dir.problemsFor(withAmi({ namePattern: 'ubuntu/images/*', owner: '099720109477' }))).toEqual([
      expect.objectContaining({ field: 'app.ami.namePattern', expected: expect.stringMatching(/^expected an Amazon Linux 2023 or Amazon Linux 2 image, or family/) }),
    ]);
  });

  it('refuses a family that contradicts the pattern', () => {
    expect(dir.problemsFor(withAmi({ namePattern: 'al2023-ami-2023.*-x86_64', owner: 'amazon', family: 'al2' }))).toEqual([
      { field: 'app.ami.family', received: '"al2"', expected: 'expected al2023, or no family: namePattern names an Amazon Linux 2023 image' },
    ]);
  });

  it('refuses a pattern of another architecture than the instance type', () => {
    expect(dir.problemsFor(withAmi({ namePattern: 'al2023-ami-2023.*-arm64', owner: 'amazon' }))).toEqual([
      { field: 'app.ami.namePattern', received: '"al2023-ami-2023.*-arm64"', expected: 'expected an x86_64 AMI to match app.instanceType t3.small (x86_64)' },
    ]);
  });

  it('refuses an owner that is neither an alias nor an account id', () => {
    expect(dir.problemsFor(withAmi({ namePattern: 'al2023-ami-*', owner: 'amzn' }))).toEqual([
      expect.objectContaining({ field: 'app.ami.owner', expected: 'expected amazon, aws-marketplace, self or a 12-digit account id' }),
    ]);
  });
});

describe('app.ami: one pinned image id', () => {
  it('resolves to the id, its owner and family', () => {
    expect(dir.loadWith(withAmi({ id: 'ami-0123456789abcdef0', owner: 'amazon', family: 'al2' })).app.ami).toEqual({
      source: 'id',
      id: 'ami-0123456789abcdef0',
      owner: 'amazon',
      family: 'al2',
    });
  });

  it('refuses an id without owner or family, naming both', () => {
    expect(dir.problemsFor(withAmi({ id: 'ami-0123456789abcdef0' }))).toEqual([
      expect.objectContaining({ field: 'app.ami.owner', expected: expect.stringMatching(/without it the id is not checked against anyone$/) }),
      expect.objectContaining({ field: 'app.ami.family', expected: expect.stringMatching(/^expected al2023 or al2: an image id does not say which Amazon Linux it is/) }),
    ]);
  });

  it('refuses a malformed id', () => {
    expect(dir.problemsFor(withAmi({ id: 'ami-123', owner: 'amazon', family: 'al2023' }))).toEqual([
      expect.objectContaining({ field: 'app.ami.id', expected: 'expected an AMI id such as ami-0123456789abcdef0' }),
    ]);
  });

  it('refuses two modes at once', () => {
    expect(dir.problemsFor(withAmi({ parameter: X86_AL2023, id: 'ami-0123456789abcdef0', owner: 'amazon', family: 'al2023' }))).toEqual([
      { field: 'app.ami', received: 'parameter and id', expected: 'expected one of parameter, namePattern or id: the image comes from one of them' },
    ]);
  });
});
