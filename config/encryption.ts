import { z } from 'zod';

/** How a bucket class is encrypted at rest: S3-managed keys, or the environment's customer-managed S3 key. */
export const BUCKET_ENCRYPTION = ['sse-s3', 'sse-kms'] as const;
export type BucketEncryption = (typeof BUCKET_ENCRYPTION)[number];

const bucketEncryption = z.enum(BUCKET_ENCRYPTION).default('sse-s3');

/**
 * The environment's own KMS keys (`encryption:`). With `customerManagedKeys`, synth adds the
 * stack `<env>-keys` (applied right after state): one rotated key per purpose, each key policy
 * admitting only the services of that purpose. Buckets that serve anonymous readers (the S3
 * website endpoint, the internal site's endpoint) and log buckets (S3 and ELB log delivery
 * write SSE-S3 only) stay SSE-S3 whatever is set here.
 */
export const encryptionSchema = z
  .object({
    /** Create the environment's customer-managed keys (stack `<env>-keys`). */
    customerManagedKeys: z.boolean().default(false),
    /** Encryption of each bucket class; `sse-kms` needs `customerManagedKeys`. */
    buckets: z
      .object({
        /** The web platform's uploads bucket (read by CloudFront through OAC). */
        uploads: bucketEncryption,
        /** The static website's bucket in `cloudfront` mode (the `s3-website` mode serves anonymous readers: SSE-S3 only). */
        website: bucketEncryption,
        /** The private bucket behind presigned URLs. */
        files: bucketEncryption,
      })
      .strict()
      .default({}),
  })
  .strict();

export type EncryptionConfig = z.infer<typeof encryptionSchema>;
