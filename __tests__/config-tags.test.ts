import { ConfigProblem } from '../config/errors';
import { loadEnvironments } from '../config/load';
import { MAX_CONFIG_TAGS } from '../config/rules/tags';
import { ConfigDir } from './support/config-dir';

let dir: ConfigDir;
beforeEach(() => {
  dir = new ConfigDir();
});
afterEach(() => dir.remove());

/** Loads the base environment with these tags: wrap in `expect(() => ...)` to test its error. */
const loadTags = (tags: unknown) => dir.loadWith((input) => (input.tags = tags));
const problemsFor = (tags: unknown): readonly ConfigProblem[] => dir.problemsFor((input) => (input.tags = tags));

const manyTags = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`tag${index}`, 'x']));

describe('tags', () => {
  it('accepts keys and values of letters of any script, digits, spaces and _ . : / = + - @', () => {
    const tags = {
      'cost-center': 'web-platform',
      'team:owner': 'platform@example.com',
      'Schlüssel/Größe': 'Wert = 1 + 2',
      'データ_分類': '機密',
      ['x'.repeat(128)]: 'y'.repeat(256),
      empty: '',
    };
    expect(loadTags(tags).tags).toEqual(tags);
  });

  it(`accepts ${MAX_CONFIG_TAGS} tags, the 50 AWS allows less the 5 this project sets`, () => {
    expect(MAX_CONFIG_TAGS).toBe(45);
    expect(Object.keys(loadTags(manyTags(45)).tags)).toHaveLength(45);
  });

  it('refuses more tags than are left, saying how many are', () => {
    expect(() => loadTags(manyTags(46))).toThrow(
      /tags: got 46 tags; expected at most 45: AWS allows 50 tags per resource and this project sets 5 itself \(project, environment, tier, managed-by, Name\), which leaves 45 for yours/,
    );
  });

  it.each(['aws:createdBy', 'AWS:cost', 'Aws:x'])('refuses the reserved prefix in %s', (key) => {
    expect(() => loadTags({ [key]: 'x' })).toThrow(
      new RegExp(`tags\\["${key}"\\]: got key "${key}"; expected a key without the aws: prefix, which AWS keeps for its own tags`),
    );
  });

  it.each([
    ['Project', 'project'],
    ['ENVIRONMENT', 'environment'],
    ['tier', 'tier'],
    ['Managed-By', 'managed-by'],
    ['name', 'Name'],
  ])('refuses %s, which this project sets as %s, instead of dropping it', (key, standard) => {
    expect(() => loadTags({ [key]: 'mine' })).toThrow(
      new RegExp(`tags\\.${key}: got key "${key}"; expected a key other than project, environment, tier, managed-by, Name in any case: this project sets ${standard} itself, and IAM compares keys case-insensitively`),
    );
  });

  it('refuses two keys that differ only in case', () => {
    expect(() => loadTags({ Team: 'a', team: 'b' })).toThrow(/tags\.team: got key "team"; expected keys that differ in more than case/);
    expect(problemsFor({ Team: 'a', team: 'b' })).toEqual([
      { field: 'tags.team', received: 'key "team"', expected: 'expected keys that differ in more than case: IAM compares keys case-insensitively, and "Team" is already set' },
    ]);
  });

  it.each(['a|b', 'semi;colon', 'star*', 'new\nline', 'emoji 🚀'])('refuses the key %j: a character not every service accepts', (key) => {
    expect(() => loadTags({ [key]: 'x' })).toThrow(/: got key ".*"; expected a tag key of 1 to 128 characters: letters, digits, spaces and _ \. : \/ = \+ - @/);
    expect(problemsFor({ [key]: 'x' })).toEqual([
      expect.objectContaining({ expected: 'expected a tag key of 1 to 128 characters: letters, digits, spaces and _ . : / = + - @' }),
    ]);
  });

  it('refuses an empty key and a key over 128 characters, shortening the long one', () => {
    expect(() => loadTags({ '': 'x' })).toThrow(/tags\[""\]: got key ""; expected a tag key of 1 to 128 characters/);
    const long = 'k'.repeat(129);
    expect(() => loadTags({ [long]: 'x' })).toThrow(/got key "k{60}…" \(129 characters\); expected a tag key of 1 to 128 characters/);
  });

  it('refuses a value over 256 characters or with other characters', () => {
    expect(() => loadTags({ owner: 'v'.repeat(257) })).toThrow(
      /tags\.owner: got "v{60}…" \(257 characters\); expected a tag value of at most 256 characters: letters, digits, spaces and _ \. : \/ = \+ - @/,
    );
    expect(() => loadTags({ owner: 'a,b' })).toThrow(/tags\.owner: got "a,b"; expected a tag value of at most 256 characters/);
  });

  it('refuses a __proto__ key instead of losing it', () => {
    dir.write('test', `${dir.environmentYaml('test')}tags:\n  __proto__: x\n`);
    expect(() => loadEnvironments(['test'], dir.path)).toThrow(/tags: got key "__proto__"; expected a key other than __proto__, which cannot be kept/);
  });

  it('refuses a value that is not a string, saying to quote it', () => {
    expect(() => loadTags({ 'cost-center': 42 })).toThrow(/tags\.cost-center: got 42; expected a string: quote numbers, dates and true\/false/);
  });
});
