import { z } from 'zod';
import { formatValue, quoteText } from '../config/format-value';
import { describeIssue } from '../config/issues';
import { ConfigDir } from './support/config-dir';

// How a bad configuration value is shown to the user, and how schema issues become problems.
// Every expected string is written out here: 120 characters are shown whole, a longer value shows
// its first 60 characters and how long it was; hidden characters print as \uXXXX.

describe('quoteText and formatValue on text', () => {
  it('shows up to 120 characters whole, quoted', () => {
    expect(formatValue('a'.repeat(120))).toBe(`"${'a'.repeat(120)}"`);
    expect(formatValue('say "hi"\\')).toBe('"say \\"hi\\"\\\\"');
  });

  it('cuts longer text to its first 60 characters and says how long it was, inside and outside quotes', () => {
    expect(formatValue('a'.repeat(121))).toBe(`"${'a'.repeat(60)}…" (121 characters)`);
    expect(quoteText('b'.repeat(130), { quotes: false })).toBe(`${'b'.repeat(60)}… (130 characters)`);
    expect(quoteText('abcdefghijk', { max: 10 })).toBe('"abcde…" (11 characters)');
    expect(quoteText('abcdefghij', { max: 10 })).toBe('"abcdefghij"');
  });

  it('counts characters, not UTF-16 code units', () => {
    expect(formatValue('😀'.repeat(120))).toBe(`"${'😀'.repeat(120)}"`);
    expect(formatValue('😀'.repeat(121))).toBe(`"${'😀'.repeat(60)}…" (121 characters)`);
  });

  it('escapes hidden characters: control, format, separators, lone surrogates, and those beyond U+FFFF', () => {
    // DEL, NEL (C1), right-to-left override, line separator: JSON.stringify leaves them, the message escapes them.
    expect(formatValue('a\u007fb\u0085c\u202ed\u2028e')).toBe('"a\\u007fb\\u0085c\\u202ed\\u2028e"');
    // U+E0001 LANGUAGE TAG (a format character outside the BMP).
    expect(formatValue('x\u{e0001}y')).toBe('"x\\u{e0001}y"');
    expect(quoteText('a\u001bb\ud800', { quotes: false })).toBe('a\\u001bb\\ud800');
    expect(quoteText('tab\there', { quotes: false })).toBe('tab\\u0009here');
  });
});

describe('formatValue on other values', () => {
  it('shows scalars as they are, and undefined as undefined', () => {
    expect(formatValue(undefined)).toBe('undefined');
    expect(formatValue(null)).toBe('null');
    expect(formatValue(42)).toBe('42');
    expect(formatValue(false)).toBe('false');
  });

  it('shows binary data by its size', () => {
    expect(formatValue(new Uint8Array(5))).toBe('5 bytes of binary data');
    expect(formatValue(Buffer.from('abc'))).toBe('3 bytes of binary data');
  });

  it('shows mappings and lists JSON-like, nested, with binary data and undefined inside', () => {
    expect(formatValue({ a: 1, b: [true, null, undefined], c: { d: 'x' }, e: new Uint8Array(2), f: {} })).toBe(
      '{"a":1,"b":[true,null,null],"c":{"d":"x"},"e":<2 bytes>,"f":{}}',
    );
    expect(formatValue([undefined, 1, [new Uint8Array(3)], { k: false }])).toBe('[null,1,[<3 bytes>],{"k":false}]');
    expect(formatValue({})).toBe('{}');
    expect(formatValue([])).toBe('[]');
  });

  it('escapes hidden characters in keys and values of a mapping', () => {
    expect(formatValue({ 'k\u200b': 'v\u007f' })).toBe('{"k\\u200b":"v\\u007f"}');
  });

  it('shows a list or mapping of 120 characters whole, and cuts one of 121 to 60 with its size', () => {
    expect(formatValue(['x'.repeat(116)])).toBe(`["${'x'.repeat(116)}"]`);
    expect(formatValue(['x'.repeat(117)])).toBe(`["${'x'.repeat(58)}… (1 item)`);
    expect(formatValue({ k: 'x'.repeat(200) })).toBe(`{"k":"${'x'.repeat(54)}… (1 key)`);
    expect(formatValue(Array.from({ length: 200 }, () => 1))).toBe(`[${'1,'.repeat(29)}1… (200 items)`);
    const keys = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`k${String(index).padStart(2, '0')}`, 0]));
    expect(formatValue(keys)).toBe('{"k00":0,"k01":0,"k02":0,"k03":0,"k04":0,"k05":0,"k06":0,"k0… (40 keys)');
  });

  it('cuts a list by characters, not UTF-16 code units, and escapes what it shows', () => {
    expect(formatValue(['😀'.repeat(100)])).toBe(`["${'😀'.repeat(58)}… (1 item)`);
    expect(formatValue(['\u200b'.repeat(200)])).toBe(`["${'\\u200b'.repeat(58)}… (1 item)`);
  });

  it('reads only the start of a huge string in a list or mapping, even one that starts right at the limit', () => {
    // Counts the characters read through the string iterator (Array.from of a string reads them all).
    const iterate = String.prototype[Symbol.iterator];
    let read = 0;
    String.prototype[Symbol.iterator] = function* (this: string) {
      for (const character of iterate.call(this) as Iterable<string>) {
        read++;
        yield character;
      }
    } as () => StringIterator<string>;
    const huge = 'x'.repeat(1_000_000);
    const shown: string[] = [];
    const reads: number[] = [];
    try {
      for (const value of [[huge], { k: huge }, ['a'.repeat(116), huge]]) {
        read = 0;
        shown.push(formatValue(value));
        reads.push(read);
      }
    } finally {
      String.prototype[Symbol.iterator] = iterate;
    }
    expect(shown).toEqual([`["${'x'.repeat(58)}… (1 item)`, `{"k":"${'x'.repeat(54)}… (1 key)`, `["${'a'.repeat(58)}… (2 items)`]);
    for (const count of reads) expect(count).toBeLessThan(1000);
  });

  it('stops at the limit on a deeply nested value', () => {
    let nested: unknown = 'bottom';
    for (let level = 0; level < 5000; level++) nested = [nested];
    expect(formatValue(nested)).toBe(`${'['.repeat(60)}… (1 item)`);
  });
});

describe('describeIssue', () => {
  it('names at most five unknown keys and counts the rest', () => {
    const issue = (keys: string[]): z.ZodIssue => ({ code: z.ZodIssueCode.unrecognized_keys, keys, path: ['network'], message: 'Unrecognized keys' });
    expect(describeIssue(issue(['a', 'b', 'c', 'd', 'e', 'f', 'g']), {}).received).toBe('unknown keys "a", "b", "c", "d", "e" and 2 more');
    expect(describeIssue(issue(['a', 'b', 'c', 'd', 'e']), {}).received).toBe('unknown keys "a", "b", "c", "d", "e"');
    expect(describeIssue(issue(['a', 'b']), {}).received).toBe('unknown keys "a", "b"');
    expect(describeIssue(issue(['a']), {})).toEqual({
      field: 'network.a',
      received: 'unknown key "a"',
      expected: expect.stringMatching(/^expected only the keys: cidr, availabilityZones, subnets, natGateways, \w/),
    });
  });

  it('lists no accepted keys where the schema holds no mapping, however deep the path', () => {
    const unknownKey = (path: (string | number)[]) => describeIssue({ code: z.ZodIssueCode.unrecognized_keys, keys: ['z'], path, message: 'Unrecognized key' }, {});
    expect(unknownKey(['systems', 0]).expected).toBe('expected only the keys: ');
    expect(unknownKey(['project', 'x', 'y'])).toEqual({ field: 'project.x.y.z', received: 'unknown key "z"', expected: 'expected only the keys: ' });
    expect(unknownKey(['tags', 'x', 'y']).expected).toBe('expected only the keys: ');
  });

  it('lowercases a message that does not start with "expected" after the word "expected"', () => {
    const issue: z.ZodIssue = { code: z.ZodIssueCode.custom, path: ['region'], message: 'Must Differ From The Home Region' };
    expect(describeIssue(issue, { region: 'eu-west-1' })).toEqual({ field: 'region', received: '"eu-west-1"', expected: 'expected must differ from the home region' });
  });

  it('takes a rule\'s own received text, and otherwise the value found in the file', () => {
    const custom = (params?: Record<string, unknown>): z.ZodIssue => ({ code: z.ZodIssueCode.custom, path: ['region'], message: 'expected another region', params });
    expect(describeIssue(custom({ received: 'two regions' }), { region: 'eu-west-1' }).received).toBe('two regions');
    expect(describeIssue(custom({ received: 3 }), { region: 'eu-west-1' }).received).toBe('"eu-west-1"');
  });

  it('finds no value under a missing or inherited key', () => {
    const missing = (path: (string | number)[], raw: unknown) =>
      describeIssue({ code: z.ZodIssueCode.invalid_type, expected: 'string', received: 'undefined', path, message: 'Required' }, raw);
    expect(missing(['network', 'cidr'], {})).toEqual({ field: 'network.cidr', received: undefined, expected: 'a required value (string) is missing' });
    expect(missing(['toString'], {})).toEqual({ field: 'toString', received: undefined, expected: 'a required value (string) is missing' });
    expect(missing(['a', 'length'], { a: 'text' }).received).toBeUndefined();
    expect(missing(['a', 0], { a: null }).received).toBeUndefined();
  });
});

describe('what the user sees when loading a file', () => {
  let dir: ConfigDir;
  beforeEach(() => {
    dir = new ConfigDir();
  });
  afterEach(() => dir.remove());

  it('names five unknown keys of a mapping, counts the others and lists the accepted keys', () => {
    dir.writeEnvironment('test', (input) => {
      for (const key of ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7']) input.network[key] = 1;
    });
    const error = dir.loadError(['test']);
    expect(error.problems).toEqual([
      {
        field: 'network.k1',
        received: 'unknown keys "k1", "k2", "k3", "k4", "k5" and 2 more',
        expected: expect.stringMatching(/^expected only the keys: cidr, availabilityZones, subnets, natGateways, \w/),
      },
    ]);
    expect(error.message).toContain('\n  - network.k1: got unknown keys "k1", "k2", "k3", "k4", "k5" and 2 more; expected only the keys: cidr, availabilityZones, subnets, natGateways, ');
  });

  it('quotes an unknown key that is not a plain word, in the field and in the value', () => {
    expect(
      dir.problemsFor((input) => {
        input.network['nat gateways'] = 'single';
      }),
    ).toEqual([expect.objectContaining({ field: 'network["nat gateways"]', received: 'unknown key "nat gateways"' })]);
  });

  it('shows a long bad value cut, with its length, and hidden characters escaped', () => {
    const problems = dir.problemsFor((input) => {
      input.accountId = '1'.repeat(200);
      input.region = 'eu-west-1\u202e';
    });
    expect(problems).toContainEqual({ field: 'accountId', received: `"${'1'.repeat(60)}…" (200 characters)`, expected: 'expected a 12-digit AWS account id as a quoted string' });
    expect(problems).toContainEqual({ field: 'region', received: '"eu-west-1\\u202e"', expected: 'expected an AWS region name such as eu-west-1' });
  });

  it('says "at most" and "at least" for numbers out of range, with the limit', () => {
    const problems = dir.problemsFor((input) => {
      input.data = { database: { backupRetentionDays: 36, readers: -1 } };
    });
    expect(problems).toContainEqual({ field: 'data.database.backupRetentionDays', received: '36', expected: 'expected at most 35' });
    expect(problems).toContainEqual({ field: 'data.database.readers', received: '-1', expected: 'expected at least 0' });
  });

  it('reports a rule about a mapping the file leaves out, with the rule\'s own text', () => {
    const problems = dir.problemsFor((input) => {
      input.production = true;
    });
    expect(problems).toContainEqual({
      field: 'ops.alarms',
      received: 'no ops.alarms',
      expected: 'expected ops.alarms.slack or ops.alarms.emails in production: alarms that reach nobody are not monitoring',
    });
  });

  it('shows a nested list value JSON-like', () => {
    const problems = dir.problemsFor((input) => {
      input.network.subnets.public = { first: '10.0.0.0/24' };
    });
    expect(problems).toContainEqual(expect.objectContaining({ field: 'network.subnets.public', received: '{"first":"10.0.0.0/24"}' }));
  });
});
