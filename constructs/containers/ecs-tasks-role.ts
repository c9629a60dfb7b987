import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Construct } from 'constructs';
import { serviceTrustPolicy } from '../iam-policy';

/** The service principal ECS tasks (and the ECS agent on their behalf) assume roles as. */
export const ECS_TASKS_SERVICE = 'ecs-tasks.amazonaws.com';


export interface EcsTasksRoleProps {
  /** The role's name, at most 64 characters. */
  readonly name: string;
  readonly description: string;
  /** The only account whose ECS tasks may assume the role (confused deputy prevention). */
  readonly accountId: string;
}

/** A role only ECS tasks of this account can assume, created in `scope` as `id`, with no permission yet. */
export function ecsTasksRole(scope: Construct, id: string, props: EcsTasksRoleProps): IamRole {
  return new IamRole(scope, id, {
    name: props.name,
    description: props.description,
    assumeRolePolicy: serviceTrustPolicy(ECS_TASKS_SERVICE, { 'aws:SourceAccount': props.accountId }),
  });
}
