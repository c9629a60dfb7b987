import { PolicyRule } from '../../types';
import { dynamodbPitr } from './dynamodb-pitr';
import { s3AccessLogging } from './s3-access-logging';
import { s3Encryption } from './s3-encryption';
import { s3OwnerEnforced } from './s3-owner-enforced';
import { s3PublicAccessBlock } from './s3-public-access-block';
import { s3TlsOnly } from './s3-tls-only';
import { s3Versioning } from './s3-versioning';

/** Buckets and tables: encrypted, private, TLS-only, logged, recoverable. */
export const STORAGE_PACK: readonly PolicyRule[] = [
  s3Encryption,
  s3PublicAccessBlock,
  s3OwnerEnforced,
  s3TlsOnly,
  s3AccessLogging,
  s3Versioning,
  dynamodbPitr,
];
