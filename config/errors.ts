import { formatValue, quoteText } from './format-value';

export { formatValue, quoteText } from './format-value';

/** One problem in one configuration file: where, what was received, what is accepted. */
export interface ConfigProblem {
  /** Field path such as `network.subnets.public[1]`; empty for the file as a whole. */
  readonly field: string;
  /** What the file holds there, rendered (and shortened) by formatValue, or undefined when the value is missing. */
  readonly received?: string;
  /** What is accepted there. */
  readonly expected: string;
}

/**
 * Bad configuration. The message names the file, and for each problem the field,
 * the value received and what is accepted, so the CLI can print it as it is.
 */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(formatProblems(file, problems));
    this.name = 'ConfigError';
  }
}

/**
 * Problems in several files at once. `file` and `problems` are the first file's;
 * `errors` holds one ConfigError per file and the message lists them all.
 */
export class ConfigErrors extends ConfigError {
  constructor(readonly errors: readonly ConfigError[]) {
    super(errors[0].file, errors[0].problems);
    this.message = errors.map((error) => error.message).join('\n');
  }
}

/** One ConfigError for one file, a ConfigErrors for several; undefined when there is none. */
export function combineConfigErrors(errors: readonly ConfigError[]): ConfigError | undefined {
  if (errors.length === 0) return undefined;
  return errors.length === 1 ? errors[0] : new ConfigErrors(errors);
}

/** Problems a message lists for one file; the rest are counted (a list of 5000 bad items is one mistake). */
export const MAX_PROBLEMS_SHOWN = 20;

function formatProblems(file: string, problems: readonly ConfigProblem[]): string {
  const lines = problems.slice(0, MAX_PROBLEMS_SHOWN).map((problem) => {
    if (problem.field === '' && problem.received === undefined) return `  - ${problem.expected}`;
    const where = problem.field === '' ? '(file)' : problem.field;
    const got = problem.received === undefined ? 'missing' : `got ${problem.received}`;
    return `  - ${where}: ${got}; ${problem.expected}`;
  });
  const hidden = problems.length - MAX_PROBLEMS_SHOWN;
  if (hidden > 0) lines.push(`  - … and ${hidden} more problem${hidden === 1 ? '' : 's'}`);
  return [`Invalid configuration in ${quoteText(file, { quotes: false, max: 4096 })}:`, ...lines].join('\n');
}

/** Keys written plainly in a field path; any other key is shown quoted in brackets. */
const PLAIN_KEY = /^[A-Za-z0-9_$-]{1,64}$/;

/**
 * Renders a config path the way a reader writes it: `network.subnets.public[1]`.
 * Keys that are not plain words (`tags["aws:created-by"]`) are quoted, escaped and shortened.
 */
export function formatFieldPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    if (!PLAIN_KEY.test(key)) return `${text}[${formatValue(key)}]`;
    return text === '' ? key : `${text}.${key}`;
  }, '');
}
