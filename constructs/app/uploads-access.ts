import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { policyDocument } from '../iam-policy';

export interface UploadsAccessProps {
  /** The role the application runs as: the web servers' instance role, or the containers' task role. */
  readonly roleName: string;
  /** The uploads bucket (created later by the edge tier; a name, not a reference). */
  readonly bucketName: string;
  /** The only key prefix the application may list, read, write and delete under, such as `wp-content/uploads/`. */
  readonly keyPrefix: string;
}

/**
 * Lets the application (web servers or containers) keep the site's uploads in the edge tier's private bucket (for
 * example with an offload plugin), under the uploads prefix only. Viewers still read them
 * through CloudFront; nothing here makes the bucket reachable from outside.
 */
export class UploadsAccess extends Construct {
  constructor(scope: Construct, id: string, props: UploadsAccessProps) {
    super(scope, id);
    const bucketArn = `arn:aws:s3:::${props.bucketName}`;
    new IamRolePolicy(this, 'policy', {
      name: 'uploads-bucket',
      role: props.roleName,
      policy: policyDocument([
        {
          Sid: 'ListUploads',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: bucketArn,
          Condition: { StringLike: { 's3:prefix': [`${props.keyPrefix}*`] } },
        },
        {
          Sid: 'ReadWriteUploads',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          Resource: `${bucketArn}/${props.keyPrefix}*`,
        },
      ]),
    });
  }
}
