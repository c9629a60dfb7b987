import { remoteStates, S3BackendSettings, s3Backend, StackJson } from '../stack-json';
import { SynthesizedStack } from '../stack-order';

/**
 * What an operations team needs to know about one synthesized stack, read from its Terraform JSON
 * alone: where its state lives, the variables it expects, the outputs it publishes and which later
 * stacks read them (through terraform_remote_state), and the data sources it reads while planning.
 */

/** Where a stack keeps its state. */
export type StateBackend = { readonly kind: 'local'; readonly path: string } | ({ readonly kind: 's3' } & S3BackendSettings);

export interface VariableFact {
  readonly name: string;
  readonly description: string;
  readonly sensitive: boolean;
  /** Whether terraform asks for it (no default). */
  readonly required: boolean;
}

export interface OutputFact {
  readonly name: string;
  readonly description: string;
  /** The later stacks that read it, by name, in apply order. */
  readonly readBy: string[];
}

export interface StackFacts {
  readonly stack: SynthesizedStack;
  readonly json: StackJson;
  readonly backend: StateBackend;
  readonly resourceCount: number;
  readonly variables: VariableFact[];
  readonly outputs: OutputFact[];
  /** Data source types the stack reads while planning (`terraform_remote_state` included), sorted. */
  readonly dataSources: string[];
}

/** The backend block of a stack; a stack without one keeps local state in `terraform.tfstate`. */
export function stateBackend(name: string, json: StackJson): StateBackend {
  const s3 = s3Backend(name, json);
  if (s3 !== undefined) return { kind: 's3', ...s3 };
  const local = (json.terraform?.backend as { local?: { path?: unknown } } | undefined)?.local;
  return { kind: 'local', path: String(local?.path ?? 'terraform.tfstate') };
}

/** The outputs of each remote state a stack's JSON reads, by data source name. */
function outputsRead(json: StackJson): Map<string, Set<string>> {
  const read = new Map<string, Set<string>>();
  const text = JSON.stringify({ ...json, data: { ...json.data, terraform_remote_state: undefined } });
  for (const match of text.matchAll(/data\.terraform_remote_state\.([\w-]+)\.outputs\.(\w+)/g)) {
    if (!read.has(match[1])) read.set(match[1], new Set());
    read.get(match[1])!.add(match[2]);
  }
  return read;
}

/** The facts of each stack, given in apply order with its parsed JSON. */
export function stackFacts(ordered: readonly { stack: SynthesizedStack; json: StackJson }[]): StackFacts[] {
  const stateKeyOf = new Map(ordered.map(({ stack, json }) => [stack.name, stateBackend(stack.name, json)]));
  const readers = new Map<string, Map<string, string[]>>();
  for (const { stack: reader, json } of ordered) {
    const keys = new Map(remoteStates(reader.name, json).map((remote) => [remote.name, remote.key]));
    for (const [source, outputs] of outputsRead(json)) {
      const key = keys.get(source);
      const producer = ordered.find(({ stack }) => {
        const backend = stateKeyOf.get(stack.name)!;
        return backend.kind === 's3' && backend.key === key;
      });
      if (producer === undefined) continue;
      const byOutput = readers.get(producer.stack.name) ?? new Map<string, string[]>();
      readers.set(producer.stack.name, byOutput);
      for (const output of outputs) byOutput.set(output, [...(byOutput.get(output) ?? []), reader.name]);
    }
  }
  return ordered.map(({ stack, json }) => ({
    stack,
    json,
    backend: stateKeyOf.get(stack.name)!,
    resourceCount: Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0),
    variables: Object.entries(json.variable ?? {})
      .map(([name, variable]) => ({ name, description: variable.description ?? '', sensitive: variable.sensitive === true, required: !('default' in variable) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    outputs: Object.entries(json.output ?? {})
      .map(([name, output]) => ({ name, description: output.description ?? '', readBy: readers.get(stack.name)?.get(name) ?? [] }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    dataSources: Object.keys(json.data ?? {}).sort(),
  }));
}
