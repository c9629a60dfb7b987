import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
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
}

/**
 * The application's own role inside the task: the ECS Exec channels and nothing else. What the
 * application may reach (the uploads bucket, say) is attached to it by name.
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
    this.arn = role.arn;
    this.name = role.name;
  }
}
