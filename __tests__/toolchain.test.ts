import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mirrorCliConfig, withLock, writeCliConfig } from '../scripts/lib/terraform';
import { KNOWN_MIRROR, PLUGIN_CACHE_FOLDER, providerPathsInMirror, resolveToolchain, terraformTarget, ToolchainInputs } from '../scripts/lib/toolchain';

/** Inputs of a machine holding exactly `files`, with terraform in /usr/bin on PATH unless changed. */
function machine(files: readonly string[], change: Partial<ToolchainInputs> = {}): ToolchainInputs {
  const present = new Set(files);
  return {
    env: { PATH: '/usr/local/sbin:/usr/bin:/bin' },
    platform: 'linux',
    arch: 'x64',
    exists: (path) => present.has(path),
    scratchDir: '/repo/.tmp',
    ...change,
  };
}

const PROVIDER_DIR = 'registry.terraform.io/hashicorp/aws/5.100.0';

describe('terraform binary', () => {
  it('is terraform from the first PATH folder holding it', () => {
    expect(resolveToolchain(machine(['/usr/bin/terraform', '/bin/terraform'])).terraformBin).toBe('/usr/bin/terraform');
  });

  it('is TERRAFORM_BIN when set, wherever PATH points', () => {
    const inputs = machine(['/usr/bin/terraform', '/opt/tf/1.11.4/terraform'], { env: { PATH: '/usr/bin', TERRAFORM_BIN: '/opt/tf/1.11.4/terraform' } });
    expect(resolveToolchain(inputs).terraformBin).toBe('/opt/tf/1.11.4/terraform');
  });

  it('looks a TERRAFORM_BIN without a folder up on PATH', () => {
    const inputs = machine(['/usr/bin/terraform-1.11'], { env: { PATH: '/usr/bin', TERRAFORM_BIN: 'terraform-1.11' } });
    expect(resolveToolchain(inputs).terraformBin).toBe('/usr/bin/terraform-1.11');
  });

  it('finds terraform.exe on a Windows PATH', () => {
    const inputs = machine(['C:\\tools/terraform.exe'], { platform: 'win32', env: { Path: 'C:\\Windows;C:\\tools' } });
    expect(resolveToolchain(inputs).terraformBin).toBe('C:\\tools/terraform.exe');
  });

  it('fails naming TERRAFORM_BIN and PATH when there is no terraform anywhere', () => {
    expect(() => resolveToolchain(machine([]))).toThrow(
      /terraform not found: TERRAFORM_BIN is not set and no folder on PATH \(\/usr\/local\/sbin:\/usr\/bin:\/bin\) holds terraform\. Install Terraform 1\.11\.4 .* or set TERRAFORM_BIN/,
    );
  });

  it('fails when TERRAFORM_BIN names a file that does not exist', () => {
    const inputs = machine(['/usr/bin/terraform'], { env: { PATH: '/usr/bin', TERRAFORM_BIN: '/opt/missing/terraform' } });
    expect(() => resolveToolchain(inputs)).toThrow('TERRAFORM_BIN is set to /opt/missing/terraform, but that file does not exist');
  });
});

describe('provider source', () => {
  it('is the mirror TF_PROVIDER_MIRROR names when it holds the provider for this platform', () => {
    const inputs = machine(['/usr/bin/terraform', `/mnt/mirror/${PROVIDER_DIR}/linux_amd64`, `${KNOWN_MIRROR}/${PROVIDER_DIR}/linux_amd64`], {
      env: { PATH: '/usr/bin', TF_PROVIDER_MIRROR: '/mnt/mirror' },
    });
    expect(resolveToolchain(inputs).provider).toEqual({
      kind: 'mirror',
      mirror: '/mnt/mirror',
      layout: 'unpacked',
      pluginCacheDir: '/mnt/mirror',
      reason: 'TF_PROVIDER_MIRROR=/mnt/mirror',
    });
  });

  it('reads the packed layout terraform providers mirror writes, caching the unpacked provider in the scratch folder', () => {
    const inputs = machine(['/usr/bin/terraform', '/mnt/mirror/registry.terraform.io/hashicorp/aws/terraform-provider-aws_5.100.0_linux_amd64.zip'], {
      env: { PATH: '/usr/bin', TF_PROVIDER_MIRROR: '/mnt/mirror' },
    });
    expect(resolveToolchain(inputs).provider).toMatchObject({ kind: 'mirror', layout: 'packed', pluginCacheDir: `/repo/.tmp/${PLUGIN_CACHE_FOLDER}` });
  });

  it(`is ${KNOWN_MIRROR} when the variable is unset and it holds the provider for this platform`, () => {
    const inputs = machine(['/usr/bin/terraform', `${KNOWN_MIRROR}/${PROVIDER_DIR}/linux_amd64`]);
    expect(resolveToolchain(inputs)).toEqual({
      terraformBin: '/usr/bin/terraform',
      target: 'linux_amd64',
      provider: { kind: 'mirror', mirror: KNOWN_MIRROR, layout: 'unpacked', pluginCacheDir: KNOWN_MIRROR, reason: `found at ${KNOWN_MIRROR}` },
    });
  });

  it('chooses darwin_arm64 on an Apple silicon Mac, and ignores a mirror holding only linux_amd64', () => {
    const mac = (files: string[]) => machine(['/opt/homebrew/bin/terraform', ...files], { platform: 'darwin', arch: 'arm64', env: { PATH: '/opt/homebrew/bin:/usr/bin' } });
    expect(resolveToolchain(mac([`${KNOWN_MIRROR}/${PROVIDER_DIR}/darwin_arm64`]))).toMatchObject({ target: 'darwin_arm64', provider: { kind: 'mirror', mirror: KNOWN_MIRROR } });
    expect(resolveToolchain(mac([`${KNOWN_MIRROR}/${PROVIDER_DIR}/linux_amd64`])).provider).toMatchObject({ kind: 'download' });
  });

  it('downloads into a plugin cache under the scratch folder when no mirror holds the provider', () => {
    const toolchain = resolveToolchain(machine(['/usr/bin/terraform']));
    expect(toolchain.provider).toEqual({
      kind: 'download',
      pluginCacheDir: `/repo/.tmp/${PLUGIN_CACHE_FOLDER}`,
      reason: `TF_PROVIDER_MIRROR is not set and ${KNOWN_MIRROR} holds no AWS provider 5.100.0 for linux_amd64`,
    });
  });

  it('keeps a plugin cache the user already set when downloading', () => {
    const inputs = machine(['/usr/bin/terraform'], { env: { PATH: '/usr/bin', TF_PLUGIN_CACHE_DIR: '/home/me/.terraform.d/plugin-cache' } });
    expect(resolveToolchain(inputs).provider).toMatchObject({ kind: 'download', pluginCacheDir: '/home/me/.terraform.d/plugin-cache' });
  });

  it('fails when TF_PROVIDER_MIRROR names a folder without the provider for this platform, saying where it looked and how to fill it', () => {
    const inputs = machine(['/usr/bin/terraform', `/mnt/mirror/${PROVIDER_DIR}/darwin_arm64`, `${KNOWN_MIRROR}/${PROVIDER_DIR}/linux_amd64`], {
      env: { PATH: '/usr/bin', TF_PROVIDER_MIRROR: '/mnt/mirror' },
    });
    expect(() => resolveToolchain(inputs)).toThrow(
      `TF_PROVIDER_MIRROR is set to /mnt/mirror, but it does not hold the AWS provider 5.100.0 for linux_amd64: expected the folder /mnt/mirror/${PROVIDER_DIR}/linux_amd64 or the file /mnt/mirror/registry.terraform.io/hashicorp/aws/terraform-provider-aws_5.100.0_linux_amd64.zip`,
    );
    expect(() => resolveToolchain(inputs)).toThrow('terraform providers mirror -platform=linux_amd64 /mnt/mirror');
  });
});

describe('platform names', () => {
  it.each([
    ['linux', 'x64', 'linux_amd64'],
    ['linux', 'arm64', 'linux_arm64'],
    ['darwin', 'x64', 'darwin_amd64'],
    ['darwin', 'arm64', 'darwin_arm64'],
    ['win32', 'x64', 'windows_amd64'],
    ['win32', 'arm64', 'windows_arm64'],
  ])('%s/%s is %s', (platform, arch, target) => {
    expect(terraformTarget(platform, arch)).toBe(target);
  });

  it('puts the provider of a target where both mirror layouts keep it', () => {
    expect(providerPathsInMirror('/m', 'darwin_arm64')).toEqual({
      unpacked: `/m/${PROVIDER_DIR}/darwin_arm64`,
      packed: '/m/registry.terraform.io/hashicorp/aws/terraform-provider-aws_5.100.0_darwin_arm64.zip',
    });
  });
});

describe('writeCliConfig', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'toolchain-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('with a mirror, writes a CLI config installing hashicorp providers only from it and points terraform at it', () => {
    const settings = writeCliConfig(join(dir, 'terraform'), machine(['/usr/bin/terraform', `${KNOWN_MIRROR}/${PROVIDER_DIR}/linux_amd64`], { scratchDir: dir }));
    const file = join(dir, 'terraform', 'terraform.rc');
    expect(settings.terraformBin).toBe('/usr/bin/terraform');
    expect(settings.env).toEqual({ TF_CLI_CONFIG_FILE: file, TF_PLUGIN_CACHE_DIR: KNOWN_MIRROR, TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE: 'true' });
    expect(settings.initLock).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe(mirrorCliConfig(KNOWN_MIRROR, KNOWN_MIRROR));
    expect(mirrorCliConfig('/m', '/c')).toContain('filesystem_mirror {\n    path    = "/m"\n    include = ["registry.terraform.io/hashicorp/*"]');
    expect(mirrorCliConfig('/m', '/c')).toContain('direct {\n    exclude = ["registry.terraform.io/hashicorp/*"]');
  });

  it('writes the mirror and cache as absolute paths, since terraform reads them relative to where it runs', () => {
    const inputs = machine(['/usr/bin/terraform', `relative/mirror/${PROVIDER_DIR}/linux_amd64`], { scratchDir: dir, env: { PATH: '/usr/bin', TF_PROVIDER_MIRROR: 'relative/mirror' } });
    const settings = writeCliConfig(join(dir, 'terraform'), inputs);
    const absolute = join(process.cwd(), 'relative/mirror');
    expect(settings.env.TF_PLUGIN_CACHE_DIR).toBe(absolute);
    expect(readFileSync(settings.env.TF_CLI_CONFIG_FILE, 'utf8')).toBe(mirrorCliConfig(absolute, absolute));
  });

  it('without a mirror, leaves the user\'s CLI config alone and shares one plugin cache, filled by one init at a time', () => {
    const inputs = machine(['/usr/bin/terraform'], { scratchDir: dir, env: { PATH: '/usr/bin', TF_CLI_CONFIG_FILE: '/home/me/.terraformrc' } });
    const settings = writeCliConfig(join(dir, 'terraform'), inputs);
    expect(settings.env).toEqual({ TF_PLUGIN_CACHE_DIR: join(dir, PLUGIN_CACHE_FOLDER), TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE: 'true' });
    expect(settings.env).not.toHaveProperty('TF_CLI_CONFIG_FILE');
    expect(settings.initLock).toBe(join(dir, 'terraform-init.lock'));
    expect(inputs.env.TF_CLI_CONFIG_FILE).toBe('/home/me/.terraformrc');
  });
});

describe('withLock (inits filling a shared plugin cache take turns)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs one task at a time and releases the lock afterwards, also after a failure', async () => {
    const lock = join(dir, 'init.lock');
    const events: string[] = [];
    const task = (name: string) => async () => {
      events.push(`${name} start`);
      await new Promise((wake) => setTimeout(wake, 50));
      events.push(`${name} end`);
      if (name === 'b') throw new Error('b failed');
    };
    const results = await Promise.allSettled([withLock(lock, task('a')), withLock(lock, task('b')), withLock(lock, task('c'))]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock whose process is gone', async () => {
    const lock = join(dir, 'init.lock');
    mkdirSync(lock);
    // No process has this pid: above the Linux maximum.
    writeFileSync(join(lock, 'pid'), '99999999');
    await expect(withLock(lock, async () => 'ran')).resolves.toBe('ran');
  });
});
