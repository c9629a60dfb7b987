import { AccountService } from './resource-types';

/** What the roles may do with one account-wide service. */
export interface ServiceAccess {
  /**
   * The reads terraform refresh makes on the service's resources: descriptions, configurations, tags.
   * Never a read of data the resources hold (log events, metric data, object contents, secret values).
   */
  readonly read: readonly string[];
  /**
   * What apply adds: the service's actions, as a service-level wildcard where AWS offers no useful
   * resource scoping for the create calls Terraform makes.
   * @default - `<service>:*`
   */
  readonly write?: readonly string[];
}

/** The read (plan) and write (apply) actions of each service the roles get on any resource of the account, in the environment's regions. */
export const ACCOUNT_SERVICES: Readonly<Record<AccountService, ServiceAccess>> = {
  acm: { read: ['acm:DescribeCertificate', 'acm:GetCertificate', 'acm:ListTagsForCertificate'] },
  'application-autoscaling': { read: ['application-autoscaling:Describe*', 'application-autoscaling:ListTagsForResource'] },
  autoscaling: { read: ['autoscaling:Describe*'] },
  chatbot: { read: ['chatbot:Describe*', 'chatbot:Get*', 'chatbot:List*'] },
  cloudfront: { read: ['cloudfront:Describe*', 'cloudfront:Get*', 'cloudfront:List*'] },
  // Not cloudtrail:Get*, which includes CloudTrail Lake query results.
  cloudtrail: { read: ['cloudtrail:DescribeTrails', 'cloudtrail:GetEventSelectors', 'cloudtrail:GetInsightSelectors', 'cloudtrail:GetTrail*', 'cloudtrail:ListTags'] },
  // Not cloudwatch:Get*, which includes metric data.
  cloudwatch: { read: ['cloudwatch:DescribeAlarms', 'cloudwatch:GetDashboard', 'cloudwatch:ListTagsForResource'] },
  // Not ec2:Get*, which includes instances' console output and Windows passwords.
  ec2: { read: ['ec2:Describe*', 'ec2:GetManagedPrefixListEntries'] },
  ecs: { read: ['ecs:Describe*', 'ecs:List*'] },
  elasticache: { read: ['elasticache:Describe*', 'elasticache:ListTagsForResource'] },
  elasticloadbalancing: { read: ['elasticloadbalancing:Describe*'] },
  events: { read: ['events:Describe*', 'events:List*'] },
  firehose: { read: ['firehose:Describe*', 'firehose:List*'] },
  kms: { read: ['kms:Describe*', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:List*'] },
  // Not logs:Get*, which includes log events.
  logs: { read: ['logs:Describe*', 'logs:GetDelivery*', 'logs:List*'] },
  rds: { read: ['rds:Describe*', 'rds:ListTagsForResource'] },
  route53: { read: ['route53:Get*', 'route53:List*'] },
  scheduler: { read: ['scheduler:Get*', 'scheduler:List*'] },
  sns: { read: ['sns:GetSubscriptionAttributes', 'sns:GetTopicAttributes', 'sns:ListSubscriptionsByTopic', 'sns:ListTagsForResource'] },
  wafv2: { read: ['wafv2:Get*', 'wafv2:List*'] },
};

/** Apply's actions of one account-wide service. */
export function writeActions(service: AccountService): readonly string[] {
  return ACCOUNT_SERVICES[service].write ?? [`${service}:*`];
}
