import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, ConfigErrors } from '../config/errors';
import { listEnvironments, loadEnvironments, loadSelectedEnvironments } from '../config/load';
import { ConfigDir } from './support/config-dir';

let dir: ConfigDir;
beforeEach(() => {
  dir = new ConfigDir();
});
afterEach(() => dir.remove());

const loadAll = () => loadEnvironments([], dir.path);
const names = (configs: readonly { environment: string }[]) => configs.map((config) => config.environment);

describe('environment files of a folder', () => {
  it('accepts .yml files beside .yaml files', () => {
    dir.writeEnvironment('dev');
    dir.writeFile('prod.yml', dir.environmentYaml('prod'));
    expect(listEnvironments(dir.path)).toEqual(['dev', 'prod']);
    expect(names(loadAll())).toEqual(['dev', 'prod']);
    expect(names(loadEnvironments(['prod'], dir.path))).toEqual(['prod']);
  });

  it('ignores hidden files and files that are not YAML', () => {
    dir.writeEnvironment('dev');
    dir.writeFile('.dev.yaml.swp', 'binary\u0000junk');
    dir.writeFile('.#prod.yaml', 'editor lock');
    dir.writeFile('README.md', '# notes');
    dir.writeFile('dev.yaml.bak', 'old');
    expect(names(loadAll())).toEqual(['dev']);
  });

  it('refuses two files for one environment, naming both', () => {
    dir.writeEnvironment('dev');
    dir.writeFile('dev.yml', dir.environmentYaml('dev'));
    expect(loadAll).toThrow(/:\n {2}- environment: got "dev" in dev\.yaml and dev\.yml; expected one file per environment: keep one of them$/);
    expect(() => listEnvironments(dir.path)).toThrow(/got "dev" in dev\.yaml and dev\.yml/);
  });

  it.each(['My-Env.yaml', 'a.yml', 'dev_1.yaml', 'dev.YAML', 'toolongname1.yaml'])('refuses the YAML file %s, whose name is not an environment name', (fileName) => {
    dir.writeEnvironment('dev');
    dir.writeFile(fileName, dir.environmentYaml('dev'));
    const error = dir.loadError();
    expect(error.file).toMatch(new RegExp(`${fileName.replace('.', '\\.')}$`));
    expect(loadAll).toThrow(
      new RegExp(`\\(file\\): got "${fileName.replace('.', '\\.')}"; expected a file name that is an environment name \\(2-10 characters of a-z and 0-9, starting with a letter\\) followed by \\.yaml or \\.yml, such as dev\\.yaml`),
    );
  });
});

describe('every file is validated, whichever are selected', () => {
  it('refuses to load dev while prod is broken, naming prod', () => {
    dir.writeEnvironment('dev');
    dir.writeEnvironment('prod', (input) => (input.network.cidr = 'nope'));
    expect(() => loadEnvironments(['dev'], dir.path)).toThrow(/prod\.yaml:\n {2}- network\.cidr: got "nope"/);
    expect(() => loadSelectedEnvironments('dev', dir.path)).toThrow(/prod\.yaml/);
  });

  it('reports the problems of every file at once', () => {
    dir.writeEnvironment('dev', (input) => (input.region = 'eu-west-9'));
    dir.writeEnvironment('prod', (input) => (input.network.cidr = 'nope'));
    const error = dir.loadError(['dev']);
    expect(error).toBeInstanceOf(ConfigErrors);
    expect((error as ConfigErrors).errors.map((each) => each.file.replace(/.*\//, ''))).toEqual(['dev.yaml', 'prod.yaml']);
    expect(error.message).toMatch(/dev\.yaml:\n {2}- region: got "eu-west-9".*\nInvalid configuration in .*prod\.yaml:\n {2}- network\.cidr: got "nope"/s);
  });

  it('returns only the environments asked for once all are valid', () => {
    dir.writeEnvironment('dev');
    dir.writeEnvironment('prod');
    dir.writeEnvironment('stg');
    expect(names(loadEnvironments(['stg', 'dev'], dir.path))).toEqual(['dev', 'stg']);
    expect(names(loadSelectedEnvironments(' prod ,prod', dir.path))).toEqual(['prod']);
  });
});

describe('checks across environments', () => {
  it('refuses the same domain twice in one account, naming both files', () => {
    dir.writeEnvironment('dev', (input) => (input.domain = 'example.com'));
    dir.writeEnvironment('prod', (input) => (input.domain = 'example.com'));
    const error = dir.loadError(['dev']);
    expect(error.file).toMatch(/prod\.yaml$/);
    expect(loadAll).toThrow(
      /prod\.yaml:\n {2}- domain: got "example\.com"; expected a name no other environment uses: .*dev\.yaml \(the same account\) serves it too, and CloudFront takes each name on one distribution only, in any account/,
    );
  });

  it('refuses the same domain in another account too: CloudFront names are unique across AWS', () => {
    dir.writeEnvironment('dev', (input) => (input.domain = 'example.com'));
    dir.writeEnvironment('prod', (input) => {
      input.domain = 'example.com';
      input.accountId = '999999999999';
    });
    expect(loadAll).toThrow(/domain: got "example\.com"; expected a name no other environment uses: .*dev\.yaml \(account 123456789012\) serves it too/);
  });

  it('refuses an alternative name another environment serves', () => {
    dir.writeEnvironment('dev', (input) => (input.domain = 'dev.example.com'));
    dir.writeEnvironment('prod', (input) => {
      input.domain = 'example.com';
      input.dns = { subjectAlternativeNames: ['www.example.com', 'dev.example.com'] };
    });
    expect(dir.loadError().problems).toEqual([expect.objectContaining({ field: 'dns.subjectAlternativeNames[1]', received: '"dev.example.com"' })]);
  });

  it('refuses one hosted zone in two environments, naming the other file', () => {
    dir.writeEnvironment('dev', (input) => (input.dns = { hostedZoneId: 'Z0123456789ABCDEFGHIJ' }));
    dir.writeEnvironment('prod', (input) => (input.dns = { hostedZoneId: 'Z0123456789ABCDEFGHIJ' }));
    expect(loadAll).toThrow(
      /prod\.yaml:\n {2}- dns\.hostedZoneId: got "Z0123456789ABCDEFGHIJ"; expected a hosted zone no other environment uses: .*dev\.yaml uses it for dev\.example\.com/,
    );
  });

  it('accepts environments sharing an account and a parent zone, each with its own names and zone', () => {
    const parentZone = { zoneId: 'Z0123456789EXAMPLEAB', roleArn: 'arn:aws:iam::333333333333:role/dns-delegation' };
    dir.writeEnvironment('dev', (input) => (input.dns = { hostedZoneId: 'Z1111111111111111111', parentZone }));
    dir.writeEnvironment('stg', (input) => (input.dns = { hostedZoneId: 'Z2222222222222222222', parentZone }));
    expect(names(loadAll())).toEqual(['dev', 'stg']);
  });
});

describe('YAML the library cannot read', () => {
  it('refuses aliases that expand without bound (billion laughs), naming the file', () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level < 10; level++) lines.push(`a${level}: &a${level} [${Array(9).fill(`*a${level - 1}`).join(', ')}]`);
    dir.write('test', `${lines.join('\n')}\n`);
    expect(loadAll).toThrow(/test\.yaml:\n {2}- expected YAML whose aliases \(\*name\) expand to at most 100 copies: this file expands far more/);
  });

  it('refuses nesting too deep to read instead of crashing', () => {
    dir.write('test', `project: ${'['.repeat(100000)}${']'.repeat(100000)}\n`);
    expect(loadAll).toThrow(/test\.yaml:\n {2}- expected YAML nested less deeply: reading this file overflowed the stack$/);
  });

  it('refuses an alias to no anchor', () => {
    dir.write('test', `${dir.environmentYaml('test')}tags: *missing\n`);
    expect(loadAll).toThrow(/test\.yaml:\n {2}- expected valid YAML: the alias \*missing has no anchor &missing before it \(line \d+, column 7\)$/);
  });

  it('names a duplicate key, its field and its line', () => {
    dir.write('test', dir.environmentYaml('test').replace('  cidr: 10.0.0.0/16\n', '  cidr: 10.0.0.0/16\n  cidr: 10.1.0.0/16\n'));
    expect(loadAll).toThrow(/test\.yaml:\n {2}- network\.cidr: got the key "cidr" again \(line \d+, column 3\); expected each key once in a mapping/);
  });

  it('names a duplicate top-level key', () => {
    dir.write('test', `${dir.environmentYaml('test')}region: us-east-1\n`);
    expect(dir.loadError().problems).toEqual([
      { field: 'region', received: expect.stringMatching(/^the key "region" again \(line \d+, column 1\)$/), expected: 'expected each key once in a mapping' },
    ]);
  });

  it('names duplicate keys inside lists, and keys that become the same text', () => {
    dir.write('test', `${dir.environmentYaml('test')}extra:\n  - {name: a, name: b}\ntags:\n  1: one\n  "1": also one\n`);
    expect(dir.loadError().problems).toEqual([
      { field: 'extra[0].name', received: expect.stringMatching(/^the key "name" again \(line \d+, column 15\)$/), expected: 'expected each key once in a mapping' },
      { field: 'tags.1', received: expect.stringMatching(/^the key "1" again \(line \d+, column 3\)$/), expected: 'expected each key once in a mapping' },
    ]);
  });

  it('finds duplicate keys among many in linear time', () => {
    const tags = Array.from({ length: 20000 }, (_, index) => `  t${index}: v`).join('\n');
    dir.write('test', `${dir.environmentYaml('test')}tags:\n${tags}\n  t0: again\n`);
    const started = Date.now();
    expect(loadAll).toThrow(/tags\.t0: got the key "t0" again \(line \d+, column 3\); expected each key once in a mapping/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a list used as a key', () => {
    dir.write('test', `${dir.environmentYaml('test')}tags:\n  ? [a, b]\n  : c\n`);
    expect(loadAll).toThrow(/test\.yaml:\n {2}- tags: got a list as a key \(line \d+\); expected keys that are plain text$/);
  });

  it('refuses tags YAML does not know, such as CloudFormation functions', () => {
    dir.write('test', `${dir.environmentYaml('test')}tags:\n  owner: !Ref Owner\n`);
    expect(loadAll).toThrow(/expected valid YAML: Unresolved tag: !Ref \(line \d+, column \d+\)/);
  });

  it('refuses more than one document', () => {
    dir.write('test', `${dir.environmentYaml('test')}---\nproject: other\n`);
    expect(loadAll).toThrow(/test\.yaml:\n {2}- expected one YAML document: another one starts after --- \(line \d+, column 1\)$/);
  });

  it('refuses an empty file', () => {
    dir.write('test', '# only a comment\n');
    expect(loadAll).toThrow(/test\.yaml:\n {2}- \(file\): got nothing \(the file is empty\); expected a mapping of settings at the top level$/);
  });
});

describe('files that are not UTF-8 text', () => {
  const text = () => dir.environmentYaml('test');

  it('refuses UTF-16 with a byte order mark', () => {
    dir.writeFile('test.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text(), 'utf16le')]));
    expect(loadAll).toThrow(/test\.yaml:\n {2}- expected a UTF-8 text file; this one starts with a UTF-16 byte order mark: save it as UTF-8$/);
  });

  it('refuses UTF-16 without a byte order mark, and binary files, by their NUL bytes', () => {
    dir.writeFile('test.yaml', Buffer.from(text(), 'utf16le'));
    expect(loadAll).toThrow(/expected a UTF-8 text file; this one holds a NUL byte \(line 1\): it is binary, or UTF-16 without a byte order mark$/);
    dir.writeFile('test.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    expect(loadAll).toThrow(/expected a UTF-8 text file; this one holds a NUL byte \(line 3\)/);
  });

  it('refuses Latin-1 text, naming the line, without echoing the bytes', () => {
    const latin1 = Buffer.from(text().replace('project: webplat', 'project: café'), 'latin1');
    dir.writeFile('test.yaml', latin1);
    const error = dir.loadError();
    expect(error.message).toMatch(/test\.yaml:\n {2}- expected a UTF-8 text file; line 1 holds bytes that are not UTF-8 \(Latin-1 or another legacy encoding\?\): save it as UTF-8$/);
    expect(error.message).not.toMatch(/caf/);
  });

  it('refuses a file over 1 MiB and a folder named like an environment file', () => {
    dir.writeFile('test.yaml', `# ${'x'.repeat(1024 * 1024)}\n`);
    expect(loadAll).toThrow(/test\.yaml:\n {2}- expected a file of at most 1 MiB; this one has 1048579 bytes$/);
    dir.remove();
    dir = new ConfigDir();
    mkdirSync(join(dir.path, 'test.yaml'));
    expect(loadAll).toThrow(/test\.yaml:\n {2}- expected a regular file \(this is a folder, device or pipe\)$/);
  });

  it('accepts UTF-8 with a byte order mark', () => {
    dir.writeFile('test.yaml', `\ufeff${text()}`);
    expect(names(loadAll())).toEqual(['test']);
  });
});

describe('values in messages', () => {
  it('shortens a long value to its start and its length', () => {
    dir.writeEnvironment('test', (input) => (input.domain = 'a'.repeat(12345)));
    expect(loadAll).toThrow(/test\.yaml:\n {2}- domain: got "a{60}…" \(12345 characters\); expected a lower-case DNS name/);
    expect(dir.loadError().message.length).toBeLessThan(1000);
  });

  it('shows values up to 120 characters whole', () => {
    const value = 'b'.repeat(120);
    dir.writeEnvironment('test', (input) => (input.network.cidr = value));
    expect(dir.loadError().problems).toContainEqual(expect.objectContaining({ field: 'network.cidr', received: JSON.stringify(value) }));
  });

  it('shortens a long list, and lists the first 20 problems of a file', () => {
    dir.writeEnvironment('test', (input) => (input.network.availabilityZones = Array.from({ length: 5000 }, (_, index) => `zone-${index}`)));
    const error = dir.loadError();
    expect(error.message).toMatch(/network\.availabilityZones: got \["zone-0","zone-1",.*… \(5000 items\); expected at most 3 availability zones/);
    expect(error.problems.length).toBeGreaterThan(5000);
    expect(error.message).toMatch(/\n {2}- … and \d{4} more problems$/);
    expect(error.message.length).toBeLessThan(3000);
  });

  it('shortens a long unknown key, in the field and the value', () => {
    dir.writeEnvironment('test', (input) => (input['k'.repeat(5000)] = 1));
    expect(() => loadAll()).toThrow(/\n {2}- \["k{60}…" \(5000 characters\)\]: got unknown key "k{60}…" \(5000 characters\); expected only the keys: project/);
  });

  it('escapes characters that do not show or that reorder text', () => {
    dir.writeEnvironment('test', (input) => (input.domain = 'evil\u202ecom.example\u0007\u200b.org'));
    expect(loadAll).toThrow(/domain: got "evil\\u202ecom\.example\\u0007\\u200b\.org"; expected a lower-case DNS name/);
    expect(dir.loadError().problems).toContainEqual(
      expect.objectContaining({ field: 'domain', received: '"evil\\u202ecom.example\\u0007\\u200b.org"' }),
    );
  });

  it('shortens and escapes environment names asked for that do not exist', () => {
    dir.writeEnvironment('dev');
    expect(() => loadEnvironments(['x'.repeat(500), 'q\u001b[31m'], dir.path)).toThrow(
      /environment: got "x{60}…" \(500 characters\), "q\\u001b\[31m"; expected one of the environments defined there: dev/,
    );
  });

  it('is a ConfigError for every case above, so synth prints it without a stack trace', () => {
    dir.write('test', '\u0000');
    expect(dir.loadError()).toBeInstanceOf(ConfigError);
  });
});
