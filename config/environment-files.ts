import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { combineConfigErrors, ConfigError, ConfigProblem, formatValue } from './errors';
import { ENVIRONMENT_NAME_PATTERN } from './patterns';

/** One environment file of a folder. */
export interface EnvironmentFile {
  /** The environment's name: the file name without its extension. */
  readonly name: string;
  /** Path of the file. */
  readonly path: string;
}

/** Extensions of environment files; any file ending in one of these must be an environment. */
const YAML_EXTENSION = /\.ya?ml$/i;
const ACCEPTED_EXTENSIONS = ['.yaml', '.yml'];

/**
 * The environment files of a folder, sorted by name. Every `*.yaml` and `*.yml` file is one
 * (hidden files, such as editor backups, and other extensions are not): a file whose name is
 * not an environment name, or two files for one environment (`dev.yaml` and `dev.yml`), are
 * errors rather than being skipped.
 */
export function scanEnvironmentFiles(configDir: string): EnvironmentFile[] {
  let entries: string[];
  try {
    entries = readdirSync(configDir);
  } catch {
    throw new ConfigError(displayPath(configDir), [{ field: '', expected: 'expected a folder of <environment>.yaml files' }]);
  }
  const files: EnvironmentFile[] = [];
  const errors: ConfigError[] = [];
  for (const entry of entries.filter((name) => !name.startsWith('.') && YAML_EXTENSION.test(name)).sort()) {
    const extension = entry.slice(entry.lastIndexOf('.'));
    const name = entry.slice(0, -extension.length);
    if (!ENVIRONMENT_NAME_PATTERN.test(name) || !ACCEPTED_EXTENSIONS.includes(extension)) {
      errors.push(
        new ConfigError(displayPath(join(configDir, entry)), [
          {
            field: '',
            received: formatValue(entry),
            expected: 'expected a file name that is an environment name (2-10 characters of a-z and 0-9, starting with a letter) followed by .yaml or .yml, such as dev.yaml',
          },
        ]),
      );
    } else {
      files.push({ name, path: join(configDir, entry) });
    }
  }
  const duplicates = findDuplicates(files);
  if (duplicates.length > 0) errors.push(new ConfigError(displayPath(configDir), duplicates));
  const error = combineConfigErrors(errors);
  if (error !== undefined) throw error;
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function findDuplicates(files: readonly EnvironmentFile[]): ConfigProblem[] {
  const byName = new Map<string, string[]>();
  for (const file of files) byName.set(file.name, [...(byName.get(file.name) ?? []), file.path]);
  return [...byName]
    .filter(([, paths]) => paths.length > 1)
    .map(([name, paths]) => ({
      field: 'environment',
      received: `"${name}" in ${paths.map((path) => basename(path)).join(' and ')}`,
      expected: 'expected one file per environment: keep one of them',
    }));
}

/** A path as the user would type it: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const shown = relative(process.cwd(), file);
  return shown.startsWith('..') ? file : shown;
}
