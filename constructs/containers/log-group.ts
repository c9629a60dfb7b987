import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';

export interface ContainerLogGroupProps {
  /** The log group's name, such as `/aws/ecs/<service>`. */
  readonly name: string;
  /** Days the container logs are kept (a value CloudWatch Logs accepts). */
  readonly retentionDays: number;
  /**
   * Customer-managed KMS key that encrypts the logs (`observability.kmsKeyArn`); its key policy must
   * let logs.<region>.amazonaws.com use it.
   * @default - the CloudWatch Logs service key
   */
  readonly kmsKeyArn?: string;
}

/** The CloudWatch log group the container's output goes to (awslogs), kept for a fixed time. */
export class ContainerLogGroup extends Construct {
  public readonly name: string;
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: ContainerLogGroupProps) {
    super(scope, id);
    const group = new CloudwatchLogGroup(this, 'group', {
      name: props.name,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    this.name = group.name;
    this.arn = group.arn;
  }
}
