import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { SessionLogTarget, sessionManagerInstanceRole } from '../compute/instance-role';
import { MachineImage } from '../compute/machine-image';
import { webServerUserData } from './user-data';

export interface WebServersProps {
  /** Prefix of the physical names of the role, profile, template and group. */
  readonly name: string;
  /** The image, from config (`app.ami`). */
  readonly image: MachineImage;
  readonly instanceType: string;
  readonly rootVolumeGiB: number;
  /** Private app subnets, one per zone. */
  readonly subnetIds: string[];
  /** The app tier's security group. */
  readonly securityGroupId: string;
  /** Target group the instances register in. */
  readonly targetGroupArn: string;
  readonly port: number;
  readonly healthCheckPath: string;
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  /**
   * Tags for the instances, their volumes and network interfaces, which the provider's
   * default_tags do not reach (EC2 tags them at launch from the template).
   */
  readonly launchTags: Readonly<Record<string, string>>;
  /**
   * The boot script (`app.userDataFile`, read by the config loader): a shell script with its shebang line.
   * @default - Apache on the app port with the health page (webServerUserData)
   */
  readonly userData?: string;
  /**
   * A start/stop schedule sets the group's minimum size to 0 at night: Terraform then leaves
   * min_size alone too, so an apply at night does not start the servers (the schedule's start
   * puts the configured minimum back).
   * @default false
   */
  readonly scheduled?: boolean;
  /**
   * The session log group (`ops.sessionManager`): the instances may write session transcripts there and nothing more.
   * @default - no log permission: for an account whose session preferences stream nowhere
   */
  readonly sessionLogs?: SessionLogTarget;
}

/**
 * EC2 web servers in an Auto Scaling group across the private app subnets. The launch
 * template requires IMDSv2, encrypts a gp3 root volume, has no key pair, and takes its
 * AMI as `app.ami` chooses (by default an SSM public parameter, resolved each time an
 * instance launches: no data source, no AMI id in state). A changed template rolls the group (instance refresh); a
 * new AMI behind the parameter reaches instances launched after it, so a fleet-wide
 * upgrade is a refresh started by hand. Health comes from the load balancer.
 */
export class WebServers extends Construct {
  public readonly autoScalingGroupName: string;
  public readonly autoScalingGroupArn: string;
  public readonly roleName: string;

  constructor(scope: Construct, id: string, props: WebServersProps) {
    super(scope, id);
    const { role, profile } = sessionManagerInstanceRole(this, { name: `${props.name}-instance`, sessionLogs: props.sessionLogs });

    const template = new LaunchTemplate(this, 'template', {
      name: props.name,
      imageId: props.image.launchTemplateImageId,
      instanceType: props.instanceType,
      updateDefaultVersion: true,
      iamInstanceProfile: { arn: profile.arn },
      vpcSecurityGroupIds: [props.securityGroupId],
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
      blockDeviceMappings: [
        { deviceName: '/dev/xvda', ebs: { volumeSize: props.rootVolumeGiB, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' } },
      ],
      monitoring: { enabled: true },
      userData: Buffer.from(props.userData ?? webServerUserData(props.port, props.healthCheckPath, props.image.family)).toString('base64'),
      tagSpecifications: ['instance', 'volume', 'network-interface'].map((resourceType) => ({
        resourceType,
        tags: { ...props.launchTags, Name: props.name },
      })),
    });

    const group = new AutoscalingGroup(this, 'group', {
      name: props.name,
      vpcZoneIdentifier: props.subnetIds,
      minSize: props.minSize,
      maxSize: props.maxSize,
      desiredCapacity: props.desiredCapacity,
      healthCheckType: 'ELB',
      healthCheckGracePeriod: 300,
      targetGroupArns: [props.targetGroupArn],
      launchTemplate: { id: template.id, version: Token.asString(template.latestVersion) },
      // New instances join before old ones leave, so a refresh never drops below the desired capacity.
      instanceRefresh: { strategy: 'Rolling', preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 200 } },
      tag: [{ key: 'Name', value: props.name, propagateAtLaunch: true }],
      // Scaling policies (and schedules) own the running size once the group exists; desiredCapacity is where it starts.
      lifecycle: { ignoreChanges: props.scheduled ? ['desired_capacity', 'min_size'] : ['desired_capacity'] },
    });
    this.autoScalingGroupName = group.name;
    this.autoScalingGroupArn = group.arn;
    this.roleName = role.name;
  }
}
