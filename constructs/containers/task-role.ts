import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { grantSessionLogs, SessionLogTarget } from '../compute/instance-role';
import { policyDocument } from '../iam-policy';
import { ecsTasksRole } from './ecs-tasks-role';

/** What the SSM agent in a task needs for ECS Exec: the Session Manager channels, which have no resource ARN. */
export const ECS_EXEC_ACTIONS: readonly string[] = [
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
];

export interface TaskRoleProps {
  /** The role's name, at most 64 characters. */
  readonly name: string;
  /** The environment's account: only its ECS tasks may assume the role. */
  readonly accountId: string;
  /**
   * The log group the cluster streams ECS Exec sessions to: the task may write transcripts there and nothing more.
   * @default - no log permission (the cluster records no sessions)
   */
  readonly sessionLogs?: SessionLogTarget;
}

/**
 * The application's own role inside the task: the ECS Exec channels, and writing their transcripts
 * when sessions are recorded (the SSM agent in the task streams them with this role), nothing else.
 * What the application may reach (the uploads bucket, say) is attached to it by name.
 */
export class TaskRole extends Construct {
  public readonly arn: string;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: TaskRoleProps) {
    super(scope, id);
    const role = ecsTasksRole(this, 'role', {
      name: props.name,
      description: 'The application in the task: ECS Exec sessions, and what is attached to it by name',
      accountId: props.accountId,
    });
    new IamRolePolicy(this, 'exec', {
      name: 'ecs-exec',
      role: role.name,
      policy: policyDocument([{ Sid: 'EcsExecChannels', Effect: 'Allow', Action: [...ECS_EXEC_ACTIONS], Resource: '*' }]),
    });
    if (props.sessionLogs !== undefined) grantSessionLogs(this, 'session-logs', role.name, props.sessionLogs);
    this.arn = role.arn;
    this.name = role.name;
  }
}
