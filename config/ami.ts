import { z } from 'zod';
import type { CpuArchitecture } from './aws';
import { report, RuleContext } from './rules/issue';

/** The Amazon Linux families the boot scripts are written for: dnf on Amazon Linux 2023, yum on Amazon Linux 2. */
export const AMI_FAMILIES = ['al2023', 'al2'] as const;
export type AmiFamily = (typeof AMI_FAMILIES)[number];

/**
 * Which image the servers boot, in one of three modes (checked in config/rules/ami.ts):
 * - `parameter`: the latest image by public SSM parameter (the default when the block is left out);
 * - `namePattern` + `owner`: the most recent image whose name matches, from that owner;
 * - `id` + `owner` + `family`: one pinned image, whose owner Terraform checks at plan time.
 */
const PARAMETER_PATH = /^\/aws\/service\/[\w./-]+$/;
const NAME_PATTERN = /^[A-Za-z0-9()[\]./\-_'@*?]{3,128}$/;

export const amiSchema = z
  .object({
    /** Public SSM parameter holding the AMI id, such as /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64. */
    parameter: z.string().regex(PARAMETER_PATH, 'expected a public SSM parameter path under /aws/service/').optional(),
    /** AMI name pattern (`*` and `?` wildcards), such as al2023-ami-2023.*-kernel-6.1-x86_64. */
    namePattern: z
      .string()
      .regex(NAME_PATTERN, "expected an AMI name pattern: 3-128 of A-Z, a-z, 0-9, ( ) [ ] . / - _ ' @ and the wildcards * ?")
      .optional(),
    /** A pinned AMI id. */
    id: z.string().regex(/^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/, 'expected an AMI id such as ami-0123456789abcdef0').optional(),
    /** Owner of the image: amazon, aws-marketplace, self or a 12-digit account id. */
    owner: z.string().regex(/^(?:amazon|aws-marketplace|self|\d{12})$/, 'expected amazon, aws-marketplace, self or a 12-digit account id').optional(),
    /** The image's Amazon Linux family; needed with `id`, read from the parameter or pattern otherwise. */
    family: z.enum(AMI_FAMILIES).optional(),
  })
  .strict();

export type AmiInput = z.infer<typeof amiSchema>;

/** The image choice after defaults, as the constructs use it; `family` says which boot script fits. */
export type AmiChoice =
  | { readonly source: 'ssm-parameter'; readonly parameter: string; readonly family: AmiFamily }
  | { readonly source: 'name-pattern'; readonly namePattern: string; readonly owner: string; readonly family: AmiFamily }
  | { readonly source: 'id'; readonly id: string; readonly owner: string; readonly family: AmiFamily };

const AMAZON_LINUX_PARAMETERS = '/aws/service/ami-amazon-linux-latest/';

/** The latest Amazon Linux 2023 image of an architecture: the default when the ami block is left out. */
export const DEFAULT_AMI_PARAMETERS: Readonly<Record<CpuArchitecture, string>> = {
  x86_64: `${AMAZON_LINUX_PARAMETERS}al2023-ami-kernel-default-x86_64`,
  arm64: `${AMAZON_LINUX_PARAMETERS}al2023-ami-kernel-default-arm64`,
};

/**
 * The family an Amazon Linux parameter path or image name says it is: `al2023-ami-...` is Amazon
 * Linux 2023 and `amzn2-ami-...` Amazon Linux 2, as AWS names them; undefined for anything else.
 */
export function familyNamedIn(text: string): AmiFamily | undefined {
  const name = text.slice(text.lastIndexOf('/') + 1);
  if (name.startsWith('al2023-ami-')) return 'al2023';
  if (name.startsWith('amzn2-ami-')) return 'al2';
  return undefined;
}

/**
 * The CPU architecture a parameter path or image name carries, if any: the last one it names,
 * in the image's name (Amazon Linux names end in it) or in a folder of the path (the ECS
 * parameters, `/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/...`).
 */
export function architectureNamedIn(text: string): CpuArchitecture | undefined {
  return text.match(/x86_64|arm64/g)?.at(-1) as CpuArchitecture | undefined;
}

/**
 * The choice an ami block makes once checked (checkAmi): the Amazon Linux 2023 parameter of the
 * instance type's architecture when nothing is chosen (x86_64 when the architecture is unknown).
 */
export function resolveAmi(ami: AmiInput, architecture: CpuArchitecture | undefined): AmiChoice {
  if (ami.id !== undefined) return { source: 'id', id: ami.id, owner: ami.owner ?? 'amazon', family: ami.family ?? 'al2023' };
  if (ami.namePattern !== undefined) {
    return { source: 'name-pattern', namePattern: ami.namePattern, owner: ami.owner ?? 'amazon', family: ami.family ?? familyNamedIn(ami.namePattern) ?? 'al2023' };
  }
  const parameter = ami.parameter ?? DEFAULT_AMI_PARAMETERS[architecture ?? 'x86_64'];
  return { source: 'ssm-parameter', parameter, family: ami.family ?? familyNamedIn(parameter) ?? 'al2023' };
}

const BOOT_SCRIPTS = 'the boot scripts install packages with dnf on Amazon Linux 2023 (al2023) or yum on Amazon Linux 2 (al2)';

/**
 * Every problem of an ami block, reported under `path`: one mode only; a pattern or id names its
 * owner (else any account's public image could match); the family is known (read from an Amazon
 * Linux parameter or name, or given) and agrees with the name; the architecture in the name fits
 * the instance type (`instanceField` names that field in messages).
 */
export function checkAmi(
  ami: AmiInput,
  instance: { readonly type: string; readonly field: string; readonly architecture: CpuArchitecture | undefined },
  path: readonly (string | number)[],
  ctx: RuleContext,
): void {
  const modes = (['parameter', 'namePattern', 'id'] as const).filter((mode) => ami[mode] !== undefined);
  if (modes.length > 1) {
    report(ctx, path, `expected one of parameter, namePattern or id: the image comes from one of them`, modes.join(' and '));
    return;
  }
  const mode = modes[0] ?? 'parameter';
  if (mode !== 'parameter' && ami.owner === undefined) {
    report(ctx, [...path, 'owner'], `expected the owner of the image (amazon, aws-marketplace, self or a 12-digit account id): without it ${mode === 'id' ? 'the id is not checked against anyone' : 'any account\'s public image whose name matches could be picked'}`);
  }
  if (mode === 'parameter' && ami.owner !== undefined) {
    report(ctx, [...path, 'owner'], 'expected no owner with parameter: an SSM public parameter names its image itself; owner goes with namePattern or id');
  }
  const named = mode === 'id' ? undefined : (ami[mode] ?? DEFAULT_AMI_PARAMETERS[instance.architecture ?? 'x86_64']);
  // A malformed name has its own problem from the schema; reading a family or architecture from it would only add noise.
  if (named !== undefined && !(mode === 'parameter' ? PARAMETER_PATH : NAME_PATTERN).test(named)) return;
  const namedFamily = named === undefined ? undefined : familyNamedIn(named);
  if (ami.family === undefined && namedFamily === undefined) {
    const field = mode === 'id' ? 'family' : mode;
    const why = mode === 'id' ? 'an image id does not say which Amazon Linux it is' : 'this is not an Amazon Linux 2023 (al2023-ami-...) or Amazon Linux 2 (amzn2-ami-...) image';
    report(ctx, [...path, field], `expected ${mode === 'id' ? 'al2023 or al2' : 'an Amazon Linux 2023 or Amazon Linux 2 image, or family: al2023 or al2 beside it'}: ${why}, and ${BOOT_SCRIPTS}`);
  } else if (ami.family !== undefined && namedFamily !== undefined && ami.family !== namedFamily) {
    report(ctx, [...path, 'family'], `expected ${namedFamily}, or no family: ${mode} names an ${namedFamily === 'al2023' ? 'Amazon Linux 2023' : 'Amazon Linux 2'} image`);
  }
  const namedArchitecture = named === undefined ? undefined : architectureNamedIn(named);
  if (named !== undefined && namedArchitecture !== undefined && instance.architecture !== undefined && namedArchitecture !== instance.architecture) {
    const example = mode === 'parameter' ? `, such as ${DEFAULT_AMI_PARAMETERS[instance.architecture]}; or leave it out for that default` : '';
    report(ctx, [...path, mode], `expected an ${instance.architecture} AMI to match ${instance.field} ${instance.type} (${instance.architecture})${example}`);
  }
}
