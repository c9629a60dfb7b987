import { blocks, isTrue, ofType, references, verdict } from '../../resources';
import { PolicyRule } from '../../types';
import { onlyPublicSubnets, publicSubnets } from './subnets';

/** Instances in private subnets get no public IP address. */
export const noPublicIp: PolicyRule = {
  id: 'EC2-NO-PUBLIC-IP',
  pack: 'compute',
  title: 'No instance in a private subnet gets a public IP address, and no private subnet hands them out.',
  explanation: 'A public address makes an instance reachable from the internet as soon as one security group rule allows it, bypassing the load balancer and WAF.',
  fix:
    'Leave associate_public_ip_address and map_public_ip_on_launch unset or false outside public subnets; reach instances through the load balancer or ' +
    'Session Manager. A public IP is accepted only for an instance in a subnet of the same stack that routes to an internet gateway.',
  check: ({ resources }) => {
    const publicOnes = publicSubnets(resources);
    const inPublicSubnets = (subnets: unknown) => onlyPublicSubnets(subnets, resources, publicOnes);
    return [
      ...ofType(resources, 'aws_subnet').map((subnet) =>
        verdict(subnet, isTrue(subnet.values.map_public_ip_on_launch) && !publicOnes.includes(subnet) && 'hands out public IP addresses without a route to an internet gateway'),
      ),
      ...ofType(resources, 'aws_instance').map((instance) =>
        verdict(instance, isTrue(instance.values.associate_public_ip_address) && !inPublicSubnets(instance.values.subnet_id) && 'gets a public IP address outside a public subnet'),
      ),
      ...ofType(resources, 'aws_launch_template').map((template) => {
        if (!blocks(template.values.network_interfaces).some((nic) => isTrue(nic.associate_public_ip_address))) return verdict(template, false);
        const groups = ofType(resources, 'aws_autoscaling_group').filter((group) => references(group.values.launch_template ?? group.values.mixed_instances_policy, template));
        const publicOnly = groups.length > 0 && groups.every((group) => inPublicSubnets(group.values.vpc_zone_identifier));
        return verdict(template, !publicOnly && 'gives instances a public IP address, and they are not launched only in public subnets');
      }),
    ];
  },
};
