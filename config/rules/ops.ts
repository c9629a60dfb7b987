import type { ParsedEnvironment } from '../schema';
import { report, RuleContext } from './issue';

/** Headers WAF logs must never show: they carry passwords, tokens and session cookies. */
export const ALWAYS_REDACTED_HEADERS = ['authorization', 'cookie'] as const;

/**
 * The ops stack and the edge logs: `ops` only with the web platform (it watches that system), someone
 * to tell in production, each address and redacted header once, and the credential headers always redacted.
 */
export function checkOps(env: ParsedEnvironment, ctx: RuleContext): void {
  const webPlatform = env.systems.includes('web-platform');
  if (env.ops !== undefined && !webPlatform) {
    report(ctx, ['ops'], `expected no ops here: it watches the web platform, and systems (${env.systems.join(', ')}) does not include web-platform`, 'an ops setting');
    return;
  }
  const alarms = env.ops?.alarms;
  if (webPlatform && env.production && alarms?.slack === undefined && (alarms?.emails.length ?? 0) === 0) {
    report(
      ctx,
      ['ops', 'alarms'],
      'expected ops.alarms.slack or ops.alarms.emails in production: alarms that reach nobody are not monitoring',
      alarms === undefined ? 'no ops.alarms' : 'neither slack nor emails',
    );
  }
  alarms?.emails.forEach((email, index) => {
    if (alarms.emails.findIndex((other) => other.toLowerCase() === email.toLowerCase()) !== index) report(ctx, ['ops', 'alarms', 'emails', index], 'expected each address once');
  });
  const headers = env.edge.logs.redactedHeaders;
  headers.forEach((header, index) => {
    if (headers.indexOf(header) !== index) report(ctx, ['edge', 'logs', 'redactedHeaders', index], 'expected each header once');
  });
  const missing = ALWAYS_REDACTED_HEADERS.filter((header) => !headers.includes(header));
  if (missing.length > 0) {
    report(ctx, ['edge', 'logs', 'redactedHeaders'], `expected ${ALWAYS_REDACTED_HEADERS.join(' and ')} among the headers: without ${missing.join(' and ')} WAF would log credentials`);
  }
}
