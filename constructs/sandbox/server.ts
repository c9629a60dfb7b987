import { Eip } from '@cdktf/provider-aws/lib/eip';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { sessionManagerInstanceRole } from '../compute/instance-role';

export interface SandboxServerProps {
  /** Physical name of the role and instance profile, and the instance's Name tag. */
  readonly name: string;
  /** AMI id to launch from (not `resolve:ssm:`, which an aws_instance would see as a change on every plan). */
  readonly imageId: string;
  /** A burstable instance type (t2, t3, t3a, t4g); CPU credits are `standard`. */
  readonly instanceType: string;
  readonly subnetId: string;
  readonly securityGroupId: string;
  /** Root volume size in GiB (gp3, encrypted). */
  readonly rootVolumeGiB: number;
  /** The boot script, plain text (the provider encodes it). */
  readonly userData: string;
  /**
   * EC2 key pair for SSH.
   * @default - no key pair: Session Manager only
   */
  readonly keyName?: string;
  /**
   * A public address: one at launch (so the boot script can reach the package repositories at
   * once) and an Elastic IP that keeps the address across stop and start. The subnet must route
   * to an internet gateway. `associate_public_ip_address` is then true, as it must be beside an
   * Elastic IP: with false, the provider reads the association back as true and plans a
   * replacement of the instance on every run (hashicorp/terraform-provider-aws#37318).
   * @default false - a private address only
   */
  readonly elasticIp?: boolean;
  /**
   * Tags of the instance beside Name and the provider's default tags.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * What must exist before the instance (and its Elastic IP) is created: its subnet's routes and endpoints.
   * @default - nothing beyond its own references
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * One EC2 instance with an instance role that Session Manager can use (AmazonSSMManagedInstanceCore,
 * nothing else), IMDSv2 required, an encrypted gp3 root volume, standard CPU credits (a
 * burstable type never bills for surplus credits), and optionally an Elastic IP.
 *
 * The image is read when the instance is created; `lifecycle.ignore_changes = [ami]` keeps
 * Terraform from replacing a running server (and its data) when a newer image is released.
 * To move to a newer image, replace it on purpose: `terraform apply -replace=<address>`.
 */
export class SandboxServer extends Construct {
  public readonly instanceId: string;
  public readonly privateIp: string;
  /** The Elastic IP's address, or undefined without one. */
  public readonly publicIp?: string;
  public readonly publicDns?: string;
  public readonly roleName: string;

  constructor(scope: Construct, id: string, props: SandboxServerProps) {
    super(scope, id);
    const { role, profile } = sessionManagerInstanceRole(this, { name: props.name, description: 'Sandbox server: Session Manager only.' });

    const elasticIp = props.elasticIp ?? false;
    const instance = new Instance(this, 'instance', {
      ami: props.imageId,
      instanceType: props.instanceType,
      subnetId: props.subnetId,
      vpcSecurityGroupIds: [props.securityGroupId],
      associatePublicIpAddress: elasticIp,
      iamInstanceProfile: profile.name,
      keyName: props.keyName,
      userData: props.userData,
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
      rootBlockDevice: { volumeType: 'gp3', volumeSize: props.rootVolumeGiB, encrypted: true, deleteOnTermination: true, tags: { Name: props.name } },
      creditSpecification: { cpuCredits: 'standard' },
      tags: { ...props.tags, Name: props.name },
      lifecycle: { ignoreChanges: ['ami'] },
      dependsOn: props.dependsOn,
    });
    this.instanceId = instance.id;
    this.privateIp = instance.privateIp;
    this.roleName = role.name;

    if (elasticIp) {
      const eip = new Eip(this, 'eip', { domain: 'vpc', instance: instance.id, tags: { Name: props.name }, dependsOn: props.dependsOn });
      this.publicIp = eip.publicIp;
      this.publicDns = eip.publicDns;
    }
  }
}
