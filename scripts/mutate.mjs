// `npm run mutate [-- <folder>...] [--force] [--summary]`: mutation testing of constructs/, config/ and stacks/.
//
// Stryker (stryker.config.mjs) runs once per folder, so each folder's results are kept as soon as it
// is done (a full run takes hours on two cores); each run is incremental and tests only the mutants
// whose code or covering tests changed since that folder's last run. Afterwards the results of every
// folder are merged into one report (.tmp/mutation/report.html, report.json) and a text summary
// (.tmp/mutation/summary.txt), where surviving, not covered or timed-out mutants listed in
// equivalent-mutants.json (with the reason they change nothing) count as equivalent, not survived
// or detected. `--summary` only merges and prints what the folders' last runs found. Exits 1 when a
// folder run now scores below the break threshold of stryker.config.mjs, 2 on a usage error.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import config from '../stryker.config.mjs';

const repository = fileURLToPath(new URL('..', import.meta.url));
const ROOTS = ['constructs', 'config', 'stacks'];
/** The folders whose score must reach the break threshold together (the issue's target). */
const TARGET_ROOTS = ['constructs', 'config'];
const OUT = join(repository, '.tmp', 'mutation');
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
/**
 * The statuses a mutant listed in equivalent-mutants.json may have: also Timeout, since a mutant that changes
 * nothing only times out when its (long) run of every covering test passes Stryker's limit on a busy machine.
 */
const EQUIVALENT_STATUSES = new Set([...UNDETECTED, 'Timeout']);
/** How the merged report marks a mutant listed in equivalent-mutants.json (the report format has no such status). */
const EQUIVALENT = 'Equivalent mutant: ';

const usage = 'usage: npm run mutate [-- <folder>...] [--force] [--summary]   (folders: a folder of constructs/, config/ or stacks/ holding .ts files)';
const OPTIONS = ['--force', '--summary'];

/** Every folder holding TypeScript under the roots, relative to the repository. */
function sourceFolders() {
  const folders = [];
  const walk = (folder) => {
    const entries = readdirSync(join(repository, folder), { withFileTypes: true });
    if (entries.some((entry) => entry.isFile() && entry.name.endsWith('.ts'))) folders.push(folder);
    for (const entry of entries) if (entry.isDirectory()) walk(`${folder}/${entry.name}`);
  };
  ROOTS.forEach(walk);
  return folders.sort();
}

const slug = (folder) => folder.replaceAll('/', '-');
const folderReport = (folder) => join(OUT, 'folders', `${slug(folder)}.json`);

function runStryker(folder, force) {
  const args = [join(repository, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', 'stryker.config.mjs', '--logLevel', 'warn', ...(force ? ['--force'] : [])];
  const child = spawn(process.execPath, args, { cwd: repository, stdio: 'inherit', env: { ...process.env, MUTATE_FOLDER: folder } });
  return new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/** Surviving mutants that change nothing observable, each with its reason (equivalent-mutants.json). */
function readEquivalents() {
  const file = join(repository, 'equivalent-mutants.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
}

/** An entry names its mutant by file, line, mutator and replacement, and by column too where that line has the same mutation twice. */
const sameMutant = (entry, file, mutant) =>
  entry.file === file &&
  entry.line === mutant.location.start.line &&
  (entry.column === undefined || entry.column === mutant.location.start.column) &&
  entry.mutator === mutant.mutatorName &&
  entry.replacement === mutant.replacement;

function count(mutants) {
  const tally = { mutants: mutants.length, killed: 0, timeout: 0, survived: 0, noCoverage: 0, equivalent: 0, ignored: 0, errors: 0 };
  for (const mutant of mutants) {
    if (mutant.status === 'Killed') tally.killed++;
    else if (mutant.status === 'Timeout') tally.timeout++;
    else if (mutant.status === 'Survived') tally.survived++;
    else if (mutant.status === 'NoCoverage') tally.noCoverage++;
    else if (mutant.status === 'Ignored' && mutant.statusReason?.startsWith(EQUIVALENT)) tally.equivalent++;
    else if (mutant.status === 'Ignored') tally.ignored++;
    else tally.errors++;
  }
  const detected = tally.killed + tally.timeout;
  const valid = detected + tally.survived + tally.noCoverage;
  return { ...tally, score: valid === 0 ? undefined : (100 * detected) / valid };
}

const percent = (score) => (score === undefined ? 'n/a' : score.toFixed(2));

function summaryTable(rows) {
  const header = ['folder', 'score %', 'mutants', 'killed', 'timeout', 'survived', 'no cov', 'equivalent', 'ignored', 'errors'];
  const lines = rows.map(([name, t]) => [name, percent(t.score), t.mutants, t.killed, t.timeout, t.survived, t.noCoverage, t.equivalent, t.ignored, t.errors].map(String));
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...lines.map(format)].join('\n');
}

function htmlReport(report) {
  const elements = readFileSync(join(repository, 'node_modules/mutation-testing-elements/dist/mutation-test-elements.js'), 'utf8');
  const json = JSON.stringify(report).replaceAll('<', '\\u003c');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Mutation testing: constructs/, config/, stacks/</title>
<script>${elements.replaceAll('</script', '<\\/script')}</script></head>
<body><mutation-test-report-app title-postfix="aws-web-platform"></mutation-test-report-app>
<script>document.querySelector('mutation-test-report-app').report = ${json};</script></body></html>
`;
}

/** Merges every folder's latest results, marks the listed equivalent mutants, writes the reports and returns the summary. */
function mergeReports(folders) {
  const equivalents = readEquivalents();
  const used = new Set();
  const files = {};
  const notRun = [];
  for (const folder of folders) {
    if (!existsSync(folderReport(folder))) {
      notRun.push(folder);
      continue;
    }
    const report = JSON.parse(readFileSync(folderReport(folder), 'utf8'));
    for (const [file, result] of Object.entries(report.files)) {
      const mutants = result.mutants.map((mutant) => {
        const entry = equivalents.find((candidate) => sameMutant(candidate, file, mutant));
        if (!entry || !EQUIVALENT_STATUSES.has(mutant.status)) return mutant;
        used.add(entry);
        return { ...mutant, status: 'Ignored', statusReason: `${EQUIVALENT}${entry.reason}` };
      });
      files[file] = { ...result, mutants };
    }
  }
  const report = { schemaVersion: '2', thresholds: { high: config.thresholds.high, low: config.thresholds.low }, files };
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'report.json'), `${JSON.stringify(report)}\n`);
  writeFileSync(join(OUT, 'report.html'), htmlReport(report));

  const mutantsUnder = (prefix) => Object.entries(files).flatMap(([file, result]) => (file.startsWith(prefix) ? result.mutants : []));
  const rows = [
    ...folders.filter((folder) => !notRun.includes(folder)).map((folder) => [folder, count(Object.entries(files).flatMap(([file, r]) => (dirname(file) === folder ? r.mutants : [])))]),
    ...ROOTS.map((root) => [`${root}/ (all)`, count(mutantsUnder(`${root}/`))]),
    [`${TARGET_ROOTS.map((root) => `${root}/`).join(' + ')} (target ${config.thresholds.break}%)`, count(TARGET_ROOTS.flatMap((root) => mutantsUnder(`${root}/`)))],
  ];
  const survivors = Object.entries(files).flatMap(([file, result]) =>
    result.mutants.filter((mutant) => UNDETECTED.has(mutant.status)).map((mutant) => `  ${file}:${mutant.location.start.line}:${mutant.location.start.column} ${mutant.mutatorName} ${JSON.stringify(mutant.replacement ?? '')}`),
  );
  const stale = equivalents.filter((entry) => !used.has(entry)).map((entry) => `  ${entry.file}:${entry.line}${entry.column === undefined ? '' : `:${entry.column}`} ${entry.mutator}`);
  return [
    summaryTable(rows),
    notRun.length ? `\nNot run yet (no result): ${notRun.join(', ')}` : '',
    survivors.length ? `\nSurvived or not covered (${survivors.length}):\n${survivors.join('\n')}` : '',
    stale.length ? `\nequivalent-mutants.json entries that match no surviving mutant (remove them):\n${stale.join('\n')}` : '',
    `\nReport: ${relative(process.cwd(), join(OUT, 'report.html'))}`,
  ]
    .filter(Boolean)
    .join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const requested = args.filter((arg) => !OPTIONS.includes(arg)).map((arg) => arg.replace(/\/+$/, ''));
  const folders = sourceFolders();
  const unknown = requested.filter((folder) => !folders.includes(folder));
  if (unknown.length) {
    process.stderr.write(`${unknown.length ? `Not a folder of constructs/, config/ or stacks/ with .ts files: ${unknown.join(', ')}\n` : ''}${usage}\nFolders: ${folders.join(' ')}\n`);
    process.exit(2);
  }
  const toRun = args.includes('--summary') ? [] : requested.length ? requested : folders;
  const below = [];
  for (const [index, folder] of toRun.entries()) {
    process.stdout.write(`\n[${index + 1}/${toRun.length}] ${folder}\n`);
    const code = await runStryker(folder, force);
    if (code !== 0) below.push(folder);
  }
  const summary = mergeReports(folders);
  writeFileSync(join(OUT, 'summary.txt'), `${summary}\n`);
  process.stdout.write(`\n${summary}\n`);
  if (below.length) {
    process.stdout.write(`\nBelow the break threshold (${config.thresholds.break}%) or failed: ${below.join(', ')}\n`);
    process.exitCode = 1;
  } else if (toRun.length > 0) {
    process.stdout.write(`\nMutation testing of ${toRun.length} folder(s) done.\n`);
  }
}

await main();
