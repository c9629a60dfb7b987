import { noInlineSecrets } from './rules/compute/no-inline-secrets';
import { encryptedVolumes } from './rules/compute/encrypted-volumes';
import { imdsV2 } from './rules/compute/imdsv2';
import { noPublicIp } from './rules/compute/no-public-ip';
import { cacheEncrypted } from './rules/data/cache-encrypted';
import { databaseEncrypted } from './rules/data/database-encrypted';
import { noPlaintextMasterPassword } from './rules/data/no-plaintext-master-password';
import { productionProtection } from './rules/data/production-protection';
import { albDropInvalidHeaders } from './rules/edge/alb-drop-invalid-headers';
import { cloudfrontTls } from './rules/edge/cloudfront-tls';
import { s3OriginOac } from './rules/edge/s3-origin-oac';
import { wafAttached } from './rules/edge/waf-attached';
import { defaultSecurityGroupClosed } from './rules/network/default-sg-closed';
import { noOpenIngress } from './rules/network/no-open-ingress';
import { noWideAdminPorts } from './rules/network/no-wide-admin-ports';
import { vpcFlowLogs } from './rules/network/vpc-flow-logs';
import { logRetention } from './rules/observability/log-retention';
import { snsEncrypted } from './rules/observability/sns-encrypted';
import { dynamodbPitr } from './rules/storage/dynamodb-pitr';
import { s3AccessLogging } from './rules/storage/s3-access-logging';
import { s3Encryption } from './rules/storage/s3-encryption';
import { s3OwnerEnforced } from './rules/storage/s3-owner-enforced';
import { s3PublicAccessBlock } from './rules/storage/s3-public-access-block';
import { s3TlsOnly } from './rules/storage/s3-tls-only';
import { s3Versioning } from './rules/storage/s3-versioning';
import { PolicyRule } from './types';

/** Every rule run on every stack, by pack. */
export const POLICY_RULES: readonly PolicyRule[] = [
  s3Encryption,
  s3PublicAccessBlock,
  s3OwnerEnforced,
  s3TlsOnly,
  s3AccessLogging,
  s3Versioning,
  dynamodbPitr,
  noOpenIngress,
  noWideAdminPorts,
  defaultSecurityGroupClosed,
  vpcFlowLogs,
  imdsV2,
  encryptedVolumes,
  noPublicIp,
  noInlineSecrets,
  cloudfrontTls,
  s3OriginOac,
  wafAttached,
  albDropInvalidHeaders,
  databaseEncrypted,
  cacheEncrypted,
  productionProtection,
  noPlaintextMasterPassword,
  logRetention,
  snsEncrypted,
];
