import { blocks, ofType, references } from '../../resources';
import { StackResource } from '../../types';

/** One ingress permission, whichever way it is written. */
export interface IngressPermission {
  /** The resource to report (the rule resource, or the group with the inline block). */
  readonly resource: StackResource;
  /** The security group the permission is on: the group's own reference or a `${...}` expression. */
  readonly group: unknown;
  /** Source CIDR blocks, IPv4 and IPv6 (none for security group or prefix list sources). */
  readonly cidrs: readonly string[];
  /** IP protocol, lowercased (as the provider does): tcp, udp, -1 (all), 6... */
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
}

const ALL_PROTOCOLS = ['-1', 'all'];

function permission(resource: StackResource, group: unknown, rule: Record<string, any>, cidrs: unknown[], protocol: unknown): IngressPermission {
  const name = String(protocol).toLowerCase();
  const all = ALL_PROTOCOLS.includes(name);
  return {
    resource,
    group,
    cidrs: cidrs.filter((cidr): cidr is string => typeof cidr === 'string'),
    protocol: name,
    fromPort: all ? 0 : Number(rule.from_port ?? 0),
    toPort: all ? 65535 : Number(rule.to_port ?? 65535),
  };
}

/** Every ingress permission of the stack: rule resources of both kinds and inline ingress blocks. */
export function ingressPermissions(resources: readonly StackResource[]): IngressPermission[] {
  return [
    ...ofType(resources, 'aws_vpc_security_group_ingress_rule').map((r) =>
      permission(r, r.values.security_group_id, r.values, [r.values.cidr_ipv4, r.values.cidr_ipv6], r.values.ip_protocol),
    ),
    ...ofType(resources, 'aws_security_group_rule')
      .filter((r) => r.values.type === 'ingress')
      .map((r) => permission(r, r.values.security_group_id, r.values, [...blocks(r.values.cidr_blocks), ...blocks(r.values.ipv6_cidr_blocks)], r.values.protocol)),
    ...ofType(resources, 'aws_security_group', 'aws_default_security_group').flatMap((group) =>
      blocks(group.values.ingress).map((rule) =>
        permission(group, `\${${group.address}.id}`, rule, [...blocks(rule.cidr_blocks), ...blocks(rule.ipv6_cidr_blocks)], rule.protocol),
      ),
    ),
  ];
}

/** True when the permission is on `group`, a security group of the stack. */
export function isOnGroup(permission: IngressPermission, group: StackResource): boolean {
  return references(permission.group, group);
}

/** True when the permission's port range includes `port` (tcp or all protocols). */
export function coversTcpPort(permission: IngressPermission, port: number): boolean {
  return ['tcp', '6', ...ALL_PROTOCOLS].includes(permission.protocol) && permission.fromPort <= port && port <= permission.toPort;
}
