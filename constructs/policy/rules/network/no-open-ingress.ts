import { blocks, ofType, verdict } from '../../resources';
import { PolicyRule, StackResource } from '../../types';

const ANYWHERE = ['0.0.0.0/0', '::/0'];

/** Ingress rules of both styles: separate rule resources and inline blocks. */
export function ingressRules(resources: readonly StackResource[]): { resource: StackResource; rule: Record<string, any> }[] {
  return [
    ...ofType(resources, 'aws_vpc_security_group_ingress_rule').map((resource) => ({
      resource,
      rule: { ...resource.values, cidr_blocks: [resource.values.cidr_ipv4].filter(Boolean), ipv6_cidr_blocks: [resource.values.cidr_ipv6].filter(Boolean) },
    })),
    ...ofType(resources, 'aws_security_group_rule')
      .filter((resource) => resource.values.type === 'ingress')
      .map((resource) => ({ resource, rule: resource.values })),
    ...ofType(resources, 'aws_security_group').flatMap((resource) => blocks(resource.values.ingress).map((rule) => ({ resource, rule }))),
  ];
}

export const noOpenIngress: PolicyRule = {
  id: 'SG-NO-OPEN-INGRESS',
  pack: 'network',
  title: 'No security group admits 0.0.0.0/0 or ::/0.',
  explanation: 'An ingress rule open to the internet exposes the service to every scanner; here only CloudFront reaches the load balancer.',
  fix: 'Admit a security group, a prefix list or a narrow CIDR. An intended public entry (public ALB on 80/443, the public sandbox web server) needs an explicit suppression with the reason.',
  check: ({ resources }) =>
    ingressRules(resources).map(({ resource, rule }) => {
      const open = [...(rule.cidr_blocks ?? []), ...(rule.ipv6_cidr_blocks ?? [])].filter((cidr: string) => ANYWHERE.includes(cidr));
      return verdict(resource, open.length > 0 && `admits ${open.join(' and ')} on ports ${rule.from_port}-${rule.to_port}`);
    }),
};
