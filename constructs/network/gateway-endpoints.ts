import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Construct } from 'constructs';
import { Naming } from '../naming';
import { dynamodbGatewayEndpointPolicy, s3GatewayEndpointPolicy } from './endpoint-policies';

export interface GatewayEndpointsProps {
  /** Physical names and Name tags. */
  readonly naming: Naming;
  readonly vpcId: string;
  /** Home region, part of the service names (`com.amazonaws.<region>.s3`). */
  readonly region: string;
  /** The environment's account: the only one whose buckets and tables the endpoints reach (plus the AWS-owned buckets the servers need). */
  readonly accountId: string;
  /** Route tables that reach S3 and DynamoDB through the endpoints (private app and private data). */
  readonly routeTableIds: readonly string[];
}

/**
 * S3 and DynamoDB gateway endpoints on the private route tables: free, and traffic to
 * both stays off the NAT gateways and the internet. Their prefix lists let security
 * groups allow exactly these services. Their policies admit only the environment's own
 * account's resources (see endpoint-policies.ts).
 */
export class GatewayEndpoints extends Construct {
  public readonly s3EndpointId: string;
  /** The S3 endpoint's AWS-managed prefix list (`pl-...`), for egress rules. */
  public readonly s3PrefixListId: string;
  public readonly dynamodbEndpointId: string;
  /** The DynamoDB endpoint's AWS-managed prefix list (`pl-...`), for egress rules. */
  public readonly dynamodbPrefixListId: string;

  constructor(scope: Construct, id: string, props: GatewayEndpointsProps) {
    super(scope, id);
    const endpoint = (service: 's3' | 'dynamodb', policy: string) =>
      new VpcEndpoint(this, service, {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Gateway',
        routeTableIds: [...props.routeTableIds],
        policy,
        tags: { Name: props.naming.name('network', `${service}-endpoint`, 255) },
      });
    const s3 = endpoint('s3', s3GatewayEndpointPolicy(props.accountId, props.region));
    const dynamodb = endpoint('dynamodb', dynamodbGatewayEndpointPolicy(props.accountId));
    this.s3EndpointId = s3.id;
    this.s3PrefixListId = s3.prefixListId;
    this.dynamodbEndpointId = dynamodb.id;
    this.dynamodbPrefixListId = dynamodb.prefixListId;
  }
}
