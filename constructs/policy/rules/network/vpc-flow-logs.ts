import { ofType, references, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Every VPC has flow logs. */
export const vpcFlowLogs: PolicyRule = {
  id: 'VPC-FLOW-LOGS',
  pack: 'network',
  title: 'Every VPC has flow logs.',
  explanation: 'Without flow logs there is no record of which addresses talked to which: the first thing an incident response asks for.',
  fix: 'Add an aws_flow_log with vpc_id set to the VPC (the network tier\'s VpcFlowLogs does, into CloudWatch Logs).',
  check: ({ resources }) =>
    ofType(resources, 'aws_vpc').map((vpc) =>
      verdict(vpc, !ofType(resources, 'aws_flow_log').some((log) => references(log.values.vpc_id, vpc)) && 'has no flow logs'),
    ),
};
