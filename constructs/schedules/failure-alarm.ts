import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';

/** EventBridge Scheduler's CloudWatch namespace. */
const SCHEDULER_NAMESPACE = 'AWS/Scheduler';
/** Seconds per alarm period. */
const PERIOD_SECONDS = 300;

export interface ScheduleFailureAlarmProps {
  readonly alarmName: string;
  /** The schedule group whose failed invocations are counted (the metrics' ScheduleGroup dimension). */
  readonly scheduleGroupName: string;
  /** What the schedules stop and start, for the description. */
  readonly targetDescription: string;
  /**
   * SNS topic in the alarm's region that hears the alarm and its recovery.
   * @default - no action
   */
  readonly topicArn?: string;
}

/**
 * An alarm that goes off when a scheduled stop or start fails: any target error
 * (`TargetErrorCount`, such as access denied or a bad request, counted even when a retry then
 * succeeds) or any invocation dropped after the retry policy ran out (`InvocationDroppedCount`),
 * summed per 5 minutes for one schedule group. No data (nothing ran) is not a failure.
 */
export class ScheduleFailureAlarm extends Construct {
  public readonly arn: string;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: ScheduleFailureAlarmProps) {
    super(scope, id);
    const metric = (metricName: string) => ({
      namespace: SCHEDULER_NAMESPACE,
      metricName,
      dimensions: { ScheduleGroup: props.scheduleGroupName },
      stat: 'Sum',
      period: PERIOD_SECONDS,
    });
    const alarm = new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: props.alarmName,
      alarmDescription: `A scheduled stop or start of ${props.targetDescription} failed (schedule group ${props.scheduleGroupName}): check the target's state and the schedule's execution role.`,
      metricQuery: [
        { id: 'failures', expression: 'SUM([errors, dropped])', label: 'Failed scheduled stops and starts', returnData: true },
        { id: 'errors', metric: metric('TargetErrorCount'), returnData: false },
        { id: 'dropped', metric: metric('InvocationDroppedCount'), returnData: false },
      ],
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: 'notBreaching',
      ...(props.topicArn === undefined ? {} : { alarmActions: [props.topicArn], okActions: [props.topicArn] }),
    });
    this.arn = alarm.arn;
    this.name = alarm.alarmName;
  }
}
