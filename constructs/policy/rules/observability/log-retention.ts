import { ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Every CloudWatch log group has a retention period. */
export const logRetention: PolicyRule = {
  id: 'LOGS-RETENTION',
  pack: 'observability',
  title: 'Every CloudWatch log group has a retention period.',
  explanation: 'Log groups keep everything forever by default: the cost grows without bound and personal data is kept longer than allowed.',
  fix: 'Set retention_in_days to a value CloudWatch Logs accepts (LOG_RETENTION_DAYS in config/schema.ts), from config such as network.flowLogs.retentionDays.',
  check: ({ resources }) =>
    ofType(resources, 'aws_cloudwatch_log_group').map((group) => verdict(group, !(Number(group.values.retention_in_days ?? 0) > 0) && 'keeps logs forever (no retention_in_days)')),
};
