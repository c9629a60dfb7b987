import { STANDARD_TAG_KEYS } from '../config/rules/tags';
import { EnvironmentConfig } from '../config/schema';
import { Tier } from './naming';

/**
 * Tags every resource of a stack carries, applied through the provider's default_tags.
 * The environment's own tags come first so the four standard ones cannot be overridden.
 */
export function defaultTags(config: EnvironmentConfig, tier: Tier): Record<string, string> {
  // Typed by the keys the config refuses in `tags`, so the two lists cannot drift apart.
  const standard: Record<(typeof STANDARD_TAG_KEYS)[number], string> = {
    project: config.project,
    environment: config.environment,
    tier,
    'managed-by': 'cdktf',
  };
  return { ...config.tags, ...standard };
}
