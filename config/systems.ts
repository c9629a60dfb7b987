/**
 * The systems an environment can hold (`systems:` in its file). Each system brings its own
 * stacks; synth builds only the selected systems' stacks plus the shared tiers they need.
 */
export const SYSTEMS = ['web-platform', 'sandbox', 'static-website', 'private-bucket', 'internal-site'] as const;
export type SystemName = (typeof SYSTEMS)[number];

/** What each system is, for error messages and the README. */
export const SYSTEM_DESCRIPTIONS: Readonly<Record<SystemName, string>> = {
  'web-platform': 'CloudFront, ALB and EC2 web servers over two or more zones (network, dns, app and edge stacks)',
  sandbox: 'one web server and one database server in a small single-zone VPC (sandbox stack)',
  'static-website': 'a static website from S3 on a host name of the domain, through CloudFront or the S3 website endpoint (website stack)',
  'private-bucket': 'a private bucket shared through presigned URLs, and the signer policy (files stack)',
  'internal-site': 'an internal HTTPS site served from S3 through an ALB and an S3 interface endpoint (intranet stack)',
};

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
