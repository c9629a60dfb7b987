import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { Construct } from 'constructs';
import { suppressPolicy } from '../policy/suppressions';
import type { EnvironmentVariable, SecretVariable } from './container-variables';

/** The name of the one container of the task, which the load balancer sends requests to. */
export const APP_CONTAINER_NAME = 'app';
/** Log streams are named `<prefix>/<container>/<task id>`. */
export const LOG_STREAM_PREFIX = 'ecs';

/**
 * Writable task-storage mounts a read-only container keeps: `/tmp` for the application's scratch
 * files, and the paths where the ECS Exec agent (the SSM agent Fargate injects) keeps its binaries,
 * state and logs, which it cannot start without (aws/containers-roadmap#1359).
 */
export const WRITABLE_PATHS: Readonly<Record<string, string>> = {
  tmp: '/tmp',
  'exec-agent': '/managed-agents',
  'exec-agent-state': '/var/lib/amazon/ssm',
  'exec-agent-logs': '/var/log/amazon/ssm',
};

export interface ContainerTaskDefinitionProps {
  /** The task definition family. */
  readonly family: string;
  /** The image reference, such as `123456789012.dkr.ecr.eu-west-1.amazonaws.com/site:1.4.2`. */
  readonly image: string;
  /** Task CPU units (256 = 0.25 vCPU), a Fargate size with `memoryMiB`. */
  readonly cpu: number;
  /** Task memory in MiB. */
  readonly memoryMiB: number;
  /** The port the container listens on (the app port). */
  readonly port: number;
  /** Plain environment variables, in the order written. */
  readonly environment: readonly EnvironmentVariable[];
  /** Secrets by reference, in the order written. */
  readonly secrets: readonly SecretVariable[];
  /** The role ECS starts the task with (pull, logs, secrets). */
  readonly executionRoleArn: string;
  /** The role the application runs as. */
  readonly taskRoleArn: string;
  /** The log group awslogs writes to. */
  readonly logGroupName: string;
  /** The log group's region. */
  readonly region: string;
  /**
   * Mount the root file system read-only. Off only for images that write to it: the ECS-READONLY-ROOT
   * policy rule is then suppressed on the task definition, with `app.container.readonlyRootFilesystem` as reason.
   */
  readonly readonlyRootFilesystem: boolean;
}

/**
 * A Fargate task (awsvpc, Linux on x86_64) of one essential container `app`: the image on the app
 * port, its environment and secrets (by reference only), logs to CloudWatch through awslogs, never
 * privileged, and an init process so ECS Exec sessions and signals are handled. A read-only root
 * file system keeps the WRITABLE_PATHS writable on task storage, so ECS Exec still works. The container
 * definitions are written as a JSON string (references inside it as `${...}`) so the policy rules
 * can read them at synth.
 */
export class ContainerTaskDefinition extends Construct {
  public readonly arn: string;
  public readonly family: string;

  constructor(scope: Construct, id: string, props: ContainerTaskDefinitionProps) {
    super(scope, id);
    const container = {
      name: APP_CONTAINER_NAME,
      image: props.image,
      essential: true,
      portMappings: [{ containerPort: props.port, hostPort: props.port, protocol: 'tcp' }],
      ...(props.environment.length > 0 ? { environment: props.environment.map(({ name, value }) => ({ name, value })) } : {}),
      ...(props.secrets.length > 0 ? { secrets: props.secrets.map(({ name, valueFrom }) => ({ name, valueFrom })) } : {}),
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': props.logGroupName, 'awslogs-region': props.region, 'awslogs-stream-prefix': LOG_STREAM_PREFIX },
      },
      ...(props.readonlyRootFilesystem
        ? { mountPoints: Object.entries(WRITABLE_PATHS).map(([sourceVolume, containerPath]) => ({ sourceVolume, containerPath, readOnly: false })) }
        : {}),
      readonlyRootFilesystem: props.readonlyRootFilesystem,
      privileged: false,
      linuxParameters: { initProcessEnabled: true },
    };
    const task = new EcsTaskDefinition(this, 'task', {
      family: props.family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(props.cpu),
      memory: String(props.memoryMiB),
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
      executionRoleArn: props.executionRoleArn,
      taskRoleArn: props.taskRoleArn,
      containerDefinitions: JSON.stringify([container]),
      // Volumes without a host path are Fargate task storage: empty at start, gone with the task.
      volume: props.readonlyRootFilesystem ? Object.keys(WRITABLE_PATHS).map((name) => ({ name })) : undefined,
    });
    if (!props.readonlyRootFilesystem) {
      suppressPolicy(this, 'ECS-READONLY-ROOT', 'app.container.readonlyRootFilesystem is false in config: the image writes to its root file system');
    }
    this.arn = task.arn;
    this.family = task.family;
  }
}
