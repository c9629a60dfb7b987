import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError, ConfigProblem, formatFieldPath } from './errors';
import { EnvironmentConfig, environmentSchema } from './schema';

/** Where the shipped environments live, relative to the repository root. */
export const DEFAULT_CONFIG_DIR = join(__dirname, '..', 'config', 'environments');
const ENVIRONMENT_FILE = /^([a-z][a-z0-9]*)\.yaml$/;

/** Names of the environments defined in a folder, sorted. */
export function listEnvironments(configDir: string = DEFAULT_CONFIG_DIR): string[] {
  let entries: string[];
  try {
    entries = readdirSync(configDir);
  } catch {
    throw new ConfigError(displayPath(configDir), [{ field: '', expected: 'expected a folder of <environment>.yaml files' }]);
  }
  return entries
    .map((entry) => ENVIRONMENT_FILE.exec(entry)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

/**
 * Loads and validates environments. With no names, every environment in the folder;
 * with names, exactly those, and an unknown name is an error listing the known ones.
 * Every file is validated before anything is returned, so callers never build half a set.
 */
export function loadEnvironments(names: readonly string[] = [], configDir: string = DEFAULT_CONFIG_DIR): EnvironmentConfig[] {
  const known = listEnvironments(configDir);
  if (known.length === 0) {
    throw new ConfigError(displayPath(configDir), [{ field: '', expected: 'expected at least one <environment>.yaml file' }]);
  }
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new ConfigError(displayPath(configDir), [
      {
        field: 'environment',
        received: unknown.map((name) => JSON.stringify(name)).join(', '),
        expected: `expected one of the environments defined there: ${known.join(', ')}`,
      },
    ]);
  }
  const selected = names.length > 0 ? [...new Set(names)].sort() : known;
  return selected.map((name) => loadEnvironmentFile(join(configDir, `${name}.yaml`), name));
}

/**
 * Loads the environments named in a comma-separated selection such as `dev,prod`
 * (from arguments or ENVIRONMENTS); empty or undefined selects all of them.
 */
export function loadSelectedEnvironments(selection: string | undefined, configDir: string = DEFAULT_CONFIG_DIR): EnvironmentConfig[] {
  const names = (selection ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return loadEnvironments(names, configDir);
}

/** Parses and validates one environment file whose name must match its `environment` field. */
export function loadEnvironmentFile(file: string, expectedName: string): EnvironmentConfig {
  const shown = displayPath(file);
  const raw = parseYaml(file, shown);
  const result = environmentSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(shown, result.error.issues.map((issue) => describeIssue(issue, raw)));
  }
  if (result.data.environment !== expectedName) {
    throw new ConfigError(shown, [
      { field: 'environment', received: JSON.stringify(result.data.environment), expected: `expected "${expectedName}", the file's name` },
    ]);
  }
  return result.data;
}

function parseYaml(file: string, shown: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(shown, [{ field: '', expected: `expected a readable file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})` }]);
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      shown,
      document.errors.map((error) => ({
        field: '',
        expected: `expected valid YAML: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:$/, '')}${error.linePos ? ` (line ${error.linePos[0].line}, column ${error.linePos[0].col})` : ''}`,
      })),
    );
  }
  const value: unknown = document.toJS();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(shown, [{ field: '', received: JSON.stringify(value), expected: 'expected a mapping of settings at the top level' }]);
  }
  return value;
}

function describeIssue(issue: z.ZodIssue, raw: unknown): ConfigProblem {
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    return {
      field: formatFieldPath([...issue.path, issue.keys[0]]),
      received: `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`,
      expected: `expected only the keys: ${acceptedKeys(issue.path).join(', ')}`,
    };
  }
  const value = valueAt(raw, issue.path);
  return {
    field: formatFieldPath(issue.path),
    received: value === undefined ? undefined : JSON.stringify(value),
    expected: describeExpectation(issue, value),
  };
}

function describeExpectation(issue: z.ZodIssue, value: unknown): string {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return value === undefined ? `a required value (${issue.expected}) is missing` : `expected ${issue.expected}`;
    case z.ZodIssueCode.invalid_enum_value:
      return `expected one of: ${issue.options.map((option) => JSON.stringify(option)).join(', ')}`;
    case z.ZodIssueCode.too_small:
      return issue.message.startsWith('expected') ? issue.message : `expected at least ${issue.minimum}`;
    case z.ZodIssueCode.too_big:
      return issue.message.startsWith('expected') ? issue.message : `expected at most ${issue.maximum}`;
    default:
      return issue.message.startsWith('expected') ? issue.message : `expected ${issue.message.toLowerCase()}`;
  }
}

function valueAt(raw: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined), raw);
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

function displayPath(file: string): string {
  const shown = relative(process.cwd(), file);
  return shown.startsWith('..') ? file : shown;
}
