import { z } from 'zod';
import { kmsKeyArn, retentionDays } from './fields';

/**
 * An IAM role or user ARN (paths allowed), as `aws:PrincipalArn` names the principal of a request. No
 * wildcards: the state bucket's policy matches these with ArnNotLike, where `*` and `?` would be patterns.
 */
export const IAM_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):(?:role|user)\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const IAM_GROUP_ARN = /^arn:aws[a-z-]*:iam::\d{12}:group\//;
/** Most principals `state.allowedPrincipals` takes: each is written into the bucket policy (20 KB at most) and the key policy. */
const MAX_STATE_PRINCIPALS = 20;

const statePrincipalArn = z.string().superRefine((value, ctx) => {
  if (IAM_PRINCIPAL_ARN.test(value)) return;
  const message = IAM_GROUP_ARN.test(value)
    ? 'expected an IAM role or user ARN, not a group: a request is made by a role or user, never by a group (aws:PrincipalArn cannot name one); list the roles or users instead'
    : 'expected an IAM role or user ARN of the environment\'s account, such as arn:aws:iam::<accountId>:role/<name> or arn:aws:iam::<accountId>:user/<path>/<name> (no wildcards)';
  ctx.addIssue({ code: z.ZodIssueCode.custom, message });
});

export const stateSchema = z
  .object({
    /** How other stacks lock their state: a DynamoDB table (default) or S3-native lock files (Terraform >= 1.10). */
    locking: z.enum(['dynamodb', 's3-native']).default('dynamodb'),
    /** Where the state stack keeps its own state: `local` to bootstrap, `s3` after migrating it into its bucket. */
    stateStackBackend: z.enum(['local', 's3']).default('local'),
    /** Days a noncurrent state object version is kept before it expires. */
    noncurrentVersionRetentionDays: retentionDays.default(90),
    /** A customer-managed KMS key made elsewhere, for the state bucket; SSE-S3 (AES256) when left out. Not with customerManagedKey. */
    kmsKeyArn: kmsKeyArn.optional(),
    /**
     * The state stack creates a rotated KMS key (alias `<project>-<env>-state-tfstate`) for the state bucket and the lock table,
     * and every stack's backend encrypts its state with it. Not with kmsKeyArn.
     */
    customerManagedKey: z.boolean().default(false),
    /**
     * The only IAM roles and users of the environment's account that may read, write, list and delete objects in the state
     * bucket (and, with customerManagedKey, use its key): the CI plan and apply roles, a break-glass role, and whoever applies
     * the state stack. Every principal the account's IAM policies allow when left out.
     */
    allowedPrincipals: z
      .array(statePrincipalArn)
      .min(1, 'expected at least one IAM role or user ARN; leave allowedPrincipals out to let the account\'s IAM policies decide who reads state')
      .max(MAX_STATE_PRINCIPALS, `expected at most ${MAX_STATE_PRINCIPALS} principals (the bucket policy holds 20 KB): let people assume a shared role`)
      .optional(),
  })
  .strict();
