import { containerVariables, terraformLiteral } from '../constructs/containers/container-variables';
import { ecrRepositoryArnOf } from '../constructs/containers/image-repository';
import { secretReferenceOf } from '../constructs/containers/secret-references';
import type { DataOutputs } from '../constructs/data-outputs';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret';
const OUTPUTS: DataOutputs = {
  databaseHost: 'db.test.internal',
  databaseReaderHost: 'db-ro.test.internal',
  databasePort: '3306',
  databaseName: 'app',
  databaseSecretArn: `${SECRET}:rds!cluster-abc-Q1w2E3`,
};

describe('secretReferenceOf', () => {
  it.each([
    ['a full secret ARN', `${SECRET}:site/api-AbC123`, `${SECRET}:site/api-AbC123`],
    ['one key of a full secret ARN', `${SECRET}:site/db-AbC123:password::`, `${SECRET}:site/db-AbC123`],
    ['a version stage of a full secret ARN', `${SECRET}:site/db-AbC123::AWSPREVIOUS:`, `${SECRET}:site/db-AbC123`],
    ['a partial secret ARN', `${SECRET}:site/license`, `${SECRET}:site/license-??????`],
    ['one key of a partial secret ARN', `${SECRET}:site/db:username::`, `${SECRET}:site/db-??????`],
  ])('allows %s as the secret itself', (_, valueFrom, resourceArn) => {
    expect(secretReferenceOf(valueFrom)).toEqual({ service: 'secretsmanager', resourceArn });
  });

  it('allows an SSM parameter as it is', () => {
    expect(secretReferenceOf('arn:aws:ssm:eu-west-1:123456789012:parameter/site/key')).toEqual({ service: 'ssm', resourceArn: 'arn:aws:ssm:eu-west-1:123456789012:parameter/site/key' });
  });

  it('refuses anything else', () => {
    expect(() => secretReferenceOf('site/api')).toThrow(/expected a secret by Secrets Manager secret ARN .* got "site\/api"/);
  });
});

describe('ecrRepositoryArnOf', () => {
  it.each([
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/site:1.4.2', 'arn:aws:ecr:eu-west-1:123456789012:repository/site'],
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/site', 'arn:aws:ecr:eu-west-1:123456789012:repository/team/site'],
    [`123456789012.dkr.ecr.us-east-1.amazonaws.com/site:v2@sha256:${'0'.repeat(64)}`, 'arn:aws:ecr:us-east-1:123456789012:repository/site'],
  ])('names the repository of %s', (image, arn) => {
    expect(ecrRepositoryArnOf(image)).toBe(arn);
  });

  it.each(['public.ecr.aws/docker/library/wordpress:6.8-apache', 'wordpress:6.8-apache', 'ghcr.io/acme/site:1'])('names none for %s, outside private ECR', (image) => {
    expect(ecrRepositoryArnOf(image)).toBeUndefined();
  });
});

describe('terraformLiteral', () => {
  it('escapes interpolations and directives and leaves everything else', () => {
    expect(terraformLiteral('a ${b} %{c} $d %e {f} $${g}')).toBe('a $${b} %%{c} $d %e {f} $$${g}');
  });
});

describe('containerVariables', () => {
  const empty = { environment: {}, secrets: {}, fromDataTier: {} };

  it('is empty for an empty container', () => {
    expect(containerVariables(empty)).toEqual({ environment: [], secrets: [], secretArns: [], parameterArns: [], kmsKeyArns: [] });
  });

  it('names one secret once however many keys of it the container reads', () => {
    const variables = containerVariables({ ...empty, fromDataTier: { B: 'database-password', A: 'database-username', H: 'database-host' }, dataOutputs: OUTPUTS });
    expect(variables.secrets).toEqual([
      { name: 'A', valueFrom: `${OUTPUTS.databaseSecretArn}:username::` },
      { name: 'B', valueFrom: `${OUTPUTS.databaseSecretArn}:password::` },
    ]);
    expect(variables.secretArns).toEqual([OUTPUTS.databaseSecretArn]);
    expect(variables.environment).toEqual([{ name: 'H', value: 'db.test.internal' }]);
  });

  it('refuses a variable set twice', () => {
    expect(() => containerVariables({ ...empty, environment: { DB: 'x' }, fromDataTier: { DB: 'database-host' }, dataOutputs: OUTPUTS })).toThrow(
      'container variables DB are set more than once across environment, secrets and fromDataTier: name each once',
    );
  });

  it('refuses data tier values without the data tier\'s outputs', () => {
    expect(() => containerVariables({ ...empty, fromDataTier: { DB: 'database-host' } })).toThrow(/fromDataTier names DB, but no data tier outputs were given/);
  });

  it('refuses a cache value the data tier does not publish', () => {
    expect(() => containerVariables({ ...empty, fromDataTier: { REDIS: 'cache-host' }, dataOutputs: OUTPUTS })).toThrow(/fromDataTier asks for cache-host/);
  });
});

describe('each data tier value', () => {
  const outputs: DataOutputs = {
    ...OUTPUTS,
    cacheHost: 'cache.test.internal',
    cachePort: '6379',
    cacheAuthSecretArn: `${SECRET}:webplat-test-data-cache-auth-token-Z9y8X7`,
  };
  const fromDataTier = {
    DB_HOST: 'database-host',
    DB_READER: 'database-reader-host',
    DB_PORT: 'database-port',
    DB_NAME: 'database-name',
    DB_USER: 'database-username',
    DB_PASSWORD: 'database-password',
    REDIS_HOST: 'cache-host',
    REDIS_PORT: 'cache-port',
    REDIS_TOKEN: 'cache-auth-token',
  } as const;
  const variables = containerVariables({ environment: {}, secrets: {}, fromDataTier, dataOutputs: outputs });

  it('arrives as a plain variable from its own output when it names a host, port or database', () => {
    expect(variables.environment).toEqual([
      { name: 'DB_HOST', value: 'db.test.internal' },
      { name: 'DB_NAME', value: 'app' },
      { name: 'DB_PORT', value: '3306' },
      { name: 'DB_READER', value: 'db-ro.test.internal' },
      { name: 'REDIS_HOST', value: 'cache.test.internal' },
      { name: 'REDIS_PORT', value: '6379' },
    ]);
  });

  it('arrives as a secret by reference when it is a credential: one JSON key of the master secret, or the whole token secret', () => {
    // ECS valueFrom for one key of a JSON secret: <secret arn>:<json-key>:<version-stage>:<version-id>.
    expect(variables.secrets).toEqual([
      { name: 'DB_PASSWORD', valueFrom: `${OUTPUTS.databaseSecretArn}:password::` },
      { name: 'DB_USER', valueFrom: `${OUTPUTS.databaseSecretArn}:username::` },
      { name: 'REDIS_TOKEN', valueFrom: outputs.cacheAuthSecretArn },
    ]);
    expect(variables.secretArns).toEqual([OUTPUTS.databaseSecretArn, outputs.cacheAuthSecretArn]);
  });
});
