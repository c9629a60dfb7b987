import type { ConfigProblem } from '../../config/errors';
import { describeIssue } from '../../config/issues';
import { EnvironmentConfig, environmentSchema } from '../../config/schema';
import { baseInput } from './fixtures';

/**
 * The base environment (fixtures.ts) changed and parsed in-process, as loadEnvironmentFile parses
 * a file (the schema, then each issue described against the raw input) but without writing one:
 * for tests that try many values of one field.
 */
export type InputChange = (input: Record<string, any>) => void;

/** The base environment after `change`, parsed, and its problems as the loader reports them. */
function parse(change: InputChange) {
  const input: Record<string, any> = baseInput();
  change(input);
  const result = environmentSchema.safeParse(input);
  return { result, problems: result.success ? [] : result.error.issues.map((issue): ConfigProblem => describeIssue(issue, input)) };
}

/** Every problem the base environment has after `change`, as the loader reports them; [] when it loads. */
export function schemaProblems(change: InputChange): ConfigProblem[] {
  return parse(change).problems;
}

/** The base environment after `change`, validated; throws with its problems when it does not load. */
export function schemaParsed(change: InputChange = () => undefined): EnvironmentConfig {
  const { result, problems } = parse(change);
  if (!result.success) throw new Error(`expected the configuration to load, but: ${JSON.stringify(problems)}`);
  return result.data;
}
