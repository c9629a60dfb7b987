import { Naming } from '../../constructs/naming';
import type { ParsedEnvironment } from '../schema';
import { report, RuleContext } from './issue';

/** Elastic Load Balancing refuses load balancer names that begin with this. */
const RESERVED_ELB_PREFIX = 'internal-';

/**
 * Physical names AWS would refuse: the app tier names its load balancer
 * `<project>-<env>-app-alb`, and Elastic Load Balancing keeps names starting with `internal-`
 * for its internal load balancers' DNS names.
 */
export function checkPhysicalNames(env: ParsedEnvironment, ctx: RuleContext): void {
  // As stacks/app-stack.ts names its load balancer.
  const loadBalancer = new Naming(env).elbName('app', 'alb');
  if (loadBalancer.startsWith(RESERVED_ELB_PREFIX)) {
    report(
      ctx,
      ['project'],
      `expected a project name that does not start the load balancer's name with "${RESERVED_ELB_PREFIX}" (it would be ${loadBalancer}; Elastic Load Balancing refuses such names)`,
    );
  }
}
