import { join } from 'node:path';

/**
 * Where terraform and the AWS provider come from, decided from the environment alone
 * (see README "Offline toolchain"). Pure: the caller passes the environment, platform and
 * a file-exists check, so every case can be tested on any machine.
 */

/** The AWS provider the stacks pin (`required_providers` in every synthesized stack). */
export const AWS_PROVIDER = { hostname: 'registry.terraform.io', namespace: 'hashicorp', type: 'aws', version: '5.100.0' } as const;

/** The Terraform version the stacks are tested with (`npm test`, the CI workflow, the handoff bundle's README). */
export const TERRAFORM_VERSION = '1.11.4';

/** Mirror used when TF_PROVIDER_MIRROR is unset, if it holds the provider for this platform. */
export const KNOWN_MIRROR = '/opt/tf-plugins';

/** Folder of the plugin cache when terraform downloads providers, inside the repository's scratch folder. */
export const PLUGIN_CACHE_FOLDER = 'terraform-plugin-cache';

const OS_NAMES: Readonly<Record<string, string>> = { linux: 'linux', darwin: 'darwin', win32: 'windows', freebsd: 'freebsd', openbsd: 'openbsd' };
const ARCH_NAMES: Readonly<Record<string, string>> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };

export interface ToolchainInputs {
  /** Environment variables (process.env). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Node's platform name (process.platform), such as `linux`, `darwin`, `win32`. */
  readonly platform: string;
  /** Node's architecture name (process.arch), such as `x64`, `arm64`. */
  readonly arch: string;
  /** Whether a file or folder exists at a path. */
  readonly exists: (path: string) => boolean;
  /** The repository's scratch folder (`.tmp`), where the download-mode plugin cache lives. */
  readonly scratchDir: string;
}

/** The provider comes from a filesystem mirror; terraform never contacts a registry for hashicorp providers. */
export interface MirrorSource {
  readonly kind: 'mirror';
  readonly mirror: string;
  /** `unpacked`: `<version>/<os_arch>/` folders; `packed`: the zip files `terraform providers mirror` writes. */
  readonly layout: 'unpacked' | 'packed';
  /** An unpacked mirror doubles as the cache (init links, never copies); a packed one is unpacked once into the scratch folder. */
  readonly pluginCacheDir: string;
  /** Why this mirror: the variable or the known path. */
  readonly reason: string;
}

/** No mirror: `terraform init` downloads as the user's own CLI config says, into a shared cache. */
export interface DownloadSource {
  readonly kind: 'download';
  readonly pluginCacheDir: string;
  readonly reason: string;
}

export interface Toolchain {
  readonly terraformBin: string;
  /** Terraform's name for this platform, such as `linux_amd64` or `darwin_arm64`. */
  readonly target: string;
  readonly provider: MirrorSource | DownloadSource;
}

/** Terraform's `<os>_<arch>` for a Node platform and architecture (`win32`/`x64` is `windows_amd64`). */
export function terraformTarget(platform: string, arch: string): string {
  return `${OS_NAMES[platform] ?? platform}_${ARCH_NAMES[arch] ?? arch}`;
}

/** Where a mirror holds the provider for `target`, in both layouts Terraform reads. */
export function providerPathsInMirror(mirror: string, target: string): { readonly unpacked: string; readonly packed: string } {
  const { hostname, namespace, type, version } = AWS_PROVIDER;
  return {
    unpacked: join(mirror, hostname, namespace, type, version, target),
    packed: join(mirror, hostname, namespace, type, `terraform-provider-${type}_${version}_${target}.zip`),
  };
}

/**
 * Decides the terraform binary and the provider source:
 * - terraform: TERRAFORM_BIN (a path, or a name looked up on PATH), else `terraform` on PATH;
 * - provider: the mirror TF_PROVIDER_MIRROR names (which must hold the provider for this
 *   platform), else KNOWN_MIRROR when it does, else a download into a shared plugin cache
 *   (an existing TF_PLUGIN_CACHE_DIR is kept).
 * Throws an Error naming what is missing and how to fix it.
 */
export function resolveToolchain(inputs: ToolchainInputs): Toolchain {
  const target = terraformTarget(inputs.platform, inputs.arch);
  return { terraformBin: findTerraform(inputs), target, provider: providerSource(inputs, target) };
}

function findTerraform(inputs: ToolchainInputs): string {
  const windows = inputs.platform === 'win32';
  const names = windows ? ['terraform.exe', 'terraform'] : ['terraform'];
  const separator = windows ? ';' : ':';
  const pathDirs = (inputs.env.PATH ?? inputs.env.Path ?? '').split(separator).filter((dir) => dir !== '');
  const onPath = (candidates: readonly string[]) => pathDirs.flatMap((dir) => candidates.map((name) => join(dir, name))).find((file) => inputs.exists(file));

  const configured = inputs.env.TERRAFORM_BIN;
  if (configured) {
    const isName = !/[\\/]/.test(configured);
    const found = isName ? onPath(windows && !configured.endsWith('.exe') ? [`${configured}.exe`, configured] : [configured]) : inputs.exists(configured) ? configured : undefined;
    if (found) return found;
    throw new Error(`TERRAFORM_BIN is set to ${configured}, but ${isName ? 'no folder on PATH holds it' : 'that file does not exist'}. Point it at Terraform ${TERRAFORM_VERSION}, or unset it to use terraform from PATH.`);
  }
  const found = onPath(names);
  if (found) return found;
  throw new Error(
    `terraform not found: TERRAFORM_BIN is not set and no folder on PATH (${pathDirs.join(separator) || 'empty'}) holds ${names.join(' or ')}. ` +
      `Install Terraform ${TERRAFORM_VERSION} (https://developer.hashicorp.com/terraform/install) or set TERRAFORM_BIN to its path.`,
  );
}

function providerSource(inputs: ToolchainInputs, target: string): MirrorSource | DownloadSource {
  const configured = inputs.env.TF_PROVIDER_MIRROR;
  if (configured) {
    const mirror = mirrorHolding(configured, target, inputs);
    if (mirror) return { ...mirror, reason: `TF_PROVIDER_MIRROR=${configured}` };
    const paths = providerPathsInMirror(configured, target);
    throw new Error(
      `TF_PROVIDER_MIRROR is set to ${configured}, but it does not hold the AWS provider ${AWS_PROVIDER.version} for ${target}: ` +
        `expected the folder ${paths.unpacked} or the file ${paths.packed}. ` +
        `Fill it on a machine with internet with \`terraform providers mirror -platform=${target} ${configured}\` in a stack folder, or unset TF_PROVIDER_MIRROR to let terraform download the provider.`,
    );
  }
  const known = mirrorHolding(KNOWN_MIRROR, target, inputs);
  if (known) return { ...known, reason: `found at ${KNOWN_MIRROR}` };
  return {
    kind: 'download',
    pluginCacheDir: inputs.env.TF_PLUGIN_CACHE_DIR || join(inputs.scratchDir, PLUGIN_CACHE_FOLDER),
    reason: `TF_PROVIDER_MIRROR is not set and ${KNOWN_MIRROR} holds no AWS provider ${AWS_PROVIDER.version} for ${target}`,
  };
}

function mirrorHolding(mirror: string, target: string, inputs: ToolchainInputs): Omit<MirrorSource, 'reason'> | undefined {
  const paths = providerPathsInMirror(mirror, target);
  if (inputs.exists(paths.unpacked)) return { kind: 'mirror', mirror, layout: 'unpacked', pluginCacheDir: mirror };
  if (inputs.exists(paths.packed)) return { kind: 'mirror', mirror, layout: 'packed', pluginCacheDir: join(inputs.scratchDir, PLUGIN_CACHE_FOLDER) };
  return undefined;
}
