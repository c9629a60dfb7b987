import { blocks, isLiteral, ofType, verdict } from '../../resources';
import { PolicyRule, StackResource } from '../../types';

/** Names that say the value is a secret. */
const SECRET_NAME = /(pass(word|wd|phrase)?|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth)/i;
/** Names that hold where a secret is, not the secret. */
const POINTER_NAME = /(_ARN|_ID|_NAME|_PATH|_FILE|_PARAMETER|_PARAM|_URL|_URI|_ENDPOINT|_HOST|_REGION)$/i;
/** Values that are references to a secret, not the secret: a URL with a host and maybe a port, but no user or password. */
const POINTER_VALUE = /^(arn:|\$|\{\{resolve:|\/|file:|https?:\/\/[^:@/]+(:\d+)?(\/|$))/;
/** AWS access key ids, private key blocks and URLs with a password in them. */
const SECRET_SHAPES = [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, /-----BEGIN [A-Z ]*PRIVATE KEY-----/, /[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/$]+@/i];
/** Shell and YAML assignments: NAME=value, export NAME="value", name: value. */
const ASSIGNMENT = /(?:^|[\s;])(?:export\s+)?([A-Za-z_][\w.-]*)\s*(?:=|:\s)\s*["']?([^"'\s;]+)/g;
/** Shorter literal values are placeholders, not secrets. */
const MIN_SECRET_LENGTH = 6;

/** True for a key-like name given a literal value that is not a reference. */
function isSecretPair(name: string, value: unknown): boolean {
  return (
    SECRET_NAME.test(name) && !POINTER_NAME.test(name) && isLiteral(value) && value.length >= MIN_SECRET_LENGTH && !POINTER_VALUE.test(value)
  );
}

function decodeUserData(text: string): string {
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  return /^[\t\n\r\x20-\x7e]*$/.test(decoded) && decoded.trim() !== '' ? decoded : text;
}

/**
 * Name and value pairs where a secret could be pasted, and the raw texts to scan for secret shapes.
 * A task definition's variables by name are ECS-NO-PLAINTEXT-SECRETS' (the containers pack reads
 * the container definitions); here its text is only scanned for the shapes of keys and passwords.
 */
function inlineValues(resource: StackResource): { pairs: [string, unknown][]; texts: string[] } {
  const { values } = resource;
  if (resource.type === 'aws_ecs_task_definition') {
    return { pairs: [], texts: [String(values.container_definitions ?? '')] };
  }
  if (resource.type === 'aws_lambda_function') {
    const variables = blocks(values.environment).flatMap((environment) => Object.entries(environment.variables ?? {}));
    return { pairs: variables, texts: variables.map(([, value]) => String(value)) };
  }
  const texts = [values.user_data, values.user_data_base64].filter((text): text is string => typeof text === 'string').map(decodeUserData);
  const pairs = texts.flatMap((text) => [...text.matchAll(ASSIGNMENT)].map((match): [string, unknown] => [match[1], match[2]]));
  return { pairs, texts };
}

/** No secrets written into user data, task or function environments. */
export const noInlineSecrets: PolicyRule = {
  id: 'NO-INLINE-SECRETS',
  pack: 'compute',
  title: 'No secret values in user data or in task and function environment variables.',
  explanation: 'User data and environments are readable by anyone who can describe the instance, task or function, and sit in state, plans and git in clear text.',
  fix: 'Keep the secret in Secrets Manager or SSM Parameter Store and read it at boot with the instance role (ECS: the secrets field, by ARN).',
  check: ({ resources }) =>
    ofType(resources, 'aws_launch_template', 'aws_instance', 'aws_ecs_task_definition', 'aws_lambda_function').map((resource) => {
      const { pairs, texts } = inlineValues(resource);
      const named = pairs.filter(([name, value]) => isSecretPair(name, value)).map(([name]) => name);
      const shaped = texts.some((text) => SECRET_SHAPES.some((shape) => shape.test(text)));
      const problem = named.length > 0 ? `sets ${[...new Set(named)].join(', ')} to a literal value` : shaped && 'holds what looks like a key or password';
      return verdict(resource, problem);
    }),
};
