import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * A deterministic `.tar.gz` of files held in memory: POSIX ustar entries in the order given,
 * owner root, one fixed modification time, and a gzip header naming no operating system, so the
 * same files give the same bytes on Linux and macOS. `tar -xzf` (GNU tar, bsdtar) reads it.
 */

/** Every entry's modification time: 2026-01-01T00:00:00Z (a constant, so the archive never depends on when it was made). */
const ENTRY_MTIME = 1767225600;
const BLOCK = 512;

/** One archive entry: a folder (path ending in `/`) or a file with its bytes. */
export interface TarEntry {
  readonly path: string;
  readonly content?: Buffer;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** Splits a path into ustar's name (100 bytes) and prefix (155 bytes) fields; throws when it cannot fit. */
function splitPath(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  const cut = path.lastIndexOf('/', path.endsWith('/') ? path.length - 2 : path.length - 1);
  const name = path.slice(cut + 1);
  const prefix = path.slice(0, cut);
  if (cut < 0 || Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155) throw new Error(`tar: the path ${path} is too long for a ustar entry`);
  return { name, prefix };
}

function header(entry: TarEntry): Buffer {
  const folder = entry.path.endsWith('/');
  const block = Buffer.alloc(BLOCK);
  const { name, prefix } = splitPath(entry.path);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(folder ? 0o755 : 0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(folder ? 0 : (entry.content?.length ?? 0), 12), 124, 'ascii');
  block.write(octal(ENTRY_MTIME, 12), 136, 'ascii');
  block.write(' '.repeat(8), 148, 'ascii');
  block.write(folder ? '5' : '0', 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  block.write('root', 265, 'ascii');
  block.write('root', 297, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  const checksum = block.reduce((sum, byte) => sum + byte, 0);
  block.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/** The bytes of a `.tar.gz` holding `entries`, in that order. */
export function tarGzip(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(header(entry));
    if (!entry.path.endsWith('/') && entry.content !== undefined && entry.content.length > 0) {
      parts.push(entry.content, Buffer.alloc((BLOCK - (entry.content.length % BLOCK)) % BLOCK));
    }
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  const gzip = gzipSync(Buffer.concat(parts), { level: 9 });
  // Byte 9 of a gzip header names the operating system, which zlib fills in per platform: 255 is "unknown".
  gzip[9] = 255;
  return gzip;
}

/** The path of the first entry of a `.tar.gz`, or undefined when the bytes are not one. */
export function firstTarEntry(archive: Buffer): string | undefined {
  try {
    const tar = gunzipSync(archive);
    if (tar.length < BLOCK || tar.toString('ascii', 257, 262) !== 'ustar') return undefined;
    const field = (start: number, length: number) => tar.toString('utf8', start, start + length).replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    return prefix === '' ? field(0, 100) : `${prefix}/${field(0, 100)}`;
  } catch {
    return undefined;
  }
}
