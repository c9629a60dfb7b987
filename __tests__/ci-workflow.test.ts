import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { parse, stringify } from 'yaml';
import { scanEnvironmentFiles } from '../config/environment-files';
import { loadEnvironments } from '../config/load';
import { applyOrder, readSynthesizedStacks, synthesizedEnvironments } from '../scripts/lib/stack-order';
import { TERRAFORM_VERSION } from '../scripts/lib/toolchain';
import {
  CiEnvironment,
  ciEnvironments,
  CiEnvironmentsCommand,
  CiEnvironmentsGitError,
  CiEnvironmentsUnknownError,
  CiEnvironmentsUsageError,
  githubOutputLines,
  parseCiEnvironmentsArguments,
  runCiEnvironments,
  selectEnvironments,
} from '../scripts/lib/ci-environments';
import { buildEnvironmentStacks } from '../stacks/environment-stacks';
import { ConfigDir } from './support/config-dir';
import { synthInto } from './support/run-synth';
import { sandboxOnly } from './support/sandbox';

/**
 * The GitHub Actions workflow users adopt (.github/workflows/terraform.yml): it passes the
 * workflow schema, runs exactly the project's commands, takes its matrix from
 * `npm run ci-environments`, and that selection matches what synth builds, in the order the
 * plan and apply commands follow.
 */

const ROOT = join(__dirname, '..');
const WORKFLOW_FILE = join(ROOT, '.github', 'workflows', 'terraform.yml');
const VALIDATOR = join(ROOT, 'node_modules', '.bin', 'action-validator');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'scripts', 'ci-environments.ts');

interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
interface Job {
  readonly name?: string;
  readonly 'timeout-minutes'?: number;
  readonly needs?: string[];
  readonly if?: string;
  readonly permissions?: Record<string, string>;
  readonly environment?: string;
  readonly strategy?: { readonly 'fail-fast'?: boolean; readonly 'max-parallel'?: number; readonly matrix?: Record<string, unknown> };
  readonly env?: Record<string, string>;
  readonly outputs?: Record<string, string>;
  readonly steps: Step[];
}
interface WorkflowInput {
  readonly description?: string;
  readonly type?: string;
  readonly required?: boolean;
  readonly default?: unknown;
}
interface Workflow {
  readonly on: Record<string, { readonly branches?: string[]; readonly inputs?: Record<string, WorkflowInput> }>;
  readonly permissions: Record<string, string>;
  readonly concurrency: { readonly group: string; readonly 'cancel-in-progress': unknown };
  readonly jobs: Record<string, Job>;
}

/** The jobs that check out and install the project (the `plans` job only reads the plan jobs' result). */
const WORKING_JOBS = ['test', 'environments', 'plan', 'apply'];

const workflowText = readFileSync(WORKFLOW_FILE, 'utf8');
const workflow = parse(workflowText) as Workflow;
const job = (name: string): Job => {
  const found = workflow.jobs[name];
  if (found === undefined) throw new Error(`the workflow has no job ${name}`);
  return found;
};
/** Every shell command line of a job, in order, without comments and blank lines. */
const commandsOf = (name: string): string[] =>
  job(name)
    .steps.flatMap((step) => (step.run ?? '').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
const stepUsing = (name: string, action: string): Step => {
  const steps = job(name).steps.filter((step) => step.uses?.split('@')[0] === action);
  if (steps.length !== 1) throw new Error(`job ${name}: expected one step using ${action}, found ${steps.length}`);
  return steps[0];
};
const indexOfStep = (name: string, predicate: (step: Step) => boolean): number => job(name).steps.findIndex(predicate);

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A folder with an `npm` that prints its arguments (shell-quoted: one argument stays one) instead of running anything. */
const fakeNpmFolder = mkdtempSync(join(tmpdir(), 'ci-workflow-npm-'));
writeFileSync(join(fakeNpmFolder, 'npm'), '#!/usr/bin/env bash\nprintf npm; printf \' %q\' "$@"; echo\n', { mode: 0o755 });
afterAll(() => rmSync(fakeNpmFolder, { recursive: true, force: true }));

/**
 * Runs a step's script in bash as the runner would, with the fake npm: `expressions` are what GitHub
 * puts in place of each `${{ ... }}` before the shell sees the script, `env` the step's variables as
 * they evaluated. Returns the exit status, the npm command lines and the rest of the output.
 */
function runScript(step: Step, env: Record<string, string>, expressions: Record<string, string> = {}): { status: number | null; npm: string[]; other: string[] } {
  const script = (step.run ?? '').replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    if (!(expression in expressions)) throw new Error(`no value given for \${{ ${expression} }} in: ${step.run}`);
    return expressions[expression];
  });
  // As the runner runs a `shell: bash` step.
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    env: { PATH: `${fakeNpmFolder}:${process.env.PATH}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const lines = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line !== '');
  return { status: result.status, npm: lines.filter((line) => line.startsWith('npm ')), other: lines.filter((line) => !line.startsWith('npm ')) };
}

/** Runs a command as a process in the background, so the suite's other tests go on meanwhile. */
function runProcess(command: string, args: readonly string[], cwd: string = ROOT, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the workflow file', () => {
  // The validator runs twice, on the workflow and on a copy with a step key GitHub does not know, both in the background.
  const brokenFolder = mkdtempSync(join(tmpdir(), 'ci-workflow-'));
  const broken = parse(workflowText);
  broken.jobs.test.steps[0].bogus = true;
  writeFileSync(join(brokenFolder, 'terraform.yml'), stringify(broken));
  const validated = runProcess(process.execPath, [VALIDATOR, WORKFLOW_FILE]);
  const brokenValidated = runProcess(process.execPath, [VALIDATOR, join(brokenFolder, 'terraform.yml')]);
  afterAll(async () => {
    // Both validators have ended before the file does, even when a test failed before awaiting one (no open handle).
    await Promise.allSettled([validated, brokenValidated]);
    rmSync(brokenFolder, { recursive: true, force: true });
  });

  it('passes the GitHub Actions workflow schema', async () => {
    const result = await validated;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails the schema with a step key GitHub does not know (the check can fail)', async () => {
    const result = await brokenValidated;
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("Additional property 'bogus' is not allowed");
  });

  it('runs on pull requests to main, on pushes to main and by hand, one run per ref, never cancelling an apply', () => {
    expect(workflow.on.pull_request.branches).toEqual(['main']);
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    // A run by hand on main shares the group of the pushes to main: two applies never overlap.
    expect(workflow.concurrency.group).toBe('terraform-${{ github.ref }}');
    expect(workflow.concurrency['cancel-in-progress']).toBe("${{ github.event_name == 'pull_request' }}");
  });

  it('takes one environment by hand, and destroys only when asked (off unless ticked)', () => {
    const inputs = workflow.on.workflow_dispatch.inputs ?? {};
    expect(Object.keys(inputs).sort()).toEqual(['allow-destroy', 'environment']);
    expect(inputs.environment).toMatchObject({ type: 'string', required: true });
    expect(inputs['allow-destroy']).toMatchObject({ type: 'boolean', default: false });
    expect(inputs['allow-destroy'].required).not.toBe(true);
  });

  it('never puts an input into a shell line: inputs reach scripts through environment variables only', () => {
    const scripts = Object.values(workflow.jobs).flatMap((each) => each.steps.map((step) => step.run ?? ''));
    for (const script of scripts) expect(script).not.toMatch(/\$\{\{[^}]*\b(inputs|github\.event\.inputs)\b/);
    expect(workflowText).not.toContain('github.event.inputs');
  });

  it('has the jobs it documents', () => {
    expect(Object.keys(workflow.jobs).sort()).toEqual([...WORKING_JOBS, 'plans'].sort());
  });

  it('grants read access to the contents at the top and widens it only in the jobs that need it', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(job('test').permissions).toBeUndefined();
    expect(job('environments').permissions).toBeUndefined();
    expect(job('plan').permissions).toEqual({ contents: 'read', 'id-token': 'write', 'pull-requests': 'write' });
    expect(job('apply').permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(job('plans').permissions).toBeUndefined();
  });

  it('pins every action to a release tag or a commit, never a branch', () => {
    const uses = Object.values(workflow.jobs).flatMap((each) => each.steps.map((step) => step.uses).filter((action): action is string => action !== undefined));
    expect(uses.length).toBeGreaterThan(10);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
  });

  it('checks out without leaving the token in the git config, in every job that works on the code', () => {
    for (const name of WORKING_JOBS) expect(stepUsing(name, 'actions/checkout').with?.['persist-credentials']).toBe(false);
  });

  it('takes Node.js from .nvmrc in every job that works on the code, with the npm cache', () => {
    expect(readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim()).toMatch(/^\d+\.\d+\.\d+$/);
    for (const name of WORKING_JOBS) {
      expect(stepUsing(name, 'actions/setup-node').with).toEqual({ 'node-version-file': '.nvmrc', cache: 'npm' });
    }
  });

  it('installs the Terraform version the repository requires, unwrapped, before anything runs terraform', () => {
    const version = TERRAFORM_VERSION;
    for (const name of ['test', 'plan', 'apply']) {
      expect(stepUsing(name, 'hashicorp/setup-terraform').with).toEqual({ terraform_version: version, terraform_wrapper: false });
      const terraformAt = indexOfStep(name, (step) => step.uses?.startsWith('hashicorp/setup-terraform@') === true);
      const firstNpmRun = indexOfStep(name, (step) => /npm (test|run)/.test(step.run ?? ''));
      expect(terraformAt).toBeLessThan(firstNpmRun);
    }
  });

  it('runs only scripts package.json defines', () => {
    const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    const used = Object.keys(workflow.jobs).flatMap((name) => commandsOf(name).flatMap((line) => [...line.matchAll(/\bnpm run (?:--silent )?([\w:-]+)/g)].map((match) => match[1])));
    expect(new Set(used)).toEqual(new Set(['ci-environments', 'plan', 'apply', 'handoff']));
    for (const script of used) expect(scripts).toContain(script);
    expect(scripts).toContain('test');
  });
});

describe('the test job', () => {
  it('installs from the lock file and runs npm test, nothing else', () => {
    expect(commandsOf('test')).toEqual(['npm ci', 'npm test']);
  });
});

describe('the environments job', () => {
  const select = () => {
    const found = job('environments').steps.find((step) => step.id === 'select');
    if (found === undefined) throw new Error('the environments job has no step with id select');
    return found;
  };
  const selectIn = (event: Record<string, string>) => runScript(select(), event);

  it('selects from the changed files on a pull request (full history), every environment on a push, the one named in a run by hand, as job outputs', () => {
    expect(stepUsing('environments', 'actions/checkout').with?.['fetch-depth']).toBe(0);
    expect(select().env).toEqual({
      EVENT_NAME: '${{ github.event_name }}',
      BASE_REF: '${{ github.base_ref }}',
      REF: '${{ github.ref }}',
      DISPATCH_ENVIRONMENT: '${{ inputs.environment }}',
    });
    expect(selectIn({ EVENT_NAME: 'pull_request', BASE_REF: 'main', REF: 'refs/pull/7/merge', DISPATCH_ENVIRONMENT: '' })).toEqual({
      status: 0,
      npm: ['npm run --silent ci-environments -- --base origin/main --github-output'],
      other: [],
    });
    expect(selectIn({ EVENT_NAME: 'push', BASE_REF: '', REF: 'refs/heads/main', DISPATCH_ENVIRONMENT: '' })).toEqual({
      status: 0,
      npm: ['npm run --silent ci-environments -- --all --github-output'],
      other: [],
    });
    // The typed-in name is one argument, whatever it holds; ci-environments accepts only a defined environment.
    expect(selectIn({ EVENT_NAME: 'workflow_dispatch', BASE_REF: '', REF: 'refs/heads/main', DISPATCH_ENVIRONMENT: 'stg; echo oops' })).toEqual({
      status: 0,
      npm: ['npm run --silent ci-environments -- --only stg\\;\\ echo\\ oops --github-output'],
      other: [],
    });
    expect(job('environments').outputs).toEqual({ environments: '${{ steps.select.outputs.environments }}', regions: '${{ steps.select.outputs.regions }}' });
  });

  it('refuses a run by hand from another branch than main, before selecting anything', () => {
    const run = selectIn({ EVENT_NAME: 'workflow_dispatch', BASE_REF: '', REF: 'refs/heads/feature', DISPATCH_ENVIRONMENT: 'prod' });
    expect(run.status).toBe(1);
    expect(run.npm).toEqual([]);
    expect(run.other).toEqual(['::error::Run this workflow by hand from main only (this run is on refs/heads/feature): it applies what main holds']);
  });

  it('passes the command only options ci-environments accepts', () => {
    const invocations = commandsOf('environments')
      .filter((line) => line.startsWith('npm run --silent ci-environments -- '))
      .map((line) => line.slice('npm run --silent ci-environments -- '.length).replace('"origin/$BASE_REF"', 'origin/main').replace('"$DISPATCH_ENVIRONMENT"', 'stg').split(' '));
    expect(invocations.map((args) => parseCiEnvironmentsArguments(args))).toEqual<CiEnvironmentsCommand[]>([
      { help: false, all: false, base: 'origin/main', githubOutput: true },
      { help: false, all: false, only: 'stg', githubOutput: true },
      { help: false, all: true, githubOutput: true },
    ]);
  });
});

describe.each([
  { name: 'plan', events: ['pull_request'], roles: 'PLAN_ROLE_ARNS' },
  { name: 'apply', events: ['push', 'workflow_dispatch'], roles: 'APPLY_ROLE_ARNS' },
])('the $name job', ({ name, events, roles }) => {
  it(`runs on ${events.join(' and ')} after the tests, over the environments job's list, and not at all when it is empty`, () => {
    expect(job(name).needs).toEqual(['test', 'environments']);
    for (const event of events) expect(job(name).if).toContain(`github.event_name == '${event}'`);
    expect([...(job(name).if ?? '').matchAll(/github\.event_name == '(\w+)'/g)].map((match) => match[1])).toEqual(events);
    expect(job(name).if).toContain("needs.environments.outputs.environments != '[]'");
    expect(job(name).strategy?.matrix).toEqual({ environment: '${{ fromJSON(needs.environments.outputs.environments) }}' });
  });

  it(`assumes the environment's role from ${roles} through OIDC, in the environment's region`, () => {
    expect(job(name).env).toEqual({
      ROLE_ARN: `\${{ fromJSON(vars.${roles} || '{}')[matrix.environment] }}`,
      ENVIRONMENT_REGION: '${{ fromJSON(needs.environments.outputs.regions)[matrix.environment] }}',
    });
    const credentials = stepUsing(name, 'aws-actions/configure-aws-credentials');
    expect(credentials.with?.['role-to-assume']).toBe('${{ env.ROLE_ARN }}');
    expect(credentials.with?.['aws-region']).toBe('${{ env.ENVIRONMENT_REGION }}');
    expect(credentials.with?.['aws-access-key-id']).toBeUndefined();
    // A missing entry in the map stops the job with the variable's name before the action fails less clearly.
    const check = indexOfStep(name, (step) => (step.run ?? '').includes('if [ -z "$ROLE_ARN" ]'));
    expect(check).toBeGreaterThan(-1);
    expect(job(name).steps[check].run).toContain(roles);
    expect(check).toBeLessThan(indexOfStep(name, (step) => step === credentials));
  });

  it('holds credentials as long as the job may run, so terraform never outlives them', () => {
    // configure-aws-credentials asks for one hour unless told otherwise.
    const seconds = Number(stepUsing(name, 'aws-actions/configure-aws-credentials').with?.['role-duration-seconds'] ?? 3600);
    expect(job(name)['timeout-minutes']).toBeDefined();
    expect(seconds).toBeGreaterThanOrEqual(Number(job(name)['timeout-minutes']) * 60);
  });
});

describe('the plan job', () => {
  it('plans every selected environment, whichever fails, into plans/<env>', () => {
    expect(job('plan').strategy?.['fail-fast']).toBe(false);
    expect(commandsOf('plan').filter((line) => line.startsWith('npm '))).toEqual(['npm ci', 'npm run plan -- ${{ matrix.environment }} --out plans/${{ matrix.environment }}']);
  });

  it('reports every plan in one check, which fails when a plan failed and passes when none was needed', () => {
    expect(job('plans').needs).toEqual(['plan']);
    expect(job('plans').if).toBe("${{ !cancelled() && github.event_name == 'pull_request' }}");
    const check = job('plans').steps[0];
    expect(check.env).toEqual({ PLAN_RESULT: '${{ needs.plan.result }}' });
    const passes = (result: string) => spawnSync('bash', ['-c', check.run!], { env: { ...process.env, PLAN_RESULT: result }, encoding: 'utf8' }).status === 0;
    expect(['success', 'skipped', 'failure', 'cancelled'].filter(passes)).toEqual(['success', 'skipped']);
  });

  it('skips pull requests from forks, which get no OIDC token', () => {
    expect(job('plan').if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
  });

  it('keeps the plan files a few days, and shows the summary in the run and on the pull request, even when the plan failed', () => {
    const upload = stepUsing('plan', 'actions/upload-artifact');
    expect(upload.with).toMatchObject({ path: 'plans/${{ matrix.environment }}', 'retention-days': 5 });
    expect(upload.if).toBe('${{ !cancelled() }}');
    const summarySteps = job('plan').steps.filter((step) => (step.run ?? '').includes('plans/$ENVIRONMENT/plan-summary.md'));
    expect(summarySteps).toHaveLength(2);
    expect(summarySteps[0].run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(summarySteps[1].env?.GH_TOKEN).toBe('${{ github.token }}');
    expect(summarySteps[1].run).toContain('--method PATCH');
    for (const step of summarySteps) {
      expect(step.if).toBe('${{ !cancelled() }}');
      expect(step.env?.ENVIRONMENT).toBe('${{ matrix.environment }}');
    }
  });
});

describe('the apply job', () => {
  it("applies one environment at a time, in the list's order, each behind its GitHub environment's reviewers", () => {
    expect(job('apply').environment).toBe('${{ matrix.environment }}');
    expect(job('apply').strategy?.['max-parallel']).toBe(1);
    expect(job('apply').strategy?.['fail-fast']).toBe(true);
  });

  it('applies, then writes the handoff bundle and keeps it as an artifact', () => {
    expect(commandsOf('apply').filter((line) => line.startsWith('npm '))).toEqual([
      'npm ci',
      'npm run apply -- ${{ matrix.environment }} --allow-destroy',
      'npm run apply -- ${{ matrix.environment }}',
      'npm run handoff -- ${{ matrix.environment }}',
    ]);
    expect(stepUsing('apply', 'actions/upload-artifact').with).toMatchObject({ path: 'handoff/${{ matrix.environment }}.tar.gz', 'if-no-files-found': 'error' });
  });

  it('applies on main only, a run by hand too', () => {
    expect(job('apply').if).toContain("github.ref == 'refs/heads/main'");
  });

  const applyStep = () => {
    const found = job('apply').steps.find((step) => (step.run ?? '').includes('npm run apply'));
    if (found === undefined) throw new Error('the apply job has no step running npm run apply');
    return found;
  };
  const applyWith = (allowDestroy: string) => runScript(applyStep(), { ALLOW_DESTROY: allowDestroy }, { 'matrix.environment': 'stg' });

  it('allows destroys only in a run by hand with allow-destroy ticked, never on a push', () => {
    // The one place the input is read: false on any other event, whatever inputs hold.
    expect(applyStep().env).toEqual({ ALLOW_DESTROY: "${{ github.event_name == 'workflow_dispatch' && inputs.allow-destroy }}" });
    expect(applyWith('true')).toEqual({ status: 0, npm: ['npm run apply -- stg --allow-destroy'], other: [] });
    for (const value of ['false', '', 'true --x']) expect({ value, ...applyWith(value) }).toEqual({ value, status: 0, npm: ['npm run apply -- stg'], other: [] });
  });

  it('names the job "(destroys allowed)" for the reviewers who approve it, only in a run by hand that allows them', () => {
    expect(job('apply').name).toBe("apply ${{ matrix.environment }}${{ github.event_name == 'workflow_dispatch' && inputs.allow-destroy && ' (destroys allowed)' || '' }}");
  });
});

describe('npm run ci-environments: which environments a change plans', () => {
  const environment = (name: string, change: Partial<CiEnvironment> = {}): CiEnvironment => ({
    name,
    file: `config/environments/${name}.yaml`,
    production: false,
    region: 'eu-west-1',
    reads: [],
    ...change,
  });
  const shipped = [
    environment('dev', { reads: ['config/environments/dev.user-data.sh'] }),
    environment('prod', { production: true, region: 'us-east-1' }),
    environment('stg'),
  ];
  const EVERY = ['dev', 'stg', 'prod'];

  it.each<[string, readonly string[], readonly string[]]>([
    ['an environment file', ['config/environments/stg.yaml'], ['stg']],
    ['two environment files (production last)', ['config/environments/prod.yaml', 'config/environments/dev.yaml'], ['dev', 'prod']],
    ['an environment file and the docs', ['config/environments/prod.yaml', 'docs/ci.md', 'README.md'], ['prod']],
    ['the boot script an environment reads', ['config/environments/dev.user-data.sh'], ['dev']],
    ['code', ['constructs/network/vpc.ts'], EVERY],
    ['code and an environment file', ['config/environments/stg.yaml', 'stacks/app-stack.ts'], EVERY],
    ['the lock file', ['package-lock.json'], EVERY],
    ['the Node.js version', ['.nvmrc'], EVERY],
    ['AWS data', ['config/aws/regions.json'], EVERY],
    ['the config schema', ['config/schema.ts'], EVERY],
    ['the workflow itself', ['.github/workflows/terraform.yml'], EVERY],
    ['a file of the config folder no environment reads (unknown: assumed to matter)', ['config/environments/notes.txt'], EVERY],
    ['docs only', ['docs/ci.md', 'README.md', 'CHANGELOG.md', 'config/aws/README.md', 'config/environments/README.md'], []],
    ['examples only', ['examples/sandbox/lab.yaml', 'examples/wordpress/wordpress.yaml'], []],
    ['tests only', ['__tests__/ci-workflow.test.ts', '__tests__/support/fixtures.ts'], []],
    ['the cheat sheet and repository settings', ['help', '.github/CODEOWNERS', '.gitignore'], []],
    ['nothing', [], []],
    ['a deleted environment file', ['config/environments/qa.yaml'], []],
    ['a deleted environment file and another one', ['config/environments/qa.yml', 'config/environments/dev.yaml'], ['dev']],
  ])('%s', (_, changedFiles, expected) => {
    expect(selectEnvironments({ environments: shipped, configDir: 'config/environments', changedFiles, all: false }).environments).toEqual(expected);
  });

  it('every environment with --all, whatever changed, production last', () => {
    expect(selectEnvironments({ environments: shipped, configDir: 'config/environments', changedFiles: [], all: true }).environments).toEqual(EVERY);
    expect(selectEnvironments({ environments: shipped, configDir: 'config/environments', changedFiles: ['docs/ci.md'], all: true }).environments).toEqual(EVERY);
  });

  it('says a deleted environment is not planned, and that its stacks stay deployed', () => {
    for (const changedFiles of [['config/environments/qa.yaml'], ['config/environments/qa.yaml', 'package.json']]) {
      const notes = selectEnvironments({ environments: shipped, configDir: 'config/environments', changedFiles, all: false }).notes;
      expect(notes.find((note) => note.includes('config/environments/qa.yaml'))).toMatch(/environment "qa" is not planned.*stay deployed/);
    }
  });

  it('says why every environment was selected, naming the file', () => {
    const { notes } = selectEnvironments({ environments: shipped, configDir: 'config/environments', changedFiles: ['docs/ci.md', 'package.json'], all: false });
    expect(notes[0]).toBe('every environment (dev, stg, prod): package.json changed, which may change any synthesized stack');
  });

  it('takes the environment files from the config folder in use (CONFIG_DIR), even inside examples/', () => {
    const examples = [environment('classroom', { file: 'examples/sandbox/classroom.yaml' }), environment('lab', { file: 'examples/sandbox/lab.yaml' })];
    const select = (changedFiles: string[]) => selectEnvironments({ environments: examples, configDir: 'examples/sandbox', changedFiles, all: false }).environments;
    expect(select(['examples/sandbox/lab.yaml'])).toEqual(['lab']);
    expect(select(['examples/wordpress/wordpress.yaml', 'config/environments/dev.yaml'])).toEqual(['classroom', 'lab']);
    expect(select(['examples/sandbox/old.yaml'])).toEqual([]);
  });

  it('selects only the environment a run by hand names, which must be defined', () => {
    const only = (name: string) => selectEnvironments({ environments: shipped, configDir: 'config/environments', changedFiles: ['package.json'], all: false, only: name });
    expect(only('prod')).toEqual({ environments: ['prod'], notes: ['prod only (--only): a run by hand'] });
    for (const name of ['qa', 'Prod', 'prod ', '../prod']) {
      expect(() => only(name)).toThrow(CiEnvironmentsUnknownError);
      expect(() => only(name)).toThrow(`--only "${name}": no such environment in config/environments; expected one of dev, stg, prod`);
    }
  });

  it('writes the job outputs: the list, and each selected environment region', () => {
    expect(githubOutputLines({ environments: ['dev', 'prod'], notes: [] }, shipped)).toBe('environments=["dev","prod"]\nregions={"dev":"eu-west-1","prod":"us-east-1"}\n');
    // The plan and apply jobs compare the output with '[]' to skip an empty matrix.
    expect(githubOutputLines({ environments: [], notes: [] }, shipped)).toBe('environments=[]\nregions={}\n');
  });

  it.each<[string, string[], CiEnvironmentsCommand]>([
    ['a base', ['--base', 'origin/main'], { help: false, all: false, base: 'origin/main', githubOutput: false }],
    ['a base with =', ['--base=origin/release', '--github-output'], { help: false, all: false, base: 'origin/release', githubOutput: true }],
    ['all', ['--all'], { help: false, all: true, githubOutput: false }],
    ['one environment', ['--only', 'prod', '--github-output'], { help: false, all: false, only: 'prod', githubOutput: true }],
    ['one environment with =', ['--only=stg'], { help: false, all: false, only: 'stg', githubOutput: false }],
    ['help', ['--bogus', '--help'], { help: true }],
  ])('accepts %s', (_, args, expected) => {
    expect(parseCiEnvironmentsArguments(args)).toEqual(expected);
  });

  it.each<[string, string[], RegExp]>([
    ['an unknown option', ['--all', '--bogus'], /^unknown option "--bogus"; expected --base <git ref>, --all, --only <environment>, --github-output or --help/],
    ['a base without its ref', ['--base'], /^--base without a git ref; expected one after it/],
    ['a base followed by an option', ['--base', '--all'], /^--base without a git ref/],
    ['two bases', ['--base', 'a', '--base', 'b'], /^--base given twice \("a" and "b"\)/],
    ['base and all', ['--base', 'origin/main', '--all'], /^--base and --all given together; expected one of --base, --all and --only/],
    ['all and only', ['--all', '--only', 'dev'], /^--all and --only given together/],
    ['only without its environment', ['--only', '--github-output'], /^--only without an environment; expected one after it, such as --only dev/],
    ['only with an empty environment (an empty input)', ['--only', ''], /^--only without an environment/],
    ['two environments', ['--only', 'dev', '--only', 'prod'], /^--only given twice \("dev" and "prod"\)/],
    ['none of them', ['--github-output'], /^none of --base, --all and --only given/],
    ['an environment name', ['--all', 'dev'], /^unexpected argument "dev"; environments are selected from the changed files \(--base\), all of them \(--all\) or one by name \(--only <environment>\)/],
  ])('refuses %s, with the usage', (_, args, message) => {
    expect(() => parseCiEnvironmentsArguments(args)).toThrow(CiEnvironmentsUsageError);
    expect(() => parseCiEnvironmentsArguments(args)).toThrow(message);
    expect(() => parseCiEnvironmentsArguments(args)).toThrow(/\(usage: npm run --silent ci-environments -- \(--base <git ref> \| --all \| --only <environment>\) \[--github-output\]\)$/);
  });
});

describe('ci-environments against what synth builds', () => {
  // Two sandbox-only environments, the cheapest to synthesize: one with its own keys (state, keys, sandbox), and a
  // production one in another region whose name sorts first.
  const dir = new ConfigDir();
  dir.writeEnvironment('lab', (input) => {
    sandboxOnly()(input);
    input.encryption = { customerManagedKeys: true };
  });
  dir.writeEnvironment('apex', (input) => {
    sandboxOnly()(input);
    input.production = true;
    input.region = 'eu-central-1';
    input.sandbox.availabilityZone = 'eu-central-1a';
  });
  const work = mkdtempSync(join(tmpdir(), 'ci-workflow-synth-'));
  const outdir = join(work, 'cdktf.out');
  afterAll(() => {
    dir.remove();
    rmSync(work, { recursive: true, force: true });
  });

  const environmentsOf = () => ciEnvironments(loadEnvironments([], dir.path), new Map(scanEnvironmentFiles(dir.path).map((file) => [file.name, `envs/${file.name}.yaml`])));

  it('--all selects exactly the environments synth builds, production last', () => {
    const run = synthInto(dir.path, outdir);
    expect(run.messages).toEqual([]);
    expect(run.code).toBe(0);
    const selection = selectEnvironments({ environments: environmentsOf(), configDir: 'envs', changedFiles: [], all: true });
    expect([...selection.environments].sort()).toEqual(synthesizedEnvironments(readSynthesizedStacks(outdir)));
    expect([...selection.environments].sort()).toEqual(loadEnvironments([], dir.path).map((config) => config.environment).sort());
    expect(selection.environments).toEqual(['lab', 'apex']);
    expect(githubOutputLines(selection, environmentsOf())).toContain('regions={"lab":"eu-west-1","apex":"eu-central-1"}');
  });

  it("orders each environment's stacks as synth recorded them: every stack after those it was made to depend on", () => {
    const synthesized = readSynthesizedStacks(outdir);
    const app = new App({ outdir: join(work, 'unused') });
    for (const config of loadEnvironments([], dir.path)) {
      const built = buildEnvironmentStacks(app, config);
      const order = applyOrder(synthesized, config.environment).map((stack) => stack.name);
      expect(order).toEqual(built.map((stack) => stack.node.id));
      for (const stack of built) {
        for (const dependency of stack.dependencies) expect(order.indexOf(dependency.node.id)).toBeLessThan(order.indexOf(stack.node.id));
      }
    }
    expect(applyOrder(synthesized, 'lab').map((stack) => stack.name)).toEqual(['lab-state', 'lab-keys', 'lab-sandbox']);
  });
});

describe('npm run ci-environments, the command', () => {
  const dir = new ConfigDir();
  dir.writeEnvironment('alpha', sandboxOnly());
  dir.writeEnvironment('beta', (input) => {
    sandboxOnly()(input);
    input.production = true;
  });
  afterAll(() => dir.remove());

  /** The command in-process, in a repository at `dir`'s parent, with a git that reports `changed` (or fails with `gitFails`). */
  function command(args: string[], options: { changed?: string[]; gitFails?: string; env?: Record<string, string | undefined> } = {}) {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const appended: [string, string][] = [];
    const gitCalls: string[][] = [];
    const root = join(dir.path, '..');
    const code = runCiEnvironments(args, {
      cwd: ROOT,
      env: { CONFIG_DIR: dir.path, ...options.env },
      git: (gitArgs) => {
        gitCalls.push([...gitArgs]);
        if (options.gitFails !== undefined) throw new CiEnvironmentsGitError(options.gitFails);
        return gitArgs[0] === 'rev-parse' ? `${root}\n` : (options.changed ?? []).map((path) => `${path}\0`).join('');
      },
      stdout: (text) => stdout.push(text),
      stderr: (text) => stderr.push(text),
      appendFile: (file, text) => appended.push([file, text]),
    });
    return { code, stdout: stdout.join(''), stderr: stderr.join(''), appended, gitCalls };
  }
  const folder = () => dir.path.split(/[\\/]/).pop();

  it('diffs the base against HEAD with every path written out, and prints the selection', () => {
    const run = command(['--base', 'origin/main'], { changed: [`${folder()}/beta.yaml`, 'docs/ci.md'] });
    expect(run.gitCalls).toEqual([
      ['rev-parse', '--show-toplevel'],
      ['diff', '--name-only', '--no-renames', '-z', 'origin/main...HEAD'],
    ]);
    expect(run.stdout).toBe('["beta"]\n');
    expect(run.stderr).toBe(`ci-environments: beta: ${folder()}/beta.yaml changed\nci-environments: no environment for docs/ci.md: documentation, examples or tests only\n`);
    expect(run.code).toBe(0);
  });

  it('with --all, asks git nothing and prints every environment, production last', () => {
    const run = command(['--all']);
    expect(run.gitCalls).toEqual([]);
    expect(run.stdout).toBe('["alpha","beta"]\n');
    expect(run.code).toBe(0);
  });

  it('with --github-output, appends the job outputs to $GITHUB_OUTPUT', () => {
    const run = command(['--all', '--github-output'], { env: { GITHUB_OUTPUT: '/runner/output' } });
    expect(run.appended).toEqual([['/runner/output', 'environments=["alpha","beta"]\nregions={"alpha":"eu-west-1","beta":"eu-west-1"}\n']]);
  });

  it('with --only, asks git nothing and prints that environment and its region', () => {
    const run = command(['--only', 'beta', '--github-output'], { env: { GITHUB_OUTPUT: '/runner/output' } });
    expect(run.gitCalls).toEqual([]);
    expect(run.stdout).toBe('["beta"]\n');
    expect(run.stderr).toBe('ci-environments: beta only (--only): a run by hand\n');
    expect(run.appended).toEqual([['/runner/output', 'environments=["beta"]\nregions={"beta":"eu-west-1"}\n']]);
  });

  it('exits 2 on an --only environment that is not defined, naming those that are, and writes no output', () => {
    const run = command(['--only', 'gamma', '--github-output'], { env: { GITHUB_OUTPUT: '/runner/output' } });
    expect(run).toMatchObject({ code: 2, stdout: '', appended: [] });
    expect(run.stderr).toMatch(/^ci-environments: --only "gamma": no such environment in .*; expected one of alpha, beta\n$/);
  });

  it('exits 2 on an unknown option, with the usage, printing nothing on stdout', () => {
    const run = command(['--all', '--bogus']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(
      'ci-environments: unknown option "--bogus"; expected --base <git ref>, --all, --only <environment>, --github-output or --help (usage: npm run --silent ci-environments -- (--base <git ref> | --all | --only <environment>) [--github-output])\n',
    );
  });

  it('exits 2 on --github-output outside GitHub Actions', () => {
    const run = command(['--all', '--github-output'], { env: { GITHUB_OUTPUT: undefined } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ci-environments: --github-output, but GITHUB_OUTPUT is not set/);
  });

  it("exits 1 with git's reason when git fails", () => {
    const run = command(['--base', 'origin/main'], { gitFails: 'git rev-parse --show-toplevel failed: fatal: not a git repository' });
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: 'ci-environments: git rev-parse --show-toplevel failed: fatal: not a git repository\n' });
  });

  it('exits 1 with the configuration problem, as synth reports it', () => {
    const broken = new ConfigDir();
    try {
      broken.writeEnvironment('gamma', (input) => (input.region = 'mars-north-1'));
      const run = command(['--all'], { env: { CONFIG_DIR: broken.path } });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^ci-environments: .*gamma\.yaml.*region/s);
    } finally {
      broken.remove();
    }
  });
});

describe('npm run ci-environments as a process, in a git repository', () => {
  // Two commits: the second changes one environment, deletes another and adds docs.
  const repo = mkdtempSync(join(tmpdir(), 'ci-environments-repo-'));
  const git = (...args: string[]) => {
    const result = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  };
  const fixture = new ConfigDir();
  mkdirSync(join(repo, 'envs'));
  for (const name of ['alpha', 'beta', 'gone']) writeFileSync(join(repo, 'envs', `${name}.yaml`), fixture.environmentYaml(name, sandboxOnly()));
  fixture.remove();
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'first');
  writeFileSync(join(repo, 'envs', 'alpha.yaml'), `# reviewed\n${readFileSync(join(repo, 'envs', 'alpha.yaml'), 'utf8')}`);
  unlinkSync(join(repo, 'envs', 'gone.yaml'));
  mkdirSync(join(repo, 'docs'));
  writeFileSync(join(repo, 'docs', 'notes.md'), '# notes\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'second');
  // Inside the work tree but never committed: git diff compares commits only.
  const outputFile = join(repo, 'github-output');
  // Started before the tests run, in the background: a Node process of about a second.
  const changed = runProcess(TSX, [CLI, '--base', 'HEAD~1', '--github-output'], repo, { CONFIG_DIR: join(repo, 'envs'), GITHUB_OUTPUT: outputFile });
  afterAll(async () => {
    await Promise.allSettled([changed]);
    rmSync(repo, { recursive: true, force: true });
  });

  it('prints the changed environment as JSON, says why and what was left out, and writes the job outputs', async () => {
    const run = await changed;
    expect(run.stderr).toContain('ci-environments: alpha: envs/alpha.yaml changed\n');
    expect(run.stderr).toMatch(/envs\/gone\.yaml: no longer in the configuration .* environment "gone" is not planned/);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('["alpha"]\n');
    expect(readFileSync(outputFile, 'utf8')).toBe('environments=["alpha"]\nregions={"alpha":"eu-west-1"}\n');
  });
});
