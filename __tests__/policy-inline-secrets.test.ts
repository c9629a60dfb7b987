import { findingsFor, RawResource } from './support/policy';

const RULE = 'NO-INLINE-SECRETS';
const NAMED = (names: string) => `sets ${names} to a literal value`;
const SHAPED = 'holds what looks like a key or password';

const base64 = (text: string) => Buffer.from(text).toString('base64');
/** A launch template whose user data (base64, as the provider takes it) runs this script. */
const template = (script: string): RawResource => ({ type: 'aws_launch_template', id: 'lt', values: { user_data: base64(script) } });
/** An instance whose user data is plain text, as aws_instance takes it. */
const instance = (userData: string): RawResource => ({ type: 'aws_instance', id: 'web', values: { user_data: userData } });
const fn = (variables: Record<string, string>): RawResource => ({ type: 'aws_lambda_function', id: 'fn', values: { environment: { variables } } });
const task = (environment: { name: string; value: string }[]): RawResource => ({
  type: 'aws_ecs_task_definition',
  id: 'task',
  values: { container_definitions: JSON.stringify([{ name: 'web', image: 'nginx', environment }]) },
});

/** What NO-INLINE-SECRETS says about this resource: nothing when it passes. */
const problems = (resource: RawResource): string[] =>
  findingsFor([resource])
    .filter((finding) => finding.ruleId === RULE)
    .map((finding) => finding.problem);

describe('NO-INLINE-SECRETS', () => {
  describe('a key-like name with a literal value', () => {
    it('passes a value shorter than 6 characters (a placeholder) and fails one of 6', () => {
      expect(problems(fn({ DB_PASSWORD: 'abcde' }))).toEqual([]);
      expect(problems(fn({ DB_PASSWORD: 'abcdef' }))).toEqual([NAMED('DB_PASSWORD')]);
    });

    it.each([
      'DB_PASS',
      'DB_PASSWORD',
      'DB_PASSWD',
      'GPG_PASSPHRASE',
      'APP_SECRET',
      'SLACK_TOKEN',
      'APIKEY',
      'API_KEY',
      'API-KEY',
      'ACCESSKEY',
      'ACCESS_KEY',
      'PRIVATEKEY',
      'PRIVATE_KEY',
      'GITHUB_CREDENTIALS',
      'BASIC_AUTH',
      'proxy_host_password',
    ])('fails %s', (name) => {
      expect(problems(fn({ [name]: 'hunter2hunter2' }))).toEqual([NAMED(name)]);
    });

    it.each(['STAGE', 'LOG_LEVEL', 'API', 'PRIVATE_BUCKET'])('passes %s, a name that says nothing about a secret', (name) => {
      expect(problems(fn({ [name]: 'hunter2hunter2' }))).toEqual([]);
    });

    it.each(['DB_PASSWORD_ARN', 'API_KEY_ID', 'SECRET_NAME', 'TOKEN_PATH', 'PASSWORD_FILE', 'API_KEY_PARAMETER', 'API_KEY_PARAM', 'AUTH_URL', 'AUTH_URI', 'AUTH_ENDPOINT', 'AUTH_HOST', 'SECRET_REGION', 'secret_arn'])(
      'passes %s, a name that says where the secret is',
      (name) => {
        expect(problems(fn({ [name]: 'hunter2hunter2' }))).toEqual([]);
      },
    );

    it.each([
      ['an ARN', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db'],
      ['a shell variable', '$DB_PASSWORD_FROM_SSM'],
      ['a dynamic reference', '{{resolve:secretsmanager:db:SecretString:password}}'],
      ['a parameter path', '/webplat/dev/api-key'],
      ['a file URL', 'file:///run/secrets/db'],
      ['an http URL', 'http://login.internal/realms/app'],
      ['an https URL without a path', 'https://login.example.com'],
      ['an https URL with a path', 'https://login.example.com/realms/app'],
      ['an https URL with a port', 'https://login.example.com:8443/realms/app'],
      ['an https URL with a port and no path', 'https://login.example.com:8443'],
    ])('passes a value that is %s', (_label, value) => {
      expect(problems(fn({ OAUTH_ISSUER: value }))).toEqual([]);
    });

    it.each([
      ['a key with slashes in it', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
      ['a password with a dollar sign in it', 'pa$$w0rd-2024'],
      ['a word before an ARN-like text', 'xarn:aws:secretsmanager'],
      ['a URL with a port-like text that is not a number', 'https://login.example.com:abc/'],
      ['a URL with a user and a password of digits', 'https://app:123456@db.internal/'],
    ])('fails a value that is %s', (_label, value) => {
      expect(problems(fn({ AWS_SECRET_ACCESS_KEY: value }))).toEqual([NAMED('AWS_SECRET_ACCESS_KEY')]);
    });

    it('names each variable once, in order', () => {
      const script = '#!/bin/bash\nexport DB_PASSWORD=hunter2hunter2\nAPI_TOKEN=abcdef123456\nexport DB_PASSWORD=hunter2hunter2\n';
      expect(problems(template(script))).toEqual([NAMED('DB_PASSWORD, API_TOKEN')]);
    });
  });

  describe('a key or password shape, whatever it is called', () => {
    it.each([
      ['an AWS access key id', 'AKIAIOSFODNN7EXAMPLE'],
      ['a URL with a password', 'postgres://app:s3cretpass@db.internal/app'],
      ['a URL with a password and a compound scheme ending in a digit', 'postgresql+psycopg2://app:s3cretpass@db.internal/app'],
      ['a URL with a password and a one-letter scheme', 'x://app:s3cretpass@db.internal/app'],
    ])('fails %s in a function variable', (_label, value) => {
      expect(problems(fn({ SETTINGS: value }))).toEqual([SHAPED]);
    });

    it('passes a URL without a password', () => {
      expect(problems(fn({ SETTINGS: 'postgres://db.internal/app' }))).toEqual([]);
    });

    it('fails an AWS access key id in a task definition', () => {
      expect(problems(task([{ name: 'SETTINGS', value: 'id=AKIAIOSFODNN7EXAMPLE' }]))).toEqual([SHAPED]);
      expect(problems(task([{ name: 'SETTINGS', value: 'id=example' }]))).toEqual([]);
    });
  });

  describe('user data', () => {
    it.each([
      ['at the very start', 'DB_PASSWORD=hunter2hunter2\n', 'DB_PASSWORD'],
      ['after export', '#!/bin/bash\nexport DB_PASSWORD=hunter2hunter2\n', 'DB_PASSWORD'],
      ['after export and two spaces', '#!/bin/bash\nexport  DB_PASSWORD=hunter2hunter2\n', 'DB_PASSWORD'],
      ['after a semicolon', '#!/bin/bash\ncd /opt;DB_PASSWORD=hunter2hunter2 ./run\n', 'DB_PASSWORD'],
      ['named with a word that starts with export', '#!/bin/bash\nexporter_password=hunter2hunter2\n', 'exporter_password'],
      ['in an INI file, with spaces around =', '#!/bin/bash\ncat > /etc/app.ini <<EOF\ndb_password = hunter2hunter2\nEOF\n', 'db_password'],
      ['in YAML, quoted', '#cloud-config\napi_token: "0123456789abcdef"\n', 'api_token'],
    ])('fails an assignment %s', (_label, script, name) => {
      expect(problems(template(script))).toEqual([NAMED(name)]);
    });

    it('passes a key-like name that is mentioned, not assigned', () => {
      expect(problems(template('#!/bin/bash\necho DB_PASSWORD is read at boot\n'))).toEqual([]);
    });

    it('reads plain-text user data as it is when it is not base64', () => {
      expect(problems(instance('#!/bin/bash\nexport DB_PASSWORD=hunter2hunter2\n'))).toEqual([NAMED('DB_PASSWORD')]);
      expect(problems(instance('#!/bin/bash\ndnf install -y httpd\n'))).toEqual([]);
    });

    it('reads user data as it is when its base64 reading is only blanks', () => {
      // Base64 decoding stops at "=": "ICAg" is three spaces.
      expect(Buffer.from('ICAg=AKIAIOSFODNN7EXAMPLE', 'base64').toString('utf8')).toBe('   ');
      expect(problems(instance('ICAg=AKIAIOSFODNN7EXAMPLE'))).toEqual([SHAPED]);
    });

    it('reads user_data_base64 decoded', () => {
      const resource: RawResource = { type: 'aws_instance', id: 'web', values: { user_data_base64: base64('#!/bin/bash\nexport DB_PASSWORD=hunter2hunter2\n') } };
      expect(problems(resource)).toEqual([NAMED('DB_PASSWORD')]);
    });
  });
});
