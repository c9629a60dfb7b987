import { ANYWHERE, isTrue, ofType, references, verdict } from '../../resources';
import { PolicyRule, StackResource } from '../../types';
import { IngressPermission, ingressPermissions, isOnGroup } from './ingress-rules';

/** Ports an internet-facing load balancer may open to everyone. */
const WEB_PORTS = [80, 443];

/** Security groups of the stack that an internet-facing application load balancer of the stack uses. */
function publicLoadBalancerGroups(resources: readonly StackResource[]): StackResource[] {
  const albs = ofType(resources, 'aws_lb').filter((lb) => !isTrue(lb.values.internal) && (lb.values.load_balancer_type ?? 'application') === 'application');
  return ofType(resources, 'aws_security_group').filter((group) => albs.some((lb) => references(lb.values.security_groups, group)));
}

/** True for a permission on such a group, for tcp 80 or 443 alone. */
function isWebEntry(permission: IngressPermission, albGroups: readonly StackResource[]): boolean {
  return (
    albGroups.some((group) => isOnGroup(permission, group)) &&
    ['tcp', '6'].includes(permission.protocol) &&
    permission.fromPort === permission.toPort &&
    WEB_PORTS.includes(permission.fromPort)
  );
}

/** No security group admits the whole internet (except a public ALB on 80/443). */
export const noOpenIngress: PolicyRule = {
  id: 'SG-NO-OPEN-INGRESS',
  pack: 'network',
  title: 'No security group admits 0.0.0.0/0 or ::/0, except an internet-facing ALB on 80/443.',
  explanation: 'An ingress rule open to the internet exposes the service to every scanner; behind CloudFront, only CloudFront should reach the origin.',
  fix:
    'Admit a security group, a managed prefix list (CloudFront origin-facing) or a narrow CIDR. An ALB in the same stack may take 80/443 from anywhere; ' +
    "any other intended public entry (the public sandbox web server) needs suppressPolicy(group, 'SG-NO-OPEN-INGRESS', reason) where the config opens it.",
  check: ({ resources }) => {
    const albGroups = publicLoadBalancerGroups(resources);
    return ingressPermissions(resources).map((permission) => {
      const open = permission.cidrs.filter((cidr) => (ANYWHERE as readonly string[]).includes(cidr));
      const allowed = open.length === 0 || isWebEntry(permission, albGroups);
      return verdict(permission.resource, !allowed && `admits ${open.join(' and ')} on ${permission.protocol} ports ${permission.fromPort}-${permission.toPort}`);
    });
  },
};
