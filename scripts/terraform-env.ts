/**
 * `npm run terraform-env`: how to point plain terraform and the cdktf CLI at this machine's
 * provider mirror (see README "Offline toolchain"). With a mirror, writes the CLI config to
 * .tmp/terraform/terraform.rc and prints the variables to export, so on an air-gapped machine
 *
 *   eval "$(npm run --silent terraform-env)"
 *
 * sets them in the current shell. Every other line printed is a `#` comment.
 * Without a mirror there is nothing to set: terraform downloads the provider.
 */
import { join } from 'node:path';
import { currentToolchain, SCRATCH_DIR, writeCliConfig } from './lib/terraform';
import { AWS_PROVIDER, KNOWN_MIRROR } from './lib/toolchain';

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function main(): void {
  const toolchain = currentToolchain();
  const lines: string[] = [`# terraform: ${toolchain.terraformBin}`];
  if (process.env.TERRAFORM_BIN) {
    lines.push('# cdktf runs the terraform named by TERRAFORM_BINARY_NAME (else terraform from PATH):');
    lines.push(`export TERRAFORM_BINARY_NAME=${shellQuote(toolchain.terraformBin)}`);
  }
  if (toolchain.provider.kind === 'download') {
    lines.push(
      `# No provider mirror: ${toolchain.provider.reason}.`,
      '# terraform init downloads the provider as your own CLI config says; nothing to set.',
      `# To prepare an air-gapped machine, on one with internet run in any stack folder:`,
      `#   terraform providers mirror -platform=${toolchain.target} <folder>`,
      `# copy <folder> across and set TF_PROVIDER_MIRROR=<folder> (or use ${KNOWN_MIRROR}).`,
    );
  } else {
    const settings = writeCliConfig(join(SCRATCH_DIR, 'terraform'));
    lines.push(
      `# AWS provider ${AWS_PROVIDER.version} from the mirror ${toolchain.provider.mirror} (${toolchain.target}; ${toolchain.provider.reason})`,
      '# CLI config installing hashicorp providers only from the mirror:',
      `export TF_CLI_CONFIG_FILE=${shellQuote(settings.env.TF_CLI_CONFIG_FILE)}`,
      '# no update or security-bulletin checks against checkpoint-api.hashicorp.com:',
      'export CHECKPOINT_DISABLE=1',
      '# then, in a stack folder: terraform init && terraform plan',
      '# cdktf deploy and cdktf diff offline: add --skip-provider-lock (its lock step asks the registry),',
      '#   e.g. npx cdktf deploy dev-state --skip-provider-lock',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`terraform-env: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
