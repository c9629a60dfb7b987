import { UPLOADS_PATH_PATTERN } from '../../constructs/edge/uploads-location';
import type { ParsedEnvironment } from '../schema';
import { report, RuleContext } from './issue';

/**
 * edge.cachedPaths: each pattern once, and none that an uploads URL could match. The uploads behaviour comes
 * first and serves those from the bucket, so such a pattern would not do what it says for them.
 */
export function checkCachedPaths(env: ParsedEnvironment, ctx: RuleContext): void {
  const paths = env.edge.cachedPaths;
  if (paths === undefined) return;
  paths.forEach((path, index) => {
    const at = ['edge', 'cachedPaths', index];
    if (path === UPLOADS_PATH_PATTERN || patternsOverlap(path, UPLOADS_PATH_PATTERN)) {
      report(ctx, at, `expected a path pattern no uploads URL matches: ${UPLOADS_PATH_PATTERN} is always served from the uploads bucket, before the cached paths`);
    } else if (paths.indexOf(path) !== index) {
      report(ctx, at, 'expected each path pattern once');
    }
  });
}

/** True when some URL path matches both CloudFront path patterns (`*` any characters, `?` one character; case-sensitive). */
export function patternsOverlap(a: string, b: string): boolean {
  const memo = new Map<string, boolean>();
  const meet = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result = false;
    if (i === a.length && j === b.length) result = true;
    else if (i < a.length && a[i] === '*') result = meet(i + 1, j) || (j < b.length && meet(i, j + 1));
    else if (j < b.length && b[j] === '*') result = meet(i, j + 1) || (i < a.length && meet(i + 1, j));
    else if (i < a.length && j < b.length && (a[i] === b[j] || a[i] === '?' || b[j] === '?')) result = meet(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return meet(0, 0);
}
