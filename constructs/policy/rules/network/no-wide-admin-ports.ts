import { verdict } from '../../resources';
import { PolicyRule } from '../../types';
import { coversTcpPort, ingressPermissions } from './ingress-rules';

/** SSH and RDP. */
const ADMIN_PORTS = [22, 3389];

/** True for a single address: IPv4 /32 or IPv6 /128. */
function isSingleAddress(cidr: string): boolean {
  return cidr.includes(':') ? cidr.endsWith('/128') : cidr.endsWith('/32');
}

/** SSH and RDP are open to single admin addresses at most. */
export const noWideAdminPorts: PolicyRule = {
  id: 'SG-NO-WIDE-ADMIN',
  pack: 'network',
  title: 'SSH (22) and RDP (3389) are open to no CIDR wider than a single /32 admin address.',
  explanation: 'Remote administration ports are brute-forced within minutes of being reachable; Session Manager needs no open port at all.',
  fix: 'Use Session Manager (the network tier has its endpoints). If a port must stay open, admit one /32 admin address, or a security group.',
  check: ({ resources }) =>
    ingressPermissions(resources)
      .filter((permission) => ADMIN_PORTS.some((port) => coversTcpPort(permission, port)) && permission.cidrs.length > 0)
      .map((permission) => {
        const wide = permission.cidrs.filter((cidr) => !isSingleAddress(cidr));
        const ports = ADMIN_PORTS.filter((port) => coversTcpPort(permission, port)).join(' and ');
        return verdict(permission.resource, wide.length > 0 && `opens port ${ports} to ${wide.join(', ')}`);
      }),
};
