import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { ScheduleConfig } from '../config/schedule';
import { StartStopSchedule, StartStopScheduleProps } from '../constructs/schedules/start-stop-schedule';
import { StartStopTarget } from '../constructs/schedules/targets';
import { onlyResource, synthStack, SynthesizedStack } from './support/synth';
import { messageThrownBy } from './support/thrown';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const OFFICE_HOURS: ScheduleConfig = { timeZone: 'Europe/Dublin', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], startAt: '08:00', stopAt: '19:00' };
const ASG: StartStopTarget = { kind: 'auto-scaling-group', groupName: 'web', minSize: 1, desiredCapacity: 2 };

function props(change: Partial<StartStopScheduleProps> = {}): StartStopScheduleProps {
  return { namePrefix: 'webplat-test-edge', schedule: OFFICE_HOURS, target: ASG, accountId: ACCOUNT, region: REGION, ...change };
}

function build(change: Partial<StartStopScheduleProps> = {}): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'schedules');
  new AwsProvider(stack, 'aws', { region: REGION, allowedAccountIds: [ACCOUNT] });
  new StartStopSchedule(stack, 'schedule', props(change));
  return stack;
}

/** The Sids of the role's one inline policy, in order. */
function statementIds(json: SynthesizedStack): unknown[] {
  const policy = JSON.parse(onlyResource(json, 'aws_iam_role_policy').policy as string) as { Statement: { Sid?: unknown }[] };
  return policy.Statement.map((statement) => statement.Sid);
}

/** The message a build with this target throws. */
const errorOf = (target: StartStopTarget): string => messageThrownBy(() => build({ target }));

describe("StartStopSchedule's role policy statements", () => {
  // Sids label the statements in the IAM console and in IAM Access Analyzer findings; IAM wants them unique within a policy.
  it('names the ECS service statements after what they allow', () => {
    const target: StartStopTarget = {
      kind: 'ecs-service',
      clusterName: 'webplat-test',
      serviceName: 'wordpress',
      scalableTargetArn: `arn:aws:application-autoscaling:${REGION}:${ACCOUNT}:scalable-target/0ec1234567890abcdef0123456789abcdef`,
      minCapacity: 1,
      maxCapacity: 2,
    };
    expect(statementIds(synthStack(build({ target })))).toEqual(['ResizeTheScalableTarget', 'ScaleTheService']);
  });

  it('names the instances statement after what it allows', () => {
    const target: StartStopTarget = { kind: 'instances', instanceIds: ['i-0123456789abcdef0'], tag: { key: 'StartStop', value: 'sandbox' } };
    expect(statementIds(synthStack(build({ target })))).toEqual(['StopAndStartTaggedInstances']);
  });
});

describe('StartStopSchedule name prefix length', () => {
  it('accepts a prefix of exactly 54 characters, whose role name then is exactly IAM\'s 64', () => {
    const namePrefix = 'a'.repeat(54);
    const json = synthStack(build({ namePrefix }));
    expect(onlyResource(json, 'aws_scheduler_schedule_group').name).toBe(namePrefix);
    const roleName = onlyResource(json, 'aws_iam_role').name as string;
    expect(roleName).toBe(`${namePrefix}-scheduler`);
    expect(roleName).toHaveLength(64);
  });
});

describe('StartStopSchedule refuses an Auto Scaling group minimum that is not a count', () => {
  it.each([
    [-1, 'StartStopSchedule: minSize must be a whole number of at least 0, got -1'],
    [0.5, 'StartStopSchedule: minSize must be a whole number of at least 0, got 0.5'],
  ])('refuses minSize %p with a message naming the field and no claim that nothing would start', (minSize, message) => {
    // A minimum of 0 is allowed (the desired capacity still starts servers), so the message says nothing of the start.
    expect(errorOf({ kind: 'auto-scaling-group', groupName: 'web', minSize, desiredCapacity: 2 })).toBe(message);
  });

  it('still says the start would start nothing when the desired capacity is 0', () => {
    expect(errorOf({ kind: 'auto-scaling-group', groupName: 'web', minSize: 0, desiredCapacity: 0 })).toBe(
      'StartStopSchedule: desiredCapacity must be a whole number of at least 1, got 0: the start would start nothing',
    );
  });

  it('accepts a minimum of 0 with servers desired', () => {
    const json = synthStack(build({ target: { kind: 'auto-scaling-group', groupName: 'web', minSize: 0, desiredCapacity: 1 } }));
    const start = Object.values(json.resource?.aws_scheduler_schedule ?? {}).find((schedule) => schedule.name === 'webplat-test-edge-start') as Record<string, any>;
    expect(JSON.parse(start.target.input)).toEqual({ AutoScalingGroupName: 'web', MinSize: 0, DesiredCapacity: 1 });
  });
});
