import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Construct } from 'constructs';
import { policyDocument } from '../iam-policy';
import { Naming } from '../naming';

export interface SiteS3EndpointProps {
  /** Physical names and Name tags (IntranetNaming). */
  readonly naming: Naming;
  readonly vpcId: string;
  /** Home region, part of the service name (`com.amazonaws.<region>.s3`). */
  readonly region: string;
  /** The endpoint's subnets, one per zone: one network interface in each. */
  readonly subnetIds: readonly string[];
  /** The endpoint's security group (443 from the load balancer only). */
  readonly securityGroupId: string;
  /** The site's bucket, by name (known at synth): the only objects the endpoint lets anyone read. */
  readonly bucketName: string;
}

/**
 * The S3 interface endpoint the load balancer forwards to: one network interface per endpoint subnet,
 * whose addresses are the target group's targets. Private DNS is off: nothing in the VPC should send
 * its other S3 traffic here, and the load balancer reaches the interfaces by address. The endpoint
 * policy admits `s3:GetObject` on the site's objects only, so the endpoint cannot reach any other
 * bucket or do anything else, whoever sends the request (visitors come through anonymously).
 */
export class SiteS3Endpoint extends Construct {
  public readonly endpointId: string;
  /** The ids of the endpoint's network interfaces: a set, unknown until the endpoint exists. */
  public readonly networkInterfaceIds: string[];

  constructor(scope: Construct, id: string, props: SiteS3EndpointProps) {
    super(scope, id);
    const endpoint = new VpcEndpoint(this, 'endpoint', {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Interface',
      privateDnsEnabled: false,
      subnetIds: [...props.subnetIds],
      securityGroupIds: [props.securityGroupId],
      policy: policyDocument([
        { Sid: 'ReadSiteObjects', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${props.bucketName}/*` },
      ]),
      tags: { Name: props.naming.name('intranet', 's3-endpoint', 255) },
    });
    this.endpointId = endpoint.id;
    this.networkInterfaceIds = endpoint.networkInterfaceIds;
  }
}
