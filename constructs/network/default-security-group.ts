import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Construct } from 'constructs';
import { Naming } from '../naming';

export interface LockedDefaultSecurityGroupProps {
  /** Physical names and Name tags. */
  readonly naming: Naming;
  readonly vpcId: string;
}

/**
 * Takes over the VPC's default security group and removes all its rules, so anything
 * launched without an explicit group can neither send nor receive (CIS AWS 5.4).
 */
export class LockedDefaultSecurityGroup extends Construct {
  public readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: LockedDefaultSecurityGroupProps) {
    super(scope, id);
    const group = new DefaultSecurityGroup(this, 'default-sg', {
      vpcId: props.vpcId,
      ingress: [],
      egress: [],
      tags: { Name: props.naming.name('network', 'default-do-not-use', 255) },
    });
    this.securityGroupId = group.id;
  }
}
