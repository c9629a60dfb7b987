/** Seconds a presigned URL lasts when `npm run presign` is given no --expires-in. */
export const DEFAULT_PRESIGN_EXPIRES_IN_SECONDS = 3600;

/**
 * The `npm run presign` command that signs a GET URL for `key` of `bucketName`, with the bucket's
 * region named so the URL is signed for it whatever region the caller's profile defaults to.
 */
export function presignCommand(bucketName: string, key: string, region: string, expiresInSeconds = DEFAULT_PRESIGN_EXPIRES_IN_SECONDS): string {
  return `npm run presign -- s3://${bucketName}/${key} --expires-in ${expiresInSeconds} --region ${region}`;
}
