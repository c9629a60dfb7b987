import { quoteText } from '../format-value';
import type { ParsedEnvironment } from '../schema';
import { report, RuleContext } from './issue';

/** Tags every resource gets from the provider's default_tags (constructs/tags.ts). */
export const STANDARD_TAG_KEYS = ['project', 'environment', 'tier', 'managed-by'] as const;
/** Tags constructs set on some resources themselves (grep constructs/ for `tags:`). */
export const RESOURCE_TAG_KEYS = ['Name'] as const;
/** Most tags AWS accepts on one resource. */
export const MAX_TAGS_PER_RESOURCE = 50;
/** How many tags the configuration may add: what AWS allows, less the ones this project sets. */
export const MAX_CONFIG_TAGS = MAX_TAGS_PER_RESOURCE - STANDARD_TAG_KEYS.length - RESOURCE_TAG_KEYS.length;

/**
 * Characters every tagging service accepts in keys and values: letters and digits of any
 * script, spaces, and `_ . : / = + - @`.
 */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const ALLOWED = 'letters, digits, spaces and _ . : / = + - @';
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;

/**
 * The configuration's tags are ones AWS accepts on every resource next to the project's own:
 * no `aws:` prefix on a key or a value (some services refuse either), no key that is (in any
 * case) one the project sets, no two keys differing only in case (IAM compares keys
 * case-insensitively), the characters and lengths every tagging service takes, and no more
 * than MAX_CONFIG_TAGS.
 */
export function checkTags(env: ParsedEnvironment, ctx: RuleContext): void {
  const reserved = new Map([...STANDARD_TAG_KEYS, ...RESOURCE_TAG_KEYS].map((key) => [key.toLowerCase(), key]));
  const seen = new Map<string, string>();
  for (const [key, value] of Object.entries(env.tags)) {
    const path = ['tags', key];
    const shownKey = `key ${quoteText(key)}`;
    const folded = key.toLowerCase();
    const length = Array.from(key).length;
    if (length < 1 || length > MAX_KEY_LENGTH || !TAG_CHARACTERS.test(key)) {
      report(ctx, path, `expected a tag key of 1 to ${MAX_KEY_LENGTH} characters: ${ALLOWED}`, shownKey);
    } else if (folded.startsWith('aws:')) {
      report(ctx, path, 'expected a key without the aws: prefix, which AWS keeps for its own tags', shownKey);
    } else if (reserved.has(folded)) {
      report(
        ctx,
        path,
        `expected a key other than ${[...STANDARD_TAG_KEYS, ...RESOURCE_TAG_KEYS].join(', ')} in any case: this project sets ${reserved.get(folded)} itself, and IAM compares keys case-insensitively`,
        shownKey,
      );
    } else if (seen.has(folded)) {
      report(ctx, path, `expected keys that differ in more than case: IAM compares keys case-insensitively, and ${quoteText(seen.get(folded) ?? '')} is already set`, shownKey);
    }
    seen.set(folded, seen.get(folded) ?? key);
    if (Array.from(value).length > MAX_VALUE_LENGTH || !TAG_CHARACTERS.test(value)) {
      report(ctx, path, `expected a tag value of at most ${MAX_VALUE_LENGTH} characters: ${ALLOWED}`);
    } else if (value.toLowerCase().startsWith('aws:')) {
      report(ctx, path, 'expected a value without the aws: prefix, which AWS keeps for its own tags');
    }
  }
  const count = Object.keys(env.tags).length;
  if (count > MAX_CONFIG_TAGS) {
    report(
      ctx,
      ['tags'],
      `expected at most ${MAX_CONFIG_TAGS}: AWS allows ${MAX_TAGS_PER_RESOURCE} tags per resource and this project sets ${MAX_TAGS_PER_RESOURCE - MAX_CONFIG_TAGS} itself (${[...STANDARD_TAG_KEYS, ...RESOURCE_TAG_KEYS].join(', ')}), which leaves ${MAX_CONFIG_TAGS} for yours`,
      `${count} tags`,
    );
  }
}
