import { PolicyRule } from '../../types';
import { checkContainers, ContainerDefinition } from './task-definitions';

/** Words that name a credential when a variable name ends with them: DB_PASSWORD, GITHUB_TOKEN, REDIS_AUTH, DJANGO_SECRET. */
const CREDENTIAL_WORDS = new Set([
  'PASSWORD', 'PASSWORDS', 'PASSWD', 'PASS', 'PWD', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'AUTH', 'CREDENTIAL', 'CREDENTIALS', 'CREDS',
  'APIKEY', 'PRIVATEKEY', 'ACCESSKEY', 'SECRETKEY',
]);
/** Endings that name a credential inside one word: DBPASSWORD, ACCESSTOKEN, CLIENTSECRET (not PASS or AUTH: BYPASS, OAUTH). */
const CREDENTIAL_ENDINGS = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|APIKEY)$/;
/** Words that make a credential of a KEY after them: API_KEY, PRIVATE_KEY, AWS_SECRET_ACCESS_KEY. */
const KEY_KINDS = new Set(['API', 'PRIVATE', 'ACCESS', 'SECRET', 'ENCRYPTION', 'SIGNING', 'MASTER', 'LICENSE', 'HMAC', 'JWT']);
/** Words after the credential that still name the credential itself: SECRET_KEY_BASE, DB_PASSWORD_2, TOKEN_B64, PASSWORD_HASH. */
const SAME_VALUE_SUFFIXES = new Set(['BASE', 'VALUE', 'STRING', 'B64', 'BASE64', 'HASH', 'RAW', 'PLAIN', 'OLD', 'NEW', 'CURRENT', 'PREVIOUS', 'PRIMARY', 'SECONDARY']);

/** The words of an environment variable name, upper case: `dbPassword` and `DB_PASSWORD` both give DB, PASSWORD. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * True for a name that says its value is a credential: it ends with a credential word (after
 * dropping suffixes such as _2 or _BASE). A name ending in anything else (WORDPRESS_DB_PASSWORD_FILE,
 * DB_PASSWORD_SECRET_ARN, SECRET_NAME, AUTH_TYPE, TOKEN_TTL, MAX_TOKENS, AWS_ACCESS_KEY_ID) holds
 * where the credential is or something about it, not the credential.
 */
export function isCredentialName(name: string): boolean {
  const words = wordsOf(name);
  while (words.length > 1 && (SAME_VALUE_SUFFIXES.has(words[words.length - 1]) || /^\d+$/.test(words[words.length - 1]))) words.pop();
  const last = (words[words.length - 1] ?? '').replace(/\d+$/, '');
  if (CREDENTIAL_WORDS.has(last) || CREDENTIAL_ENDINGS.test(last)) return true;
  return last === 'KEY' && words.length > 1 && KEY_KINDS.has(words[words.length - 2]);
}

/**
 * Values that are visibly not a credential: empty, true or false (BASIC_AUTH=true), an ARN the
 * application resolves itself, an absolute path to a mounted file (GOOGLE_APPLICATION_CREDENTIALS, the shell's PWD).
 * A Terraform reference is never one of these: it resolves into the task definition.
 */
function isHarmless(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || typeof value === 'boolean') return true;
  const text = String(value);
  if (text.includes('${')) return false;
  return /^(true|false)$/i.test(text) || text.startsWith('arn:') || /^\/[^\s]*$/.test(text);
}

function plaintextSecrets(container: ContainerDefinition, name: string): string[] {
  const environment: unknown = container.environment;
  if (environment === undefined || environment === null) return [];
  if (!Array.isArray(environment)) return [`gives container ${name} an environment that is not a list of { name, value }, which cannot be checked`];
  const entries = environment.filter((entry) => typeof entry?.name === 'string' && isCredentialName(entry.name) && !isHarmless(entry.value));
  const literal = entries.filter((entry) => !String(entry.value).includes('${')).map((entry) => entry.name as string);
  const referenced = entries.filter((entry) => String(entry.value).includes('${')).map((entry) => entry.name as string);
  return [
    ...(literal.length > 0 ? [`sets ${literal.join(', ')} of container ${name} to a literal value in its environment`] : []),
    ...(referenced.length > 0
      ? [`sets ${referenced.join(', ')} of container ${name} in its environment from a Terraform expression, which resolves into the task definition in clear text`]
      : []),
  ];
}

/** Credentials reach containers through secrets (valueFrom), never through environment values. */
export const noPlaintextSecrets: PolicyRule = {
  id: 'ECS-NO-PLAINTEXT-SECRETS',
  pack: 'containers',
  title: 'No container environment variable named like a credential holds a value: credentials come through secrets (valueFrom).',
  explanation:
    'Environment values are part of the task definition: anyone with ecs:DescribeTaskDefinition reads them, and they sit in Terraform state and plan output in clear text, ' +
    'also when the value is a Terraform reference to a secret (it is resolved into the JSON).',
  fix:
    'Move the variable from environment to secrets: { name, valueFrom: <Secrets Manager secret ARN (":<json-key>::" for one key) or SSM parameter ARN> }, ' +
    'readable by the task execution role. A variable that holds where the credential is, not the credential, ends in _ARN, _FILE, _NAME, _PATH ... (then it is not matched).',
  check: ({ resources }) => checkContainers(resources, plaintextSecrets),
};
