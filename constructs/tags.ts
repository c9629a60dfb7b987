import { EnvironmentConfig } from '../config/schema';
import { Tier } from './naming';

/**
 * Tags every resource of a stack carries, applied through the provider's default_tags.
 * The environment's own tags come first so the four standard ones cannot be overridden.
 */
export function defaultTags(config: EnvironmentConfig, tier: Tier): Record<string, string> {
  return {
    ...config.tags,
    project: config.project,
    environment: config.environment,
    tier,
    'managed-by': 'cdktf',
  };
}
