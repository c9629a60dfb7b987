import type { ParsedEnvironment } from '../schema';
import { report, RuleContext } from './issue';

/** Longest first name of an ACM certificate: it becomes the subject's common name (CN), 64 characters at most. */
export const MAX_COMMON_NAME_LENGTH = 64;
/** ACM's default quota of domain names per certificate (raised on request, up to 100). */
export const DEFAULT_NAMES_PER_CERTIFICATE = 10;

/** The site's names fit on the two ACM certificates: the domain as common name, and the number of names. */
export function checkCertificateNames(env: ParsedEnvironment, ctx: RuleContext): void {
  if (env.domain === undefined) return;
  if (env.domain.length > MAX_COMMON_NAME_LENGTH) {
    report(
      ctx,
      ['domain'],
      `expected at most ${MAX_COMMON_NAME_LENGTH} characters, not ${env.domain.length}: the certificates carry the domain as their common name, which ACM limits to ${MAX_COMMON_NAME_LENGTH}`,
    );
  }
  const alternativeNames = env.dns.subjectAlternativeNames ?? [];
  if (alternativeNames.length + 1 > DEFAULT_NAMES_PER_CERTIFICATE) {
    report(
      ctx,
      ['dns', 'subjectAlternativeNames'],
      `expected at most ${DEFAULT_NAMES_PER_CERTIFICATE - 1} names: with the domain that makes ${DEFAULT_NAMES_PER_CERTIFICATE}, ACM's default quota of names per certificate`,
      `${alternativeNames.length} names`,
    );
  }
}
