import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { policyDocument, PolicyStatement } from '../iam-policy';

export interface SignerPolicyProps {
  /** Name of the managed policy (see Naming.name). */
  readonly policyName: string;
  /** ARN of the bucket the presigned URLs read from. */
  readonly bucketArn: string;
  /** The only key prefix the signer may read under, ending in `/` (such as `downloads/`). */
  readonly signedPrefix: string;
  /** The bucket's region: the KMS key may be used only through S3 in this region. */
  readonly region: string;
  /**
   * The customer-managed key the bucket encrypts with (SSE-KMS): reading an object needs kms:Decrypt on it.
   * @default - SSE-S3: no key permission
   */
  readonly kmsKeyArn?: string;
  /**
   * Names of this account's IAM roles that sign URLs; the policy is attached to each.
   * @default - attached to no role (attach it to a user or role yourself)
   */
  readonly roleNames?: readonly string[];
}

/**
 * The managed policy of whoever signs presigned URLs. A presigned URL carries no permission of
 * its own: S3 judges each request made with it by the signer's permissions at that moment, so the
 * signer gets s3:GetObject under the signed prefix and nothing else (no listing, no other prefix,
 * no writes), and, when the bucket uses a customer-managed key, kms:Decrypt on it through S3 only.
 */
export class SignerPolicy extends Construct {
  public readonly policyArn: string;
  public readonly policyName: string;

  constructor(scope: Construct, id: string, props: SignerPolicyProps) {
    super(scope, id);
    const roleNames = props.roleNames ?? [];
    // IAM role names are unique regardless of case: two spellings name one role, which would be attached twice.
    const repeated = roleNames.find((name, index) => roleNames.findIndex((other) => other.toLowerCase() === name.toLowerCase()) !== index);
    if (repeated !== undefined) {
      throw new Error(`SignerPolicy: the role ${repeated} is listed twice in roleNames (IAM role names are case-insensitive); list each role once`);
    }
    if (!props.signedPrefix.endsWith('/')) {
      throw new Error(`SignerPolicy: signedPrefix ${JSON.stringify(props.signedPrefix)} must end in / so it names a folder, not every key that starts with it`);
    }

    const statements: PolicyStatement[] = [{ Sid: 'ReadSignedObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: `${props.bucketArn}/${props.signedPrefix}*` }];
    if (props.kmsKeyArn !== undefined) {
      statements.push({
        Sid: 'DecryptSignedObjectsThroughS3',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: props.kmsKeyArn,
        Condition: { StringEquals: { 'kms:ViaService': `s3.${props.region}.amazonaws.com` } },
      });
    }
    const policy = new IamPolicy(this, 'policy', {
      name: props.policyName,
      // Fixed text: a description change replaces the policy, which IAM refuses to delete while roles hold it.
      description: 'Lets the holder sign presigned GET URLs for objects under the signed prefix of one private bucket',
      policy: policyDocument(statements),
    });
    // Keyed by role name, not position: adding, removing or reordering roles leaves the other attachments alone.
    for (const roleName of roleNames) {
      new IamRolePolicyAttachment(this, `role-${roleName}`, { role: roleName, policyArn: policy.arn });
    }
    this.policyArn = policy.arn;
    this.policyName = policy.name;
  }
}
