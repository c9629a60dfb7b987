import { ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** A key-like name assigned a literal value of 8+ characters, or an AWS access key id. */
const SECRET_ASSIGNMENT = /(password|passwd|secret|api[_-]?key|access[_-]?key|private[_-]?key|token)["']?\s*[:=]\s*["']?(?!\$\{)[^\s"'$]{8,}/i;
const ACCESS_KEY_ID = /\b(AKIA|ASIA)[0-9A-Z]{16}\b/;

function decode(userData: string): string {
  const decoded = Buffer.from(userData, 'base64').toString('utf8');
  return /^[\x09\x0a\x0d\x20-\x7e]*$/.test(decoded) ? decoded : userData;
}

/** The literal text of user data and container environments, where secrets get pasted. */
function inlineTexts(values: Record<string, any>, type: string): string[] {
  if (type === 'aws_ecs_task_definition') return [String(values.container_definitions ?? '')];
  return [values.user_data, values.user_data_base64].filter((text): text is string => typeof text === 'string').map(decode);
}

export const noInlineSecrets: PolicyRule = {
  id: 'NO-INLINE-SECRETS',
  pack: 'compute',
  title: 'No secret values in user data or container environment variables.',
  explanation: 'User data and task definitions are readable by anyone who can describe the instance or task, and end up in state, logs and git.',
  fix: 'Keep the secret in Secrets Manager or SSM Parameter Store and read it at boot (or use the ECS secrets field).',
  check: ({ resources }) =>
    [...ofType(resources, 'aws_launch_template'), ...ofType(resources, 'aws_instance'), ...ofType(resources, 'aws_ecs_task_definition')].map((resource) => {
      const hit = inlineTexts(resource.values, resource.type).find((text) => SECRET_ASSIGNMENT.test(text) || ACCESS_KEY_ID.test(text));
      return verdict(resource, hit !== undefined && 'has what looks like a secret value written inline');
    }),
};
