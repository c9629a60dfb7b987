import { CpuArchitecture, INSTANCE_FAMILIES, instanceArchitecture, instanceFamily } from '../aws';
import type { ParsedEnvironment } from '../schema';
import { oneOf, report, RuleContext } from './issue';

const AL2023_PREFIX = '/aws/service/ami-amazon-linux-latest/al2023-ami-';

/**
 * Public SSM parameters of Amazon Linux 2023, such as `.../al2023-ami-kernel-default-x86_64`
 * or `.../al2023-ami-minimal-kernel-6.12-arm64`; the last part is the CPU architecture.
 */
export const AL2023_AMI_PARAMETER = /^\/aws\/service\/ami-amazon-linux-latest\/al2023-ami-(?:minimal-)?kernel-(?:default|\d+\.\d+)-(x86_64|arm64)$/;
const AMAZON_LINUX_2_PARAMETER = /^\/aws\/service\/ami-amazon-linux-latest\/amzn2-ami-/;

/** The AMI parameter the web servers use when app.amiParameter is left out, by CPU architecture. */
export const DEFAULT_AMI_PARAMETERS: Readonly<Record<CpuArchitecture, string>> = {
  x86_64: `${AL2023_PREFIX}kernel-default-x86_64`,
  arm64: `${AL2023_PREFIX}kernel-default-arm64`,
};

/** The default AMI parameter for an instance type: Amazon Linux 2023 of its architecture (x86_64 when unknown). */
export function defaultAmiParameter(instanceType: string): string {
  return DEFAULT_AMI_PARAMETERS[instanceArchitecture(instanceType) ?? 'x86_64'];
}

const BOOT_SCRIPT_NEEDS = "the web servers' boot script (constructs/app/user-data.ts) installs packages with dnf, which needs Amazon Linux 2023";

/**
 * The instance type is a size its family comes in (config/aws/instance-types.json), and the
 * AMI parameter is Amazon Linux 2023 for the same CPU architecture.
 */
export function checkInstanceType(env: ParsedEnvironment, ctx: RuleContext): void {
  const { instanceType, amiParameter } = env.app;
  const [name, size, ...rest] = instanceType.split('.');
  const family = instanceFamily(name);
  if (family === undefined || size === undefined || rest.length > 0) {
    const families = Object.keys(INSTANCE_FAMILIES);
    report(ctx, ['app', 'instanceType'], `expected <family>.<size> with family one of ${families.join(', ')} (config/aws/instance-types.json)`);
  } else if (!family.sizes.includes(size)) {
    report(ctx, ['app', 'instanceType'], `expected a size the ${name} family comes in: ${oneOf(family.sizes.map((known) => `${name}.${known}`))}`);
  }
  if (amiParameter === undefined) return;

  const parameter = AL2023_AMI_PARAMETER.exec(amiParameter);
  if (parameter === null) {
    const what = AMAZON_LINUX_2_PARAMETER.test(amiParameter) ? 'this is Amazon Linux 2, and ' : '';
    report(ctx, ['app', 'amiParameter'], `expected an Amazon Linux 2023 parameter (${AL2023_PREFIX}<kernel>-<x86_64 or arm64>, such as ${DEFAULT_AMI_PARAMETERS.x86_64}): ${what}${BOOT_SCRIPT_NEEDS}`);
    return;
  }
  const architecture = instanceArchitecture(instanceType);
  if (architecture !== undefined && parameter[1] !== architecture) {
    report(
      ctx,
      ['app', 'amiParameter'],
      `expected an ${architecture} AMI to match app.instanceType ${instanceType} (${architecture}), such as ${DEFAULT_AMI_PARAMETERS[architecture]}; or leave it out for that default`,
    );
  }
}
