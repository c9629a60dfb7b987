import { ANYWHERE, blocks, ofType, references } from '../../resources';
import { StackResource } from '../../types';

/**
 * Subnets of the stack with a default route to an internet gateway (through an
 * aws_route or an inline route of their route table). Subnets of other stacks cannot
 * be seen, so they count as private.
 */
export function publicSubnets(resources: readonly StackResource[]): StackResource[] {
  const gateways = ofType(resources, 'aws_internet_gateway');
  const toInternet = (route: Record<string, any>) =>
    (ANYWHERE as readonly string[]).includes(route.cidr_block ?? route.destination_cidr_block ?? route.ipv6_cidr_block ?? route.destination_ipv6_cidr_block) &&
    gateways.some((gateway) => references(route.gateway_id, gateway));
  const tables = ofType(resources, 'aws_route_table').filter(
    (table) =>
      blocks(table.values.route).some(toInternet) ||
      ofType(resources, 'aws_route').some((route) => references(route.values.route_table_id, table) && toInternet(route.values)),
  );
  const associations = ofType(resources, 'aws_route_table_association').filter((association) =>
    tables.some((table) => references(association.values.route_table_id, table)),
  );
  return ofType(resources, 'aws_subnet').filter((subnet) => associations.some((association) => references(association.values.subnet_id, subnet)));
}

/** True when every subnet `value` names is a public subnet of the stack (false for none). */
export function onlyPublicSubnets(value: unknown, resources: readonly StackResource[], publicOnes: readonly StackResource[]): boolean {
  const named = ofType(resources, 'aws_subnet').filter((subnet) => references(value, subnet));
  const text = JSON.stringify(value ?? null);
  const others = text.replace(/\$\{aws_subnet\.[^}]+\}/g, '').includes('${');
  return named.length > 0 && !others && named.every((subnet) => publicOnes.includes(subnet));
}
