import { z } from 'zod';
import { checkAmi } from '../ami';
import { CpuArchitecture, SANDBOX_INSTANCE_FAMILIES, sandboxInstanceArchitecture } from '../aws';
import { cidrsOverlap, parseIpv4Cidr } from '../cidr';
import type { ParsedEnvironment } from '../schema';
import { checkInstanceTypeIn } from './compute';
import { report, RuleContext } from './issue';
import { checkSubnetInVpc, MIN_SUBNET_PREFIX, reportZoneOutsideRegion } from './network';

const INSTANCE_TYPE_FIELDS = ['webInstanceType', 'databaseInstanceType'] as const;

/**
 * Cross-field checks of the sandbox system: its zone is in the region, both subnets fit the
 * VPC and stay apart, both instance types are sandbox types (config/aws/sandbox-instance-types.json),
 * and the one image (`sandbox.ami`) suits both servers.
 */
export function checkSandbox(env: ParsedEnvironment, ctx: RuleContext): void {
  const sandbox = env.sandbox;
  if (sandbox === undefined) return;

  reportZoneOutsideRegion(sandbox.availabilityZone, env.region, ['sandbox', 'availabilityZone'], ctx);

  const vpc = parseIpv4Cidr(sandbox.cidr);
  const publicSubnet = parseIpv4Cidr(sandbox.publicSubnet);
  const privateSubnet = parseIpv4Cidr(sandbox.privateSubnet);
  for (const [field, cidr] of [
    ['publicSubnet', publicSubnet],
    ['privateSubnet', privateSubnet],
  ] as const) {
    if (cidr === undefined) continue;
    if (vpc !== undefined) checkSubnetInVpc(cidr, { cidr: vpc, text: sandbox.cidr, name: 'sandbox VPC' }, ['sandbox', field], ctx);
    else if (cidr.prefixLength > MIN_SUBNET_PREFIX) report(ctx, ['sandbox', field], `expected a subnet of /${MIN_SUBNET_PREFIX} or larger (AWS minimum)`);
  }
  if (publicSubnet !== undefined && privateSubnet !== undefined && cidrsOverlap(publicSubnet, privateSubnet)) {
    report(ctx, ['sandbox', 'privateSubnet'], `expected a subnet that does not overlap sandbox.publicSubnet (${sandbox.publicSubnet})`);
  }

  for (const field of INSTANCE_TYPE_FIELDS) {
    checkInstanceTypeIn(
      SANDBOX_INSTANCE_FAMILIES,
      sandbox[field],
      ['sandbox', field],
      ctx,
      (families) => `expected a sandbox instance type <family>.<size> with family one of ${families.join(', ')}, such as t2.micro or t3.micro (config/aws/sandbox-instance-types.json)`,
    );
  }

  // Both servers boot sandbox.ami: checked against each server's architecture, each problem said once.
  const once = reportingOnce(ctx);
  const checked = new Set<CpuArchitecture | undefined>();
  for (const field of INSTANCE_TYPE_FIELDS) {
    const architecture = sandboxInstanceArchitecture(sandbox[field]);
    if (checked.has(architecture)) continue;
    checked.add(architecture);
    checkAmi(sandbox.ami, { type: sandbox[field], field: `sandbox.${field}`, architecture }, ['sandbox', 'ami'], once);
  }
}

/** A context that passes each distinct issue (path and message) on once. */
function reportingOnce(ctx: RuleContext): RuleContext {
  const seen = new Set<string>();
  return {
    path: ctx.path,
    addIssue(issue: z.IssueData) {
      const key = JSON.stringify([issue.path, issue.message]);
      if (seen.has(key)) return;
      seen.add(key);
      ctx.addIssue(issue);
    },
  };
}
