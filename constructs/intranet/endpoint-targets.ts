import { DataAwsNetworkInterface } from '@cdktf/provider-aws/lib/data-aws-network-interface';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LbTargetGroupAttachment } from '@cdktf/provider-aws/lib/lb-target-group-attachment';
import { Fn, TerraformCount, Token } from 'cdktf';
import { Construct } from 'constructs';

const HTTPS = 443;

export interface EndpointTargetsProps {
  /** Target group name, at most 32 characters. */
  readonly name: string;
  readonly vpcId: string;
  /** The S3 endpoint's network interface ids (a set Terraform knows only after the endpoint is created). */
  readonly networkInterfaceIds: string[];
  /** How many interfaces the endpoint has: one per endpoint subnet, from the configuration. */
  readonly interfaceCount: number;
  /** HTTP codes the health check accepts; S3 answers the probe with 307 or 405. */
  readonly healthCheckCodes: readonly number[];
}

/**
 * A target group of type `ip` on HTTPS 443 whose targets are the private addresses of the S3
 * endpoint's network interfaces. The health check asks for `/` over HTTPS; S3 answers it with a
 * redirect (307) or method not allowed (405), which the matcher accepts as healthy.
 */
export class EndpointTargets extends Construct {
  public readonly targetGroupArn: string;
  public readonly targetGroupArnSuffix: string;

  constructor(scope: Construct, id: string, props: EndpointTargetsProps) {
    super(scope, id);
    if (!Number.isInteger(props.interfaceCount) || props.interfaceCount < 1) {
      throw new Error(`EndpointTargets: interfaceCount must be the number of endpoint subnets (1 or more), got ${props.interfaceCount}.`);
    }
    if (props.healthCheckCodes.length === 0) throw new Error('EndpointTargets: healthCheckCodes is empty; give at least 200, 307 and 405.');

    const targets = new LbTargetGroup(this, 'group', {
      name: props.name,
      targetType: 'ip',
      port: HTTPS,
      protocol: 'HTTPS',
      vpcId: props.vpcId,
      deregistrationDelay: '30',
      healthCheck: {
        protocol: 'HTTPS',
        path: '/',
        matcher: props.healthCheckCodes.join(','),
        interval: 30,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
      },
    });

    // count comes from the configuration (one interface per endpoint subnet), not from the interface ids:
    // those are a set Terraform learns only when it creates the endpoint, and a for_each or count over an
    // unknown value fails the first plan ("Invalid for_each argument"). Each index picks one interface out
    // of the set (tolist sorts it), looks its address up, and registers that address.
    const interfaceCount = TerraformCount.of(props.interfaceCount);
    const interfaces = new DataAwsNetworkInterface(this, 'interface', {
      count: interfaceCount,
      id: Fn.element(props.networkInterfaceIds, interfaceCount.index),
    });
    const attachmentCount = TerraformCount.of(props.interfaceCount);
    new LbTargetGroupAttachment(this, 'attachment', {
      count: attachmentCount,
      targetGroupArn: targets.arn,
      targetId: Token.asString(Fn.lookupNested(interfaces, [attachmentCount.index, 'private_ip'])),
      port: HTTPS,
    });

    this.targetGroupArn = targets.arn;
    this.targetGroupArnSuffix = targets.arnSuffix;
  }
}
