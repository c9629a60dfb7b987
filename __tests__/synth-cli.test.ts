import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthInto } from './support/run-synth';
import { ConfigDir } from './support/config-dir';
import { sandboxOnly } from './support/sandbox';

const repoRoot = join(__dirname, '..');
let dir: ConfigDir;
let work: string;
beforeEach(() => {
  dir = new ConfigDir();
  work = mkdtempSync(join(tmpdir(), 'synth-'));
});
afterEach(() => {
  dir.remove();
  rmSync(work, { recursive: true, force: true });
});

function synth(environments?: string) {
  const outdir = join(work, 'cdktf.out');
  return { ...synthInto(dir.path, outdir, environments), outdir };
}

describe('synth', () => {
  it('writes one stack folder per tier per environment', () => {
    dir.writeEnvironment('alpha');
    dir.writeEnvironment('beta', sandboxOnly());
    const { code, outdir, messages } = synth();
    expect(messages).toEqual([]);
    expect(code).toBe(0);
    expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual(['alpha-app', 'alpha-dns', 'alpha-edge', 'alpha-network', 'alpha-ops', 'alpha-state', 'beta-sandbox', 'beta-state']);
  });

  it('writes only the environments asked for', () => {
    // Sandbox-only environments: two stacks each, the cheapest to synthesize.
    dir.writeEnvironment('alpha', sandboxOnly());
    dir.writeEnvironment('beta', sandboxOnly());
    const { code, outdir } = synth('beta');
    expect(code).toBe(0);
    expect(readdirSync(join(outdir, 'stacks')).every((stack) => stack.startsWith('beta-'))).toBe(true);
  });

  it('gives byte-identical output for the same input, every stack', () => {
    dir.writeEnvironment('alpha');
    const first = synth();
    const stackFiles = () => Object.fromEntries(readdirSync(join(first.outdir, 'stacks')).map((stack) => [stack, readFileSync(join(first.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')]));
    const before = stackFiles();
    expect(Object.keys(before)).toHaveLength(6);
    expect(synth().code).toBe(0);
    // As text: jest compares strings far faster than parsed JSON of these sizes.
    expect(stackFiles()).toEqual(before);
  });

  it('on bad input exits non-zero, prints the problem and leaves the previous output untouched', () => {
    const outdir = join(work, 'cdktf.out');
    mkdirSync(outdir);
    writeFileSync(join(outdir, 'previous.txt'), 'kept');
    dir.writeEnvironment('alpha');
    dir.writeEnvironment('beta', (input) => {
      input.network.cidr = '10.0.0.0/33';
    });
    const { code, messages } = synth();
    expect(code).toBe(1);
    expect(messages.join('\n')).toMatch(/beta\.yaml:\n  - network\.cidr: got "10\.0\.0\.0\/33"; expected an IPv4 CIDR block/);
    expect(readdirSync(outdir)).toEqual(['previous.txt']);
    expect(readdirSync(work)).toEqual(['cdktf.out']);
  });

  it('rejects an unknown environment without writing anything', () => {
    dir.writeEnvironment('alpha');
    const { code, outdir, messages } = synth('alpha,qa');
    expect(code).toBe(1);
    expect(messages.join('\n')).toMatch(/environment: got "qa"; expected one of the environments defined there: alpha/);
    expect(existsSync(outdir)).toBe(false);
  });
});

describe('the compiled app (what cdktf synth and npm run synth run)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot });
  });

  it('prints a configuration error without a stack trace and exits 1', () => {
    dir.writeEnvironment('alpha', (input) => {
      input.network.availabilityZones = ['eu-west-1a'];
    });
    const result = spawnSync(process.execPath, [join(repoRoot, 'dist', 'main.js')], {
      cwd: work,
      env: { ...process.env, CONFIG_DIR: dir.path },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/network\.availabilityZones: got \["eu-west-1a"\]; expected at least 2 availability zones/);
    expect(result.stderr).not.toMatch(/\bat .*\.(js|ts):\d+/);
    expect(existsSync(join(work, 'cdktf.out'))).toBe(false);
  });

  it('takes environment names as arguments', () => {
    dir.writeEnvironment('alpha');
    dir.writeEnvironment('beta');
    const result = spawnSync(process.execPath, [join(repoRoot, 'dist', 'main.js'), 'alpha'], {
      cwd: work,
      env: { ...process.env, CONFIG_DIR: dir.path },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(readdirSync(join(work, 'cdktf.out', 'stacks')).every((stack) => stack.startsWith('alpha-'))).toBe(true);
    expect(result.stdout).toMatch(/^Synthesized 6 stacks of 1 environment\(s\) into cdktf\.out\/stacks\/:\n {2}alpha {2}state \d+, network \d+, dns \d+, app \d+, edge \d+, ops \d+ {2}\(\d+ resources\)\n$/);
  });
});
