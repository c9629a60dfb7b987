import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { ecrRepositoryArnOf } from './image-repository';
import { policyDocument, PolicyStatement } from '../iam-policy';
import { ecsTasksRole } from './ecs-tasks-role';

export interface TaskExecutionRoleProps {
  /** The role's name, at most 64 characters. */
  readonly name: string;
  /** The environment's account: only its ECS tasks may assume the role. */
  readonly accountId: string;
  /** Home region: the Secrets Manager endpoint that may use the KMS keys is there. */
  readonly region: string;
  /** The container image; pull permissions on its repository when it is in Amazon ECR. */
  readonly image: string;
  /** ARN of the container's log group, the only one the role may write to. */
  readonly logGroupArn: string;
  /** Secrets Manager secrets the container's secrets read (IAM resource ARNs). */
  readonly secretArns: readonly string[];
  /** SSM parameters the container's secrets read. */
  readonly parameterArns: readonly string[];
  /** Customer-managed KMS keys that encrypt those secrets: decrypt through Secrets Manager only. */
  readonly kmsKeyArns: readonly string[];
}

/**
 * The role ECS uses to start the task (never the application's): it may pull the image from its
 * Amazon ECR repository (nothing for other registries), write to the container's log group, read
 * exactly the secrets and parameters the container names, and decrypt with a customer-managed key
 * only when Secrets Manager asks on its behalf.
 */
export class TaskExecutionRole extends Construct {
  public readonly arn: string;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: TaskExecutionRoleProps) {
    super(scope, id);
    const role = ecsTasksRole(this, 'role', {
      name: props.name,
      description: 'Lets ECS pull the image, write the container logs and read its secrets when a task starts',
      accountId: props.accountId,
    });
    const statements: PolicyStatement[] = [];
    const repositoryArn = ecrRepositoryArnOf(props.image);
    if (repositoryArn !== undefined) {
      // GetAuthorizationToken has no resource: the token is for the registry, the repository permissions below limit what it pulls.
      statements.push({ Sid: 'AuthenticateToEcr', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' });
      statements.push({
        Sid: 'PullTheImage',
        Effect: 'Allow',
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        Resource: repositoryArn,
      });
    }
    statements.push({ Sid: 'WriteContainerLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${props.logGroupArn}:log-stream:*` });
    if (props.secretArns.length > 0) {
      statements.push({ Sid: 'ReadContainerSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [...props.secretArns] });
    }
    if (props.parameterArns.length > 0) {
      statements.push({ Sid: 'ReadContainerParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: [...props.parameterArns] });
    }
    if (props.kmsKeyArns.length > 0) {
      statements.push({
        Sid: 'DecryptContainerSecrets',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: [...props.kmsKeyArns],
        Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${props.region}.amazonaws.com` } },
      });
    }
    new IamRolePolicy(this, 'policy', {
      name: 'start-tasks',
      role: role.name,
      policy: policyDocument(statements),
    });
    this.arn = role.arn;
    this.name = role.name;
  }
}
