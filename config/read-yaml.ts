import { readFileSync, Stats, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { Document, isCollection, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, YAMLError } from 'yaml';
import { ConfigError, ConfigProblem, formatFieldPath, formatValue, quoteText } from './errors';

/** Largest environment file read: they are a few KB, and a huge one would only make synth slow. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Most aliases a file may expand (yaml's own default): a "billion laughs" file stops here. */
export const MAX_ALIAS_COUNT = 100;
/** Longest library message a problem repeats. */
const MAX_MESSAGE_LENGTH = 160;

/**
 * Reads one YAML file whose top level must be a mapping and returns it as plain data.
 * Anything wrong with the file itself is a ConfigError naming it (`shown`): unreadable, not
 * UTF-8 text, not valid YAML (with line and column; a duplicate key is named), too deeply
 * nested or expanding too many aliases to read safely, or not a mapping.
 */
export function readYamlMapping(file: string, shown: string): Record<string, unknown> {
  const fail = (problems: readonly ConfigProblem[]): never => {
    throw new ConfigError(shown, problems);
  };
  const text = readText(file, fail);
  let value: unknown;
  try {
    value = parseMapping(text, fail);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    // The yaml library recurses: very deep nesting overflows the stack, in parsing or in walking the result.
    return fail([libraryFailure(error)]);
  }
  if (value === null || value === undefined) {
    return fail([{ field: '', received: 'nothing (the file is empty)', expected: 'expected a mapping of settings at the top level' }]);
  }
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) {
    return fail([{ field: '', received: formatValue(value), expected: 'expected a mapping of settings at the top level' }]);
  }
  return value as Record<string, unknown>;
}

/** Parses one YAML document; the yaml library's complaints become problems, its throws are left to the caller. */
function parseMapping(text: string, fail: (problems: readonly ConfigProblem[]) => never): unknown {
  const lines = new LineCounter();
  // Duplicate keys are found below: the library's own check (uniqueKeys) takes quadratic time.
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: false, lineCounter: lines });
  const problems = [...document.errors, ...document.warnings].map(describeYamlError);
  if (problems.length > 0) fail(problems);
  const duplicates = findDuplicateKeys(document, lines);
  if (duplicates.length > 0) fail(duplicates);
  const badNode = findCollectionKey(document, lines) ?? findUnresolvedAlias(document, lines);
  if (badNode !== undefined) fail([badNode]);
  return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
}

/** The file's text, when it is UTF-8 text (a UTF-8 byte order mark is dropped). */
function readText(file: string, fail: (problems: readonly ConfigProblem[]) => never): string {
  const unreadable = (error: unknown) => fail([{ field: '', expected: `expected a readable file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})` }]);
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    return unreadable(error);
  }
  if (!stats.isFile()) fail([{ field: '', expected: 'expected a regular file (this is a folder, device or pipe)' }]);
  if (stats.size > MAX_FILE_BYTES) fail([{ field: '', expected: `expected a file of at most 1 MiB; this one has ${stats.size} bytes` }]);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return unreadable(error);
  }
  const notText = (why: string) => fail([{ field: '', expected: `expected a UTF-8 text file; ${why}` }]);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    notText('this one starts with a UTF-16 byte order mark: save it as UTF-8');
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) notText(`this one holds a NUL byte (line ${lineOf(bytes, nul)}): it is binary, or UTF-16 without a byte order mark`);
  if (!isUtf8(bytes)) notText(`line ${firstNonUtf8Line(bytes)} holds bytes that are not UTF-8 (Latin-1 or another legacy encoding?): save it as UTF-8`);
  const text = bytes.toString('utf8');
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}

function lineOf(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let index = bytes.indexOf(0x0a); index >= 0 && index < offset; index = bytes.indexOf(0x0a, index + 1)) line++;
  return line;
}

function firstNonUtf8Line(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  while (start <= bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end < 0 ? bytes.length : end;
    if (!isUtf8(bytes.subarray(start, stop))) return line;
    if (end < 0) break;
    start = end + 1;
    line++;
  }
  return line;
}

/** A throw from the yaml library, as a problem: aliases expanding too far, nesting too deep, or anything else. */
function libraryFailure(error: unknown): ConfigProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError) {
    return { field: '', expected: 'expected YAML nested less deeply: reading this file overflowed the stack' };
  }
  if (/excessive alias count/i.test(message)) {
    return {
      field: '',
      expected: `expected YAML whose aliases (*name) expand to at most ${MAX_ALIAS_COUNT} copies: this file expands far more (a "billion laughs" file?)`,
    };
  }
  return { field: '', expected: `expected valid YAML: ${quoteText(message.split('\n')[0], { quotes: false, max: MAX_MESSAGE_LENGTH })}` };
}

function describeYamlError(error: YAMLError): ConfigProblem {
  const position = error.linePos ? ` (line ${error.linePos[0].line}, column ${error.linePos[0].col})` : '';
  if (error.code === 'MULTIPLE_DOCS') {
    return { field: '', expected: `expected one YAML document: another one starts after ---${position}` };
  }
  const summary = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return { field: '', expected: `expected valid YAML: ${quoteText(summary, { quotes: false, max: MAX_MESSAGE_LENGTH })}${position}` };
}

/**
 * Keys given twice in one mapping, each named with its field and line. Keys are compared as
 * the text they become, so `1` and `"1"`, which would land on one JavaScript property, clash too.
 */
function findDuplicateKeys(document: Document.Parsed, lines: LineCounter): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  visit(document, {
    Map(_, map, ancestors) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (!seen.has(key)) {
          seen.add(key);
          continue;
        }
        const where = pair.key.range ? lines.linePos(pair.key.range[0]) : undefined;
        problems.push({
          field: formatFieldPath(fieldPath([...ancestors, map, pair])),
          received: `the key ${formatValue(key)} again${where ? ` (line ${where.line}, column ${where.col})` : ''}`,
          expected: 'expected each key once in a mapping',
        });
      }
      return undefined;
    },
  });
  return problems;
}

/** A key that is a list or mapping (`? [a, b]`): it has no place in a settings file, and JavaScript objects cannot hold it. */
function findCollectionKey(document: Document.Parsed, lines: LineCounter): ConfigProblem | undefined {
  let problem: ConfigProblem | undefined;
  visit(document, {
    Pair(_, pair, ancestors) {
      if (isCollection(pair.key)) {
        const line = pair.key.range ? ` (line ${lines.linePos(pair.key.range[0]).line})` : '';
        problem = {
          field: formatFieldPath(fieldPath([...ancestors, pair])),
          received: `a ${isSeq(pair.key) ? 'list' : 'mapping'} as a key${line}`,
          expected: 'expected keys that are plain text',
        };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return problem;
}

/** An alias (`*name`) with no anchor (`&name`) before it. */
function findUnresolvedAlias(document: Document.Parsed, lines: LineCounter): ConfigProblem | undefined {
  let problem: ConfigProblem | undefined;
  visit(document, {
    Alias(_, alias) {
      if (alias.resolve(document) !== undefined) return undefined;
      const line = alias.range ? ` (line ${lines.linePos(alias.range[0]).line}, column ${lines.linePos(alias.range[0]).col})` : '';
      problem = { field: '', expected: `expected valid YAML: the alias *${quoteText(alias.source, { quotes: false })} has no anchor &${quoteText(alias.source, { quotes: false })} before it${line}` };
      return visit.BREAK;
    },
  });
  return problem;
}

/**
 * The field path of the last node of `chain` (the document, then each node down to it): the
 * scalar keys of the pairs and the indexes in the lists on the way.
 */
function fieldPath(chain: readonly unknown[]): (string | number)[] {
  const path: (string | number)[] = [];
  chain.forEach((node, index) => {
    if (isPair(node) && isScalar(node.key)) path.push(String(node.key.value));
    if (isSeq(node) && index + 1 < chain.length) {
      const position = node.items.indexOf(chain[index + 1] as never);
      if (position >= 0) path.push(position);
    }
  });
  return path;
}
