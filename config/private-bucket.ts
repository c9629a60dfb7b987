import { z } from 'zod';
import { retentionDays } from './fields';

/** An IAM role name (not an ARN): 1-64 characters of letters, digits and +=,.@_- . */
const roleName = z.string().regex(/^[\w+=,.@-]{1,64}$/, 'expected an IAM role name such as app-server (not an ARN), 1-64 characters of letters, digits and +=,.@_-');

/**
 * A private bucket whose objects are shared through presigned URLs (`systems: [private-bucket]`,
 * stack `<env>-files`). Nothing in it is public; whoever signs the URLs needs the managed policy
 * the stack creates (GetObject under `signedPrefix` only), and `npm run presign` signs one.
 */
export const privateBucketSchema = z
  .object({
    /**
     * The bucket's name.
     * @default - `<project>-<env>-files-content-<account>`
     */
    bucketName: z.string().optional(),
    /**
     * The key prefix presigned URLs may reach, ending in `/` (`downloads/` lets the signer read
     * `downloads/...` and nothing else).
     */
    signedPrefix: z
      .string()
      .regex(/^(?!\/)[A-Za-z0-9!\-_.*'()/]{0,1023}\/$/, 'expected a key prefix ending in /, such as downloads/ (no leading /, S3 safe characters only)')
      .default('downloads/'),
    /** IAM roles of this account that sign URLs: the signer policy is attached to each. */
    signerRoleNames: z.array(roleName).max(10, 'expected at most 10 roles: IAM attaches a managed policy to each').default([]),
    /** Days noncurrent object versions are kept (the bucket is versioned). */
    noncurrentVersionRetentionDays: retentionDays.default(30),
    /** Days the bucket's server access logs are kept. */
    logRetentionDays: retentionDays.default(90),
  })
  .strict();

export type PrivateBucketConfig = z.infer<typeof privateBucketSchema>;
