import { blocks, ofType, references, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Every VPC's default security group is managed and has no rules. */
export const defaultSecurityGroupClosed: PolicyRule = {
  id: 'VPC-DEFAULT-SG-CLOSED',
  pack: 'network',
  title: "Every VPC's default security group is managed with no rules.",
  explanation: 'The default group allows all traffic between its members and all egress, and anything launched without a group lands in it.',
  fix: 'Add an aws_default_security_group for the VPC with no ingress and no egress (Terraform then removes the default rules).',
  check: ({ resources }) =>
    ofType(resources, 'aws_vpc').map((vpc) => {
      const managed = ofType(resources, 'aws_default_security_group').filter((group) => references(group.values.vpc_id, vpc));
      if (managed.length === 0) return verdict(vpc, 'leaves its default security group unmanaged (it allows all traffic between members)');
      const rules = managed.flatMap((group) => [...blocks(group.values.ingress), ...blocks(group.values.egress)]);
      return verdict(vpc, rules.length > 0 && `has ${rules.length} rule(s) in its default security group`);
    }),
};
