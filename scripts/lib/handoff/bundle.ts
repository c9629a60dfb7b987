import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { displayPath } from '../../../config/environment-files';
import { STACK_FILE } from '../stacks';
import { applyOrder, readSynthesizedStacks } from '../stack-order';
import { bundleReadme } from './readme';
import { StackJson } from '../stack-json';
import { StackFacts, stackFacts } from './stack-facts';
import { firstTarEntry, tarGzip } from './tar';

/**
 * The handoff bundle of one environment: what an operations team applies with plain terraform.
 *
 *   <env>/.handoff-bundle      marks the folder as a bundle (the only kind of folder handoff replaces)
 *   <env>/README.md            apply order, bootstrap, commands, variables, outputs and readers, diagram
 *   <env>/NN-<tier>/cdk.tf.json each stack's Terraform JSON, numbered in apply order
 *   <env>/iam/*.json           policy documents for a pipeline's plan and apply roles
 *   <env>/SHA256SUMS           `sha256sum -c SHA256SUMS` checks every other file
 *
 * and `<env>.tar.gz` beside the folder, holding the same files.
 */

/** The file that marks a folder as a handoff bundle; first entry of the archive too. */
export const BUNDLE_MARKER = '.handoff-bundle';
export const CHECKSUM_FILE = 'SHA256SUMS';

/** A bundle problem written for the user (a folder in the way, a stack missing): printed without a stack trace. */
export class HandoffError extends Error {
  readonly userFacing = true;
}

/** A file of the bundle, by its path inside the environment's folder. */
export type BundleFiles = ReadonlyMap<string, Buffer>;

export interface BundleInput {
  /** The synthesized output folder (cdktf's outdir) holding the environment's stacks. */
  readonly outdir: string;
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  readonly terraformVersion: string;
  /** Extra documents under `iam/` from the stacks' facts: file name → JSON value and what it is. */
  readonly iamDocuments?: (stacks: readonly StackFacts[]) => ReadonlyMap<string, { readonly document: unknown; readonly about: string }>;
}

/** The folder a stack has in the bundle: its apply position and tier, `01-state`. */
export function bundleFolder(position: number, tier: string): string {
  return `${String(position).padStart(2, '0')}-${tier}`;
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);

/** The bundle's files (pure apart from reading the synthesized output): same output folder, same bytes. */
export function buildBundle(input: BundleInput): BundleFiles {
  const ordered = applyOrder(readSynthesizedStacks(input.outdir), input.environment).map((stack) => {
    const file = join(input.outdir, stack.folder, STACK_FILE);
    if (!existsSync(file)) {
      throw new HandoffError(`${stack.name}: the synthesized output lists it but ${displayPath(file)} is missing; synthesize ${input.environment} again`);
    }
    const text = readFileSync(file);
    try {
      return { stack, text, json: JSON.parse(text.toString('utf8')) as StackJson };
    } catch (error) {
      throw new HandoffError(`${stack.name}: ${displayPath(file)} is not Terraform JSON (${(error as Error).message}); synthesize ${input.environment} again`);
    }
  });
  const facts = stackFacts(ordered);
  const stacks = facts.map((entry, index) => ({ folder: bundleFolder(index + 1, entry.stack.tier), facts: entry }));
  const iam = [...(input.iamDocuments?.(facts) ?? new Map())].sort(([a], [b]) => a.localeCompare(b));

  const files = new Map<string, Buffer>();
  files.set(BUNDLE_MARKER, json({ environment: input.environment }));
  files.set(
    'README.md',
    Buffer.from(
      bundleReadme({
        environment: input.environment,
        accountId: input.accountId,
        region: input.region,
        terraformVersion: input.terraformVersion,
        stacks,
        iamFiles: iam.map(([name, { about }]) => ({ path: `iam/${name}`, about })),
      }),
    ),
  );
  stacks.forEach(({ folder }, index) => files.set(`${folder}/${STACK_FILE}`, ordered[index].text));
  for (const [name, { document }] of iam) files.set(`iam/${name}`, json(document));
  const sums = [...files.keys()].sort().map((path) => `${createHash('sha256').update(files.get(path)!).digest('hex')}  ${path}`);
  files.set(CHECKSUM_FILE, Buffer.from(`${sums.join('\n')}\n`));
  return files;
}

/** The archive of a bundle: `<env>/` with its marker first, then folders and files by path. */
export function bundleArchive(environment: string, files: BundleFiles): Buffer {
  const paths = [...files.keys()].filter((path) => path !== BUNDLE_MARKER).sort();
  const folders = [...new Set(paths.flatMap((path) => path.split('/').slice(0, -1).map((_, index, parts) => `${parts.slice(0, index + 1).join('/')}/`)))];
  const entries = [
    { path: `${environment}/${BUNDLE_MARKER}`, content: files.get(BUNDLE_MARKER) },
    ...[...folders, ...paths].sort().map((path) => ({ path: `${environment}/${path}`, content: files.get(path) })),
  ];
  return tarGzip(entries);
}

/** Every file under `dir`, as paths relative to it with `/`, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => path.split(sep).join('/'))
    .sort();
}

/**
 * Why `folder` may not be replaced, or undefined when it is a previous bundle of `environment`
 * that holds only what the bundle wrote (a state file or `.terraform/` from running terraform
 * inside it would be lost, so they make it someone else's).
 */
function notPreviousBundle(folder: string, environment: string): string | undefined {
  if (!statSync(folder).isDirectory()) return 'it is not a folder';
  let marker: { environment?: unknown };
  try {
    marker = JSON.parse(readFileSync(join(folder, BUNDLE_MARKER), 'utf8')) as { environment?: unknown };
  } catch {
    return `it has no ${BUNDLE_MARKER} file, so it is not a handoff bundle`;
  }
  if (marker.environment !== environment) return `it is the bundle of another environment (${String(marker.environment)})`;
  let listed: Set<string>;
  try {
    // Each line is `<64 hex digits><two spaces><path>`, as sha256sum writes it.
    listed = new Set(readFileSync(join(folder, CHECKSUM_FILE), 'utf8').split('\n').flatMap((line) => /^[0-9a-f]{64} {2}(.+)$/.exec(line)?.[1] ?? []));
  } catch {
    return `it has no ${CHECKSUM_FILE}`;
  }
  const foreign = filesUnder(folder).filter((path) => path !== CHECKSUM_FILE && !listed.has(path));
  if (foreign.length > 0) return `it holds files the bundle did not write (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', ...' : ''})`;
  return undefined;
}

/** Where a bundle was written. */
export interface WrittenBundle {
  readonly folder: string;
  readonly archive: string;
}

/**
 * Writes the bundle as `<outRoot>/<env>/` and `<outRoot>/<env>.tar.gz`, replacing only a previous
 * bundle of the same environment. Both are written beside their final place first and renamed into
 * it, so a failure leaves the previous bundle as it was. Throws a HandoffError, writing nothing, when
 * either path holds anything else.
 */
export function writeBundle(outRoot: string, environment: string, files: BundleFiles): WrittenBundle {
  const folder = join(outRoot, environment);
  const archive = `${folder}.tar.gz`;
  if (existsSync(folder)) {
    const why = notPreviousBundle(folder, environment);
    if (why !== undefined) throw new HandoffError(`${displayPath(folder)} exists and ${why}; nothing written. Move it away or choose another --out folder.`);
  }
  if (existsSync(archive) && (!statSync(archive).isFile() || firstTarEntry(readFileSync(archive)) !== `${environment}/${BUNDLE_MARKER}`)) {
    throw new HandoffError(`${displayPath(archive)} exists and is not a handoff bundle of ${environment}; nothing written. Move it away or choose another --out folder.`);
  }
  const partial = join(outRoot, `.${environment}.partial-${process.pid}`);
  const partialArchive = `${partial}.tar.gz`;
  try {
    for (const [path, content] of files) {
      mkdirSync(dirname(join(partial, path)), { recursive: true });
      writeFileSync(join(partial, path), content);
    }
    writeFileSync(partialArchive, bundleArchive(environment, files));
    rmSync(folder, { recursive: true, force: true });
    renameSync(partial, folder);
    renameSync(partialArchive, archive);
  } finally {
    rmSync(partial, { recursive: true, force: true });
    rmSync(partialArchive, { force: true });
  }
  return { folder, archive };
}
