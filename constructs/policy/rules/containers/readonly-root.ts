import { PolicyRule } from '../../types';
import { checkContainers } from './task-definitions';

/** Every container's root filesystem is read-only. */
export const readonlyRoot: PolicyRule = {
  id: 'ECS-READONLY-ROOT',
  pack: 'containers',
  title: 'Every container of a task definition has a read-only root filesystem.',
  explanation:
    'A writable root filesystem lets an attacker who gets code execution in the container replace binaries, drop tools and persist in it, ' +
    'and lets the application write state that a task replacement silently loses.',
  fix:
    'Set readonlyRootFilesystem: true on every container definition and mount a volume (or bind mount) where the application must write (/tmp, caches). ' +
    'Where the image truly writes to its root, suppress ECS-READONLY-ROOT on the task definition with the reason (it covers all its containers).',
  check: ({ resources }) =>
    checkContainers(resources, (container, name) =>
      container.readonlyRootFilesystem === true ? [] : [`leaves the root filesystem of container ${name} writable (readonlyRootFilesystem is not true)`],
    ),
};
