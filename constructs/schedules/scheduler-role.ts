import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { policyDocument, PolicyStatement, serviceTrustPolicy } from '../iam-policy';

export interface SchedulerRoleProps {
  /** The role's name. */
  readonly name: string;
  /** The account the schedules run in: the only one whose scheduler may assume the role. */
  readonly accountId: string;
  /** ARN of the schedule group whose schedules may assume the role (and no other group's). */
  readonly scheduleGroupArn: string;
  /** Everything the role may do. */
  readonly statements: readonly PolicyStatement[];
}

/**
 * The execution role EventBridge Scheduler assumes to call the target: trusted only by
 * scheduler.amazonaws.com on behalf of one schedule group of this account (confused deputy
 * prevention), allowed only the given statements.
 */
export class SchedulerRole extends Construct {
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: SchedulerRoleProps) {
    super(scope, id);
    const role = new IamRole(this, 'role', {
      name: props.name,
      description: 'Assumed by EventBridge Scheduler to stop and start one target on a schedule',
      assumeRolePolicy: serviceTrustPolicy('scheduler.amazonaws.com', { 'aws:SourceAccount': props.accountId, 'aws:SourceArn': props.scheduleGroupArn }),
    });
    new IamRolePolicy(this, 'policy', {
      name: 'stop-and-start',
      role: role.name,
      policy: policyDocument(props.statements),
    });
    this.arn = role.arn;
  }
}
