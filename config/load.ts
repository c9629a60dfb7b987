import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkAcrossEnvironments, LoadedEnvironment } from './cross-checks';
import { displayPath, scanEnvironmentFiles } from './environment-files';
import { combineConfigErrors, ConfigError, formatValue } from './errors';
import { describeIssue } from './issues';
import { readYamlMapping } from './read-yaml';
import { EnvironmentConfig, environmentSchema } from './schema';
import { readUserDataFile } from './user-data-file';

/** Where the shipped environments live, relative to the repository root. */
export const DEFAULT_CONFIG_DIR = join(__dirname, '..', 'config', 'environments');

/** Runnable examples, one folder of environment files per system: `CONFIG_DIR=examples/<name> npm run synth`. */
export const EXAMPLES_DIR = join(__dirname, '..', 'examples');

/** The example folders under examples/, sorted; none when the folder is missing. */
export function listExamples(examplesDir: string = EXAMPLES_DIR): string[] {
  try {
    return readdirSync(examplesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

/**
 * Names of the environments defined in a folder, sorted: one per `<name>.yaml` or `<name>.yml`.
 * A YAML file whose name is not an environment name, or two files for one environment, are errors.
 */
export function listEnvironments(configDir: string = DEFAULT_CONFIG_DIR): string[] {
  return scanEnvironmentFiles(configDir).map((file) => file.name);
}

/**
 * Loads and validates environments. Every file of the folder is read and validated, alone and
 * against the others (site names and hosted zones used twice), whichever are asked for; then
 * with no names every environment is returned, with names exactly those, and an unknown name is
 * an error listing the known ones. Problems of every file are reported together, so callers
 * never build half a set and users see all of them at once.
 */
export function loadEnvironments(names: readonly string[] = [], configDir: string = DEFAULT_CONFIG_DIR): EnvironmentConfig[] {
  const files = scanEnvironmentFiles(configDir);
  const known = files.map((file) => file.name);
  if (known.length === 0) {
    throw new ConfigError(displayPath(configDir), [{ field: '', expected: 'expected at least one <environment>.yaml file' }]);
  }
  const unknown = [...new Set(names)].filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new ConfigError(displayPath(configDir), [
      {
        field: 'environment',
        received: unknown.map((name) => formatValue(name)).join(', '),
        expected: `expected one of the environments defined there: ${known.join(', ')}`,
      },
    ]);
  }

  const loaded: LoadedEnvironment[] = [];
  const errors: ConfigError[] = [];
  for (const file of files) {
    try {
      loaded.push({ file: displayPath(file.path), config: loadEnvironmentFile(file.path, file.name) });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      errors.push(error);
    }
  }
  errors.push(...checkAcrossEnvironments(loaded));
  const failure = combineConfigErrors(errors);
  if (failure !== undefined) throw failure;

  const selected = new Set(names.length > 0 ? names : known);
  return loaded.map((environment) => environment.config).filter((config) => selected.has(config.environment));
}

/**
 * Loads the environments named in a comma-separated selection such as `dev,prod`
 * (from arguments or ENVIRONMENTS); empty or undefined selects all of them.
 */
export function loadSelectedEnvironments(selection: string | undefined, configDir: string = DEFAULT_CONFIG_DIR): EnvironmentConfig[] {
  return loadEnvironments(parseEnvironmentSelection(selection), configDir);
}

/** The names in a comma-separated selection such as ` dev, prod`; none for empty or undefined (every environment). */
export function parseEnvironmentSelection(selection: string | undefined): string[] {
  return (selection ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** Parses and validates one environment file whose name must match its `environment` field. */
export function loadEnvironmentFile(file: string, expectedName: string): EnvironmentConfig {
  const shown = displayPath(file);
  const raw = readYamlMapping(file, shown);
  const result = environmentSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(shown, result.error.issues.map((issue) => describeIssue(issue, raw)));
  }
  if (result.data.environment !== expectedName) {
    throw new ConfigError(shown, [
      { field: 'environment', received: formatValue(result.data.environment), expected: `expected "${expectedName}", the file's name` },
    ]);
  }
  const config = result.data;
  if (config.app.userDataFile === undefined) return config;
  return { ...config, app: { ...config.app, userData: readUserDataFile(file, shown, config.app.userDataFile) } };
}
