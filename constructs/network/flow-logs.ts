import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { NetworkConfig } from '../../config/schema';
import { policyDocument, serviceTrustPolicy } from '../iam-policy';
import { Naming } from '../naming';

/** Which traffic a flow log records. */
export type FlowLogTrafficType = NetworkConfig['flowLogs']['trafficType'];

/** The service principal that delivers flow logs to CloudWatch Logs. */
export const FLOW_LOGS_SERVICE = 'vpc-flow-logs.amazonaws.com';

export interface VpcFlowLogsProps {
  /** Physical names and Name tags. */
  readonly naming: Naming;
  readonly vpcId: string;
  /** The account the VPC is in; only flow logs of this account may assume the delivery role. */
  readonly accountId: string;
  /** Days the log group keeps flow log records (a value CloudWatch Logs accepts). */
  readonly retentionDays: number;
  /**
   * Which traffic is recorded.
   * @default 'ALL'
   */
  readonly trafficType?: FlowLogTrafficType;
  /**
   * Customer-managed KMS key that encrypts the log group; its key policy must let
   * logs.<region>.amazonaws.com use it.
   * @default the CloudWatch Logs service key
   */
  readonly kmsKeyArn?: string;
}

/**
 * VPC flow logs into a CloudWatch log group with a fixed retention. The delivery role
 * can be assumed only by the flow logs service on behalf of this account (confused-deputy
 * guard) and may only write to this one log group.
 */
export class VpcFlowLogs extends Construct {
  public readonly flowLogId: string;
  public readonly logGroupName: string;
  public readonly logGroupArn: string;
  public readonly roleArn: string;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const name = props.naming.name('network', 'flow-logs', 64);

    const logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/aws/vpc/${name}`,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.kmsKeyArn,
    });

    const role = new IamRole(this, 'role', {
      name,
      description: 'Delivers the VPC flow logs to their CloudWatch log group.',
      assumeRolePolicy: serviceTrustPolicy(FLOW_LOGS_SERVICE, { 'aws:SourceAccount': props.accountId }),
    });
    new IamRolePolicy(this, 'role-policy', {
      name: 'write-flow-log-group',
      role: role.id,
      policy: policyDocument([
        {
          Sid: 'WriteFlowLogGroup',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams'],
          Resource: [logGroup.arn, `${logGroup.arn}:*`],
        },
      ]),
    });

    const flowLog = new FlowLog(this, 'flow-log', {
      vpcId: props.vpcId,
      trafficType: props.trafficType ?? 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      tags: { Name: name },
    });
    this.flowLogId = flowLog.id;
    this.logGroupName = logGroup.name;
    this.logGroupArn = logGroup.arn;
    this.roleArn = role.arn;
  }
}
