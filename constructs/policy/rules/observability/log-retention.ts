import { ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

export const logRetention: PolicyRule = {
  id: 'LOGS-RETENTION',
  pack: 'observability',
  title: 'Every CloudWatch log group has a retention period.',
  explanation: 'Log groups keep everything forever by default: cost grows without bound and personal data is kept longer than allowed.',
  fix: 'Set retention_in_days to a value CloudWatch offers (config: flowLogs.retentionDays and similar).',
  check: ({ resources }) =>
    ofType(resources, 'aws_cloudwatch_log_group').map((group) => verdict(group, !(group.values.retention_in_days > 0) && 'keeps logs forever (no retention_in_days)')),
};
