import { Instance } from '@cdktf/provider-aws/lib/instance';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { ScheduleConfig } from '../config/schedule';
import { StartStopSchedule, StartStopScheduleProps } from '../constructs/schedules/start-stop-schedule';
import { StartStopTarget } from '../constructs/schedules/targets';
import { onlyResource, refTo, resourcesOf, SynthesizedStack, synthStack } from './support/synth';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const PREFIX = 'webplat-test-app-web';

const TOKYO_OFFICE_HOURS: ScheduleConfig = { timeZone: 'Asia/Tokyo', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], startAt: '07:30', stopAt: '20:00' };

const ASG: StartStopTarget = { kind: 'auto-scaling-group', groupName: 'webplat-test-app-web', minSize: 2, desiredCapacity: 3 };

/** Props of the construct under test, with `change` applied. */
function propsWith(change: Partial<StartStopScheduleProps> = {}): StartStopScheduleProps {
  return { namePrefix: PREFIX, schedule: TOKYO_OFFICE_HOURS, target: ASG, accountId: ACCOUNT, region: REGION, ...change };
}

/** A bare stack with the environment's provider and one StartStopSchedule. */
function scheduleStack(props: StartStopScheduleProps): { stack: TerraformStack; schedule: StartStopSchedule } {
  const stack = new TerraformStack(Testing.app(), 'schedules');
  new AwsProvider(stack, 'aws', { region: props.region, allowedAccountIds: [props.accountId] });
  return { stack, schedule: new StartStopSchedule(stack, 'schedule', props) };
}

function synthSchedule(props: StartStopScheduleProps): SynthesizedStack {
  return synthStack(scheduleStack(props).stack);
}

/** The stop and start schedules, by the verb their names end in. */
function schedules(json: SynthesizedStack): { stop: Record<string, any>; start: Record<string, any> } {
  const all = Object.values(resourcesOf(json, 'aws_scheduler_schedule'));
  expect(all).toHaveLength(2);
  const named = (verb: string) => all.find((schedule) => schedule.name === `${PREFIX}-${verb}`) as Record<string, any>;
  return { stop: named('stop'), start: named('start') };
}

/** The role's trust policy and its one inline policy, parsed; fails when the role has any other permission. */
function rolePolicies(json: SynthesizedStack): { trust: any; permissions: any } {
  const role = onlyResource(json, 'aws_iam_role');
  expect(role).not.toHaveProperty('managed_policy_arns');
  expect(role).not.toHaveProperty('inline_policy');
  expect(resourcesOf(json, 'aws_iam_role_policy_attachment')).toEqual({});
  expect(resourcesOf(json, 'aws_iam_policy')).toEqual({});
  const policy = onlyResource(json, 'aws_iam_role_policy');
  const [roleId] = Object.keys(resourcesOf(json, 'aws_iam_role'));
  expect(policy.role).toBe(refTo('aws_iam_role', roleId, 'name'));
  return { trust: JSON.parse(role.assume_role_policy as string), permissions: JSON.parse(policy.policy as string) };
}

describe('StartStopSchedule for an Auto Scaling group', () => {
  const json = synthSchedule(propsWith());
  const { stop, start } = schedules(json);
  const [roleId] = Object.keys(resourcesOf(json, 'aws_iam_role'));
  const [groupId] = Object.keys(resourcesOf(json, 'aws_scheduler_schedule_group'));

  it('puts both schedules in a schedule group of their own', () => {
    expect(onlyResource(json, 'aws_scheduler_schedule_group')).toMatchObject({ name: PREFIX });
    expect(stop.group_name).toBe(refTo('aws_scheduler_schedule_group', groupId, 'name'));
    expect(start.group_name).toBe(refTo('aws_scheduler_schedule_group', groupId, 'name'));
  });

  it('stops at 20:00 and starts at 07:30 on weekdays, Tokyo time, at the exact minute', () => {
    // EventBridge Scheduler cron: minutes hours day-of-month month day-of-week year; ? for an unused day field.
    expect(stop).toMatchObject({ schedule_expression: 'cron(0 20 ? * MON,TUE,WED,THU,FRI *)', schedule_expression_timezone: 'Asia/Tokyo', state: 'ENABLED' });
    expect(start).toMatchObject({ schedule_expression: 'cron(30 7 ? * MON,TUE,WED,THU,FRI *)', schedule_expression_timezone: 'Asia/Tokyo', state: 'ENABLED' });
    for (const schedule of [stop, start]) expect(schedule.flexible_time_window).toEqual({ mode: 'OFF' });
  });

  it('stops by setting the group minimum and desired capacity to 0, through the UpdateAutoScalingGroup universal target', () => {
    expect(stop.target.arn).toBe('arn:aws:scheduler:::aws-sdk:autoscaling:updateAutoScalingGroup');
    expect(JSON.parse(stop.target.input)).toEqual({ AutoScalingGroupName: 'webplat-test-app-web', MinSize: 0, DesiredCapacity: 0 });
  });

  it('starts by setting the configured minimum and desired capacity back', () => {
    expect(start.target.arn).toBe('arn:aws:scheduler:::aws-sdk:autoscaling:updateAutoScalingGroup');
    expect(JSON.parse(start.target.input)).toEqual({ AutoScalingGroupName: 'webplat-test-app-web', MinSize: 2, DesiredCapacity: 3 });
  });

  it('retries a failed call for a bounded time, as the role', () => {
    for (const schedule of [stop, start]) {
      expect(schedule.target.role_arn).toBe(refTo('aws_iam_role', roleId, 'arn'));
      expect(schedule.target.retry_policy).toEqual({ maximum_event_age_in_seconds: 1800, maximum_retry_attempts: 3 });
    }
  });

  it('has a role only EventBridge Scheduler can assume, for this account and this schedule group', () => {
    expect(rolePolicies(json).trust).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule-group/${PREFIX}` } },
        },
      ],
    });
  });

  it('lets the role update this one group and do nothing else', () => {
    expect(rolePolicies(json).permissions.Statement).toEqual([
      {
        Sid: expect.any(String),
        Effect: 'Allow',
        Action: 'autoscaling:UpdateAutoScalingGroup',
        // IAM's Auto Scaling group ARN: arn:aws:autoscaling:<region>:<account>:autoScalingGroup:<group id>:autoScalingGroupName/<name>
        Resource: `arn:aws:autoscaling:${REGION}:${ACCOUNT}:autoScalingGroup:*:autoScalingGroupName/webplat-test-app-web`,
      },
    ]);
  });

  it("alarms on the group's failed target calls and dropped invocations, and not on silence", () => {
    const alarm = onlyResource(json, 'aws_cloudwatch_metric_alarm') as Record<string, any>;
    expect(alarm).toMatchObject({
      alarm_name: `${PREFIX}-schedule-failed`,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      evaluation_periods: 1,
      treat_missing_data: 'notBreaching',
    });
    expect(alarm).not.toHaveProperty('alarm_actions');
    const queries = alarm.metric_query as Record<string, any>[];
    const metrics = queries.filter((query) => query.metric !== undefined);
    // AWS/Scheduler metrics by schedule group (EventBridge Scheduler User Guide, "Monitoring with CloudWatch").
    expect(metrics.map((query) => query.metric)).toEqual([
      { namespace: 'AWS/Scheduler', metric_name: 'TargetErrorCount', dimensions: { ScheduleGroup: refTo('aws_scheduler_schedule_group', groupId, 'name') }, stat: 'Sum', period: 300 },
      { namespace: 'AWS/Scheduler', metric_name: 'InvocationDroppedCount', dimensions: { ScheduleGroup: refTo('aws_scheduler_schedule_group', groupId, 'name') }, stat: 'Sum', period: 300 },
    ]);
    const returned = queries.filter((query) => query.return_data === true);
    expect(returned).toEqual([expect.objectContaining({ expression: `SUM([${metrics.map((query) => query.id).join(', ')}])` })]);
  });

  it("exposes the alarm's ARN and the schedule group's name for wiring", () => {
    const { stack, schedule } = scheduleStack(propsWith());
    new TerraformOutput(stack, 'alarm', { value: schedule.alarmArn });
    new TerraformOutput(stack, 'group', { value: schedule.scheduleGroupName });
    const output = synthStack(stack).output ?? {};
    const [alarmId] = Object.keys(resourcesOf(json, 'aws_cloudwatch_metric_alarm'));
    expect(output.alarm.value).toBe(refTo('aws_cloudwatch_metric_alarm', alarmId, 'arn'));
    expect(output.group.value).toBe(refTo('aws_scheduler_schedule_group', groupId, 'name'));
  });
});

describe('StartStopSchedule for an ECS service scaled by Application Auto Scaling', () => {
  const scalableTargetArn = `arn:aws:application-autoscaling:${REGION}:${ACCOUNT}:scalable-target/0ec1234567890abcdef0123456789abcdef`;
  const json = synthSchedule(
    propsWith({ target: { kind: 'ecs-service', clusterName: 'webplat-test', serviceName: 'wordpress', scalableTargetArn, minCapacity: 2, maxCapacity: 6 } }),
  );
  const { stop, start } = schedules(json);
  // RegisterScalableTarget on an ECS service: namespace ecs, dimension ecs:service:DesiredCount,
  // resource id service/<cluster>/<service> (Application Auto Scaling API Reference).
  const scalableTarget = { ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount', ResourceId: 'service/webplat-test/wordpress' };

  it('stops by setting the scalable target\'s minimum and maximum to 0, so no scaling policy can start a task again', () => {
    expect(stop.target.arn).toBe('arn:aws:scheduler:::aws-sdk:applicationautoscaling:registerScalableTarget');
    expect(JSON.parse(stop.target.input)).toEqual({ ...scalableTarget, MinCapacity: 0, MaxCapacity: 0 });
  });

  it('starts by setting the configured minimum and maximum back', () => {
    expect(start.target.arn).toBe('arn:aws:scheduler:::aws-sdk:applicationautoscaling:registerScalableTarget');
    expect(JSON.parse(start.target.input)).toEqual({ ...scalableTarget, MinCapacity: 2, MaxCapacity: 6 });
  });

  it('never sets the desired count itself, which auto scaling would undo', () => {
    for (const schedule of [stop, start]) {
      expect(schedule.target.arn).not.toMatch(/:ecs:/);
      expect(JSON.parse(schedule.target.input)).not.toHaveProperty('DesiredCount');
    }
  });

  it('lets the role register this one scalable target, and describe and update its one service as Application Auto Scaling requires of its caller', () => {
    const { trust, permissions } = rolePolicies(json);
    expect(trust.Statement).toEqual([expect.objectContaining({ Principal: { Service: 'scheduler.amazonaws.com' } })]);
    expect(permissions.Statement).toEqual([
      { Sid: expect.any(String), Effect: 'Allow', Action: 'application-autoscaling:RegisterScalableTarget', Resource: scalableTargetArn },
      { Sid: expect.any(String), Effect: 'Allow', Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/webplat-test/wordpress` },
    ]);
  });

  it('takes the resource id as given (a reference to the scalable target\'s)', () => {
    const wired = synthSchedule(
      propsWith({
        target: { kind: 'ecs-service', clusterName: 'c', serviceName: 's', resourceId: '${aws_appautoscaling_target.t.resource_id}', scalableTargetArn, minCapacity: 1, maxCapacity: 1 },
      }),
    );
    expect(JSON.parse(schedules(wired).stop.target.input).ResourceId).toBe('${aws_appautoscaling_target.t.resource_id}');
  });
});

describe('StartStopSchedule for tagged instances', () => {
  const json = synthSchedule(
    propsWith({
      schedule: { timeZone: 'Europe/Dublin', days: ['SUN', 'SAT'], startAt: '09:05', stopAt: '00:00' },
      target: { kind: 'instances', instanceIds: ['i-0123456789abcdef0', 'i-0fedcba9876543210'], tag: { key: 'StartStop', value: 'webplat-test-sandbox' } },
    }),
  );
  const { stop, start } = schedules(json);

  it('runs on the weekend in Dublin time, days in week order', () => {
    expect(stop).toMatchObject({ schedule_expression: 'cron(0 0 ? * SAT,SUN *)', schedule_expression_timezone: 'Europe/Dublin' });
    expect(start).toMatchObject({ schedule_expression: 'cron(5 9 ? * SAT,SUN *)', schedule_expression_timezone: 'Europe/Dublin' });
  });

  it('stops and starts the instances by id through the EC2 universal targets', () => {
    expect(stop.target.arn).toBe('arn:aws:scheduler:::aws-sdk:ec2:stopInstances');
    expect(start.target.arn).toBe('arn:aws:scheduler:::aws-sdk:ec2:startInstances');
    for (const schedule of [stop, start]) expect(JSON.parse(schedule.target.input)).toEqual({ InstanceIds: ['i-0123456789abcdef0', 'i-0fedcba9876543210'] });
  });

  it('lets the role stop and start only these instances, and only while they carry the tag', () => {
    expect(rolePolicies(json).permissions.Statement).toEqual([
      {
        Sid: expect.any(String),
        Effect: 'Allow',
        Action: ['ec2:StopInstances', 'ec2:StartInstances'],
        Resource: [`arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0123456789abcdef0`, `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0fedcba9876543210`],
        Condition: { StringEquals: { 'aws:ResourceTag/StartStop': 'webplat-test-sandbox' } },
      },
    ]);
  });
});

describe('StartStopSchedule wired to resources of the same stack', () => {
  it('carries references to the instances into the input and the role, resolved by Terraform', () => {
    const stack = new TerraformStack(Testing.app(), 'wired');
    new AwsProvider(stack, 'aws', { region: REGION, allowedAccountIds: [ACCOUNT] });
    const server = new Instance(stack, 'web', { ami: 'ami-0123456789abcdef0', instanceType: 't3.micro' });
    new StartStopSchedule(stack, 'schedule', propsWith({ target: { kind: 'instances', instanceIds: [server.id], tag: { key: 'StartStop', value: 'sandbox' } } }));
    const json = synthStack(stack);
    const serverId = refTo('aws_instance', Object.keys(resourcesOf(json, 'aws_instance'))[0]);
    expect(JSON.parse(schedules(json).stop.target.input)).toEqual({ InstanceIds: [serverId] });
    expect(rolePolicies(json).permissions.Statement[0].Resource).toEqual([`arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${serverId}`]);
  });
});

describe('StartStopSchedule with a known group ARN', () => {
  it('limits the role to that ARN', () => {
    const groupArn = `arn:aws:autoscaling:${REGION}:${ACCOUNT}:autoScalingGroup:0b1c2d3e-aaaa-bbbb-cccc-0123456789ab:autoScalingGroupName/web`;
    const json = synthSchedule(propsWith({ target: { ...ASG, kind: 'auto-scaling-group', groupName: 'web', groupArn } }));
    expect(rolePolicies(json).permissions.Statement).toEqual([expect.objectContaining({ Action: 'autoscaling:UpdateAutoScalingGroup', Resource: groupArn })]);
  });
});

describe('StartStopSchedule refuses props it cannot honour', () => {
  const build = (change: Partial<StartStopScheduleProps>) => () => scheduleStack(propsWith(change));

  it.each([['a'.repeat(55)], ['web servers'], ['']])('refuses the name prefix %j', (namePrefix) => {
    expect(build({ namePrefix })).toThrow(/namePrefix .* must be 1-54 characters of A-Z, a-z, 0-9, -, _ and \./);
  });

  it('refuses stop and start at the same time', () => {
    expect(build({ schedule: { ...TOKYO_OFFICE_HOURS, startAt: '08:00', stopAt: '08:00' } })).toThrow(/startAt and stopAt are both 08:00/);
  });

  it('refuses a time that is not HH:MM', () => {
    expect(build({ schedule: { ...TOKYO_OFFICE_HOURS, stopAt: '8pm' } })).toThrow(/expected a 24-hour time HH:MM such as 08:00, got "8pm"/);
  });

  it('refuses a schedule with no day', () => {
    expect(build({ schedule: { ...TOKYO_OFFICE_HOURS, days: [] } })).toThrow(/expected at least one day/);
  });

  it.each<[string, StartStopTarget, RegExp]>([
    ['a group started at capacity 0', { ...ASG, kind: 'auto-scaling-group', minSize: 0, desiredCapacity: 0 }, /desiredCapacity must be a whole number of at least 1, got 0: the start would start nothing/],
    ['a minimum above the desired capacity', { ...ASG, kind: 'auto-scaling-group', minSize: 3, desiredCapacity: 2 }, /minSize \(3\) must not exceed desiredCapacity \(2\)/],
    ['a service started with minimum 0', { kind: 'ecs-service', clusterName: 'c', serviceName: 's', scalableTargetArn: 'arn', minCapacity: 0, maxCapacity: 2 }, /minCapacity must be a whole number of at least 1, got 0: the start would start nothing/],
    ['a service maximum below its minimum', { kind: 'ecs-service', clusterName: 'c', serviceName: 's', scalableTargetArn: 'arn', minCapacity: 3, maxCapacity: 2 }, /maxCapacity \(2\) must not be below minCapacity \(3\)/],
    ['no instance', { kind: 'instances', instanceIds: [], tag: { key: 'StartStop', value: 'x' } }, /instanceIds must name at least one instance/],
    ['an instance tag without a key', { kind: 'instances', instanceIds: ['i-0123456789abcdef0'], tag: { key: '', value: 'x' } }, /the instances tag needs a key/],
  ])('refuses %s', (_, target, message) => {
    expect(build({ target })).toThrow(message);
  });
});
