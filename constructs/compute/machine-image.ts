import { DataAwsAmi } from '@cdktf/provider-aws/lib/data-aws-ami';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { Construct } from 'constructs';
import type { AmiChoice, AmiFamily } from '../../config/ami';
import type { CpuArchitecture } from '../../config/aws';

export interface MachineImageProps {
  /** The image choice from config (resolveAmi). */
  readonly choice: AmiChoice;
  /** CPU architecture of the instance type: a name pattern only matches images of it. */
  readonly architecture: CpuArchitecture;
}

/**
 * The image servers boot, in the form each consumer needs:
 * - by SSM public parameter, a launch template takes `resolve:ssm:<parameter>` (EC2 resolves it at
 *   each launch: no data source, no AMI id in state), while an instance reads the parameter through
 *   a data source (created only when asked for: an aws_instance given `resolve:ssm:` would be
 *   replaced on every plan, since EC2 reports the resolved id back);
 * - by name pattern, the most recent image of that name, owner and architecture (aws_ami);
 * - by id, that image looked up with the configured owner, so a plan fails when the image does not
 *   belong to that owner (a copied or look-alike id is not booted).
 */
export class MachineImage extends Construct {
  /** Image id for a launch template's image_id. */
  public readonly launchTemplateImageId: string;
  /** The Amazon Linux family of the image, which decides the boot script's package manager. */
  public readonly family: AmiFamily;
  private readonly choice: AmiChoice;
  private imageIdForInstances?: string;

  constructor(scope: Construct, id: string, props: MachineImageProps) {
    super(scope, id);
    this.choice = props.choice;
    this.family = props.choice.family;
    switch (props.choice.source) {
      case 'ssm-parameter':
        this.launchTemplateImageId = `resolve:ssm:${props.choice.parameter}`;
        break;
      case 'name-pattern':
        this.imageIdForInstances = new DataAwsAmi(this, 'image', {
          mostRecent: true,
          owners: [props.choice.owner],
          filter: [
            { name: 'name', values: [props.choice.namePattern] },
            { name: 'architecture', values: [props.architecture] },
            { name: 'state', values: ['available'] },
          ],
        }).id;
        this.launchTemplateImageId = this.imageIdForInstances;
        break;
      case 'id':
        this.imageIdForInstances = new DataAwsAmi(this, 'image', {
          owners: [props.choice.owner],
          filter: [{ name: 'image-id', values: [props.choice.id] }],
        }).id;
        this.launchTemplateImageId = this.imageIdForInstances;
        break;
    }
  }

  /** Image id for an aws_instance's ami (in parameter mode, the parameter's value read at plan time). */
  get instanceImageId(): string {
    if (this.imageIdForInstances === undefined && this.choice.source === 'ssm-parameter') {
      this.imageIdForInstances = new DataAwsSsmParameter(this, 'parameter', { name: this.choice.parameter }).insecureValue;
    }
    return this.imageIdForInstances!;
  }
}
