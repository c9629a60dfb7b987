import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError, formatValue } from './errors';
import { MAX_USER_DATA_BYTES } from './schema';

const FIELD = 'app.userDataFile';

/**
 * The contents of `app.userDataFile`, read from beside the environment file: a text file that
 * starts with a shebang line (cloud-init runs it as a script) and fits EC2's 16 KB user data limit.
 * Anything else is a ConfigError naming the environment file and the field.
 */
export function readUserDataFile(environmentFile: string, shownFile: string, relativePath: string): string {
  const path = join(dirname(environmentFile), relativePath);
  const fail = (expected: string): never => {
    throw new ConfigError(shownFile, [{ field: FIELD, received: formatValue(relativePath), expected }]);
  };
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) fail('expected a file beside the environment file, not a folder');
    size = stat.size;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    return fail(`expected a file beside the environment file: ${join(dirname(shownFile), relativePath)} does not exist or cannot be read`);
  }
  if (size > MAX_USER_DATA_BYTES) fail(`expected at most ${MAX_USER_DATA_BYTES} bytes (EC2's user data limit); the file has ${size}`);
  const bytes = readFileSync(path);
  const text = bytes.toString('utf8');
  if (bytes.includes(0) || Buffer.from(text, 'utf8').compare(bytes) !== 0) fail('expected a UTF-8 text file (a shell script), not binary data');
  if (!text.startsWith('#!')) fail('expected a script whose first line is a shebang such as #!/bin/bash');
  return text;
}
