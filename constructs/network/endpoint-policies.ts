import { policyDocument, PolicyStatement } from '../iam-policy';

/**
 * A statement of a VPC endpoint policy. An endpoint policy must name a principal; these name
 * anyone (`*`, which on a gateway endpoint is the only form that covers roles) and narrow by condition.
 */
type EndpointStatement = PolicyStatement & { readonly Principal: '*' };

/** Anyone may do `action` on any resource, where the condition key `key` equals the environment's account. */
function ownAccountStatement(sid: string, action: string, key: 'aws:ResourceAccount' | 'aws:PrincipalAccount', accountId: string): EndpointStatement {
  return { Sid: sid, Effect: 'Allow', Principal: '*', Action: action, Resource: '*', Condition: { StringEquals: { [key]: accountId } } };
}

/**
 * The AWS-owned buckets the servers and tasks of an environment read through the S3 gateway
 * endpoint in `region`. None is in the environment's account, so the own-account statement does
 * not cover them, and most are read without the caller's credentials (anonymous requests, or URLs
 * presigned by an AWS service account), so no principal condition can admit them either.
 */
export function awsOwnedBucketsReadThroughS3Endpoint(region: string): readonly string[] {
  return [
    // Amazon Linux package repositories: dnf (AL2023) and yum (AL2) on the EC2 servers of the app tier and the sandbox.
    `al2023-repos-${region}-de612dc2`,
    `amazonlinux-2-repos-${region}`,
    // SSM Agent on the servers (Session Manager, Run Command, Patch Manager): agent updates, packages, documents and
    // patch baselines, as the Systems Manager guide lists them for restrictive S3 endpoint policies.
    `aws-ssm-${region}`,
    `aws-windows-downloads-${region}`,
    `amazon-ssm-${region}`,
    `amazon-ssm-packages-${region}`,
    `${region}-birdwatcher-prod`,
    `aws-ssm-distributor-file-${region}`,
    `aws-ssm-document-attachments-${region}`,
    `patch-baseline-snapshot-${region}`,
    // ECR image layers: a Fargate task pulling through the ecr.dkr endpoint downloads each layer from this bucket, by
    // a URL ECR presigns, through the S3 gateway endpoint.
    `prod-${region}-starport-layer-bucket`,
  ];
}

/**
 * Policy of the S3 gateway endpoint: any S3 action on buckets of the environment's own account
 * (`aws:ResourceAccount`), and only `s3:GetObject` on the AWS-owned buckets the servers and tasks
 * need (awsOwnedBucketsReadThroughS3Endpoint). Without it (the default policy) anything in the VPC
 * can copy data to any account's bucket over the endpoint: the exfiltration path the VPC's
 * missing internet route was meant to close.
 */
export function s3GatewayEndpointPolicy(accountId: string, region: string): string {
  const statements: EndpointStatement[] = [
    ownAccountStatement('OwnAccountBuckets', 's3:*', 'aws:ResourceAccount', accountId),
    {
      Sid: 'AwsOwnedBucketsReadOnly',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: awsOwnedBucketsReadThroughS3Endpoint(region).map((bucket) => `arn:aws:s3:::${bucket}/*`),
    },
  ];
  return policyDocument(statements);
}

/**
 * Policy of the DynamoDB gateway endpoint: tables of the environment's own account only
 * (`aws:ResourceAccount`), so the endpoint cannot carry data to another account's table. Nothing
 * of this project reads an AWS-owned table.
 */
export function dynamodbGatewayEndpointPolicy(accountId: string): string {
  return policyDocument([ownAccountStatement('OwnAccountTables', 'dynamodb:*', 'aws:ResourceAccount', accountId)]);
}

/**
 * Policy of an interface endpoint: any action, but only by principals of the environment's own
 * account (`aws:PrincipalAccount`), so credentials of another account brought into the VPC cannot
 * use the endpoint to send data out. Resources are not limited: the servers read AWS-owned SSM
 * parameters and documents, and may pull images from another account's registry.
 *
 * Who calls each service through its endpoint here, checked against AWS's documentation: none is
 * a service principal or a caller without an account.
 * - ssm, ssmmessages, ec2messages: SSM Agent, with the instance profile's role (or the Default Host
 *   Management role, also of the account).
 * - logs: the awslogs driver with the task execution role, the CloudWatch agent with the instance role.
 *   Logs' own deliveries (flow logs, vended logs) run in AWS's network, not through this endpoint.
 * - secretsmanager, kms: the ECS agent with the task execution role, and the tasks' and servers' roles.
 *   Services that use KMS on a caller's behalf call it from AWS's network.
 * - sts: the account's roles. AssumeRoleWithWebIdentity and AssumeRoleWithSAML callers have no account
 *   and would be refused; nothing in these VPCs federates that way.
 * - monitoring: the servers' and tasks' roles (PutMetricData).
 * - ecr.api, ecr.dkr: the task execution role (GetAuthorizationToken, manifests). Layers come from S3
 *   by a presigned URL, through the S3 gateway endpoint (see awsOwnedBucketsReadThroughS3Endpoint).
 */
export function interfaceEndpointPolicy(accountId: string): string {
  return policyDocument([ownAccountStatement('OwnAccountPrincipals', '*', 'aws:PrincipalAccount', accountId)]);
}
