import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { ITerraformDependable, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { instanceArchitecture } from '../config/aws';
import { WebPlatformConfig } from '../config/schema';
import { OriginLoadBalancer } from '../constructs/app/load-balancer';
import { ORIGIN_HEADER_NAME, OriginSecret } from '../constructs/app/origin-secret';
import { UploadsAccess } from '../constructs/app/uploads-access';
import { WebScaling } from '../constructs/app/web-scaling';
import { WebServers } from '../constructs/app/web-servers';
import { MachineImage } from '../constructs/compute/machine-image';
import { ContainerWorkload, MAX_WORKLOAD_NAME_LENGTH } from '../constructs/containers/container-workload';
import { MAX_NAME_PREFIX_LENGTH, StartStopSchedule } from '../constructs/schedules/start-stop-schedule';
import { StartStopTarget } from '../constructs/schedules/targets';
import { defaultTags } from '../constructs/tags';
import { APP_OUTPUT_NAMES, AppOutputs } from '../constructs/app-outputs';
import { UPLOADS_KEY_PREFIX, uploadsBucketName } from '../constructs/edge/uploads-location';
import { readDataOutputs } from '../constructs/data-outputs';
import { readDnsOutputs } from '../constructs/dns-outputs';
import { NetworkOutputs, readNetworkOutputs } from '../constructs/network-outputs';
import { alarmTopicArn, sessionLogGroupName } from '../constructs/ops/ops-names';
import { publishTierOutputs } from '../constructs/tier-outputs';
import { ManagedWebAcl } from '../constructs/waf/managed-web-acl';
import { MAX_WAF_LOGS_NAME_LENGTH, WafLogs } from '../constructs/logging/waf-logs';
import { serverAccessLogBucket } from '../constructs/secure-bucket';
import { edgeWebAclRules } from '../constructs/waf/web-acl-rules';
import { EncryptionKeys } from '../constructs/encryption-keys';
import { TierStack } from './tier-stack';

const OUTPUT_DESCRIPTIONS: Record<keyof AppOutputs, string> = {
  albDnsName: 'DNS name of the load balancer, CloudFront\'s origin. It answers 403 without the origin header.',
  originSecretArn: 'Secrets Manager secret holding the origin header value CloudFront must send.',
  loadBalancerArnSuffix: 'The load balancer\'s ARN suffix (app/<name>/<id>), the LoadBalancer dimension of its CloudWatch metrics.',
  targetGroupArnSuffix: 'The target group\'s ARN suffix (targetgroup/<name>/<id>), the TargetGroup dimension of its CloudWatch metrics.',
  computeName: 'Name of the Auto Scaling group (ec2), or of the ECS cluster and its service (fargate-spot).',
};

/** What either compute choice is wired to. */
interface ComputeWiring {
  readonly config: WebPlatformConfig;
  readonly network: NetworkOutputs;
  readonly targetGroupArn: string;
  readonly targetGroupInUse: ITerraformDependable;
  readonly requestCountResourceLabel: string;
}

/** What the stack needs back from either compute choice. */
interface Compute {
  /** The role the application runs as: the uploads bucket access is attached to it. */
  readonly roleName: string;
  /** What `app.schedule` stops and starts. */
  readonly scheduleTarget: StartStopTarget;
  /** The Auto Scaling group's name, or the ECS cluster's and service's. */
  readonly computeName: string;
}

/**
 * `<env>-app`: the origin. An internet-facing ALB that only CloudFront can use (its
 * addresses in the security group, the secret header in the listener rule), a regional
 * WAF on it, and the workload in the private app subnets, which may keep uploads in the
 * edge tier's bucket: EC2 web servers in an Auto Scaling group (`app.compute: ec2`) or an
 * ECS service on Fargate Spot (`fargate-spot`), reading the data tier's outputs when its
 * container takes values from them.
 */
export class AppStack extends TierStack {
  constructor(scope: Construct, config: WebPlatformConfig) {
    super(scope, { config, tier: 'app' });
    const network = readNetworkOutputs(this, config);
    const dns = readDnsOutputs(this, config);

    const secret = new OriginSecret(this, 'origin-secret', {
      name: this.naming.name('app', 'origin-header'),
      // Outside production a destroyed app stack must be re-appliable at once: no recovery window.
      recoveryWindowInDays: config.production ? 30 : 0,
    });
    const alb = new OriginLoadBalancer(this, 'alb', {
      name: this.naming.elbName('app', 'alb'),
      targetGroupName: this.naming.elbName('app', 'web'),
      logBucketName: this.naming.bucketName('app', 'alb-logs'),
      logRetentionDays: config.app.accessLogRetentionDays,
      region: config.region,
      accountId: config.accountId,
      vpcId: network.vpcId,
      subnetIds: network.publicSubnetIds,
      zoneCount: config.network.subnets.public.length,
      securityGroupId: network.albSecurityGroupId,
      certificateArn: dns.regionalCertificateArn,
      targetPort: config.network.ports.app,
      targetType: config.app.compute === 'fargate-spot' ? 'ip' : 'instance',
      healthCheckPath: config.app.healthCheckPath,
      originHeader: { name: ORIGIN_HEADER_NAME, value: secret.secretValue },
      deletionProtection: config.production,
    });
    this.firewall(config, alb.loadBalancerArn);

    const compute: ComputeWiring = {
      config,
      network,
      targetGroupArn: alb.targetGroupArn,
      targetGroupInUse: alb.targetGroupInUse,
      requestCountResourceLabel: alb.requestCountResourceLabel,
    };
    const { roleName, scheduleTarget, computeName } = config.app.compute === 'fargate-spot' ? this.containers(compute) : this.webServers(compute);
    if (config.app.schedule !== undefined) {
      new StartStopSchedule(this, 'schedule', {
        namePrefix: this.naming.name('app', 'web', MAX_NAME_PREFIX_LENGTH),
        schedule: config.app.schedule,
        target: scheduleTarget,
        accountId: config.accountId,
        region: config.region,
        alarmTopicArn: alarmTopicArn(this.naming, config.region, config.accountId),
      });
    }
    new UploadsAccess(this, 'uploads-access', { roleName, bucketName: uploadsBucketName(this.naming), keyPrefix: UPLOADS_KEY_PREFIX });

    publishTierOutputs<AppOutputs>(
      this,
      APP_OUTPUT_NAMES,
      {
        albDnsName: alb.dnsName,
        originSecretArn: secret.secretArn,
        loadBalancerArnSuffix: alb.loadBalancerArnSuffix,
        targetGroupArnSuffix: alb.targetGroupArnSuffix,
        computeName,
      },
      OUTPUT_DESCRIPTIONS,
    );
  }

  /**
   * The regional WAF on the load balancer, logging through Firehose into a bucket of this tier. It
   * sees only CloudFront's addresses, so it judges requests, never who sends them (ManagedWebAcl).
   */
  private firewall(config: WebPlatformConfig, loadBalancerArn: string): void {
    const waf = new ManagedWebAcl(this, 'waf', {
      name: this.naming.name('app', 'waf', 128),
      ...edgeWebAclRules(config.edge, 'REGIONAL'),
    });
    new Wafv2WebAclAssociation(this, 'waf-association', { resourceArn: loadBalancerArn, webAclArn: waf.webAclArn });
    const s3AccessLogs = serverAccessLogBucket(this, 's3-access-logs', {
      bucketName: this.naming.bucketName('app', 's3-access-logs'),
      retentionDays: config.app.accessLogRetentionDays,
      accountId: config.accountId,
    });
    const wafLogs = new WafLogs(this, 'waf-logs', {
      name: this.naming.name('app', 'waf', MAX_WAF_LOGS_NAME_LENGTH),
      bucketName: this.naming.bucketName('app', 'waf-logs'),
      webAclArn: waf.webAclArn,
      scope: 'REGIONAL',
      redactedHeaders: config.edge.logs.redactedHeaders,
      retentionDays: config.edge.logs.retentionDays,
      accessLogs: s3AccessLogs,
      accountId: config.accountId,
      region: config.region,
    });
    new TerraformOutput(this, 'waf_log_bucket', { value: wafLogs.bucketName, description: 'Bucket of the regional WAF\'s logs (GZIP JSON under waf/<yyyy>/<MM>/<dd>/<HH>/).' });
    new TerraformOutput(this, 'waf_log_stream', { value: wafLogs.streamName, description: 'Firehose stream (aws-waf-logs-*) the regional WAF logs through.' });
  }

  /** EC2 web servers (`app.compute: ec2`) in an Auto Scaling group with target tracking. */
  private webServers({ config, network, targetGroupArn, requestCountResourceLabel }: ComputeWiring): Compute {
    const web = new WebServers(this, 'web', {
      name: this.naming.name('app', 'web', 64),
      image: new MachineImage(this, 'image', { choice: config.app.ami, architecture: instanceArchitecture(config.app.instanceType) ?? 'x86_64' }),
      instanceType: config.app.instanceType,
      rootVolumeGiB: config.app.rootVolumeGiB,
      subnetIds: network.privateAppSubnetIds,
      securityGroupId: network.appSecurityGroupId,
      targetGroupArn,
      port: config.network.ports.app,
      healthCheckPath: config.app.healthCheckPath,
      minSize: config.app.minSize,
      maxSize: config.app.maxSize,
      desiredCapacity: config.app.desiredCapacity,
      launchTags: defaultTags(config, 'app'),
      userData: config.app.userData,
      scheduled: config.app.schedule !== undefined,
      sessionLogs: config.ops.sessionManager.enabled ? { logGroupName: sessionLogGroupName(this.naming), region: config.region, accountId: config.accountId } : undefined,
    });
    new WebScaling(this, 'scaling', {
      name: this.naming.name('app', 'web', 200),
      autoScalingGroupName: web.autoScalingGroupName,
      scaling: config.app.scaling,
      requestCountResourceLabel,
    });
    return {
      roleName: web.roleName,
      computeName: web.autoScalingGroupName,
      scheduleTarget: { kind: 'auto-scaling-group', groupName: web.autoScalingGroupName, groupArn: web.autoScalingGroupArn, minSize: config.app.minSize, desiredCapacity: config.app.desiredCapacity },
    };
  }

  /** An ECS service on Fargate Spot (`app.compute: fargate-spot`); the data tier's outputs are read only when the container takes values from it. */
  private containers({ config, network, targetGroupArn, targetGroupInUse, requestCountResourceLabel }: ComputeWiring): Compute {
    const container = config.app.container;
    if (container === undefined) throw new Error(`environment ${config.environment} has app.compute: fargate-spot without app.container: the config rules should have refused it`);
    const fromDataTier = Object.keys(container.fromDataTier).length > 0;
    const workload = new ContainerWorkload(this, 'containers', {
      name: this.naming.name('app', 'web', MAX_WORKLOAD_NAME_LENGTH),
      container,
      accountId: config.accountId,
      region: config.region,
      port: config.network.ports.app,
      subnetIds: network.privateAppSubnetIds,
      securityGroupId: network.appSecurityGroupId,
      targetGroupArn,
      targetGroupInUse,
      requestCountResourceLabel,
      minSize: config.app.minSize,
      maxSize: config.app.maxSize,
      desiredCapacity: config.app.desiredCapacity,
      scaling: config.app.scaling,
      scheduled: config.app.schedule !== undefined,
      logKmsKeyArn: EncryptionKeys.logs(this, config),
      dataOutputs: fromDataTier ? readDataOutputs(this, config) : undefined,
      dataSecretKeys: { database: EncryptionKeys.database(this, config), cache: EncryptionKeys.cache(this, config) },
      sessionLogGroupName: config.ops.sessionManager.enabled ? sessionLogGroupName(this.naming) : undefined,
    });
    return {
      roleName: workload.taskRoleName,
      computeName: workload.serviceName,
      scheduleTarget: {
        kind: 'ecs-service',
        clusterName: workload.clusterName,
        serviceName: workload.serviceName,
        resourceId: workload.scalableResourceId,
        scalableTargetArn: workload.scalableTargetArn,
        minCapacity: config.app.minSize,
        maxCapacity: config.app.maxSize,
      },
    };
  }
}
