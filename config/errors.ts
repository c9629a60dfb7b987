/** One problem in one configuration file: where, what was received, what is accepted. */
export interface ConfigProblem {
  /** Field path such as `network.subnets.public[1]`; empty for the file as a whole. */
  readonly field: string;
  /** What the file holds there, rendered as JSON, or undefined when the value is missing. */
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

function formatProblems(file: string, problems: readonly ConfigProblem[]): string {
  const lines = problems.map((problem) => {
    if (problem.field === '' && problem.received === undefined) return `  - ${problem.expected}`;
    const where = problem.field === '' ? '(file)' : problem.field;
    const got = problem.received === undefined ? 'missing' : `got ${problem.received}`;
    return `  - ${where}: ${got}; ${problem.expected}`;
  });
  return [`Invalid configuration in ${file}:`, ...lines].join('\n');
}

/** Renders a config path the way a reader writes it: `network.subnets.public[1]`. */
export function formatFieldPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? key : `${text}.${key}`), '');
}
