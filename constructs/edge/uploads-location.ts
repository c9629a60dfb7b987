import { Naming } from '../naming';

/** The viewer path CloudFront serves from the uploads bucket instead of the web servers. */
export const UPLOADS_PATH_PATTERN = '/wp-content/uploads/*';
/** Where the uploads live in the bucket: CloudFront asks S3 for the viewer path, less its leading slash. */
export const UPLOADS_KEY_PREFIX = 'wp-content/uploads/';

/**
 * Name of the edge tier's uploads bucket. A fixed name rather than an output, so the app
 * tier (applied before the edge tier) can grant its web servers access without a reference
 * that would run backwards.
 */
export function uploadsBucketName(naming: Naming): string {
  return naming.bucketName('edge', 'uploads');
}
