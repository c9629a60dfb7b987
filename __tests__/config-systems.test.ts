import { ConfigDir } from './support/config-dir';

let dir: ConfigDir;
beforeEach(() => (dir = new ConfigDir()));
afterEach(() => dir.remove());

/** The fields of the base environment that only the web platform reads. */
function withoutWebPlatform(input: Record<string, any>): void {
  delete input.domain;
  delete input.network;
}

describe('systems an environment holds', () => {
  it('is the web platform when the file does not say', () => {
    expect(dir.loadAnyWith(() => undefined).systems).toEqual(['web-platform']);
  });

  it('refuses a system name it does not know, listing the ones it does', () => {
    expect(dir.problemsFor((input) => (input.systems = ['web-platform', 'wordpress']))).toEqual([
      { field: 'systems[1]', received: '"wordpress"', expected: 'expected one of: "web-platform", "sandbox", "static-website", "private-bucket", "internal-site"' },
    ]);
  });

  it('refuses an environment that selects no system', () => {
    expect(dir.problemsFor((input) => (input.systems = []))).toEqual([
      expect.objectContaining({ field: 'systems', expected: 'expected at least one system: web-platform, sandbox, static-website, private-bucket, internal-site' }),
    ]);
  });

  it('refuses a system named twice', () => {
    expect(dir.problemsFor((input) => (input.systems = ['web-platform', 'web-platform']))).toEqual([
      expect.objectContaining({ field: 'systems[1]', expected: 'expected each system once' }),
    ]);
  });

  it('names each field the web platform needs and does not have', () => {
    expect(dir.problemsFor(withoutWebPlatform)).toEqual([
      { field: 'domain', expected: 'expected a value: the web-platform system needs it (systems: web-platform)' },
      { field: 'network', expected: 'expected a value: the web-platform system needs it (systems: web-platform)' },
    ]);
  });

  it('refuses web-platform fields in an environment without the web platform, rather than ignoring them', () => {
    const problems = dir.problemsFor((input) => (input.systems = ['sandbox']));
    expect(problems).toEqual(
      expect.arrayContaining([
        {
          field: 'domain',
          received: 'a domain setting',
          expected: 'expected no domain here: only the web-platform, static-website or internal-site systems read it, and systems (sandbox) includes none of them',
        },
        expect.objectContaining({ field: 'network', received: 'a network setting' }),
        expect.objectContaining({ field: 'sandbox', expected: 'expected a value: the sandbox system needs it (systems: sandbox)' }),
      ]),
    );
  });
});
