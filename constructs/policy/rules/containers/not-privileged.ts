import { PolicyRule } from '../../types';
import { checkContainers } from './task-definitions';

/** A boolean that is unset or false. */
const isUnsetOrFalse = (value: unknown) => value === undefined || value === null || value === false || value === 'false';

/** No container runs privileged or adds Linux capabilities. */
export const notPrivileged: PolicyRule = {
  id: 'ECS-NOT-PRIVILEGED',
  pack: 'containers',
  title: 'No container of a task definition runs privileged or adds Linux capabilities.',
  explanation:
    'A privileged container, or one given extra kernel capabilities (SYS_ADMIN, NET_ADMIN, SYS_PTRACE ...), can reach the host and the other containers on it: ' +
    'one compromised process stops being confined to its container.',
  fix: 'Drop privileged (or set it to false) and linuxParameters.capabilities.add from the container definition; give the task what it needs through its task role instead.',
  check: ({ resources }) =>
    checkContainers(resources, (container, name) => {
      const problems: string[] = [];
      const { privileged } = container;
      if (privileged === true || privileged === 'true') problems.push(`runs container ${name} privileged`);
      else if (!isUnsetOrFalse(privileged)) problems.push(`sets privileged of container ${name} to ${JSON.stringify(privileged)}, which cannot be checked`);
      const added: unknown = container.linuxParameters?.capabilities?.add;
      if (Array.isArray(added) && added.length > 0) problems.push(`adds the Linux capabilities ${added.join(', ')} to container ${name}`);
      else if (added !== undefined && added !== null && !Array.isArray(added)) problems.push(`adds Linux capabilities to container ${name} from ${JSON.stringify(added)}, which cannot be checked`);
      return problems;
    }),
};
