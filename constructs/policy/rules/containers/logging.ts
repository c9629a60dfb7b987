import { PolicyRule } from '../../types';
import { checkContainers } from './task-definitions';

/** Log drivers that ship logs off the task: CloudWatch Logs, or a FireLens log router. */
const LOG_DRIVERS = ['awslogs', 'awsfirelens'];
/** What awslogs needs to know where to write. */
const AWSLOGS_OPTIONS = ['awslogs-group', 'awslogs-region'];

const isSet = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/** Every container sends its logs to CloudWatch Logs or FireLens. */
export const logging: PolicyRule = {
  id: 'ECS-LOGGING',
  pack: 'containers',
  title: 'Every container of a task definition sends its logs through awslogs (with a log group and region) or awsfirelens.',
  explanation:
    'Without a log configuration a Fargate container\'s output is lost when the task stops, so there is nothing to investigate a crash or an intrusion with; ' +
    'awslogs without a group or region fails the task at start.',
  fix:
    'Give every container definition logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": <log group name>, "awslogs-region": <region>, ' +
    '"awslogs-stream-prefix": <prefix> } } (the log group in the same stack, with retention), or logDriver: "awsfirelens" with a FireLens log router container.',
  check: ({ resources }) =>
    checkContainers(resources, (container, name) => {
      const configuration = container.logConfiguration;
      if (configuration === undefined || configuration === null) return [`sends the logs of container ${name} nowhere (no logConfiguration)`];
      const driver: unknown = configuration.logDriver;
      if (!isSet(driver)) return [`gives container ${name} a logConfiguration without a logDriver`];
      if (!LOG_DRIVERS.includes(driver as string)) return [`sends the logs of container ${name} through the ${JSON.stringify(driver)} log driver, not awslogs or awsfirelens`];
      if (driver !== 'awslogs') return [];
      const missing = AWSLOGS_OPTIONS.filter((option) => !isSet(configuration.options?.[option]));
      return missing.length > 0 ? [`gives the awslogs configuration of container ${name} no ${missing.join(' or ')} option`] : [];
    }),
};
