import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What synth writes into a stack folder (cdktf's JSON or HCL output, its metadata and
 * assets). Synth replaces and removes only these; everything else in a stack folder
 * (terraform.tfstate*, .terraform/, .terraform.lock.hcl, saved plans, tfvars, a user's
 * own files) belongs to Terraform or the user and is never touched.
 */
export const GENERATED_STACK_ENTRIES = ['cdk.tf.json', 'cdk.tf', 'metadata.json', 'assets'] as const;

/** cdktf's manifest (`<outdir>/manifest.json`): the stacks the cdktf CLI knows about. */
interface Manifest {
  readonly version: string;
  readonly stacks: Record<string, ManifestStack>;
}

interface ManifestStack {
  readonly name: string;
  readonly synthesizedStackPath: string;
  readonly [key: string]: unknown;
}

/** A stack folder synth left in place although it synthesized no stack for it. */
export interface KeptStackFolder {
  /** The folder's name, which is the stack's name. */
  readonly stack: string;
  /** What in it synth did not write, such as `terraform.tfstate` or `.terraform`. */
  readonly holds: readonly string[];
}

/** What installing a synth's output changed in the output folder. */
export interface InstallResult {
  /** Stack folders whose generated files were replaced or created, sorted. */
  readonly written: readonly string[];
  /**
   * Folders of stacks no longer synthesized that hold only generated files: removed, or
   * with `removeUnused` false left out of the manifest for the cdktf CLI to remove.
   */
  readonly removed: readonly string[];
  /** Folders of stacks no longer synthesized that hold state or other files, left in place. */
  readonly kept: readonly KeptStackFolder[];
}

/**
 * Moves a finished synth (`staging`, a folder cdktf wrote) into `outdir` without losing
 * anything synth did not write:
 * - each synthesized stack's generated files replace the previous ones in its folder; the
 *   rest of the folder stays as it is;
 * - a folder whose stack was not synthesized this time is left alone unless `ownsStack`
 *   says this synth is responsible for it (its environment was selected); then it is
 *   removed if it holds only generated files (unless `removeUnused` is false), and kept
 *   (and reported) otherwise;
 * - the manifest lists every stack folder still holding a stack, so the cdktf CLI, which
 *   deletes stack folders its manifest does not name, keeps them too;
 * - with `removeUnused` false (under the cdktf CLI), a folder holding files synth did not write
 *   but no stack file, which the manifest cannot name, stops it before anything is changed.
 * The staging folder is gone afterwards.
 */
export function installSynthOutput(staging: string, outdir: string, ownsStack: (stack: string) => boolean, removeUnused = true): InstallResult {
  const stagedStacks = join(staging, 'stacks');
  const stacksDir = join(outdir, 'stacks');
  const written = listFolders(stagedStacks);
  // Both manifests are read before anything moves, so an unreadable staged one changes nothing either.
  const staged = readManifest(join(staging, 'manifest.json'));
  if (staged === undefined) throw new Error(`cdktf wrote no readable manifest.json in ${staging}`);
  const previous = readManifest(join(outdir, 'manifest.json'));
  if (!removeUnused) refuseFoldersTheCliWouldDelete(outdir, written, previous);
  mkdirSync(stacksDir, { recursive: true });

  for (const stack of written) replaceGeneratedEntries(join(stagedStacks, stack), join(stacksDir, stack));

  const removed: string[] = [];
  const kept: KeptStackFolder[] = [];
  for (const stack of listFolders(stacksDir)) {
    if (written.includes(stack) || !ownsStack(stack)) continue;
    const holds = userEntriesOf(join(stacksDir, stack));
    if (holds.length === 0) {
      if (removeUnused) rmSync(join(stacksDir, stack), { recursive: true, force: true });
      removed.push(stack);
    } else {
      kept.push({ stack, holds });
    }
  }

  writeMergedManifest(outdir, staged, previous, removed);
  rmSync(staging, { recursive: true, force: true });
  return { written, removed, kept };
}

/** A stack folder the cdktf CLI would delete with files synth did not write: synth stops before changing anything. */
export class UnlistedStackFolderError extends Error {
  readonly userFacing = true;
}

/**
 * The cdktf CLI deletes every stack folder the manifest does not name, and the manifest can only name a
 * folder holding a stack file. A folder holding state or other files of its own but no stack file (its
 * cdk.tf.json deleted by hand, say) would be lost: refused, before anything is moved.
 */
function refuseFoldersTheCliWouldDelete(outdir: string, written: readonly string[], previous: Manifest | undefined): void {
  const endangered = listFolders(join(outdir, 'stacks'))
    .filter((stack) => !written.includes(stack) && manifestEntryOf(outdir, stack, previous) === undefined)
    .map((stack) => ({ stack, holds: userEntriesOf(join(outdir, 'stacks', stack)) }))
    .filter((folder) => folder.holds.length > 0);
  if (endangered.length === 0) return;
  const where = join(outdir, 'stacks');
  throw new UnlistedStackFolderError(
    [
      'cdktf synth would delete stack folders that hold files synth did not write, so nothing was synthesized:',
      ...endangered.map((folder) => `  ${join(where, folder.stack)} holds ${folder.holds.join(', ')} but no stack file (cdk.tf.json)`),
      `The cdktf CLI deletes every folder of ${where} its manifest does not name, and only a folder with a stack file can be named.`,
      'Move these folders out of the output folder, or synthesize with `npm run synth`, which leaves them in place.',
    ].join('\n'),
  );
}

/** What a stack folder holds besides the files synth writes, sorted. */
function userEntriesOf(folder: string): string[] {
  return readdirSync(folder)
    .filter((entry) => !(GENERATED_STACK_ENTRIES as readonly string[]).includes(entry))
    .sort();
}

function replaceGeneratedEntries(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of GENERATED_STACK_ENTRIES) {
    const source = join(from, entry);
    const target = join(to, entry);
    rmSync(target, { recursive: true, force: true });
    if (existsSync(source)) renameSync(source, target);
  }
}

/**
 * The staged manifest plus an entry for every other stack folder that still holds a
 * stack file (another environment's, or a kept one): the previous manifest's entry when
 * it had one, else a minimal entry pointing at the folder's cdk.tf.json.
 */
function writeMergedManifest(outdir: string, staged: Manifest, previous: Manifest | undefined, unused: readonly string[]): void {
  const stacks: Record<string, ManifestStack> = { ...staged.stacks };
  for (const stack of listFolders(join(outdir, 'stacks'))) {
    if (stacks[stack] !== undefined || unused.includes(stack)) continue;
    const entry = manifestEntryOf(outdir, stack, previous);
    if (entry !== undefined) stacks[stack] = entry;
  }
  const file = join(outdir, 'manifest.json');
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ stacks: sortedByKey(stacks), version: staged.version }, null, 2)}`);
  renameSync(`${file}.tmp`, file);
}

/** The manifest entry of a stack folder not synthesized this time: the previous one while its file exists, else a minimal one if the folder holds a stack file. */
function manifestEntryOf(outdir: string, stack: string, previous: Manifest | undefined): ManifestStack | undefined {
  const earlier = previous?.stacks[stack];
  if (earlier !== undefined && existsSync(join(outdir, earlier.synthesizedStackPath))) return earlier;
  return existsSync(join(outdir, 'stacks', stack, 'cdk.tf.json')) ? minimalManifestEntry(stack) : undefined;
}

function minimalManifestEntry(stack: string): ManifestStack {
  return {
    annotations: [],
    constructPath: stack,
    dependencies: [],
    name: stack,
    stackMetadataPath: `stacks/${stack}/metadata.json`,
    synthesizedStackPath: `stacks/${stack}/cdk.tf.json`,
    workingDirectory: `stacks/${stack}`,
  };
}

function readManifest(file: string): Manifest | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>;
    return parsed.stacks !== null && typeof parsed.stacks === 'object' ? (parsed as Manifest) : undefined;
  } catch {
    return undefined;
  }
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function listFolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((entry) => statSync(join(dir, entry)).isDirectory())
    .sort();
}
