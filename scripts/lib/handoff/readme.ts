import { StackFacts, StateBackend } from './stack-facts';

/** What the bundle's README says about the environment as a whole. */
export interface BundleSummary {
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  /** Terraform version the stacks are tested with. */
  readonly terraformVersion: string;
  /** Each stack with the folder it has in the bundle (`01-state`), in apply order. */
  readonly stacks: readonly { readonly folder: string; readonly facts: StackFacts }[];
  /** Files under `iam/`, with what each is, sorted by path. */
  readonly iamFiles: readonly { readonly path: string; readonly about: string }[];
}

/** The commands that validate a stack folder with no credentials and no state: what the tests run on the bundle. */
export const VALIDATE_COMMANDS = ['terraform init -backend=false -input=false', 'terraform validate'];

function describeBackend(backend: StateBackend): string {
  if (backend.kind === 'local') return `local: \`${backend.path}\` in the folder (see "Bootstrap the state")`;
  const lock = backend.dynamodbTable !== undefined ? `DynamoDB table \`${backend.dynamodbTable}\`` : backend.useLockfile ? 'an S3 lock file (`.tflock`) beside it' : 'no lock';
  const key = backend.kmsKeyId !== undefined ? `, encrypted with \`${backend.kmsKeyId}\`` : ', encrypted';
  return `\`s3://${backend.bucket}/${backend.key}\` (${backend.region})${key}, locked by ${lock}`;
}

function mermaid(summary: BundleSummary): string[] {
  const id = (name: string) => name.replace(/[^a-zA-Z0-9]/g, '_');
  const lines = ['```mermaid', 'graph LR'];
  for (const { folder, facts } of summary.stacks) lines.push(`  ${id(facts.stack.name)}["${folder}"]`);
  for (const { facts } of summary.stacks) {
    for (const dependency of facts.stack.dependencies) lines.push(`  ${id(dependency)} --> ${id(facts.stack.name)}`);
  }
  lines.push('```');
  return lines;
}

/** The bundle folders of a stack's dependencies, in apply order. */
function foldersBefore(facts: StackFacts, folderOf: ReadonlyMap<string, string>): string[] {
  return facts.stack.dependencies.map((name) => folderOf.get(name)!).sort();
}

function stackSection({ folder, facts }: BundleSummary['stacks'][number], folderOf: ReadonlyMap<string, string>): string[] {
  const after = foldersBefore(facts, folderOf).map((name) => `\`${name}\``).join(', ');
  const lines = [
    `### ${folder} (\`${facts.stack.name}\`)`,
    '',
    `- Apply after: ${after === '' ? 'nothing (first)' : after}`,
    `- State: ${describeBackend(facts.backend)}`,
    `- Resources: ${facts.resourceCount}`,
    `- Reads while planning: ${facts.dataSources.length === 0 ? 'nothing from AWS (plans with no API-backed data source)' : facts.dataSources.map((type) => `\`${type}\``).join(', ')}`,
    '',
    '```sh',
    `cd ${folder}`,
    ...facts.variables.filter((variable) => variable.required).map((variable) => `export TF_VAR_${variable.name}='...'   # ${variable.sensitive ? 'sensitive: from your secret store, never a file' : 'required'}`),
    'terraform init -input=false',
    'terraform plan -input=false -out=tfplan',
    'terraform apply -input=false tfplan',
    '```',
  ];
  if (facts.variables.length > 0) {
    lines.push('', '| variable | required | sensitive | what it is |', '|---|---|---|---|');
    for (const variable of facts.variables) {
      lines.push(`| \`${variable.name}\` | ${variable.required ? 'yes' : 'no'} | ${variable.sensitive ? 'yes' : 'no'} | ${variable.description.replace(/\|/g, '\\|')} |`);
    }
    lines.push('', 'Pass each as `TF_VAR_<name>` in the environment of `terraform plan` and `terraform apply` (a `-var-file` would put a secret on disk).');
  }
  if (facts.outputs.length > 0) {
    lines.push('', '| output | read by | what it is |', '|---|---|---|');
    for (const output of facts.outputs) {
      const readers = output.readBy.map((name) => `\`${folderOf.get(name)}\``).join(', ');
      lines.push(`| \`${output.name}\` | ${readers === '' ? '-' : readers} | ${output.description.replace(/\|/g, '\\|')} |`);
    }
  }
  return lines;
}

/** The README.md of a bundle: apply order, bootstrap, commands, variables, outputs and their readers, a diagram, checksums, roles. */
export function bundleReadme(summary: BundleSummary): string {
  const folderOf = new Map(summary.stacks.map(({ folder, facts }) => [facts.stack.name, folder]));
  const first = summary.stacks[0];
  const localState = summary.stacks.filter(({ facts }) => facts.backend.kind === 'local');
  const lines = [
    `# Handoff bundle: environment \`${summary.environment}\``,
    '',
    `Terraform JSON for AWS account \`${summary.accountId}\`, home region \`${summary.region}\`: one folder per stack,`,
    'numbered in the order they are applied. You need Terraform ' + summary.terraformVersion + ' (the version these files are tested with)',
    `and credentials of account ${summary.accountId}: every provider block refuses any other account (\`allowed_account_ids\`).`,
    'No Node.js, no cdktf and no copy of the repository that made it. Every file is generated; change the',
    "environment's configuration in the repository and make a new bundle rather than editing them.",
    '',
    '## Check what you received',
    '',
    '```sh',
    'sha256sum -c SHA256SUMS            # macOS: shasum -a 256 -c SHA256SUMS',
    '```',
    '',
    '## Apply order',
    '',
    '| # | folder | stack | apply after | resources | state |',
    '|---|---|---|---|---|---|',
    ...summary.stacks.map(({ folder, facts }, index) => {
      const after = foldersBefore(facts, folderOf).join(', ');
      return `| ${index + 1} | \`${folder}\` | \`${facts.stack.name}\` | ${after === '' ? '-' : after} | ${facts.resourceCount} | ${facts.backend.kind === 'local' ? 'local' : 's3'} |`;
    }),
    '',
    'Each arrow points from a stack to one that reads its outputs or must follow it:',
    '',
    ...mermaid(summary),
    '',
  ];
  if (localState.length > 0) {
    lines.push(
      '## Bootstrap the state',
      '',
      `\`${first.folder}\` creates the bucket (and lock table) every other stack keeps its state in, so it starts with local`,
      'state: run it first, from one machine, and keep its `terraform.tfstate` safe until it is migrated.',
      '',
      '```sh',
      `cd ${first.folder}`,
      'terraform init -input=false',
      'terraform plan -input=false -out=tfplan',
      'terraform apply -input=false tfplan',
      '```',
      '',
      'To move its state into the bucket afterwards, ask for a bundle made with `state.stateStackBackend: s3`, put its',
      `\`${first.folder}/cdk.tf.json\` in place of this one and run \`terraform init -migrate-state\` in \`${first.folder}\`.`,
      '',
    );
  }
  lines.push(
    '## Each stack',
    '',
    'Run the stacks one at a time in the order above: a later stack reads the outputs of earlier ones from their',
    'state, so its plan fails until they are applied. Review each plan before applying it.',
    '',
  );
  for (const entry of summary.stacks) lines.push(...stackSection(entry, folderOf), '');
  lines.push(
    '## Validate without credentials',
    '',
    'In any stack folder, with no AWS credentials and no access to the state:',
    '',
    '```sh',
    ...VALIDATE_COMMANDS,
    '```',
    '',
  );
  if (summary.iamFiles.length > 0) {
    lines.push(
      '## Roles for a pipeline',
      '',
      'Policy documents generated from these stacks\' resource types and their state backend, for the roles a pipeline',
      'assumes to run `terraform plan` (read only, plus state read and lock) and `terraform apply`:',
      '',
      ...summary.iamFiles.map((file) => `- \`${file.path}\`: ${file.about}`),
      '',
    );
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
