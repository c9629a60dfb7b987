import { z } from 'zod';
import { hostedZoneId, priceClass, retentionDays } from './fields';

/** How the static website is served: `cloudfront` (private bucket, HTTPS) or `s3-website` (public bucket, HTTP). */
export const WEBSITE_MODES = ['cloudfront', 's3-website'] as const;
export type WebsiteMode = (typeof WEBSITE_MODES)[number];

const documentKey = z
  .string()
  .regex(/^(?!\/)[A-Za-z0-9!\-_.*'()/]{1,1024}$/, 'expected an object key such as index.html (no leading /, S3 safe characters only)');

/**
 * A static website from S3 on a host name of the environment's domain (`systems: [static-website]`,
 * stack `<env>-website`). Cross-field checks are in config/rules/s3-systems.ts.
 */
export const staticWebsiteSchema = z
  .object({
    /** The site's host name, inside `domain` (the domain itself or a name under it). */
    hostName: z.string(),
    /**
     * `cloudfront` (default): a private bucket read by CloudFront through OAC, HTTPS with a us-east-1
     * certificate. `s3-website`: the bucket's own website endpoint, public and HTTP only; the named,
     * explicit choice that opens a bucket to the internet (shown as an exception in the policy report).
     */
    mode: z.enum(WEBSITE_MODES).default('cloudfront'),
    /**
     * The bucket's name. With `s3-website` it must be the host name (S3 finds the bucket by the Host header).
     * @default - the host name with `s3-website`; `<project>-<env>-website-content-<account>` with `cloudfront`
     */
    bucketName: z.string().optional(),
    /** Object served for `/` and for every path ending in `/`. */
    indexDocument: documentKey.default('index.html'),
    /** Object served, with status 404, for a key that does not exist. */
    errorDocument: documentKey.default('error.html'),
    /**
     * The public hosted zone of `domain` the alias record (and the certificate's validation records) go into.
     * @default - the web platform's zone (stack `<env>-dns`) when the environment holds the web platform
     */
    hostedZoneId: hostedZoneId.optional(),
    /** With `cloudfront`: the CloudFront price class. */
    priceClass: priceClass,
    /** Days noncurrent object versions are kept (the bucket is versioned). */
    noncurrentVersionRetentionDays: retentionDays.default(30),
    /** Days the bucket's server access logs (and, with `cloudfront`, the distribution's logs) are kept. */
    logRetentionDays: retentionDays.default(90),
  })
  .strict();

export type StaticWebsiteConfig = z.infer<typeof staticWebsiteSchema>;
