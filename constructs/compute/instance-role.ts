import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { PolicyStatement, policyDocument } from '../iam-policy';

/** Lets Session Manager reach the instances: no SSH key, no port 22, no bastion. */
export const SSM_MANAGED_INSTANCE_POLICY = 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore';

export interface SessionManagerInstanceRoleProps {
  /** Name of both the role and its instance profile. */
  readonly name: string;
  /**
   * The role's description.
   * @default - none
   */
  readonly description?: string;
  /**
   * The log group Session Manager streams this role's sessions to: the role may write transcripts there.
   * @default - no log permission: for an account whose session preferences stream nowhere
   */
  readonly sessionLogs?: SessionLogTarget;
}

/**
 * The ops tier's session log group, named before it exists (the app stack is applied first), in
 * the region and account of the sessions.
 */
export interface SessionLogTarget {
  readonly logGroupName: string;
  readonly region: string;
  readonly accountId: string;
}

/**
 * What an SSM agent needs to stream a session to `target` and nothing more (Session Manager's and
 * ECS Exec's documented permissions): create streams and put events in the group, list the group's
 * streams, and DescribeLogGroups, a list call IAM authorizes only on `*`: the agent makes it to check that
 * the group exists and is encrypted (cloudWatchEncryptionEnabled) before it streams, and a statement
 * naming the group alone would be refused.
 */
export function sessionLogStatements(target: SessionLogTarget): PolicyStatement[] {
  const group = `arn:aws:logs:${target.region}:${target.accountId}:log-group:${target.logGroupName}`;
  return [
    { Sid: 'WriteSessionTranscripts', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${group}:log-stream:*` },
    { Sid: 'ListSessionLogStreams', Effect: 'Allow', Action: 'logs:DescribeLogStreams', Resource: `${group}:*` },
    { Sid: 'FindSessionLogGroup', Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' },
  ];
}

/** Attaches the session log permissions (sessionLogStatements) to `roleName` as the inline policy `session-logs`, created in `scope` as `id`. */
export function grantSessionLogs(scope: Construct, id: string, roleName: string, target: SessionLogTarget): IamRolePolicy {
  return new IamRolePolicy(scope, id, { name: 'session-logs', role: roleName, policy: policyDocument(sessionLogStatements(target)) });
}

/**
 * An EC2 instance role that only Session Manager uses (AmazonSSMManagedInstanceCore), and its
 * instance profile, created in `scope` as `role`, `ssm` and `profile` (the ids the web servers
 * and the sandbox servers have always had: changing them would replace the roles), with
 * `session-logs` when sessions are recorded.
 */
export function sessionManagerInstanceRole(scope: Construct, props: SessionManagerInstanceRoleProps): { readonly role: IamRole; readonly profile: IamInstanceProfile } {
  const role = new IamRole(scope, 'role', {
    name: props.name,
    ...(props.description === undefined ? {} : { description: props.description }),
    assumeRolePolicy: policyDocument([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
  });
  new IamRolePolicyAttachment(scope, 'ssm', { role: role.name, policyArn: SSM_MANAGED_INSTANCE_POLICY });
  const profile = new IamInstanceProfile(scope, 'profile', { name: props.name, role: role.name });
  if (props.sessionLogs !== undefined) grantSessionLogs(scope, 'session-logs', role.name, props.sessionLogs);
  return { role, profile };
}
