import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Running plain terraform offline against the AWS provider mirror, for the tests and
 * scripts/validate.ts (see README "Offline toolchain").
 */
export const TERRAFORM_BIN = process.env.TERRAFORM_BIN ?? '/usr/local/bin/terraform';
export const PROVIDER_MIRROR = process.env.TF_PROVIDER_MIRROR ?? '/opt/tf-plugins';
const AWS_PROVIDER_DIR = 'registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64';

/** Fails with a message naming what is missing, instead of letting a test pass or hang on the network. */
export function assertOfflineToolchain(): void {
  const missing: string[] = [];
  if (!existsSync(TERRAFORM_BIN)) missing.push(`terraform binary at ${TERRAFORM_BIN} (set TERRAFORM_BIN)`);
  if (!existsSync(join(PROVIDER_MIRROR, AWS_PROVIDER_DIR))) {
    missing.push(`AWS provider 5.100.0 in the filesystem mirror ${PROVIDER_MIRROR}/${AWS_PROVIDER_DIR} (set TF_PROVIDER_MIRROR)`);
  }
  if (missing.length > 0) throw new Error(`offline terraform toolchain missing: ${missing.join('; ')}`);
}

/**
 * Writes a terraform CLI config that installs the AWS provider only from the local mirror.
 * The mirror doubles as the plugin cache, so `init` links the 700 MB provider instead of copying it.
 */
export function writeCliConfig(dir: string): string {
  assertOfflineToolchain();
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, 'terraform.rc');
  writeFileSync(
    file,
    [
      'provider_installation {',
      `  filesystem_mirror {`,
      `    path    = "${PROVIDER_MIRROR}"`,
      `    include = ["registry.terraform.io/hashicorp/*"]`,
      '  }',
      '  direct {',
      '    exclude = ["registry.terraform.io/hashicorp/*"]',
      '  }',
      '}',
      `plugin_cache_dir = "${PROVIDER_MIRROR}"`,
      'plugin_cache_may_break_dependency_lock_file = true',
      '',
    ].join('\n'),
  );
  return file;
}

export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs terraform in `cwd` with the offline CLI config, no colour and no prompts.
 * Never throws on a non-zero exit: the caller asserts on the code and output.
 */
export async function terraform(
  cwd: string,
  args: readonly string[],
  cliConfigFile: string,
  extraEnv: Record<string, string> = {},
): Promise<TerraformResult> {
  try {
    const { stdout, stderr } = await run(TERRAFORM_BIN, [...args], {
      cwd,
      env: {
        ...process.env,
        TF_CLI_CONFIG_FILE: cliConfigFile,
        TF_IN_AUTOMATION: '1',
        TF_INPUT: '0',
        CHECKPOINT_DISABLE: '1',
        ...extraEnv,
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? String(error) };
  }
}
