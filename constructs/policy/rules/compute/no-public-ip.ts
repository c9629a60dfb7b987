import { blocks, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

export const noPublicIp: PolicyRule = {
  id: 'EC2-NO-PUBLIC-IP',
  pack: 'compute',
  title: 'Instances get no public IP address (subnets do not hand one out).',
  explanation: 'A public address makes the instance reachable from the internet as soon as a security group rule allows it.',
  fix: 'Leave associate_public_ip_address and map_public_ip_on_launch unset or false; reach instances through the load balancer or Session Manager. The public sandbox web server needs an explicit suppression.',
  check: ({ resources }) => [
    ...ofType(resources, 'aws_instance').map((instance) => verdict(instance, instance.values.associate_public_ip_address === true && 'has a public IP address')),
    ...ofType(resources, 'aws_launch_template').map((template) =>
      verdict(template, blocks(template.values.network_interfaces).some((nic) => `${nic.associate_public_ip_address}` === 'true') && 'gives instances a public IP address'),
    ),
    ...ofType(resources, 'aws_subnet').map((subnet) => verdict(subnet, subnet.values.map_public_ip_on_launch === true && 'gives every instance launched in it a public IP address')),
  ],
};
