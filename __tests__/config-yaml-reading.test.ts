import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { displayPath } from '../config/environment-files';
import { ConfigError, ConfigErrors, ConfigProblem } from '../config/errors';
import { EXAMPLES_DIR, listEnvironments, listExamples, loadEnvironments } from '../config/load';
import { readYamlMapping } from '../config/read-yaml';
import { environmentSchema } from '../config/schema';
import { ConfigDir } from './support/config-dir';

/** What a user reads when `file` (shown as `shown`) is refused: the whole message. */
function messageFor(file: string, shown = 'test.yaml'): string {
  try {
    readYamlMapping(file, shown);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`expected ${file} to be refused`);
}

let scratch: ConfigDir;
beforeEach(() => {
  scratch = new ConfigDir();
});
afterEach(() => scratch.remove());

/** Writes `content` to a file of the scratch folder and returns its path. */
const write = (content: string | Uint8Array, name = 'test.yaml'): string => scratch.writeFile(name, content);

const refusedAs = (expected: string) => `Invalid configuration in test.yaml:\n  - ${expected}`;
const NOT_UTF8_LINE = (line: number) => refusedAs(`expected a UTF-8 text file; line ${line} holds bytes that are not UTF-8 (Latin-1 or another legacy encoding?): save it as UTF-8`);
const UTF16_BOM = refusedAs('expected a UTF-8 text file; this one starts with a UTF-16 byte order mark: save it as UTF-8');
const NUL_BYTE = (line: number) => refusedAs(`expected a UTF-8 text file; this one holds a NUL byte (line ${line}): it is binary, or UTF-16 without a byte order mark`);

describe('files that cannot be read', () => {
  it('names the file and the system error code of a file that is gone (a dangling link), as one ConfigError', () => {
    symlinkSync(join(scratch.path, 'nowhere.txt'), join(scratch.path, 'test.yaml'));
    const error = scratch.loadError();
    const shown = displayPath(join(scratch.path, 'test.yaml'));
    expect(error.message).toBe(`Invalid configuration in ${shown}:\n  - expected a readable file (ENOENT)`);
    expect(error.file).toBe(shown);
    expect(error.name).toBe('ConfigError');
    expect(error.constructor).toBe(ConfigError);
    expect(error).not.toBeInstanceOf(ConfigErrors);
  });

  it('names the error code of a file that exists but fails when read', () => {
    // Linux: /proc/self/mem is a regular file whose read at offset 0 fails with EIO.
    if (!existsSync('/proc/self/mem')) return;
    expect(messageFor('/proc/self/mem', 'mem')).toBe('Invalid configuration in mem:\n  - expected a readable file (EIO)');
  });

  it('accepts a file of exactly 1 MiB', () => {
    const head = 'project: webplat\n# ';
    const file = write(`${head}${'x'.repeat(1024 * 1024 - head.length - 1)}\n`);
    expect(readYamlMapping(file, 'test.yaml')).toEqual({ project: 'webplat' });
  });
});

describe('byte order marks and encodings', () => {
  it('refuses UTF-16 big-endian with its byte order mark', () => {
    const utf16be = Buffer.from('project: webplat\n', 'utf16le').swap16();
    expect(messageFor(write(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be])))).toBe(UTF16_BOM);
  });

  it('tells a UTF-16 byte order mark from a lone 0xFF or 0xFE byte, which is Latin-1-like text', () => {
    for (const bytes of [
      [0xff, 0x61, 0x3a, 0x20, 0x31],
      [0xfe, 0x61, 0x3a, 0x20, 0x31],
      [0x61, 0xfe, 0x3a, 0x20, 0x31],
      [0x61, 0xff, 0x3a, 0x20, 0x31],
    ]) {
      expect(messageFor(write(Buffer.from(bytes)))).toBe(NOT_UTF8_LINE(1));
    }
  });

  it('drops a UTF-8 byte order mark before parsing, so columns are counted from the first real character', () => {
    expect(messageFor(write('\ufeff{project: webplat, owner: !Ref 2}\n'))).toBe(refusedAs('expected valid YAML: Unresolved tag: !Ref (line 1, column 27)'));
    expect(messageFor(write('{project: webplat, owner: !Ref 2}\n'))).toBe(refusedAs('expected valid YAML: Unresolved tag: !Ref (line 1, column 27)'));
  });

  it('keeps the first character when the byte order mark character comes only at the end', () => {
    expect(readYamlMapping(write('project: webplat\n# \ufeff'), 'test.yaml')).toEqual({ project: 'webplat' });
  });

  it('refuses a NUL byte as the very first byte, and counts lines from a leading empty line', () => {
    expect(messageFor(write(Buffer.from('\u0000project: webplat\n')))).toBe(NUL_BYTE(1));
    expect(messageFor(write(Buffer.from('\n\u0000')))).toBe(NUL_BYTE(2));
  });

  it('names the first line that is not UTF-8, after an empty first line and valid lines', () => {
    const bytes = Buffer.from('\n# owner of the site\nproject: café\nregion: us-east-1\n', 'latin1');
    expect(messageFor(write(bytes))).toBe(NOT_UTF8_LINE(3));
    const lastLine = Buffer.from('project: webplat\nowner: café', 'latin1');
    expect(messageFor(write(lastLine))).toBe(NOT_UTF8_LINE(2));
  });
});

describe('what the top level and the keys may be', () => {
  it('refuses a file that is one plain value, showing the value', () => {
    expect(messageFor(write('hello\n'))).toBe(refusedAs('(file): got "hello"; expected a mapping of settings at the top level'));
  });

  it('refuses several lists as keys as such, not as one key given twice', () => {
    expect(messageFor(write('? [a]\n: 1\n? [b]\n: 2\n'))).toBe(refusedAs('(file): got a list as a key (line 1); expected keys that are plain text'));
  });

  it('refuses a mapping as a key, naming it a mapping', () => {
    expect(messageFor(write('tags:\n  ? {a: 1}\n  : x\n'))).toBe(refusedAs('tags: got a mapping as a key (line 2); expected keys that are plain text'));
  });

  it('reports a failure the yaml library throws while building the data, in its own words', () => {
    expect(messageFor(write('%YAML 1.1\n---\ntags:\n  <<: 1\n'))).toBe(refusedAs('expected valid YAML: Merge sources must be maps or map aliases'));
  });
});

describe('how problems are listed', () => {
  const problems = (count: number): ConfigProblem[] => Array.from({ length: count }, (_, index) => ({ field: `tags.t${index}`, received: '1', expected: 'expected text' }));
  const lastLine = (count: number) => new ConfigError('test.yaml', problems(count)).message.split('\n').slice(-1)[0];

  it('lists 20 problems whole, and counts the rest in words', () => {
    expect(new ConfigError('test.yaml', problems(20)).message.split('\n')).toHaveLength(21);
    expect(lastLine(20)).toBe('  - tags.t19: got 1; expected text');
    expect(lastLine(21)).toBe('  - … and 1 more problem');
    expect(lastLine(22)).toBe('  - … and 2 more problems');
  });
});

/** The names of the scratch folder's files that listEnvironments refuses, in the order it lists them. */
function refusedFileNames(): string[] {
  try {
    listEnvironments(scratch.path);
  } catch (error) {
    if (error instanceof ConfigErrors) return error.errors.map((each) => basename(each.file));
    throw error;
  }
  throw new Error('expected file names to be refused');
}

describe('environment files of a folder', () => {
  it('refuses an empty folder with exactly this message', () => {
    let message = '';
    try {
      loadEnvironments([], scratch.path);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(`Invalid configuration in ${displayPath(scratch.path)}:\n  - expected at least one <environment>.yaml file`);
  });

  it('lists bad file names in name order, whatever order the folder returns them in', () => {
    const bad = ['zz-top.yaml', 'Prod.yaml', 'q.yml', 'mm_x.yaml', 'a.YAML', 'toolongname1.yml', 'B2.yaml', 'kk-1.yaml'];
    for (const name of bad) write('project: webplat\n', name);
    expect(refusedFileNames()).toEqual([...bad].sort());
  });

  it('orders bad names as text, not as the bytes the folder listing sorts by', () => {
    // libuv lists a folder sorted by UTF-8 bytes, which puts U+FF21 before an emoji; as text (UTF-16) the emoji comes first.
    const bad = ['\uff21b.yaml', '\u{1f600}b.yaml'];
    for (const name of bad) write('project: webplat\n', name);
    expect(refusedFileNames()).toEqual(['\u{1f600}b.yaml', '\uff21b.yaml']);
  });

  it('shows a path inside the working directory relative to it, and one outside as it is', () => {
    expect(displayPath(join(process.cwd(), 'config', 'environments', 'dev.yaml'))).toBe(join('config', 'environments', 'dev.yaml'));
    const outside = resolve(process.cwd(), '..', 'elsewhere', 'dev.yaml');
    expect(outside.startsWith('/')).toBe(true);
    expect(displayPath(outside)).toBe(outside);
  });

  it('lets a crash that is not a configuration problem through as itself, even when another file has problems', () => {
    const safeParse = environmentSchema.safeParse.bind(environmentSchema);
    const spy = jest.spyOn(environmentSchema, 'safeParse').mockImplementation((input: any) => {
      if (input?.environment === 'bb') throw new TypeError('a bug, not a configuration problem');
      return safeParse(input);
    });
    try {
      scratch.writeEnvironment('aa', (input) => (input.region = 'nowhere'));
      scratch.writeEnvironment('bb');
      expect(() => loadEnvironments([], scratch.path)).toThrow(TypeError);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('example folders', () => {
  it('lists the folders of examples/, sorted, and no files', () => {
    for (const name of ['website', 'api', 'intranet']) mkdirSync(join(scratch.path, name));
    write('notes', 'README.md');
    expect(listExamples(scratch.path)).toEqual(['api', 'intranet', 'website']);
  });

  it('sorts the folders as text, not as the bytes the folder listing sorts by', () => {
    // libuv lists a folder sorted by UTF-8 bytes, which puts U+FF21 before an emoji; as text (UTF-16) the emoji comes first.
    for (const name of ['\uff21', '\u{1f600}']) mkdirSync(join(scratch.path, name));
    expect(listExamples(scratch.path)).toEqual(['\u{1f600}', '\uff21']);
  });

  it('lists none when the folder is missing', () => {
    expect(listExamples(join(scratch.path, 'missing'))).toEqual([]);
  });

  it('looks in examples/ at the root of the repository', () => {
    expect(EXAMPLES_DIR).toBe(resolve(__dirname, '..', 'examples'));
  });
});
