import { execFile } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { join } from 'node:path';
import {
  describeDuration,
  expiryNotes,
  parseExpiresIn,
  parsePresignArguments,
  parseS3Uri,
  PresignCommand,
  presignGetObjectUrl,
  PresignInputError,
  PresignRequest,
  resolveRegion,
} from '../scripts/lib/presign';

// As scripts/presign.ts does: the SDK's notice about its future Node versions is noise here (the project pins a release that supports Node 20).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** AWS's documented example keys: they sign, but open nothing. */
const CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const SIGNED_AT = new Date('2024-05-06T07:08:09Z');
const KEY = 'downloads/annual report ü.pdf';

function sign(change: Partial<PresignRequest> = {}): Promise<string> {
  return presignGetObjectUrl({ location: { bucket: 'acme-reports', key: KEY }, expiresInSeconds: 900, region: 'eu-west-1', credentials: CREDENTIALS, signingDate: SIGNED_AT, ...change });
}

/** RFC 3986 encoding as SigV4 canonical requests use it (encodeURIComponent leaves !'()* alone). */
const sigV4Encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/**
 * The SigV4 query-string signature of a presigned S3 GET URL, computed here from AWS's documented algorithm
 * ("Authenticating Requests: Using Query Parameters"), independently of the SDK.
 */
function expectedSignature(url: URL, secretAccessKey: string): string {
  const params = [...url.searchParams].filter(([name]) => name !== 'X-Amz-Signature');
  const canonicalQuery = params
    .map(([name, value]) => [sigV4Encode(name), sigV4Encode(value)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalRequest = ['GET', url.pathname, canonicalQuery, `host:${url.host}`, '', 'host', 'UNSIGNED-PAYLOAD'].join('\n');
  const amzDate = url.searchParams.get('X-Amz-Date')!;
  const [, day, region, service] = url.searchParams.get('X-Amz-Credential')!.split('/');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), 'aws4_request');
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

describe('presigned GET URL', () => {
  let url: URL;
  beforeAll(async () => {
    url = new URL(await sign());
  });

  it('points at the object on the bucket virtual host of its region, over HTTPS', () => {
    expect(url.protocol).toBe('https:');
    expect(url.host).toBe('acme-reports.s3.eu-west-1.amazonaws.com');
  });

  it('has the key as its path, URI-encoded (space as %20, ü as its UTF-8 bytes)', () => {
    expect(url.pathname).toBe('/downloads/annual%20report%20%C3%BC.pdf');
    expect(decodeURIComponent(url.pathname)).toBe(`/${KEY}`);
  });

  it('carries the SigV4 query parameters: algorithm, expiry in seconds, credential scope, date from the clock, signed headers', () => {
    const query = url.searchParams;
    expect(query.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(query.get('X-Amz-Expires')).toBe('900');
    expect(query.get('X-Amz-Credential')).toBe('AKIAIOSFODNN7EXAMPLE/20240506/eu-west-1/s3/aws4_request');
    expect(query.get('X-Amz-Date')).toBe('20240506T070809Z');
    expect(query.get('X-Amz-SignedHeaders')).toBe('host');
    expect(query.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(query.has('X-Amz-Security-Token')).toBe(false);
  });

  it('carries no checksum parameters, which a browser or curl would neither send nor check', () => {
    expect([...url.searchParams.keys()].filter((name) => /checksum/i.test(name))).toEqual([]);
  });

  it('is signed as SigV4 prescribes (signature recomputed from the documented algorithm)', () => {
    expect(url.searchParams.get('X-Amz-Signature')).toBe(expectedSignature(url, CREDENTIALS.secretAccessKey));
  });

  it('is the same URL for the same inputs, and another for another expiry', async () => {
    expect(await sign()).toBe(url.toString());
    const longer = new URL(await sign({ expiresInSeconds: 604800 }));
    expect(longer.searchParams.get('X-Amz-Expires')).toBe('604800');
    expect(longer.searchParams.get('X-Amz-Signature')).not.toBe(url.searchParams.get('X-Amz-Signature'));
  });

  it('signs for the region asked, on the regional endpoint in us-east-1 too', async () => {
    const east = new URL(await sign({ region: 'us-east-1' }));
    expect(east.host).toBe('acme-reports.s3.us-east-1.amazonaws.com');
    expect(east.searchParams.get('X-Amz-Credential')).toBe('AKIAIOSFODNN7EXAMPLE/20240506/us-east-1/s3/aws4_request');
  });

  it('carries the session token of temporary credentials, inside the signature', async () => {
    const temporary = new URL(await sign({ credentials: { ...CREDENTIALS, sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN+/=' } }));
    expect(temporary.searchParams.get('X-Amz-Security-Token')).toBe('FwoGZXIvYXdzEXAMPLETOKEN+/=');
    expect(temporary.searchParams.get('X-Amz-Signature')).toBe(expectedSignature(temporary, CREDENTIALS.secretAccessKey));
  });

  it('uses the path-style endpoint for a bucket with dots, whose virtual host the TLS certificate (*.s3.<region>.amazonaws.com) would not match', async () => {
    const dotted = new URL(await sign({ location: { bucket: 'reports.acme.example', key: 'a.pdf' } }));
    expect(dotted.host).toBe('s3.eu-west-1.amazonaws.com');
    expect(dotted.pathname).toBe('/reports.acme.example/a.pdf');
    expect(dotted.searchParams.get('X-Amz-Signature')).toBe(expectedSignature(dotted, CREDENTIALS.secretAccessKey));
  });
});

describe('presign arguments', () => {
  const parse = (...args: string[]) => parsePresignArguments(args);
  const problem = (...args: string[]) => {
    try {
      parse(...args);
    } catch (error) {
      expect(error).toBeInstanceOf(PresignInputError);
      return (error as Error).message;
    }
    throw new Error(`no error for ${JSON.stringify(args)}`);
  };

  it('takes the S3 URI, and defaults the expiry to one hour', () => {
    expect(parse('s3://acme-reports/downloads/a.pdf')).toEqual<PresignCommand>({ help: false, location: { bucket: 'acme-reports', key: 'downloads/a.pdf' }, expiresInSeconds: 3600 });
  });

  it('takes --expires-in and --region, before or after the URI, as --name value or --name=value', () => {
    const expected: PresignCommand = { help: false, location: { bucket: 'acme-reports', key: 'a b/ü.pdf' }, expiresInSeconds: 600, region: 'eu-central-1' };
    expect(parse('s3://acme-reports/a b/ü.pdf', '--expires-in', '600', '--region', 'eu-central-1')).toEqual(expected);
    expect(parse('--region=eu-central-1', '--expires-in=600', 's3://acme-reports/a b/ü.pdf')).toEqual(expected);
  });

  it('accepts the limits: 1 second and 7 days', () => {
    expect(parseExpiresIn('1')).toBe(1);
    expect(parseExpiresIn('604800')).toBe(604800);
  });

  it('keeps a key as written: no URL decoding, slashes and dots included', () => {
    expect(parseS3Uri('s3://acme-reports/a%20b/../c//d.pdf')).toEqual({ bucket: 'acme-reports', key: 'a%20b/../c//d.pdf' });
  });

  it('answers --help with usage, whatever else is given', () => {
    expect(parse('--help')).toEqual({ help: true });
    expect(parse('http://nope', '-h')).toEqual({ help: true });
  });

  it.each<[string, string[], RegExp]>([
    ['no URI', [], /^no S3 URI given; expected the object as s3:\/\/<bucket>\/<key> \(usage: npm run presign -- /],
    ['an http URL', ['http://acme-reports.s3.amazonaws.com/a.pdf'], /^not an S3 URI: "http:\/\/acme-reports\.s3\.amazonaws\.com\/a\.pdf"; expected s3:\/\/<bucket>\/<key>, such as /],
    ['a bucket with no key', ['s3://acme-reports'], /^no object key in the S3 URI: "s3:\/\/acme-reports"; expected s3:\/\/<bucket>\/<key> naming one object/],
    ['a bucket and a slash, no key', ['s3://acme-reports/'], /^no object key in the S3 URI: "s3:\/\/acme-reports\/"; expected /],
    ['an upper-case bucket name', ['s3://Acme_Reports/a.pdf'], /^not a bucket name S3 accepts in the S3 URI: "Acme_Reports"; expected lower-case letters, digits, dots and hyphens/],
    ['a bucket name too short', ['s3://ab/a.pdf'], /^not a bucket name S3 accepts in the S3 URI: "ab"; expected 3 to 63 characters, not 2$/],
    ['a bucket name like an IP address', ['s3://192.168.1.10/a.pdf'], /: "192\.168\.1\.10"; expected a name that is not formatted as an IP address$/],
    ['a key over 1024 bytes', [`s3://acme-reports/${'é'.repeat(513)}`], /^object key too long in the S3 URI: "é+…" \(513 characters\); expected at most 1024 bytes \(UTF-8\), not 1026$/],
    ['expiry 0', ['s3://acme-reports/a.pdf', '--expires-in', '0'], /^--expires-in is out of range: "0"; expected whole seconds from 1 to 604800 \(7 days, the longest SigV4 allows\)$/],
    ['expiry 604801', ['s3://acme-reports/a.pdf', '--expires-in', '604801'], /^--expires-in is out of range: "604801"; expected whole seconds from 1 to 604800 /],
    ['a fractional expiry', ['s3://acme-reports/a.pdf', '--expires-in', '1.5'], /^--expires-in is not a whole number of seconds: "1\.5"; expected whole seconds from 1 to 604800/],
    ['a negative expiry', ['s3://acme-reports/a.pdf', '--expires-in=-60'], /^--expires-in is not a whole number of seconds: "-60"; /],
    ['an expiry with a unit', ['s3://acme-reports/a.pdf', '--expires-in', '1h'], /^--expires-in is not a whole number of seconds: "1h"; /],
    ['an expiry with no value', ['s3://acme-reports/a.pdf', '--expires-in'], /^--expires-in without a value; expected whole seconds from 1 to 604800 .* after it, such as --expires-in 3600$/],
    ['an expiry given twice', ['s3://acme-reports/a.pdf', '--expires-in', '60', '--expires-in', '120'], /^--expires-in given twice: "120"; expected --expires-in once$/],
    ['an unknown option', ['s3://acme-reports/a.pdf', '--expires', '60'], /^unknown option: "--expires"; expected --expires-in SECONDS, --region REGION or --help$/],
    ['an unknown short option', ['s3://acme-reports/a.pdf', '-e', '60'], /^unknown option: "-e"; /],
    ['two URIs', ['s3://acme-reports/a.pdf', 's3://acme-reports/b.pdf'], /^more than one S3 URI: "s3:\/\/acme-reports\/b\.pdf"; expected one s3:\/\/<bucket>\/<key> per command$/],
    ['a region that is not one', ['s3://acme-reports/a.pdf', '--region', 'Ireland'], /^--region is not a region name: "Ireland"; expected the bucket's region, such as eu-west-1$/],
  ])('refuses %s, saying what is wrong, the value and what is expected', (_, args, message) => {
    expect(problem(...args)).toMatch(message);
  });

  it('writes every refusal on one line, hidden characters escaped', () => {
    expect(problem('s3://acme-reports/a.pdf', '--expires-in', '60\n; rm -rf')).toBe('--expires-in is not a whole number of seconds: "60\\n; rm -rf"; expected whole seconds from 1 to 604800 (7 days, the longest SigV4 allows)');
  });
});

describe('presign region', () => {
  const noProfile = () => Promise.reject(new Error('Region is missing'));
  const profile = (region: string) => () => Promise.resolve(region);

  it('is --region first, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile', async () => {
    const env = { AWS_REGION: 'eu-west-2', AWS_DEFAULT_REGION: 'eu-west-3' };
    expect(await resolveRegion('eu-west-1', env, profile('us-west-2'))).toBe('eu-west-1');
    expect(await resolveRegion(undefined, env, profile('us-west-2'))).toBe('eu-west-2');
    expect(await resolveRegion(undefined, { AWS_DEFAULT_REGION: 'eu-west-3' }, profile('us-west-2'))).toBe('eu-west-3');
    expect(await resolveRegion(undefined, {}, profile('us-west-2'))).toBe('us-west-2');
  });

  it('with none, says how to give one', async () => {
    await expect(resolveRegion(undefined, { AWS_REGION: '' }, noProfile)).rejects.toThrow(
      /^no region: none of --region, AWS_REGION, AWS_DEFAULT_REGION or the profile's region is set; expected the bucket's region, given as --region eu-west-1 or AWS_REGION=eu-west-1/,
    );
  });

  it('refuses a region variable that is not a region, naming the variable', async () => {
    await expect(resolveRegion(undefined, { AWS_REGION: 'europe' }, noProfile)).rejects.toThrow(/^AWS_REGION is not a region name: "europe"; expected /);
    await expect(resolveRegion(undefined, { AWS_PROFILE: 'ops' }, profile('EU'))).rejects.toThrow(/^the region of profile ops is not a region name: "EU"/);
  });
});

describe('presign notes on stderr', () => {
  it('say when the URL expires', () => {
    expect(expiryNotes(SIGNED_AT, 5400, CREDENTIALS)).toEqual(['presign: the URL works until 2024-05-06T08:38:09Z (1 hour 30 minutes)']);
    expect(describeDuration(604800)).toBe('7 days');
    expect(describeDuration(61)).toBe('1 minute 1 second');
  });

  it('warn that temporary credentials end the URL when they expire', () => {
    const notes = expiryNotes(SIGNED_AT, 3600, { ...CREDENTIALS, sessionToken: 'token' });
    expect(notes).toHaveLength(2);
    expect(notes[1]).toMatch(/temporary credentials .*the URL stops working when they expire, even if X-Amz-Expires is later/);
  });

  it('say when temporary credentials expire before the URL would', () => {
    const expiration = new Date('2024-05-06T07:38:09Z');
    const notes = expiryNotes(SIGNED_AT, 604800, { ...CREDENTIALS, sessionToken: 'token', expiration });
    expect(notes[1]).toMatch(/expire at 2024-05-06T07:38:09Z: the URL stops working then, before X-Amz-Expires says/);
  });
});

describe('npm run presign, as a process', () => {
  interface Run {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
  }
  /** Runs scripts/presign.ts with only the given AWS settings: no profile, credentials file or instance metadata of this machine. */
  const run = (args: readonly string[], aws: Record<string, string>): Promise<Run> =>
    new Promise((resolve) => {
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: '/nonexistent',
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
        AWS_EC2_METADATA_DISABLED: 'true',
        ...aws,
      };
      execFile(process.execPath, ['--import', 'tsx', 'scripts/presign.ts', ...args], { cwd: join(__dirname, '..'), env, timeout: 20000 }, (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
      });
    });
  const dummyCredentials = { AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey, AWS_REGION: 'eu-west-1' };

  let signed: Run;
  let badExpiry: Run;
  let noCredentials: Run;
  beforeAll(async () => {
    [signed, badExpiry, noCredentials] = await Promise.all([
      run(['s3://acme-reports/downloads/report.pdf', '--expires-in', '600'], dummyCredentials),
      run(['s3://acme-reports/downloads/report.pdf', '--expires-in', '604801'], dummyCredentials),
      run(['s3://acme-reports/downloads/report.pdf'], { AWS_REGION: 'eu-west-1' }),
    ]);
  }, 30000);

  it('prints only the URL on stdout and exits 0; the expiry goes to stderr', () => {
    expect(signed.code).toBe(0);
    expect(signed.stdout).toMatch(/^https:\/\/acme-reports\.s3\.eu-west-1\.amazonaws\.com\/downloads\/report\.pdf\?\S*X-Amz-Expires=600&\S*\n$/);
    expect(signed.stdout).toContain('X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F');
    expect(signed.stderr).toMatch(/^presign: the URL works until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(10 minutes\)\n$/);
  });

  it('refuses a bad expiry with exit 2 and one line, no stack trace', () => {
    expect(badExpiry).toEqual({
      code: 2,
      stdout: '',
      stderr: 'presign: --expires-in is out of range: "604801"; expected whole seconds from 1 to 604800 (7 days, the longest SigV4 allows)\n',
    });
  });

  it('fails with exit 1 and one line when there are no credentials to sign with', () => {
    expect(noCredentials.code).toBe(1);
    expect(noCredentials.stdout).toBe('');
    expect(noCredentials.stderr).toMatch(/^presign: no AWS credentials to sign with \(.*\); expected credentials from the SDK's default chain: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, [^\n]*\n$/);
  });
});
