import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SchedulerScheduleGroup } from '@cdktf/provider-aws/lib/scheduler-schedule-group';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ScheduleConfig } from '../../config/schedule';
import { dailyCron } from './cron';
import { ScheduleFailureAlarm } from './failure-alarm';
import { SchedulerRole } from './scheduler-role';
import { StartStopTarget, targetActions, UniversalCall } from './targets';

/** Longest name prefix: the role's name (`<prefix>-scheduler`) must fit IAM's 64 characters, the group's name Scheduler's 64. */
export const MAX_NAME_PREFIX_LENGTH = 54;
/** Characters a schedule group name may hold (EventBridge Scheduler). */
const NAME_PREFIX_PATTERN = /^[0-9A-Za-z_.-]+$/;
/** How long a failed stop or start is retried: a start that works 30 minutes late still helps; after that, the alarm says so. */
export const MAX_EVENT_AGE_SECONDS = 1800;
/** Retries of a failed stop or start within MAX_EVENT_AGE_SECONDS. */
export const MAX_RETRY_ATTEMPTS = 3;

export interface StartStopScheduleProps {
  /**
   * Prefix of the physical names, such as `webplat-dev-app-web`: the schedule group is named
   * `<prefix>`, the schedules `<prefix>-stop` and `<prefix>-start`, the role `<prefix>-scheduler`
   * and the alarm `<prefix>-schedule-failed`. At most MAX_NAME_PREFIX_LENGTH characters of
   * A-Z, a-z, 0-9, `-`, `_` and `.`.
   */
  readonly namePrefix: string;
  /** When to stop and start: days, HH:MM times and time zone (validated config, config/schedule.ts). */
  readonly schedule: ScheduleConfig;
  /** What is stopped and started. */
  readonly target: StartStopTarget;
  /** The environment's account: the target's ARN and the role's trust are built with it. */
  readonly accountId: string;
  /** The home region, where the schedules, the target and the alarm are. */
  readonly region: string;
  /**
   * SNS topic (in the home region) the failure alarm notifies, and tells of its recovery.
   * @default - no action: the alarm is only seen in the CloudWatch console
   */
  readonly alarmTopicArn?: string;
}

/**
 * Stops and starts non-production compute on a schedule with EventBridge Scheduler: a schedule
 * group of its own holding a stop and a start schedule (cron in the configured time zone, no
 * flexible window, retried for up to 30 minutes) whose universal targets call the service's API
 * directly (no Lambda), an execution role that may make only those calls on only that target,
 * and an alarm on the group's failed invocations.
 */
export class StartStopSchedule extends Construct {
  /** The schedule group (the ScheduleGroup dimension of the AWS/Scheduler metrics). */
  public readonly scheduleGroupName: string;
  /** The failure alarm, for an alarm action added later (it has none). */
  public readonly alarmArn: string;
  public readonly alarmName: string;
  /** The execution role the schedules assume. */
  public readonly roleArn: string;

  constructor(scope: Construct, id: string, props: StartStopScheduleProps) {
    super(scope, id);
    const prefix = props.namePrefix;
    if (!Token.isUnresolved(prefix) && (prefix.length > MAX_NAME_PREFIX_LENGTH || !NAME_PREFIX_PATTERN.test(prefix))) {
      throw new Error(
        `StartStopSchedule: namePrefix ${JSON.stringify(prefix)} must be 1-${MAX_NAME_PREFIX_LENGTH} characters of A-Z, a-z, 0-9, -, _ and . (use Naming.name(tier, purpose, MAX_NAME_PREFIX_LENGTH))`,
      );
    }
    const { schedule } = props;
    if (schedule.startAt === schedule.stopAt) {
      throw new Error(`StartStopSchedule: startAt and stopAt are both ${schedule.startAt}; the servers must stop and start at different times`);
    }
    const actions = targetActions(props.target, props);
    const stopExpression = dailyCron(schedule.stopAt, schedule.days);
    const startExpression = dailyCron(schedule.startAt, schedule.days);

    const group = new SchedulerScheduleGroup(this, 'group', { name: prefix });
    const role = new SchedulerRole(this, 'role', {
      name: `${prefix}-scheduler`,
      accountId: props.accountId,
      scheduleGroupArn: `arn:aws:scheduler:${props.region}:${props.accountId}:schedule-group/${prefix}`,
      statements: actions.statements,
    });

    const scheduleOf = (id: 'stop' | 'start', expression: string, call: UniversalCall, at: string) =>
      new SchedulerSchedule(this, id, {
        name: `${prefix}-${id}`,
        groupName: group.name,
        description: `${id === 'stop' ? 'Stops' : 'Starts'} ${actions.description} at ${at} ${schedule.timeZone} on ${schedule.days.join(', ')}`,
        scheduleExpression: expression,
        scheduleExpressionTimezone: schedule.timeZone,
        state: 'ENABLED',
        flexibleTimeWindow: { mode: 'OFF' },
        target: {
          arn: call.arn,
          roleArn: role.arn,
          input: JSON.stringify(call.input),
          retryPolicy: { maximumEventAgeInSeconds: MAX_EVENT_AGE_SECONDS, maximumRetryAttempts: MAX_RETRY_ATTEMPTS },
        },
      });
    scheduleOf('stop', stopExpression, actions.stop, schedule.stopAt);
    scheduleOf('start', startExpression, actions.start, schedule.startAt);

    const alarm = new ScheduleFailureAlarm(this, 'failed', {
      alarmName: `${prefix}-schedule-failed`,
      scheduleGroupName: group.name,
      targetDescription: actions.description,
      topicArn: props.alarmTopicArn,
    });
    this.scheduleGroupName = group.name;
    this.alarmArn = alarm.arn;
    this.alarmName = alarm.name;
    this.roleArn = role.arn;
  }
}
