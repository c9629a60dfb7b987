/**
 * The systems an environment can hold (`systems:` in its file). Each system brings its own
 * stacks; synth builds only the selected systems' stacks plus the shared tiers they need.
 */
export const SYSTEMS = ['web-platform', 'sandbox'] as const;
export type SystemName = (typeof SYSTEMS)[number];

/** What each system is, for error messages and the README. */
export const SYSTEM_DESCRIPTIONS: Readonly<Record<SystemName, string>> = {
  'web-platform': 'CloudFront, ALB and EC2 web servers over two or more zones (network, dns, app and edge stacks)',
  sandbox: 'one web server and one database server in a small single-zone VPC (sandbox stack)',
};

/** The top-level fields only a given system reads: set without the system, they would be silently ignored. */
export const SYSTEM_ONLY_FIELDS: Readonly<Record<string, SystemName>> = {
  domain: 'web-platform',
  network: 'web-platform',
  sandbox: 'sandbox',
};
