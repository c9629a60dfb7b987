import { z } from 'zod';
import { ConfigProblem, formatFieldPath, formatValue } from './errors';
import { environmentSchema } from './schema';

/** Unknown keys named in one problem; the rest are counted. */
const MAX_KEYS_NAMED = 5;

/**
 * Turns a schema issue into a problem: the field, the value the file holds there (shortened
 * and escaped), and what is accepted. A rule may pass the received text itself
 * (`params.received`) when the problem is about a key or a count rather than the value.
 */
export function describeIssue(issue: z.ZodIssue, raw: unknown): ConfigProblem {
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    const named = issue.keys.slice(0, MAX_KEYS_NAMED).map((key) => formatValue(key));
    const more = issue.keys.length > MAX_KEYS_NAMED ? ` and ${issue.keys.length - MAX_KEYS_NAMED} more` : '';
    return {
      field: formatFieldPath([...issue.path, issue.keys[0]]),
      received: `unknown key${issue.keys.length > 1 ? 's' : ''} ${named.join(', ')}${more}`,
      expected: `expected only the keys: ${acceptedKeys(issue.path).join(', ')}`,
    };
  }
  const value = valueAt(raw, issue.path);
  const received = issue.code === z.ZodIssueCode.custom && typeof issue.params?.received === 'string' ? issue.params.received : undefined;
  return {
    field: formatFieldPath(issue.path),
    received: received ?? (value === undefined ? undefined : formatValue(value)),
    expected: describeExpectation(issue, value),
  };
}

function describeExpectation(issue: z.ZodIssue, value: unknown): string {
  const own = issue.message.startsWith('expected') ? issue.message : undefined;
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (value === undefined) return `a required value (${issue.expected}) is missing`;
      return own ?? `expected ${issue.expected}`;
    case z.ZodIssueCode.invalid_enum_value:
      return `expected one of: ${issue.options.map((option) => JSON.stringify(option)).join(', ')}`;
    case z.ZodIssueCode.too_small:
      return own ?? `expected at least ${issue.minimum}`;
    case z.ZodIssueCode.too_big:
      return own ?? `expected at most ${issue.maximum}`;
    default:
      return own ?? `expected ${issue.message.toLowerCase()}`;
  }
}

function valueAt(raw: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>(
    (node, key) => (node !== null && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string | number, unknown>)[key] : undefined),
    raw,
  );
}

/** The keys the schema accepts for the object at `path`. */
function acceptedKeys(path: readonly (string | number)[]): string[] {
  let schema: z.ZodTypeAny = environmentSchema;
  for (const key of [...path, undefined]) {
    schema = unwrap(schema);
    if (key === undefined) break;
    if (schema instanceof z.ZodObject) schema = schema.shape[key];
    else if (schema instanceof z.ZodArray) schema = schema.element;
    else if (schema instanceof z.ZodRecord) schema = schema.valueSchema;
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodEffects) current = current.innerType();
    else if (current instanceof z.ZodDefault || current instanceof z.ZodOptional) current = current._def.innerType;
    else return current;
  }
}
