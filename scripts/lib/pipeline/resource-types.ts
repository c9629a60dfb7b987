import { PipelinePolicyError } from './policy-document';

/** IAM service prefixes (AWS Service Authorization Reference) whose actions the roles get on every resource of the account (Resource `*`). */
export type AccountService =
  | 'acm'
  | 'application-autoscaling'
  | 'autoscaling'
  | 'chatbot'
  | 'cloudfront'
  | 'cloudtrail'
  | 'cloudwatch'
  | 'ec2'
  | 'ecs'
  | 'elasticache'
  | 'elasticloadbalancing'
  | 'events'
  | 'firehose'
  | 'kms'
  | 'logs'
  | 'rds'
  | 'route53'
  | 'scheduler'
  | 'sns'
  | 'wafv2';

/** IAM service prefixes whose actions the roles get only on the resources the stacks name (scripts/lib/pipeline/named-*.ts). */
export type NamedService = 'dynamodb' | 'iam' | 's3' | 'secretsmanager' | 'ssm';

export type IamService = AccountService | NamedService;

/** What managing one resource type takes. */
export interface ResourceTypeAccess {
  /** The IAM services whose actions create, read, change and delete it; the first is its own. */
  readonly services: readonly IamService[];
  /** The service name (`iam:AWSServiceName`) of the service-linked role AWS creates on its first use in an account. */
  readonly serviceLinkedRole?: string;
}

const own = (service: IamService, serviceLinkedRole?: string): ResourceTypeAccess => ({ services: [service], serviceLinkedRole });
const also = (services: IamService[], serviceLinkedRole?: string): ResourceTypeAccess => ({ services, serviceLinkedRole });

/**
 * Every resource type a stack of this project can synthesize, with the IAM service that manages it.
 * A type missing here stops the roles' generation (see resourceTypeAccess), so a new resource type is
 * added here, never silently left out of the roles.
 */
export const RESOURCE_TYPES: Readonly<Record<string, ResourceTypeAccess>> = {
  aws_acm_certificate: own('acm'),
  aws_acm_certificate_validation: own('acm'),
  // Target tracking creates and deletes its CloudWatch alarms with the caller's permissions.
  aws_appautoscaling_policy: also(['application-autoscaling', 'cloudwatch']),
  aws_appautoscaling_target: own('application-autoscaling', 'ecs.application-autoscaling.amazonaws.com'),
  aws_autoscaling_group: own('autoscaling', 'autoscaling.amazonaws.com'),
  aws_autoscaling_policy: also(['autoscaling', 'cloudwatch']),
  aws_chatbot_slack_channel_configuration: own('chatbot', 'management.chatbot.amazonaws.com'),
  aws_cloudfront_cache_policy: own('cloudfront'),
  aws_cloudfront_distribution: own('cloudfront'),
  aws_cloudfront_function: own('cloudfront'),
  aws_cloudfront_origin_access_control: own('cloudfront'),
  aws_cloudfront_origin_request_policy: own('cloudfront'),
  aws_cloudfront_response_headers_policy: own('cloudfront'),
  aws_cloudtrail: own('cloudtrail'),
  aws_cloudwatch_dashboard: own('cloudwatch'),
  aws_cloudwatch_event_rule: own('events'),
  aws_cloudwatch_event_target: own('events'),
  aws_cloudwatch_log_delivery: own('logs'),
  aws_cloudwatch_log_delivery_destination: own('logs'),
  // A CloudFront delivery source takes cloudfront:AllowVendedLogDeliveryForResource.
  aws_cloudwatch_log_delivery_source: also(['logs', 'cloudfront']),
  aws_cloudwatch_log_group: own('logs'),
  aws_cloudwatch_metric_alarm: own('cloudwatch'),
  aws_customer_gateway: own('ec2'),
  aws_db_subnet_group: own('rds'),
  aws_default_security_group: own('ec2'),
  aws_dynamodb_table: own('dynamodb'),
  aws_ecs_cluster: own('ecs', 'ecs.amazonaws.com'),
  aws_ecs_cluster_capacity_providers: own('ecs'),
  aws_ecs_service: own('ecs', 'ecs.amazonaws.com'),
  aws_ecs_task_definition: own('ecs'),
  aws_eip: own('ec2'),
  aws_elasticache_replication_group: own('elasticache', 'elasticache.amazonaws.com'),
  aws_elasticache_subnet_group: own('elasticache'),
  aws_flow_log: own('ec2'),
  aws_iam_instance_profile: own('iam'),
  aws_iam_policy: own('iam'),
  aws_iam_role: own('iam'),
  aws_iam_role_policy: own('iam'),
  aws_iam_role_policy_attachment: own('iam'),
  aws_instance: own('ec2'),
  aws_internet_gateway: own('ec2'),
  aws_key_pair: own('ec2'),
  aws_kinesis_firehose_delivery_stream: own('firehose'),
  aws_kms_alias: own('kms'),
  aws_kms_key: own('kms'),
  aws_launch_template: own('ec2'),
  aws_lb: own('elasticloadbalancing', 'elasticloadbalancing.amazonaws.com'),
  aws_lb_listener: own('elasticloadbalancing'),
  aws_lb_listener_rule: own('elasticloadbalancing'),
  aws_lb_target_group: own('elasticloadbalancing'),
  aws_lb_target_group_attachment: own('elasticloadbalancing'),
  aws_nat_gateway: own('ec2'),
  aws_rds_cluster: own('rds', 'rds.amazonaws.com'),
  aws_rds_cluster_instance: own('rds', 'rds.amazonaws.com'),
  aws_rds_cluster_parameter_group: own('rds'),
  aws_route: own('ec2'),
  aws_route53_record: own('route53'),
  // A private zone is associated with its VPC (ec2:DescribeVpcs).
  aws_route53_zone: also(['route53', 'ec2']),
  aws_route_table: own('ec2'),
  aws_route_table_association: own('ec2'),
  aws_s3_bucket: own('s3'),
  aws_s3_bucket_lifecycle_configuration: own('s3'),
  aws_s3_bucket_logging: own('s3'),
  aws_s3_bucket_ownership_controls: own('s3'),
  aws_s3_bucket_policy: own('s3'),
  aws_s3_bucket_public_access_block: own('s3'),
  aws_s3_bucket_server_side_encryption_configuration: own('s3'),
  aws_s3_bucket_versioning: own('s3'),
  aws_s3_bucket_website_configuration: own('s3'),
  aws_scheduler_schedule: own('scheduler'),
  aws_scheduler_schedule_group: own('scheduler'),
  aws_secretsmanager_secret: own('secretsmanager'),
  aws_secretsmanager_secret_version: own('secretsmanager'),
  aws_security_group: own('ec2'),
  aws_sns_topic: own('sns'),
  aws_sns_topic_policy: own('sns'),
  aws_sns_topic_subscription: own('sns'),
  aws_ssm_document: own('ssm'),
  aws_subnet: own('ec2'),
  aws_vpc: own('ec2'),
  // Private DNS on an interface endpoint associates the VPC with the service's private zone.
  aws_vpc_endpoint: also(['ec2', 'route53']),
  aws_vpc_security_group_egress_rule: own('ec2'),
  aws_vpc_security_group_ingress_rule: own('ec2'),
  aws_vpn_connection: own('ec2'),
  aws_vpn_connection_route: own('ec2'),
  aws_vpn_gateway: own('ec2'),
  aws_vpn_gateway_route_propagation: own('ec2'),
  aws_wafv2_web_acl: own('wafv2'),
  // Associating a regional web ACL calls elasticloadbalancing:SetWebACL on the load balancer.
  aws_wafv2_web_acl_association: also(['wafv2', 'elasticloadbalancing']),
  // WAF checks the Firehose stream (firehose:ListDeliveryStreams) and creates its log delivery role.
  aws_wafv2_web_acl_logging_configuration: also(['wafv2', 'firehose'], 'wafv2.amazonaws.com'),
};

/** What refreshing one data source type reads. */
export type DataSourceRead =
  /** These actions, on any resource of the account. */
  | { readonly kind: 'actions'; readonly actions: readonly string[] }
  /** secretsmanager:GetSecretValue on the one secret it names. */
  | { readonly kind: 'secret-value' }
  /** ssm:GetParameter on the one parameter it names. */
  | { readonly kind: 'parameter' }
  /** s3:GetObject on another tier's state object. */
  | { readonly kind: 'remote-state' };

const reads = (...actions: string[]): DataSourceRead => ({ kind: 'actions', actions });

/** Every data source type a stack can synthesize, with what terraform plan reads to refresh it. */
export const DATA_SOURCE_TYPES: Readonly<Record<string, DataSourceRead>> = {
  aws_ami: reads('ec2:DescribeImages'),
  aws_ec2_managed_prefix_list: reads('ec2:DescribeManagedPrefixLists', 'ec2:GetManagedPrefixListEntries'),
  // The provider answers from its own table of the regions' load balancer accounts: no API call.
  aws_elb_service_account: reads(),
  aws_network_interface: reads('ec2:DescribeNetworkInterfaces'),
  aws_route53_zone: reads('route53:GetHostedZone', 'route53:ListHostedZones', 'route53:ListTagsForResource'),
  aws_secretsmanager_random_password: reads('secretsmanager:GetRandomPassword'),
  aws_secretsmanager_secret_version: { kind: 'secret-value' },
  aws_ssm_parameter: { kind: 'parameter' },
  terraform_remote_state: { kind: 'remote-state' },
};

const TABLE_FILE = 'scripts/lib/pipeline/resource-types.ts';

/** The table's entry for a resource type; throws, naming the stack and the type, when the table has none. */
export function resourceTypeAccess(stack: string, type: string): ResourceTypeAccess {
  const access = Object.hasOwn(RESOURCE_TYPES, type) ? RESOURCE_TYPES[type] : undefined;
  if (access === undefined) {
    throw new PipelinePolicyError(
      `stack ${stack}: resource type ${type} is not in the pipeline roles' table (RESOURCE_TYPES in ${TABLE_FILE}); ` +
        'add it there with the IAM service that manages it, so the plan and apply roles can read and change it',
    );
  }
  return access;
}

/** The table's entry for a data source type; throws, naming the stack and the type, when the table has none. */
export function dataSourceRead(stack: string, type: string): DataSourceRead {
  const read = Object.hasOwn(DATA_SOURCE_TYPES, type) ? DATA_SOURCE_TYPES[type] : undefined;
  if (read === undefined) {
    throw new PipelinePolicyError(
      `stack ${stack}: data source type ${type} is not in the pipeline roles' table (DATA_SOURCE_TYPES in ${TABLE_FILE}); ` +
        'add it there with the actions terraform plan calls to read it',
    );
  }
  return read;
}
