import { ConfigDir } from './support/config-dir';
import { asProduction } from './support/fixtures';

let dir: ConfigDir;
beforeEach(() => (dir = new ConfigDir()));
afterEach(() => dir.remove());

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
/** An image in the environment's own ECR registry, pullable through the ECR endpoints. */
const ECR_IMAGE = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/site:1.4.2`;
/** What a task needs to start with no internet route: ECR (API and registry) and CloudWatch Logs. */
const PULL_ENDPOINTS = ['ssm', 'ssmmessages', 'ec2messages', 'logs', 'ecr.api', 'ecr.dkr'];

/** The base environment on fargate-spot with `container` (merged over an ECR image) and private pulls. */
const withContainer =
  (container: Record<string, unknown> = {}, change: (input: Record<string, any>) => void = () => undefined) =>
  (input: Record<string, any>) => {
    input.app = { compute: 'fargate-spot', container: { image: ECR_IMAGE, ...container } };
    input.network.interfaceEndpoints = PULL_ENDPOINTS;
    change(input);
  };

const problem = (field: string, expected: string | RegExp) =>
  expect.objectContaining({ field, expected: typeof expected === 'string' ? expected : expect.stringMatching(expected) });

describe('compute choice', () => {
  it('runs EC2 web servers unless told otherwise', () => {
    const config = dir.loadWith(() => undefined);
    expect(config.app.compute).toBe('ec2');
    expect(config.app.container).toBeUndefined();
    expect(config.app.userData).toBeUndefined();
  });

  it('loads a container with its defaults: 0.5 vCPU, 1 GiB, read-only root, all tasks on Spot outside production', () => {
    const container = dir.loadWith(withContainer()).app.container;
    expect(container).toEqual({
      image: ECR_IMAGE,
      cpu: 512,
      memoryMiB: 1024,
      environment: {},
      secrets: {},
      fromDataTier: {},
      readonlyRootFilesystem: true,
      logRetentionDays: 30,
      healthCheckGracePeriodSeconds: 60,
      capacity: { spotWeight: 1, onDemandWeight: 0, onDemandBase: 0 },
    });
  });

  it('keeps one on-demand task as base in production', () => {
    expect(dir.loadWith(withContainer({}, asProduction)).app.container?.capacity.onDemandBase).toBe(1);
  });

  it('refuses fargate-spot without a container', () => {
    expect(dir.problemsFor((input) => (input.app = { compute: 'fargate-spot' }))).toEqual([
      problem('app.container', 'expected a container (image, cpu, memoryMiB, ...) with app.compute: fargate-spot'),
    ]);
  });

  it('refuses a container with ec2', () => {
    expect(dir.problemsFor((input) => (input.app = { container: { image: ECR_IMAGE } }))).toEqual([problem('app.container', /^expected no container with app.compute: ec2/)]);
  });

  it('refuses a compute choice it does not know', () => {
    expect(dir.problemsFor((input) => (input.app = { compute: 'lambda' }))).toEqual([problem('app.compute', /ec2.*fargate-spot/)]);
  });
});

describe('task sizes', () => {
  // AWS's Fargate task size table: each CPU value with its lowest and highest memory.
  it.each([
    [256, 512],
    [256, 2048],
    [512, 4096],
    [1024, 8192],
    [2048, 16384],
    [4096, 30720],
    [8192, 61440],
    [16384, 122880],
  ])('accepts cpu %d with %d MiB', (cpu, memoryMiB) => {
    expect(dir.loadWith(withContainer({ cpu, memoryMiB })).app.container).toEqual(expect.objectContaining({ cpu, memoryMiB }));
  });

  it.each([
    [256, 4096],
    [512, 512],
    [1024, 1024],
    [8192, 18432],
  ])('refuses cpu %d with %d MiB, naming the sizes that cpu takes', (cpu, memoryMiB) => {
    expect(dir.problemsFor(withContainer({ cpu, memoryMiB }))).toEqual([problem('app.container.memoryMiB', new RegExp(`^expected a memory size Fargate pairs with cpu ${cpu}: `))]);
  });

  it('lists the memory sizes of 0.25 vCPU', () => {
    expect(dir.problemsFor(withContainer({ cpu: 256, memoryMiB: 3072 }))).toEqual([
      { field: 'app.container.memoryMiB', received: '3072', expected: 'expected a memory size Fargate pairs with cpu 256: 512, 1024 or 2048 MiB' },
    ]);
  });

  it.each([128, 300, 32768])('refuses cpu %d', (cpu) => {
    expect(dir.problemsFor(withContainer({ cpu }))).toEqual([problem('app.container.cpu', /^expected a Fargate task CPU value: 256, 512, 1024, 2048, 4096, 8192 or 16384/)]);
  });
});

describe('images', () => {
  it.each([
    'wordpress',
    'wordpress:6.8-apache',
    'library/wordpress:6.8',
    'public.ecr.aws/docker/library/wordpress:6.8-apache',
    'registry.example.com:5000/team/site@sha256:' + 'a'.repeat(64),
    'ghcr.io/example/site:v1.2.3',
  ])('accepts %s with internet egress', (image) => {
    const config = dir.loadWith(withContainer({ image }, (input) => (input.network.appInternetEgress = true)));
    expect(config.app.container?.image).toBe(image);
  });

  it.each(['', 'Wordpress', 'wordpress:', 'wordpress:6.8 apache', 'https://registry.example.com/site', 'site@sha256:abc'])('refuses the image reference %j', (image) => {
    expect(dir.problemsFor(withContainer({ image }, (input) => (input.network.appInternetEgress = true)))).toEqual([problem('app.container.image', /^expected an image reference/)]);
  });
});

describe('pulling images without internet egress', () => {
  it('refuses an image outside ECR in the region, saying how to fix it', () => {
    expect(dir.problemsFor(withContainer({ image: 'wordpress:6.8-apache' }))).toEqual([
      problem('app.container.image', /^expected an image in Amazon ECR in eu-west-1 .* while network.appInternetEgress is false: .* Or set network.appInternetEgress: true with NAT gateways$/),
    ]);
  });

  it('refuses an ECR image of another region', () => {
    expect(dir.problemsFor(withContainer({ image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/site:1` }))).toEqual([problem('app.container.image', /^expected an image in Amazon ECR in eu-west-1/)]);
  });

  it('refuses a private setup without the ECR and logs endpoints', () => {
    expect(dir.problemsFor(withContainer({}, (input) => (input.network.interfaceEndpoints = ['ssm', 'ssmmessages', 'ec2messages'])))).toEqual([
      problem('network.interfaceEndpoints', /^expected ecr.api, ecr.dkr, logs among them too/),
    ]);
  });

  it('asks for the Secrets Manager endpoint when a secret comes from there', () => {
    const secrets = { API_TOKEN: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:site/api-AbCdEf` };
    expect(dir.problemsFor(withContainer({ secrets }))).toEqual([problem('network.interfaceEndpoints', /^expected secretsmanager among them too/)]);
  });

  it('asks for the Secrets Manager endpoint for database credentials, and the SSM endpoint for a parameter', () => {
    const change = (input: Record<string, any>) => {
      input.data = {};
      input.network.interfaceEndpoints = ['logs', 'ecr.api', 'ecr.dkr'];
    };
    const container = { fromDataTier: { DB_PASSWORD: 'database-password' }, secrets: { FLAG: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/site/flag` } };
    expect(dir.problemsFor(withContainer(container, change))).toEqual([problem('network.interfaceEndpoints', /^expected secretsmanager, ssm among them too/)]);
  });

  it('accepts a public image when the tasks have internet egress through NAT', () => {
    const config = dir.loadWith(withContainer({ image: 'wordpress:6.8-apache' }, (input) => Object.assign(input.network, { appInternetEgress: true, interfaceEndpoints: ['ssm'] })));
    expect(config.app.container?.image).toBe('wordpress:6.8-apache');
  });
});

describe('environment, secrets and data tier values', () => {
  const secretArn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:site/api-AbCdEf`;
  const withEndpoints = (input: Record<string, any>) => (input.network.interfaceEndpoints = [...PULL_ENDPOINTS, 'secretsmanager']);

  it.each([
    secretArn,
    `${secretArn}:token::`,
    `${secretArn}:token:AWSCURRENT:`,
    `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/site/api-token`,
    // The name RDS gives a master user secret it manages.
    `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!cluster-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-AbCdEf:password::`,
  ])('accepts the secret reference %s', (arn) => {
    expect(dir.loadWith(withContainer({ secrets: { API_TOKEN: arn } }, withEndpoints)).app.container?.secrets).toEqual({ API_TOKEN: arn });
  });

  it.each(['hunter2', 'arn:aws:s3:::bucket/key', `arn:aws:kms:${REGION}:${ACCOUNT}:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`])('refuses %s as a secret reference', (arn) => {
    expect(dir.problemsFor(withContainer({ secrets: { API_TOKEN: arn } }, withEndpoints))).toEqual([problem('app.container.secrets.API_TOKEN', /^expected a Secrets Manager secret ARN .* or an SSM parameter ARN/)]);
  });

  it.each([
    ['another account', `arn:aws:secretsmanager:${REGION}:210987654321:secret:site/api-AbCdEf`],
    ['another region', `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/site/api-token`],
  ])('refuses a secret in %s', (_, arn) => {
    expect(dir.problemsFor(withContainer({ secrets: { API_TOKEN: arn } }, withEndpoints))).toEqual([
      problem('app.container.secrets.API_TOKEN', `expected an ARN in the environment's account ${ACCOUNT} and region ${REGION}: the task's execution role is allowed only those`),
    ]);
  });

  it('refuses a variable named twice', () => {
    const container = { environment: { API_TOKEN: 'x' }, secrets: { API_TOKEN: secretArn } };
    expect(dir.problemsFor(withContainer(container, withEndpoints))).toEqual([problem('app.container.secrets.API_TOKEN', 'expected each variable once across environment, secrets and fromDataTier')]);
  });

  it.each([
    ['1ST', 'app.container.environment.1ST'],
    ['MY-VAR', 'app.container.environment.MY-VAR'],
    ['has space', 'app.container.environment["has space"]'],
  ])('refuses the variable name %j', (name, field) => {
    expect(dir.problemsFor(withContainer({ environment: { [name]: 'x' } }))).toEqual([
      { field, received: `key "${name}"`, expected: 'expected variable names of letters, digits and _, not starting with a digit' },
    ]);
  });

  it('refuses a number as an environment value', () => {
    expect(dir.problemsFor(withContainer({ environment: { WORKERS: 4 } }))).toEqual([problem('app.container.environment.WORKERS', 'expected a string: quote numbers and true/false')]);
  });

  it('refuses data tier values without a data tier, and cache values without a cache', () => {
    expect(dir.problemsFor(withContainer({ fromDataTier: { DB_HOST: 'database-host' } }))).toEqual([
      problem('app.container.fromDataTier.DB_HOST', 'expected a data section: this environment has no data tier to take the value from'),
    ]);
    expect(dir.problemsFor(withContainer({ fromDataTier: { REDIS_HOST: 'cache-host' } }, (input) => (input.data = {})))).toEqual([
      problem('app.container.fromDataTier.REDIS_HOST', 'expected a data.cache section: this environment has no cache to take the value from'),
    ]);
  });

  it('refuses a data tier value it does not know', () => {
    expect(dir.problemsFor(withContainer({ fromDataTier: { DB_HOST: 'database-endpoint' } }, (input) => (input.data = {})))).toEqual([
      problem('app.container.fromDataTier.DB_HOST', /database-host/),
    ]);
  });
});

describe('capacity', () => {
  it('refuses a schedule on a service that may shrink to no task', () => {
    const scheduled = withContainer({}, (input) => Object.assign(input.app, { minSize: 0, maxSize: 2, desiredCapacity: 1, schedule: { startAt: '07:00', stopAt: '21:30' } }));
    expect(dir.problemsFor(scheduled)).toEqual([problem('app.minSize', /^expected at least 1 with app.schedule on fargate-spot/)]);
  });

  it('keeps configured weights and base', () => {
    const capacity = { spotWeight: 3, onDemandWeight: 1, onDemandBase: 2 };
    expect(dir.loadWith(withContainer({ capacity })).app.container?.capacity).toEqual(capacity);
  });

  it('refuses both weights at 0', () => {
    expect(dir.problemsFor(withContainer({ capacity: { spotWeight: 0, onDemandWeight: 0 } }))).toEqual([problem('app.container.capacity.spotWeight', /^expected a weight of 1 or more/)]);
  });

  it('refuses no on-demand base in production', () => {
    expect(dir.problemsFor(withContainer({ capacity: { onDemandBase: 0 } }, asProduction))).toEqual([
      problem('app.container.capacity.onDemandBase', /^expected at least 1 in production \(production: true\): with no on-demand base, a Spot reclaim/),
    ]);
  });
});

describe('user data file', () => {
  const withUserData = (userDataFile: string) => (input: Record<string, any>) => (input.app = { userDataFile });

  it('reads the script beside the environment file', () => {
    const script = '#!/bin/bash\ndnf install -y nginx\nsystemctl enable --now nginx\n';
    dir.writeFile('web.sh', script);
    expect(dir.loadWith(withUserData('web.sh')).app.userData).toBe(script);
  });

  it('reads a script in a folder beside it', () => {
    dir.writeFile('boot.sh', '#!/bin/sh\necho ok\n');
    expect(dir.loadWith(withUserData('./boot.sh')).app.userData).toBe('#!/bin/sh\necho ok\n');
  });

  it('accepts exactly 16384 bytes and refuses one more, naming the file and the limit', () => {
    const head = '#!/bin/bash\n';
    dir.writeFile('max.sh', head + '#'.repeat(16384 - head.length));
    expect(dir.loadWith(withUserData('max.sh')).app.userData).toHaveLength(16384);
    dir.writeFile('big.sh', head + '#'.repeat(16385 - head.length));
    expect(dir.problemsFor(withUserData('big.sh'))).toEqual([
      { field: 'app.userDataFile', received: '"big.sh"', expected: "expected at most 16384 bytes (EC2's user data limit); the file has 16385" },
    ]);
  });

  it('refuses a missing file', () => {
    expect(dir.problemsFor(withUserData('missing.sh'))).toEqual([problem('app.userDataFile', /^expected a file beside the environment file: .*missing\.sh does not exist or cannot be read$/)]);
  });

  it('refuses a script without a shebang', () => {
    dir.writeFile('plain.sh', 'dnf install -y nginx\n');
    expect(dir.problemsFor(withUserData('plain.sh'))).toEqual([problem('app.userDataFile', 'expected a script whose first line is a shebang such as #!/bin/bash')]);
  });

  it('refuses binary data', () => {
    dir.writeFile('binary.sh', Buffer.from([0x23, 0x21, 0x00, 0xff, 0xfe]));
    expect(dir.problemsFor(withUserData('binary.sh'))).toEqual([problem('app.userDataFile', 'expected a UTF-8 text file (a shell script), not binary data')]);
  });

  it('refuses a folder', () => {
    dir.writeFile('scripts', '#!/bin/sh\n');
    expect(dir.problemsFor(withUserData('.'))).toEqual([problem('app.userDataFile', 'expected a file beside the environment file, not a folder')]);
  });

  it.each(['/etc/passwd', '../outside.sh', 'scripts/../../outside.sh'])('refuses the path %s outside the folder', (path) => {
    expect(dir.problemsFor(withUserData(path))).toEqual([problem('app.userDataFile', /^expected a path relative to the environment file/)]);
  });

  it('refuses a user data file with fargate-spot', () => {
    dir.writeFile('web.sh', '#!/bin/bash\n');
    expect(dir.problemsFor(withContainer({}, (input) => (input.app.userDataFile = 'web.sh')))).toEqual([
      problem('app.userDataFile', 'expected no userDataFile with app.compute: fargate-spot: only EC2 web servers run a boot script'),
    ]);
  });
});
