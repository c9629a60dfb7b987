import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { loadEnvironments } from '../config/load';
import { HandoffOptions, parseHandoffArguments, runHandoff } from '../scripts/lib/handoff/run';
import { StackJson } from '../scripts/lib/combined-validate';
import { ConfigDir } from './support/config-dir';
import { initOffline, OfflinePlan, OfflinePlannable, offlinePlannable, planOffline, writeOfflinePlanRoot } from './support/offline-plan';
import { synthInto } from './support/run-synth';
import { oidcBlock, TEST_ZONE_ID } from './support/s3-systems';
import { sandboxOnly } from './support/sandbox';
import { StsEmulator } from './support/sts-emulator';
import { terraform, TerraformResult, writeCliConfig } from './support/terraform';

/**
 * The operations team's side of the project: what `npm run handoff -- <env>` gives them, and
 * that it works with terraform alone. One fixture environment (`shop`) holds every kind of stack
 * a bundle has to describe: the web platform with its own keys and a zone delegated from a parent
 * account, a static website and a private bucket (plannable offline: no API-backed data source),
 * and an internal site that needs a sensitive variable. `lab` (a sandbox) shares the config folder.
 *
 * The synthesized output is made twice, the second time with the environments built in the other
 * order, into another folder, to prove synth is deterministic; the bundle is made from the first.
 * Terraform runs in a folder the archives (shop's and lab's) were unpacked into, far from node_modules
 * and this repository: the README's validate commands in one stack folder, and one offline plan of every
 * plannable stack as modules of a generated root (one provider process per region, account pin and
 * role, not per stack), the providers' account pins checked against a local STS (support/sts-emulator.ts);
 * and a second plan with that STS answering another account, which the pins must refuse.
 */
const PARENT_ROLE = 'arn:aws:iam::999999999999:role/dns-delegation';
const SITE_NAMES = ['shop.example.com', 'www.shop.example.com', 'admin.shop.example.com'];

const work = mkdtempSync(join(tmpdir(), 'handoff-'));
const configDir = new ConfigDir();
configDir.writeEnvironment('shop', (input) => {
  input.systems = ['web-platform', 'static-website', 'private-bucket', 'internal-site'];
  input.dns = { subjectAlternativeNames: SITE_NAMES.slice(1), parentZone: { zoneId: 'Z0PARENT0ZONE', roleArn: PARENT_ROLE } };
  input.encryption = { customerManagedKeys: true };
  input.staticWebsite = { hostName: 'static.shop.example.com', hostedZoneId: TEST_ZONE_ID };
  input.privateBucket = {};
  input.internalSite = {
    hostName: 'docs.shop.example.com',
    hostedZoneId: TEST_ZONE_ID,
    vpc: { cidr: '10.30.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b'], albSubnets: ['10.30.0.0/24', '10.30.1.0/24'], endpointSubnets: ['10.30.10.0/24', '10.30.11.0/24'] },
    oidc: oidcBlock(),
  };
});
configDir.writeEnvironment('lab', sandboxOnly());

const outdir = join(work, 'cdktf.out');
const first = synthInto(configDir.path, outdir);

const bundles = join(work, 'handoff');
const printed: string[] = [];
const logged: string[] = [];
const handoff = (options: Partial<HandoffOptions> & { environment: string }, dir = outdir) =>
  runHandoff({ outRoot: bundles, skipSynth: true, ...options }, { configDir: configDir.path, outdir: dir, print: (line) => printed.push(line), log: (line) => logged.push(line) });
const handoffCode = handoff({ environment: 'shop' });
const bundle = join(bundles, 'shop');

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  configDir.remove();
});

/** Every file under `dir`, relative, sorted, with its bytes. */
function tree(dir: string): Record<string, string> {
  return Object.fromEntries(
    (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
      .filter((path) => statSync(join(dir, path)).isFile())
      .sort()
      .map((path) => [path, readFileSync(join(dir, path), 'base64')]),
  );
}

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies: string[] }> };
const readme = () => readFileSync(join(bundle, 'README.md'), 'utf8');

describe('synth of the fixture environments', () => {
  // Determinism (another folder, another order, one more environment) is proven over every kind of stack in synth-invariants.test.ts.
  it('synthesizes them with no finding', () => {
    expect(first.messages).toEqual([]);
    expect(first.code).toBe(0);
  });
});

describe('the handoff bundle', () => {
  it('is written, and the command says where and how to check it', () => {
    expect(logged).toEqual([]);
    expect(handoffCode).toBe(0);
    expect(printed.join('\n')).toMatch(/Wrote the handoff bundle of shop: .*shop\/ \(10 stacks: 01-state, .*\) and .*shop\.tar\.gz/);
    expect(printed.join('\n')).toContain('sha256sum -c SHA256SUMS');
  });

  it('numbers one folder per stack of the environment (and none of another) in an order that applies every stack after those it depends on', () => {
    const folders = readdirSync(bundle).filter((name) => /^\d\d-/.test(name));
    expect(folders).toEqual(['01-state', '02-keys', '03-network', '04-dns', '05-app', '06-edge', '07-ops', '08-website', '09-files', '10-intranet']);
    const position = new Map(folders.map((folder, index) => [`shop-${folder.slice(3)}`, index]));
    const stacks = manifest(outdir).stacks;
    expect([...position.keys()].sort()).toEqual(Object.keys(stacks).filter((name) => name.startsWith('shop-')).sort());
    for (const [stack, index] of position) {
      for (const dependency of stacks[stack].dependencies) expect({ stack, before: position.get(dependency)! < index }).toEqual({ stack, before: true });
    }
  });

  it('holds each stack exactly as synth wrote it', () => {
    for (const folder of readdirSync(bundle).filter((name) => /^\d\d-/.test(name))) {
      // As text: jest compares Buffers byte by byte, seconds for these sizes.
      expect(readFileSync(join(bundle, folder, 'cdk.tf.json'), 'utf8')).toBe(readFileSync(join(outdir, 'stacks', `shop-${folder.slice(3)}`, 'cdk.tf.json'), 'utf8'));
    }
  });

  it('lists every other file in SHA256SUMS, and sha256sum -c finds a changed file', () => {
    const listed = readFileSync(join(bundle, 'SHA256SUMS'), 'utf8').trim().split('\n');
    expect(listed.map((line) => line.slice(66)).sort()).toEqual(Object.keys(tree(bundle)).filter((path) => path !== 'SHA256SUMS'));
    expect(checkSums(bundle)).toMatchObject({ status: 0 });

    const tampered = join(work, 'tampered');
    cpSync(bundle, tampered, { recursive: true });
    writeFileSync(join(tampered, '03-network', 'cdk.tf.json'), '{}');
    const check = checkSums(tampered);
    expect(check.status).not.toBe(0);
    expect(check.stdout).toMatch(/03-network\/cdk\.tf\.json: FAILED/);
  });

  it('README: the apply order, each stack\'s folder, commands and state, and a diagram of the dependencies', () => {
    const text = readme();
    expect(text).toContain('| 1 | `01-state` | `shop-state` | - |');
    expect(text).toContain('| 5 | `05-app` | `shop-app` | 03-network, 04-dns |');
    const edges = [...text.matchAll(/^ {2}(\w+) --> (\w+)$/gm)].map((match) => `${match[1]}>${match[2]}`).sort();
    const expected = Object.entries(manifest(outdir).stacks)
      .filter(([name]) => name.startsWith('shop-'))
      .flatMap(([name, entry]) => entry.dependencies.map((dependency) => `${dependency.replace('-', '_')}>${name.replace('-', '_')}`))
      .sort();
    expect(edges).toEqual(expected);
    expect(text).toContain('```mermaid\ngraph LR\n');
    expect(text).toMatch(/### 03-network \(`shop-network`\)[\s\S]*?State: `s3:\/\/webplat-shop-state-tfstate-123456789012\/shop\/network\.tfstate` \(eu-west-1\), encrypted, locked by DynamoDB table `webplat-shop-state-locks`/);
    expect(text).toMatch(/```sh\ncd 06-edge\nterraform init -input=false\nterraform plan -input=false -out=tfplan\nterraform apply -input=false tfplan\n```/);
    expect(text).toMatch(/## Bootstrap the state[\s\S]*cd 01-state/);
  });

  it('README: the sensitive variable a stack expects, and how to pass it without writing it down', () => {
    const section = /### 10-intranet[\s\S]*/.exec(readme())![0];
    expect(section).toContain("export TF_VAR_internal_site_oidc_client_secret='...'   # sensitive");
    expect(section).toMatch(/\| `internal_site_oidc_client_secret` \| yes \| yes \| Client secret of the OpenID Connect client/);
    expect(/### 05-app[\s\S]*?### 06-edge/.exec(readme())![0]).not.toContain('TF_VAR_');
  });

  it('README: the outputs each stack publishes and which later stacks read them', () => {
    const text = readme();
    expect(text).toMatch(/### 03-network[\s\S]*?\| `vpc_id` \| `05-app` \|/);
    expect(text).toMatch(/### 04-dns[\s\S]*?\| `zone_id` \| `06-edge` \|/);
    expect(text).toMatch(/### 04-dns[\s\S]*?\| `global_certificate_arn` \| `06-edge`, `07-ops` \|/);
    expect(text).toMatch(/### 04-dns[\s\S]*?\| `name_servers` \| - \|/);
  });

  it('holds the pipeline roles\' policies, listed in the README, and trust policies naming the repository to set', () => {
    expect(readdirSync(join(bundle, 'iam'))).toEqual(['apply-policy.json', 'apply-trust.json', 'plan-policy.json', 'plan-trust.json']);
    const subjects = (file: string) => JSON.parse(readFileSync(join(bundle, 'iam', file), 'utf8')).Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub'];
    expect(subjects('plan-trust.json')).toEqual(['repo:OWNER/REPO:pull_request']);
    expect(subjects('apply-trust.json')).toEqual(['repo:OWNER/REPO:environment:shop']);
    const actions = JSON.stringify(JSON.parse(readFileSync(join(bundle, 'iam', 'apply-policy.json'), 'utf8')).Statement.map((statement: { Action: unknown }) => statement.Action));
    for (const action of ['cloudfront:', 'wafv2:', 'elasticloadbalancing:', 'route53:', 'kms:']) expect(actions).toContain(action);
    expect(readme()).toMatch(/## Roles for a pipeline[\s\S]*- `iam\/plan-policy\.json`: permissions of the plan role/);

    const outRoot = join(work, 'for-acme');
    expect(handoff({ environment: 'shop', outRoot, repository: 'acme/shop-platform' })).toBe(0);
    expect(readFileSync(join(outRoot, 'shop', 'iam', 'plan-trust.json'), 'utf8')).toContain('"repo:acme/shop-platform:pull_request"');
  });

  it('the archive unpacks with tar into exactly the folder\'s files', () => {
    const unpacked = join(work, 'unpacked-check');
    mkdirSync(unpacked);
    expect(spawnSync('tar', ['-xzf', join(bundles, 'shop.tar.gz'), '-C', unpacked], { encoding: 'utf8' })).toMatchObject({ status: 0, stderr: '' });
    expect(tree(join(unpacked, 'shop'))).toEqual(tree(bundle));
  });

  it('is made again byte for byte, replacing the previous bundle and what was left in it', () => {
    const archive = readFileSync(join(bundles, 'shop.tar.gz'), 'base64');
    const files = tree(bundle);
    writeFileSync(join(bundle, '02-keys', 'cdk.tf.json'), '{"changed": true}');
    expect(handoff({ environment: 'shop' })).toBe(0);
    expect(readFileSync(join(bundles, 'shop.tar.gz'), 'base64')).toBe(archive);
    expect(tree(bundle)).toEqual(files);
  });
});

describe('handoff refuses, writing nothing', () => {
  const refusal = (options: Partial<HandoffOptions> & { environment: string }, dir?: string) => {
    logged.length = 0;
    const code = handoff(options, dir);
    return { code, message: logged.join('\n') };
  };

  it('an unknown environment, naming the known ones', () => {
    expect(refusal({ environment: 'qa' })).toEqual({ code: 1, message: expect.stringMatching(/"qa".*expected one of the environments defined there: lab, shop/) });
  });

  it('an output folder that is not a previous bundle, and a bundle holding files it did not write', () => {
    const outRoot = join(work, 'taken');
    mkdirSync(join(outRoot, 'shop'), { recursive: true });
    writeFileSync(join(outRoot, 'shop', 'notes.md'), 'mine');
    expect(refusal({ environment: 'shop', outRoot })).toEqual({ code: 1, message: expect.stringMatching(/shop exists and it has no \.handoff-bundle file.*nothing written/) });
    expect(readdirSync(outRoot)).toEqual(['shop']);
    expect(readdirSync(join(outRoot, 'shop'))).toEqual(['notes.md']);

    const used = join(work, 'used');
    cpSync(bundles, used, { recursive: true });
    writeFileSync(join(used, 'shop', '01-state', 'terraform.tfstate'), '{"version":4}');
    expect(refusal({ environment: 'shop', outRoot: used })).toEqual({ code: 1, message: expect.stringContaining('holds files the bundle did not write (01-state/terraform.tfstate)') });
    expect(readFileSync(join(used, 'shop', '01-state', 'terraform.tfstate'), 'utf8')).toBe('{"version":4}');
  });

  it('an archive path holding another file', () => {
    const outRoot = join(work, 'archive-taken');
    mkdirSync(outRoot);
    writeFileSync(join(outRoot, 'shop.tar.gz'), 'not a bundle');
    expect(refusal({ environment: 'shop', outRoot })).toEqual({ code: 1, message: expect.stringMatching(/shop\.tar\.gz exists and is not a handoff bundle of shop; nothing written/) });
    expect(readdirSync(outRoot)).toEqual(['shop.tar.gz']);
  });

  it('a stack missing from the synthesized output, and no synthesized output at all', () => {
    const broken = join(work, 'broken-out');
    cpSync(outdir, broken, { recursive: true });
    rmSync(join(broken, 'stacks', 'shop-dns', 'cdk.tf.json'));
    const outRoot = join(work, 'from-broken');
    expect(refusal({ environment: 'shop', outRoot }, broken)).toEqual({ code: 1, message: expect.stringMatching(/^shop-dns: the synthesized output lists it but .*shop-dns\/cdk\.tf\.json is missing/) });
    expect(existsSync(outRoot)).toBe(false);
    expect(refusal({ environment: 'shop', outRoot }, join(work, 'nothing-here'))).toEqual({ code: 1, message: expect.stringContaining('no synthesized output there') });
  });

  it('a stack file that is not JSON', () => {
    const broken = join(work, 'corrupt-out');
    cpSync(outdir, broken, { recursive: true });
    writeFileSync(join(broken, 'stacks', 'shop-ops', 'cdk.tf.json'), '{"resource": ');
    const outRoot = join(work, 'from-corrupt');
    expect(refusal({ environment: 'shop', outRoot }, broken)).toEqual({ code: 1, message: expect.stringMatching(/^shop-ops: .*shop-ops\/cdk\.tf\.json is not Terraform JSON \(.*\); synthesize shop again$/) });
    expect(existsSync(outRoot)).toBe(false);
  });

  it('an internal failure as one line saying so, not a stack trace', () => {
    logged.length = 0;
    const code = runHandoff(
      { environment: 'lab', outRoot: join(work, 'internal'), skipSynth: true },
      { configDir: configDir.path, outdir, print: () => { throw new Error('stdout closed'); }, log: (line) => logged.push(line) },
    );
    expect({ code, logged }).toEqual({ code: 1, logged: ['handoff failed: stdout closed\n(an internal error, not a configuration problem; set DEBUG=1 for the stack trace)'] });
  });

  it('a repository that is not <owner>/<repo>', () => {
    const outRoot = join(work, 'bad-repository');
    expect(refusal({ environment: 'shop', outRoot, repository: 'acme' })).toEqual({ code: 1, message: expect.stringContaining('repository "acme": expected <owner>/<repo>') });
    expect(existsSync(outRoot)).toBe(false);
  });

  it('bad arguments, with the problem (the command prints the usage)', () => {
    expect(parseHandoffArguments([])).toBe('name one environment');
    expect(parseHandoffArguments(['dev', 'prod'])).toBe('name one environment, not 2 (dev, prod)');
    expect(parseHandoffArguments(['dev', '--bogus'])).toBe('unknown option --bogus');
    expect(parseHandoffArguments(['dev', '--out'])).toBe('--out needs a value');
    expect(parseHandoffArguments(['dev', '--repository', '--skip-synth'])).toBe('--repository needs a value');
    expect(parseHandoffArguments(['dev', '--out', 'x', '--skip-synth'])).toEqual({ environment: 'dev', outRoot: 'x', skipSynth: true });
    expect(parseHandoffArguments(['--repository', 'acme/web', 'dev'])).toEqual({ environment: 'dev', outRoot: 'handoff', skipSynth: false, repository: 'acme/web' });
  });
});

describe('handoff synthesizes first', () => {
  it('writes the bundle of the environment as the configuration now says', () => {
    const fresh = join(work, 'fresh-out');
    printed.length = 0;
    expect(handoff({ environment: 'lab', skipSynth: false, outRoot: join(work, 'fresh') }, fresh)).toBe(0);
    expect(readdirSync(join(work, 'fresh', 'lab')).filter((name) => /^\d\d-/.test(name))).toEqual(['01-state', '02-sandbox']);
    expect(readFileSync(join(work, 'fresh', 'lab', '02-sandbox', 'cdk.tf.json'), 'utf8')).toBe(readFileSync(join(outdir, 'stacks', 'lab-sandbox', 'cdk.tf.json'), 'utf8'));
  });
});

/** `sha256sum -c SHA256SUMS` in `dir` (`shasum -a 256 -c` where there is no sha256sum, as on macOS). */
function checkSums(dir: string) {
  const sha256sum = spawnSync('sha256sum', ['--version']).status === 0;
  return spawnSync(sha256sum ? 'sha256sum' : 'shasum', [...(sha256sum ? [] : ['-a', '256']), '-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
}

describe('with terraform alone, in a folder the archive was unpacked into', () => {
  // The machine's temporary folder, not this run's inside the repository (see global-setup.js).
  const isolated = mkdtempSync(join(process.env.SYSTEM_TMPDIR ?? tmpdir(), 'ops-'));
  const planRoot = join(isolated, 'offline-plan');
  /** The environments' account, which the local STS tells the providers they are in. */
  const account = loadEnvironments(['shop'], configDir.path)[0].accountId;
  const sts = new StsEmulator(account);
  /** Tells every caller it is in another account: the pins must refuse it. */
  const otherSts = new StsEmulator('111111111111');
  let settings: ReturnType<typeof writeCliConfig>;
  /** Each unpacked bundle's stacks, by stack name (`shop-dns` for shop/04-dns). */
  let bundled: Map<string, StackJson & { data?: object; resource: Record<string, Record<string, unknown>> }>;
  let plannable: OfflinePlannable;
  let initialized: Promise<TerraformResult>;
  let plan: Promise<OfflinePlan>;
  let otherAccountPlan: Promise<OfflinePlan>;

  beforeAll(async () => {
    settings = writeCliConfig(join(isolated, '.terraform-cli'));
    // The sandbox environment's bundle too: every stack of the fixture environments is planned or skipped below.
    expect(handoff({ environment: 'lab' })).toBe(0);
    bundled = new Map();
    for (const environment of ['shop', 'lab']) {
      expect(spawnSync('tar', ['-xzf', join(bundles, `${environment}.tar.gz`), '-C', isolated]).status).toBe(0);
      for (const folder of readdirSync(join(isolated, environment)).filter((name) => /^\d\d-/.test(name))) {
        bundled.set(`${environment}-${folder.slice(3)}`, JSON.parse(readFileSync(join(isolated, environment, folder, 'cdk.tf.json'), 'utf8')));
      }
    }
    plannable = offlinePlannable(bundled);
    // Module names may not start with a digit: each module is named after its stack.
    writeOfflinePlanRoot(planRoot, new Map(plannable.planned.map((stack) => [stack, bundled.get(stack)!])));
    await Promise.all([sts.start(), otherSts.start()]);
    initialized = initOffline(planRoot, settings);
    plan = initialized.then(() => planOffline(planRoot, settings, { stsEndpoint: sts.endpoint }));
    // Side by side in the same folder: one stack is enough to meet the default provider.
    otherAccountPlan = initialized.then(() => planOffline(planRoot, settings, { stsEndpoint: otherSts.endpoint, targets: ['module.shop-state'] }));
  });

  afterAll(async () => {
    // Also when a test failed before awaiting them: no terraform left running, no server left open.
    await Promise.allSettled([initialized, plan, otherAccountPlan]);
    await Promise.all([sts.stop(), otherSts.stop()]);
    rmSync(isolated, { recursive: true, force: true });
  });

  it('is a folder with no node_modules and no repository around it', () => {
    for (let dir = isolated; dir !== parse(dir).root; dir = dirname(dir)) {
      expect({ dir, found: ['node_modules', '.git', 'package.json'].filter((name) => existsSync(join(dir, name))) }).toEqual({ dir, found: [] });
    }
  });

  it('validates a stack with exactly the commands the README gives', async () => {
    const commands = /## Validate without credentials[\s\S]*?```sh\n([\s\S]*?)```/.exec(readFileSync(join(isolated, 'shop', 'README.md'), 'utf8'))![1].trim().split('\n');
    expect(commands).toEqual(['terraform init -backend=false -input=false', 'terraform validate']);
    for (const command of commands) {
      const [program, ...args] = command.split(' ');
      expect(program).toBe('terraform');
      const run = await terraform(join(isolated, 'shop', '01-state'), [...args, '-no-color'], settings);
      expect({ command, code: run.code, stderr: run.stderr }).toEqual({ command, code: 0, stderr: '' });
      if (args[0] === 'validate') expect(run.stdout).toContain('Success! The configuration is valid.');
    }
  });

  it('plans, offline, every stack that reads nothing from AWS (or only the state of stacks planned with it): each resource it declares for creation, with no error or warning', async () => {
    // Left out: the stacks with a data source that asks AWS (the local STS answers nothing else), and
    // ops, which reads the state of two of them. The state, keys, dns, website and files stacks read nothing.
    expect(plannable).toEqual({
      planned: ['lab-state', 'shop-dns', 'shop-files', 'shop-keys', 'shop-state', 'shop-website'],
      skipped: {
        'lab-sandbox': 'reads aws_ssm_parameter from AWS',
        'shop-app': 'reads aws_elb_service_account, aws_secretsmanager_random_password from AWS',
        'shop-edge': 'reads aws_secretsmanager_secret_version from AWS',
        'shop-intranet': 'reads aws_elb_service_account, aws_network_interface from AWS',
        'shop-network': 'reads aws_ec2_managed_prefix_list from AWS',
        'shop-ops': 'reads the state of shop-app, shop-edge, not planned',
      },
    });
    const init = await initialized;
    expect({ init: init.code, output: init.stderr }).toEqual({ init: 0, output: '' });
    const result = await plan;
    expect(result.diagnostics).toEqual([]);
    expect(result.planCode).toBe(2);
    expect(result.changes.every((change) => change.action === 'create')).toBe(true);
    const planned = [...new Set(result.changes.map((change) => change.address.replace(/\[[^\]]*\]$/, '')))].sort();
    const declared = plannable.planned.flatMap((stack) => Object.entries(bundled.get(stack)!.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `module.${stack}.${type}.${name}`)));
    expect(planned).toEqual(declared.sort());
  });

  it('keeps every provider\'s account pin and role as synthesized, and the pins pass: the local STS tells each provider its environment\'s account, the parent zone\'s through the role it assumes', async () => {
    const root = JSON.parse(readFileSync(join(planRoot, 'main.tf.json'), 'utf8')) as { provider: { aws: Record<string, unknown>[] }; module: Record<string, { providers: Record<string, string> }> };
    for (const stack of plannable.planned) {
      for (const block of bundled.get(stack)!.provider!.aws) {
        const address = block.alias === undefined ? 'aws' : `aws.${String(block.alias)}`;
        const passed = root.module[stack].providers[address];
        const rootBlock = root.provider.aws.find((candidate) => `aws.${String(candidate.alias)}` === passed);
        // As synthesized, and that is the environment's account (the parent zone's: the account of the role it assumes).
        expect(block.allowed_account_ids).toEqual([block.alias === 'parent-zone' ? '999999999999' : account]);
        expect({ stack, address, pin: rootBlock?.allowed_account_ids, region: rootBlock?.region, role: rootBlock?.assume_role }).toEqual({
          stack,
          address,
          pin: block.allowed_account_ids,
          region: block.region,
          role: block.assume_role,
        });
        expect(rootBlock).not.toHaveProperty('skip_requesting_account_id');
        expect(rootBlock).not.toHaveProperty('skip_credentials_validation');
      }
    }
    expect((await plan).planCode).toBe(2);
    // The providers asked who they are (with their own keys, and with the role's credentials) and assumed the parent zone's role.
    expect(sts.calls).toEqual(
      expect.arrayContaining([
        { action: 'GetCallerIdentity', account },
        { action: 'AssumeRole', account, roleArn: PARENT_ROLE },
        { action: 'GetCallerIdentity', account: '999999999999' },
      ]),
    );
  });

  it('refuses to plan when the provider is in an account its pin does not allow', async () => {
    const refused = await otherAccountPlan;
    expect(refused.planCode).toBe(1);
    expect(refused.changes).toEqual([]);
    expect(refused.diagnostics.map((diagnostic) => `${diagnostic.summary} ${diagnostic.detail ?? ''}`).join('\n')).toContain('AWS account ID not allowed: 111111111111');
    expect(otherSts.calls).toContainEqual({ action: 'GetCallerIdentity', account: '111111111111' });
  });

  it('plans one certificate validation record per site name in the dns stack', async () => {
    const records = (await plan).changes.map((change) => /^module\.shop-dns\.aws_route53_record\.certificates_validation_\w+\["(.+)"\]$/.exec(change.address)?.[1]).filter(Boolean);
    expect(records.sort()).toEqual([...SITE_NAMES].sort());
  });

  it('writes the delegation records through the provider that assumes the role in the parent account', () => {
    const parent = bundled.get('shop-dns')!.provider?.aws?.find((provider) => provider.alias === 'parent-zone');
    expect(parent).toMatchObject({ allowed_account_ids: ['999999999999'], assume_role: [{ role_arn: PARENT_ROLE }] });
  });
});
