/** What the alarms watch; absent parts have no alarms. */
export interface WatchedResources {
  /** The app tier's load balancer and its target group, by the ARN suffixes their metrics are keyed by. */
  readonly loadBalancer: {
    /** `app/<name>/<id>`: the LoadBalancer dimension. */
    readonly arnSuffix: string;
    /** `targetgroup/<name>/<id>`: the TargetGroup dimension. */
    readonly targetGroupArnSuffix: string;
  };
  /** The web servers' Auto Scaling group, or the ECS service on Fargate Spot. */
  readonly compute:
    | { readonly kind: 'ec2'; readonly autoScalingGroupName: string }
    | { readonly kind: 'fargate-spot'; readonly clusterName: string; readonly serviceName: string };
  /**
   * The Aurora cluster and how many readers it has beside the writer.
   * @default no database alarms
   */
  readonly database?: { readonly clusterIdentifier: string; readonly readers: number };
  /**
   * The cache replication group (cluster mode disabled) and its node count (primary plus replicas).
   * ElastiCache names the member clusters `<id>-001`, `<id>-002`, ... (DescribeReplicationGroups' MemberClusters).
   * @default no cache alarms
   */
  readonly cache?: { readonly replicationGroupId: string; readonly nodeCount: number };
  /** The regional (load balancer) and the us-east-1 (CloudFront) certificate. */
  readonly certificates: { readonly regionalArn: string; readonly globalArn: string };
  /** The CloudFront distribution. */
  readonly distributionId: string;
}

/** The SNS topics alarms notify: a CloudWatch alarm may only act on a topic in its own region. */
export interface AlarmTopics {
  /** The topic in the home region. */
  readonly homeArn: string;
  /** The topic in us-east-1, for CloudFront's and the CloudFront certificate's alarms. */
  readonly globalArn: string;
}
