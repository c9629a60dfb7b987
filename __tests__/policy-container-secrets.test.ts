import { fargateTaskDefinition, findingsFor, RawResource } from './support/policy';

// The edges ECS-NO-PLAINTEXT-SECRETS draws: which environment variable names say "credential", which values are
// visibly not one, and what the rule makes of an environment it cannot read. The happy paths are in policy-containers.test.ts.
// Field names of an ECS container definition as AWS documents them (API_ContainerDefinition, API_KeyValuePair), written out here on purpose.

const RULE = 'ECS-NO-PLAINTEXT-SECRETS';

/** A Fargate task definition of one container `web` with this environment (anything, to test the reading), written with JSON.stringify. */
const taskWith = (environment: unknown): RawResource =>
  fargateTaskDefinition(
    JSON.stringify([
      {
        name: 'web',
        image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2',
        essential: true,
        readonlyRootFilesystem: true,
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/dev-web', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'web' } },
        ...(environment === undefined ? {} : { environment }),
      },
    ]),
  );
/** What this rule finds (and only this rule: NO-INLINE-SECRETS judges environments by its own lights). */
const problems = (environment: unknown): string[] =>
  findingsFor([taskWith(environment)])
    .filter((finding) => finding.ruleId === RULE)
    .map((finding) => finding.problem);
/** The problem for one variable `name` set to a literal `value`. */
const problemsOfVariable = (name: string, value: unknown): string[] => problems([{ name, value }]);
const literal = (...names: string[]) => `sets ${names.join(', ')} of container web to a literal value in its environment`;
const referenced = (...names: string[]) =>
  `sets ${names.join(', ')} of container web in its environment from a Terraform expression, which resolves into the task definition in clear text`;

const PASSWORD = 'correct-horse-battery-staple';

describe('ECS-NO-PLAINTEXT-SECRETS edges', () => {
  describe('names that say credential', () => {
    it.each([
      // each credential word, as the last word of the name
      'DB_PASSWORD', 'DB_PASSWORDS', 'DB_PASSWD', 'SMTP_PASS', 'MYSQL_PWD', 'GPG_PASSPHRASE', 'DJANGO_SECRET', 'APP_SECRETS', 'GITHUB_TOKEN', 'REDIS_AUTH',
      'SMTP_CREDENTIAL', 'GCP_CREDENTIALS', 'REGISTRY_CREDS', 'STRIPE_APIKEY', 'SSH_PRIVATEKEY', 'S3_ACCESSKEY', 'S3_SECRETKEY',
      // the same words alone
      'PASSWORD', 'SECRETS', 'TOKEN', 'CREDENTIAL', 'CREDS', 'APIKEY', 'PRIVATEKEY', 'ACCESSKEY', 'SECRETKEY',
      // a KEY after each kind of key
      'API_KEY', 'PRIVATE_KEY', 'AWS_SECRET_ACCESS_KEY', 'SECRET_KEY', 'DATA_ENCRYPTION_KEY', 'JWT_SIGNING_KEY', 'VAULT_MASTER_KEY', 'NEWRELIC_LICENSE_KEY',
      'WEBHOOK_HMAC_KEY', 'JWT_KEY',
      // each suffix that still names the credential itself
      'SECRET_KEY_BASE', 'DB_PASSWORD_VALUE', 'DB_PASSWORD_STRING', 'API_TOKEN_B64', 'API_TOKEN_BASE64', 'ADMIN_PASSWORD_HASH', 'API_KEY_RAW', 'DB_PASSWORD_PLAIN',
      'DB_PASSWORD_OLD', 'DB_PASSWORD_NEW', 'API_TOKEN_CURRENT', 'API_TOKEN_PREVIOUS', 'API_KEY_PRIMARY', 'API_KEY_SECONDARY', 'SIGNING_KEY_PREVIOUS_B64',
      // numbering: a numeric word (one digit or more), or digits at the end of the word (one or more)
      'ADMIN_PASSWORD_2', 'ADMIN_PASSWORD_12', 'DB_PASSWORD2', 'dbPassword12', 'SMTP_PASS2', 'API_KEY_2_OLD',
      // camelCase, kebab-case and separators at either end
      'dbPassword', 'apiKey', 'db-password', 'DB_PASSWORD_', '_DB_PASSWORD', 'DB__PASSWORD',
    ])('flags %s set to a literal', (name) => {
      expect(problemsOfVariable(name, PASSWORD)).toEqual([literal(name)]);
    });

    it.each([
      ['a name with no word at all', '_'],
      ['a name of digits only', '42'],
      ['an empty name', ''],
      ['a KEY alone (a map key, a lookup key)', 'KEY'],
      ['a KEY after a word that is no kind of key', 'CACHE_KEY'],
      ['a suffix alone', 'VALUE'],
      ['a word that only starts with digits is no numbering (two-factor settings of the password)', 'admin_password_2fa'],
      ['the same in capitals (2FA splits into 2, FA)', 'ADMIN_PASSWORD_2FA'],
      ['two-pass encoding: digits before PASS inside one word make no credential word', 'encoder_2pass'],
      ['a credential word before another word', 'PASSWORD_MIN_LENGTH'],
    ])('does not flag %s (%s)', (_label, name) => {
      expect(problemsOfVariable(name, 'x9')).toEqual([]);
    });
  });

  describe('values that are visibly not a credential', () => {
    it.each([
      ['no value', undefined],
      ['a null value', null],
      ['an empty value', ''],
      ['a JSON true', true],
      ['a JSON false', false],
      ['true in any case', 'TRUE'],
      ['false', 'false'],
      ['an ARN the application resolves', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:dev-db-AbCdEf'],
      ['an absolute path to a mounted file', '/run/secrets/db-password'],
      ['the root directory', '/'],
    ])('passes %s', (_label, value) => {
      expect(problems([{ name: 'DB_PASSWORD', ...(value === undefined ? {} : { value }) }])).toEqual([]);
    });

    it.each([
      ['a password that ends in true', 'itsnottrue'],
      ['a password that starts with false', 'falsehood'],
      ['a password that mentions an arn: inside', 'yarn:tangle'],
      ['a password that ends in arn:', 'learn:'],
      ['a password with a slash inside', 'hunter2/xyz'],
      ['a password that starts with a slash and holds a space', '/s3cr3t phrase'],
      ['a number', 42],
    ])('flags %s', (_label, value) => {
      expect(problemsOfVariable('DB_PASSWORD', value)).toEqual([literal('DB_PASSWORD')]);
    });

    it.each([
      ['an ARN', 'arn:${data.aws_secretsmanager_secret_version.db.secret_string}'],
      ['a path', '/${random_password.db.result}'],
    ])('flags %s built around a Terraform expression: what the expression resolves to lands in the task definition', (_label, value) => {
      expect(problemsOfVariable('DB_PASSWORD', value)).toEqual([referenced('DB_PASSWORD')]);
    });
  });

  describe('messages', () => {
    it('names every referenced credential in one finding, and the literal ones in another', () => {
      const environment = [
        { name: 'DB_PASSWORD', value: '${data.aws_secretsmanager_secret_version.db.secret_string}' },
        { name: 'SMTP_PASSWORD', value: 'pw' },
        { name: 'API_TOKEN', value: '${random_password.token.result}' },
        { name: 'DB_HOST', value: '${aws_db_instance.db.address}' },
      ];
      expect(problems(environment)).toEqual([`${literal('SMTP_PASSWORD')}; ${referenced('DB_PASSWORD', 'API_TOKEN')}`]);
    });
  });

  describe('environments it cannot read', () => {
    it.each([
      ['no environment', undefined],
      ['a null environment', null],
      ['an empty environment', []],
    ])('passes %s', (_label, environment) => {
      expect(problems(environment)).toEqual([]);
    });

    it.each([
      ['an object (a map of name to value)', { DB_PASSWORD: PASSWORD }],
      ['a string', 'DB_PASSWORD=hunter2'],
    ])('fails %s, which it cannot check', (_label, environment) => {
      expect(problems(environment)).toEqual(['gives container web an environment that is not a list of { name, value }, which cannot be checked']);
    });

    it('skips entries without a name string and still judges the others', () => {
      const environment = [null, 'DB_PASSWORD', { value: PASSWORD }, { name: 42, value: PASSWORD }, { name: 'DB_PASSWORD', value: PASSWORD }];
      expect(problems(environment)).toEqual([literal('DB_PASSWORD')]);
    });
  });
});
