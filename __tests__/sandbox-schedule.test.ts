import { App } from 'cdktf';
import { SandboxStack } from '../stacks/sandbox-stack';
import { sandboxConfigFor } from './support/sandbox';
import { resourcesOf, resourceUnder, synthStack } from './support/synth';

describe('a sandbox on a start/stop schedule', () => {
  const config = sandboxConfigFor({ schedule: { timeZone: 'Europe/Dublin', days: ['MON', 'WED'], startAt: '07:00', stopAt: '18:30' } });
  const json = synthStack(new SandboxStack(new App(), config, config.sandbox!));
  const instanceIds = Object.keys(resourcesOf(json, 'aws_instance'))
    .sort()
    .map((id) => `\${aws_instance.${id}.id}`);
  const schedules = Object.values(resourcesOf(json, 'aws_scheduler_schedule'));
  const named = (suffix: string) => schedules.find((schedule) => String(schedule.name).endsWith(`-${suffix}`))!;
  const target = (schedule: Record<string, unknown>) => schedule.target as { arn: string; input: string; role_arn: string };

  it('stops both servers at 18:30 and starts them at 07:00, Dublin time, on the configured days', () => {
    expect(schedules).toHaveLength(2);
    expect(named('stop')).toMatchObject({ schedule_expression: 'cron(30 18 ? * MON,WED *)', schedule_expression_timezone: 'Europe/Dublin' });
    expect(named('start')).toMatchObject({ schedule_expression: 'cron(0 7 ? * MON,WED *)', schedule_expression_timezone: 'Europe/Dublin' });
    // EventBridge Scheduler universal targets: arn:aws:scheduler:::aws-sdk:<service>:<apiAction>.
    expect(target(named('stop')).arn).toBe('arn:aws:scheduler:::aws-sdk:ec2:stopInstances');
    expect(target(named('start')).arn).toBe('arn:aws:scheduler:::aws-sdk:ec2:startInstances');
    expect(instanceIds).toHaveLength(2);
    for (const schedule of schedules) expect([...(JSON.parse(target(schedule).input) as { InstanceIds: string[] }).InstanceIds].sort()).toEqual(instanceIds);
  });

  it('runs as a role that may only stop and start instances carrying the servers\' own tag', () => {
    const policy = JSON.parse(resourceUnder(json, 'aws_iam_role_policy', 'schedule_').policy as string) as { Statement: { Action: string[] | string; Condition?: Record<string, Record<string, string>> }[] };
    const actions = policy.Statement.flatMap((statement) => statement.Action).sort();
    expect(actions).toEqual(['ec2:StartInstances', 'ec2:StopInstances']);
    const tagConditions = policy.Statement.map((statement) => Object.keys(statement.Condition?.StringEquals ?? {}).filter((key) => key.startsWith('aws:ResourceTag/')));
    expect(tagConditions.every((keys) => keys.length === 1)).toBe(true);
  });
});
