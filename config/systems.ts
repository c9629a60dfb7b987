/**
 * The systems an environment can hold (`systems:` in its file). Each system brings its own
 * stacks; synth builds only the selected systems' stacks plus the shared tiers they need.
 */
export const SYSTEMS = ['web-platform', 'sandbox', 'static-website', 'private-bucket', 'internal-site'] as const;
export type SystemName = (typeof SYSTEMS)[number];

/**
 * The top-level fields only some systems read, with those systems: each needs the field, and set
 * without any of them the field would be silently ignored.
 */
export const SYSTEM_FIELDS: Readonly<Record<string, readonly SystemName[]>> = {
  domain: ['web-platform', 'static-website', 'internal-site'],
  network: ['web-platform'],
  sandbox: ['sandbox'],
  staticWebsite: ['static-website'],
  privateBucket: ['private-bucket'],
  internalSite: ['internal-site'],
};
