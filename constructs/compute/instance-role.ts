import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { policyDocument } from '../iam-policy';

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
}

/**
 * An EC2 instance role that only Session Manager uses (AmazonSSMManagedInstanceCore), and its
 * instance profile, created in `scope` as `role`, `ssm` and `profile` (the ids the web servers
 * and the sandbox servers have always had: changing them would replace the roles).
 */
export function sessionManagerInstanceRole(scope: Construct, props: SessionManagerInstanceRoleProps): { readonly role: IamRole; readonly profile: IamInstanceProfile } {
  const role = new IamRole(scope, 'role', {
    name: props.name,
    ...(props.description === undefined ? {} : { description: props.description }),
    assumeRolePolicy: policyDocument([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
  });
  new IamRolePolicyAttachment(scope, 'ssm', { role: role.name, policyArn: SSM_MANAGED_INSTANCE_POLICY });
  const profile = new IamInstanceProfile(scope, 'profile', { name: props.name, role: role.name });
  return { role, profile };
}
