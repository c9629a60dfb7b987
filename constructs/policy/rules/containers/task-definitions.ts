import { ofType, verdict } from '../../resources';
import { RuleVerdict, StackResource } from '../../types';

/** One container definition of a task, as in the ECS API (`name`, `image`, `environment`, `logConfiguration`, ...). */
export type ContainerDefinition = Readonly<Record<string, any>>;

type Parsed = { readonly containers: readonly ContainerDefinition[] } | { readonly unreadable: string };

const parsed = new WeakMap<object, Parsed>();

/**
 * The containers of a task definition, read from its `container_definitions` JSON string
 * (written with JSON.stringify; Terraform references sit inside it as `${...}` text). Anything
 * else (a `${jsonencode(...)}` expression, a reference to JSON made elsewhere, not an array of
 * objects) cannot be checked: the reason, which every rule of the pack reports as a finding.
 */
function containersOf(task: StackResource): Parsed {
  let result = parsed.get(task.values);
  if (result !== undefined) return result;
  const text: unknown = task.values.container_definitions;
  const unreadable = (why: string): Parsed => ({
    unreadable: `has container_definitions that ${why}, so its containers cannot be checked (write it with JSON.stringify, Terraform references inside the strings)`,
  });
  if (typeof text !== 'string') {
    result = unreadable('is not a JSON string');
  } else {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (value === undefined) result = unreadable(text.trimStart().startsWith('${') ? 'is a Terraform expression, not JSON' : 'is not valid JSON');
    else if (!Array.isArray(value) || value.some((item) => typeof item !== 'object' || item === null || Array.isArray(item)))
      result = unreadable('is not a JSON array of container definitions');
    else result = { containers: value };
  }
  parsed.set(task.values, result);
  return result;
}

/** A container's name for messages: its `name`, or its position when it has none. */
export function containerName(container: ContainerDefinition, index: number): string {
  return typeof container.name === 'string' && container.name !== '' ? container.name : `#${index + 1}`;
}

/**
 * A verdict per task definition of the stack: `problems` lists what is wrong with each
 * container (none: compliant); a task whose containers cannot be read fails with why.
 */
export function checkContainers(
  resources: readonly StackResource[],
  problems: (container: ContainerDefinition, name: string) => readonly string[],
): RuleVerdict[] {
  return ofType(resources, 'aws_ecs_task_definition').map((task) => {
    const result = containersOf(task);
    if ('unreadable' in result) return verdict(task, result.unreadable);
    const found = result.containers.flatMap((container, index) => problems(container, containerName(container, index)));
    return verdict(task, found.length > 0 && found.join('; '));
  });
}
