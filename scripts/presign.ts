/**
 * `npm run presign -- s3://<bucket>/<key> [--expires-in SECONDS] [--region REGION]`: prints a
 * presigned GET URL for one object of a private bucket (the `<env>-files` stack's), signed
 * locally with the SDK's default credentials. stdout holds the URL alone, so
 *
 *   url=$(npm run -s presign -- s3://my-bucket/downloads/report.pdf --expires-in 600)
 *
 * works; when it expires, and whether temporary credentials cut that short, go to stderr.
 *
 * Exits 2 on bad input (one line: `presign: <what is wrong>: <value>; expected <what>`), 1 when
 * signing fails (no credentials), never with a stack trace.
 */
import { PRESIGN_HELP, PresignInputError, defaultCredentials, expiryNotes, parsePresignArguments, presignGetObjectUrl, resolveRegion, sdkDefaultRegion } from './lib/presign';

/** Exit code of input the command cannot use. */
const BAD_INPUT = 2;

async function main(args: readonly string[]): Promise<number> {
  const command = parsePresignArguments(args);
  if (command.help) {
    process.stdout.write(`${PRESIGN_HELP}\n`);
    return 0;
  }
  const region = await resolveRegion(command.region, process.env, sdkDefaultRegion);
  const credentials = await defaultCredentials(region);
  const signingDate = new Date();
  const url = await presignGetObjectUrl({ location: command.location, expiresInSeconds: command.expiresInSeconds, region, credentials, signingDate });
  process.stdout.write(`${url}\n`);
  for (const note of expiryNotes(signingDate, command.expiresInSeconds, credentials)) process.stderr.write(`${note}\n`);
  return 0;
}

// The SDK warns on Node 20 about its releases after January 2027; this project pins one that supports Node 20, and stderr is for the notes.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`presign: ${message.split('\n')[0]}\n`);
    process.exitCode = error instanceof PresignInputError ? BAD_INPUT : 1;
  },
);
