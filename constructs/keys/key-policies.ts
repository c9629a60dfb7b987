import { KeyPurpose } from '../keys-outputs';

/** Where a key lives and whose it is: what every statement of its policy is scoped to. */
export interface KeyPolicyScope {
  /** The environment's account; the only account whose principals and resources the policy admits. */
  readonly accountId: string;
  /** The key's region (the home region): service endpoints and log group ARNs are regional. */
  readonly region: string;
}

/** One Allow statement of a key policy (`Resource: '*'` is the key itself). */
export interface KeyPolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Principal: { readonly AWS: string } | { readonly Service: string };
  readonly Action: string | readonly string[];
  readonly Resource: '*';
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** What a service does with a key on a caller's behalf to encrypt and decrypt that caller's data. */
const DATA_KEY_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];
/** Grants RDS and ElastiCache keep on the key for the lifetime of the resources they encrypt. */
const GRANT_ACTIONS = ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'];

/**
 * The key policy statements of the environment's key for `purpose`: the account administers
 * every key (so IAM policies govern access and the key cannot become unmanageable), and
 * only the services of that purpose may use it, each for this account only.
 */
export function keyPolicyStatements(purpose: KeyPurpose, scope: KeyPolicyScope): KeyPolicyStatement[] {
  return [accountAdministersKey(scope), ...USERS[purpose](scope)];
}

const USERS: { readonly [P in KeyPurpose]: (scope: KeyPolicyScope) => KeyPolicyStatement[] } = {
  s3: s3Users,
  logs: logsUsers,
  data: dataUsers,
};

/** The account administers the key: IAM policies in the account govern it, and it cannot become unmanageable. */
export function accountAdministersKey({ accountId }: KeyPolicyScope): KeyPolicyStatement {
  return { Sid: 'AccountAdministersKey', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' };
}

/**
 * Any principal of the account, but only through `services` (as AWS managed keys such as
 * `aws/s3` do): whoever may read or write the resource may use the key for it, with no
 * IAM grant on the key, and never directly.
 */
function accountPrincipalsThrough({ accountId }: KeyPolicyScope, services: readonly string[]): Record<string, string | readonly string[]> {
  return { 'kms:CallerAccount': accountId, 'kms:ViaService': services.length === 1 ? services[0] : services };
}

function s3Users(scope: KeyPolicyScope): KeyPolicyStatement[] {
  return [
    {
      Sid: 'AccountPrincipalsUseKeyThroughS3',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: DATA_KEY_ACTIONS,
      Resource: '*',
      Condition: { StringEquals: accountPrincipalsThrough(scope, [`s3.${scope.region}.amazonaws.com`]) },
    },
    {
      // Origin Access Control signs S3 requests as CloudFront itself, so reading an SSE-KMS object needs the key for the distribution.
      Sid: 'CloudFrontDistributionsReadThroughOriginAccessControl',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringLike: { 'AWS:SourceArn': `arn:aws:cloudfront::${scope.accountId}:distribution/*` } },
    },
  ];
}

function logsUsers({ accountId, region }: KeyPolicyScope): KeyPolicyStatement[] {
  return [
    {
      Sid: 'CloudWatchLogsEncryptsLogGroups',
      Effect: 'Allow',
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${accountId}:log-group:*` } },
    },
  ];
}

function dataUsers(scope: KeyPolicyScope): KeyPolicyStatement[] {
  const services = ['rds', 'elasticache', 'secretsmanager'].map((service) => `${service}.${scope.region}.amazonaws.com`);
  return [
    {
      Sid: 'AccountPrincipalsUseKeyThroughDataServices',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: DATA_KEY_ACTIONS,
      Resource: '*',
      Condition: { StringEquals: accountPrincipalsThrough(scope, services) },
    },
    {
      Sid: 'DataServicesGrantThemselvesUseForTheirResources',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: GRANT_ACTIONS,
      Resource: '*',
      Condition: { StringEquals: accountPrincipalsThrough(scope, services), Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    },
  ];
}
