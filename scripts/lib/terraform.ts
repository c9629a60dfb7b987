import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { resolveToolchain, Toolchain, ToolchainInputs } from './toolchain';

const run = promisify(execFile);

/** The repository's scratch folder; git ignores it. */
export const SCRATCH_DIR = resolve(__dirname, '..', '..', '.tmp');

/**
 * How terraform runs for the tests and scripts: the binary and the variables it gets on top
 * of the caller's environment. Made by `writeCliConfig`; pass it through to `terraform()`.
 */
export interface TerraformSettings {
  readonly terraformBin: string;
  readonly env: Readonly<Record<string, string>>;
  /** Where the toolchain came from, in one line, for scripts to print. */
  readonly summary: string;
  /** Set when init writes into a shared plugin cache, which Terraform does not make safe for concurrent inits: inits take turns. */
  readonly initLock?: string;
}

/** The toolchain of this machine (see toolchain.ts), from process.env. */
export function currentToolchain(): Toolchain {
  return resolveToolchain({ env: process.env, platform: process.platform, arch: process.arch, exists: existsSync, scratchDir: SCRATCH_DIR });
}

/**
 * The terraform CLI config of a mirror toolchain: hashicorp providers only from the mirror,
 * everything else as usual, and the plugin cache `init` links from.
 */
export function mirrorCliConfig(mirror: string, pluginCacheDir: string): string {
  const quoted = (path: string) => JSON.stringify(path);
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${quoted(mirror)}`,
    '    include = ["registry.terraform.io/hashicorp/*"]',
    '  }',
    '  direct {',
    '    exclude = ["registry.terraform.io/hashicorp/*"]',
    '  }',
    '}',
    `plugin_cache_dir = ${quoted(pluginCacheDir)}`,
    'plugin_cache_may_break_dependency_lock_file = true',
    '',
  ].join('\n');
}

/**
 * Prepares terraform for this machine. With a provider mirror (TF_PROVIDER_MIRROR, or
 * /opt/tf-plugins when it holds the provider), writes `<dir>/terraform.rc`, a CLI config
 * installing hashicorp providers only from the mirror, and points TF_CLI_CONFIG_FILE at it.
 * Without one, the user's CLI config stays in charge and `init` downloads once into a plugin
 * cache under `.tmp/`. Throws, naming what is missing, when there is no terraform.
 */
export function writeCliConfig(dir: string, inputs?: ToolchainInputs): TerraformSettings {
  const toolchain = inputs ? resolveToolchain(inputs) : currentToolchain();
  const { provider } = toolchain;
  // Absolute: terraform reads these relative to the folder it runs in.
  const pluginCacheDir = resolve(provider.pluginCacheDir);
  const cache = { TF_PLUGIN_CACHE_DIR: pluginCacheDir, TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE: 'true' };
  const writesCache = provider.kind === 'download' || provider.layout === 'packed';
  if (writesCache) mkdirSync(pluginCacheDir, { recursive: true });
  const initLock = writesCache ? join(inputs?.scratchDir ?? SCRATCH_DIR, 'terraform-init.lock') : undefined;
  if (provider.kind === 'download') {
    return {
      terraformBin: toolchain.terraformBin,
      env: cache,
      summary: `${toolchain.terraformBin}; AWS provider downloaded by terraform init (${provider.reason}), cached in ${pluginCacheDir}`,
      initLock,
    };
  }
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, 'terraform.rc');
  writeFileSync(file, mirrorCliConfig(resolve(provider.mirror), pluginCacheDir));
  return {
    terraformBin: toolchain.terraformBin,
    env: { TF_CLI_CONFIG_FILE: file, ...cache },
    summary: `${toolchain.terraformBin}; AWS provider from the mirror ${provider.mirror} (${toolchain.target}, ${provider.reason})`,
    initLock,
  };
}

/**
 * Go's garbage collector target for terraform and the provider processes it starts, unless the
 * caller's environment sets GOGC: collecting at 400% heap growth instead of Go's 100% saved about
 * 7% of their CPU in the terraform suites (validate, plan, state bootstrap), for about 10% more
 * memory at the peak of the combined validate (1.6 -> 1.8 GB over terraform and its providers).
 */
const TERRAFORM_GOGC = '400';

/** The command and environment terraform runs with: the caller's, no colour prompts or update checks, the settings, then `extraEnv`. */
export function terraformProcess(settings: TerraformSettings, extraEnv: Record<string, string> = {}): { command: string; env: NodeJS.ProcessEnv } {
  return {
    command: settings.terraformBin,
    env: { GOGC: TERRAFORM_GOGC, ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', ...settings.env, ...extraEnv },
  };
}

export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs terraform in `cwd` with the settings `writeCliConfig` made, no colour and no prompts.
 * Never throws on a non-zero exit: the caller asserts on the code and output.
 */
export async function terraform(cwd: string, args: readonly string[], settings: TerraformSettings, extraEnv: Record<string, string> = {}): Promise<TerraformResult> {
  const { command, env } = terraformProcess(settings, extraEnv);
  const execute = async (): Promise<TerraformResult> => {
    try {
      const { stdout, stderr } = await run(command, [...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number | string; stdout?: string; stderr?: string };
      return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr || String(error) };
    }
  };
  return args[0] === 'init' && settings.initLock ? withLock(settings.initLock, execute) : execute();
}

/** How long an init waits for another to finish filling the plugin cache (a first download of the AWS provider is 700 MB). */
const INIT_LOCK_TIMEOUT_MS = 30 * 60 * 1000;

/** Runs `task` holding a lock folder shared by every process of this checkout; a lock whose owner has died is taken over. */
export async function withLock<T>(lockDir: string, task: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + INIT_LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (ownerIsGone(lockDir)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`waited ${INIT_LOCK_TIMEOUT_MS / 60000} minutes for ${lockDir}; remove it if no terraform init is running`);
      await new Promise((wake) => setTimeout(wake, 200));
    }
  }
  try {
    return await task();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function ownerIsGone(lockDir: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
  } catch {
    // Just created and the pid not written yet, unless its owner died in between.
    try {
      return Date.now() - statSync(lockDir).mtimeMs > 10000;
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
