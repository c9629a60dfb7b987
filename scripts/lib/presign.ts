/**
 * `npm run presign`: its arguments, checked, and the signing itself, apart from process I/O
 * (scripts/presign.ts) so tests call them directly. Signing is local: it needs credentials and
 * a region, never a call to AWS.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { quoteText } from '../../config/format-value';
import { bucketNameProblem } from '../../config/rules/s3-systems';
import { DEFAULT_PRESIGN_EXPIRES_IN_SECONDS } from '../../constructs/files/presign-command';

export { DEFAULT_PRESIGN_EXPIRES_IN_SECONDS };

/** The longest a SigV4 presigned URL may last: 7 days. */
export const MAX_PRESIGN_EXPIRES_IN_SECONDS = 7 * 24 * 60 * 60;
/** The longest object key S3 accepts, in bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024;

export const PRESIGN_USAGE = 'usage: npm run presign -- s3://<bucket>/<key> [--expires-in SECONDS] [--region REGION]';

export const PRESIGN_HELP = `${PRESIGN_USAGE}

Prints a presigned GET URL for one object, signed locally with your AWS credentials (the SDK's
default chain: environment, profile, SSO, instance or task role). Only the URL goes to stdout:
  url=$(npm run -s presign -- s3://my-bucket/downloads/report.pdf --expires-in 600)

  --expires-in SECONDS  how long the URL works, 1 to ${MAX_PRESIGN_EXPIRES_IN_SECONDS} (7 days); default ${DEFAULT_PRESIGN_EXPIRES_IN_SECONDS}
  --region REGION       the bucket's region; default AWS_REGION, AWS_DEFAULT_REGION, then the profile's region
  --help                this text

A URL signed with temporary credentials (a role, SSO, a session token) stops working when those
credentials expire, even if --expires-in is longer. The signer needs s3:GetObject on the object
when the URL is used: attach the <env>-files stack's signer policy.`;

const EXPIRES_IN_EXPECTED = `whole seconds from 1 to ${MAX_PRESIGN_EXPIRES_IN_SECONDS} (7 days, the longest SigV4 allows)`;
const URI_EXAMPLE = 's3://my-bucket/downloads/report.pdf';
/** A region name: eu-west-1, us-gov-west-1, ap-southeast-3. */
const REGION_NAME = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/**
 * Input `npm run presign` cannot use: the message says what is wrong, the value given and what
 * is accepted (`<what is wrong>: <value>; expected <what>`), on one line.
 */
export class PresignInputError extends Error {
  constructor(problem: string, value: string | undefined, expected: string) {
    super(value === undefined ? `${problem}; expected ${expected}` : `${problem}: ${quoteText(value)}; expected ${expected}`);
    this.name = 'PresignInputError';
  }
}

/** Signing could not happen although the input was good (no credentials found). */
export class PresignSigningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PresignSigningError';
  }
}

/** One S3 object. */
export interface S3Location {
  readonly bucket: string;
  /** The object key, as stored (not URL-encoded). */
  readonly key: string;
}

/** What the command line asks for: help, or one URL. */
export type PresignCommand =
  | { readonly help: true }
  | {
      readonly help: false;
      readonly location: S3Location;
      readonly expiresInSeconds: number;
      /** The region given with --region. */
      readonly region?: string;
    };

/** `s3://<bucket>/<key>`: a bucket name S3 accepts and a non-empty key of at most 1024 bytes, taken as written (no URL decoding). */
export function parseS3Uri(text: string): S3Location {
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/s.exec(text);
  if (match === null) throw new PresignInputError('not an S3 URI', text, `s3://<bucket>/<key>, such as ${URI_EXAMPLE}`);
  const [, bucket, key] = match;
  const problem = bucketNameProblem(bucket);
  if (problem !== undefined) throw new PresignInputError('not a bucket name S3 accepts in the S3 URI', bucket, problem.replace(/^expected /, ''));
  if (key === undefined || key === '') {
    throw new PresignInputError('no object key in the S3 URI', text, `s3://<bucket>/<key> naming one object, such as ${URI_EXAMPLE}`);
  }
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes > MAX_KEY_BYTES) throw new PresignInputError('object key too long in the S3 URI', key, `at most ${MAX_KEY_BYTES} bytes (UTF-8), not ${bytes}`);
  return { bucket, key };
}

/** Seconds a URL lasts: an integer from 1 to 604800 written in decimal digits. */
export function parseExpiresIn(text: string): number {
  if (!/^\d+$/.test(text)) throw new PresignInputError('--expires-in is not a whole number of seconds', text, EXPIRES_IN_EXPECTED);
  const seconds = Number(text);
  if (seconds < 1 || seconds > MAX_PRESIGN_EXPIRES_IN_SECONDS) throw new PresignInputError('--expires-in is out of range', text, EXPIRES_IN_EXPECTED);
  return seconds;
}

/** A region name such as eu-west-1; `source` names where it came from (--region, AWS_REGION, ...). */
export function checkRegion(region: string, source: string): string {
  if (!REGION_NAME.test(region)) throw new PresignInputError(`${source} is not a region name`, region, 'the bucket\'s region, such as eu-west-1');
  return region;
}

const OPTIONS = ['--expires-in', '--region'] as const;
type OptionName = (typeof OPTIONS)[number];

/** The arguments after `npm run presign --`: one S3 URI, then options in any order (`--name value` or `--name=value`). */
export function parsePresignArguments(args: readonly string[]): PresignCommand {
  if (args.some((arg) => arg === '--help' || arg === '-h')) return { help: true };
  const values: Partial<Record<OptionName, string>> = {};
  const positionals: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      positionals.push(...args.slice(index + 1));
      break;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!(OPTIONS as readonly string[]).includes(name)) throw new PresignInputError('unknown option', arg, `${OPTIONS.map((option) => `${option} ${option === '--region' ? 'REGION' : 'SECONDS'}`).join(', ')} or --help`);
    const option = name as OptionName;
    const value = inline ?? args[index + 1];
    if (inline === undefined) index += 1;
    if (value === undefined) throw new PresignInputError(`${option} without a value`, undefined, option === '--region' ? 'a region after it, such as --region eu-west-1' : `${EXPIRES_IN_EXPECTED} after it, such as --expires-in 3600`);
    if (values[option] !== undefined) throw new PresignInputError(`${option} given twice`, value, `${option} once`);
    values[option] = value;
  }
  if (positionals.length === 0) throw new PresignInputError('no S3 URI given', undefined, `the object as s3://<bucket>/<key> (${PRESIGN_USAGE})`);
  if (positionals.length > 1) throw new PresignInputError('more than one S3 URI', positionals[1], 'one s3://<bucket>/<key> per command');
  const location = parseS3Uri(positionals[0]);
  const expiresInSeconds = values['--expires-in'] === undefined ? DEFAULT_PRESIGN_EXPIRES_IN_SECONDS : parseExpiresIn(values['--expires-in']);
  const region = values['--region'] === undefined ? undefined : checkRegion(values['--region'], '--region');
  return { help: false, location, expiresInSeconds, ...(region === undefined ? {} : { region }) };
}

/**
 * The region to sign for: --region, else AWS_REGION, else AWS_DEFAULT_REGION, else what the SDK
 * resolves itself (the profile's `region`, through `sdkRegion`). None of them: an error saying how to give one.
 */
export async function resolveRegion(option: string | undefined, env: NodeJS.ProcessEnv, sdkRegion: () => Promise<string>): Promise<string> {
  if (option !== undefined) return checkRegion(option, '--region');
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = env[name];
    if (value !== undefined && value !== '') return checkRegion(value, name);
  }
  let fromProfile: string | undefined;
  try {
    fromProfile = await sdkRegion();
  } catch {
    fromProfile = undefined;
  }
  if (fromProfile === undefined || fromProfile === '') {
    throw new PresignInputError(
      'no region: none of --region, AWS_REGION, AWS_DEFAULT_REGION or the profile\'s region is set',
      undefined,
      'the bucket\'s region, given as --region eu-west-1 or AWS_REGION=eu-west-1 (a URL signed for another region does not work)',
    );
  }
  return checkRegion(fromProfile, `the region of profile ${env.AWS_PROFILE ?? 'default'}`);
}

/** AWS credentials as the SDK gives them: temporary ones carry a session token and usually an expiry. */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** The S3 client presigned URLs are made with, in `region`, with `credentials` or else the SDK's default chain. */
export function presignClient(region: string, credentials?: SigningCredentials): S3Client {
  return new S3Client({
    region,
    ...(credentials === undefined ? {} : { credentials }),
    // Otherwise the SDK writes checksum parameters (x-amz-checksum-mode, or a CRC of the empty body) into
    // the URL: noise for a browser or curl, which neither send nor check them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** The region the SDK itself resolves (AWS_REGION, or `region` of the profile AWS_PROFILE names in ~/.aws/config); rejects when there is none. */
export function sdkDefaultRegion(): Promise<string> {
  return new S3Client({}).config.region();
}

/** The credentials of the SDK's default chain; none found is a PresignSigningError. */
export async function defaultCredentials(region: string): Promise<SigningCredentials> {
  try {
    return await presignClient(region).config.credentials();
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PresignSigningError(
      `no AWS credentials to sign with (${detail}); expected credentials from the SDK's default chain: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the default profile in ~/.aws (aws configure, aws sso login), or an instance or task role`,
    );
  }
}

/** What a presigned GET URL is made of. */
export interface PresignRequest {
  readonly location: S3Location;
  readonly expiresInSeconds: number;
  readonly region: string;
  readonly credentials: SigningCredentials;
  /**
   * The moment the URL is signed at; it expires `expiresInSeconds` later.
   * @default - now
   */
  readonly signingDate?: Date;
}

/** A presigned GET URL for one object (SigV4, query parameters), made locally: no request goes to AWS. */
export async function presignGetObjectUrl(request: PresignRequest): Promise<string> {
  const client = presignClient(request.region, request.credentials);
  try {
    const command = new GetObjectCommand({ Bucket: request.location.bucket, Key: request.location.key });
    return await getSignedUrl(client, command, { expiresIn: request.expiresInSeconds, ...(request.signingDate === undefined ? {} : { signingDate: request.signingDate }) });
  } finally {
    client.destroy();
  }
}

/** `3600` as `1 hour`, `5400` as `1 hour 30 minutes`, `604800` as `7 days`. */
export function describeDuration(seconds: number): string {
  const units: [number, string][] = [
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  const parts: string[] = [];
  let rest = seconds;
  for (const [size, name] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${name}${count === 1 ? '' : 's'}`);
  }
  return parts.join(' ');
}

/** The lines `npm run presign` writes on stderr beside the URL: when it expires, and what temporary credentials do to that. */
export function expiryNotes(signingDate: Date, expiresInSeconds: number, credentials: SigningCredentials): string[] {
  const urlExpiry = new Date(signingDate.getTime() + expiresInSeconds * 1000);
  const notes = [`presign: the URL works until ${isoSeconds(urlExpiry)} (${describeDuration(expiresInSeconds)})`];
  if (credentials.sessionToken !== undefined && credentials.sessionToken !== '') {
    const { expiration } = credentials;
    if (expiration !== undefined && expiration.getTime() < urlExpiry.getTime()) {
      notes.push(
        `presign: note: signed with temporary credentials that expire at ${isoSeconds(expiration)}: the URL stops working then, before X-Amz-Expires says; sign with an IAM user's long-term keys for a URL that lasts the full time`,
      );
    } else {
      const when = expiration === undefined ? '' : ` (these at ${isoSeconds(expiration)})`;
      notes.push(`presign: note: signed with temporary credentials (a session token): the URL stops working when they expire${when}, even if X-Amz-Expires is later`);
    }
  }
  return notes;
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
