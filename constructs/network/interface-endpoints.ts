import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Construct } from 'constructs';
import { NetworkConfig } from '../../config/schema';
import { Naming } from '../naming';
import { interfaceEndpointPolicy } from './endpoint-policies';

/** A service that can have an interface endpoint here, such as `ssm` or `ecr.api`. */
export type InterfaceEndpointService = NetworkConfig['interfaceEndpoints'][number];

export interface InterfaceEndpointsProps {
  /** Physical names and Name tags. */
  readonly naming: Naming;
  readonly vpcId: string;
  /** Home region, part of the service names (`com.amazonaws.<region>.<service>`). */
  readonly region: string;
  /** The environment's account: only its principals may use the endpoints. */
  readonly accountId: string;
  /** Services to reach privately; ssm, ssmmessages, ec2messages and logs give Session Manager without a bastion. */
  readonly services: readonly InterfaceEndpointService[];
  /** Subnets the endpoint interfaces are placed in, one per zone (the private app subnets). */
  readonly subnetIds: readonly string[];
  /** The security group of the endpoint interfaces (admits 443 from the app tier). */
  readonly securityGroupId: string;
}

/**
 * Interface endpoints (AWS PrivateLink) with private DNS, so the services' usual
 * hostnames resolve to addresses inside the VPC and the app tier needs no internet route.
 * Each endpoint admits only the environment's own principals (see endpoint-policies.ts).
 */
export class InterfaceEndpoints extends Construct {
  /** Endpoint id per service. */
  public readonly endpointIds: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: InterfaceEndpointsProps) {
    super(scope, id);
    const duplicates = props.services.filter((service, index) => props.services.indexOf(service) !== index);
    if (duplicates.length > 0) {
      throw new Error(`InterfaceEndpoints lists ${[...new Set(duplicates)].join(', ')} more than once; name each service once.`);
    }
    const policy = interfaceEndpointPolicy(props.accountId);
    const ids: Record<string, string> = {};
    for (const service of props.services) {
      const purpose = service.replace(/\./g, '-');
      const endpoint = new VpcEndpoint(this, purpose, {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: [...props.subnetIds],
        securityGroupIds: [props.securityGroupId],
        policy,
        tags: { Name: props.naming.name('network', `${purpose}-endpoint`, 255) },
      });
      ids[service] = endpoint.id;
    }
    this.endpointIds = ids;
  }
}
