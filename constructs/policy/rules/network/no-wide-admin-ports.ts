import { verdict } from '../../resources';
import { PolicyRule } from '../../types';
import { ingressRules } from './no-open-ingress';

const ADMIN_PORTS = [22, 3389];

export const noWideAdminPorts: PolicyRule = {
  id: 'SG-NO-WIDE-ADMIN',
  pack: 'network',
  title: 'SSH (22) and RDP (3389) are open to no CIDR wider than one /32 admin address.',
  explanation: 'Remote administration ports are brute-forced within minutes of being reachable; Session Manager needs no open port at all.',
  fix: 'Use Session Manager; if a port must stay open, admit a single /32 admin address.',
  check: ({ resources }) =>
    ingressRules(resources)
      .filter(({ rule }) => rule.protocol === '-1' || rule.ip_protocol === '-1' || ADMIN_PORTS.some((port) => rule.from_port <= port && port <= rule.to_port))
      .map(({ resource, rule }) => {
        const wide = [...(rule.cidr_blocks ?? []), ...(rule.ipv6_cidr_blocks ?? [])].filter((cidr: string) => !cidr.endsWith('/32') && !cidr.endsWith('/128'));
        return verdict(resource, wide.length > 0 && `opens an admin port (${rule.from_port}-${rule.to_port}) to ${wide.join(', ')}`);
      }),
};
