import { App } from 'cdktf';
import { AppStack } from '../stacks/app-stack';
import type { WebPlatformInput } from './support/fixtures';
import { rolePolicy } from './support/containers';
import { testConfig } from './support/fixtures';
import { onlyResource, resourcesOf, synthStack } from './support/synth';

function synthApp(change?: (input: WebPlatformInput) => void) {
  return synthStack(new AppStack(new App(), testConfig(change)));
}

const userDataOf = (json: ReturnType<typeof synthApp>) => Buffer.from(onlyResource(json, 'aws_launch_template').user_data as string, 'base64').toString('utf8');
const policies = (json: ReturnType<typeof synthApp>) => Object.values(resourcesOf(json, 'aws_autoscaling_policy'));

describe('web servers with the default image and scaling', () => {
  const json = synthApp();

  it('launch the latest Amazon Linux 2023 through the SSM parameter, with no data source', () => {
    expect(onlyResource(json, 'aws_launch_template').image_id).toBe('resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64');
    expect(json.data?.aws_ami).toBeUndefined();
    expect(json.data?.aws_ssm_parameter).toBeUndefined();
  });

  it('track 50% average CPU and nothing else, scaling in as well as out between min and max', () => {
    expect(policies(json)).toEqual([
      expect.objectContaining({
        autoscaling_group_name: '${aws_autoscaling_group.web_group_B200170D.name}',
        policy_type: 'TargetTrackingScaling',
        target_tracking_configuration: { predefined_metric_specification: { predefined_metric_type: 'ASGAverageCPUUtilization' }, target_value: 50 },
      }),
    ]);
    expect(policies(json)[0].target_tracking_configuration).not.toHaveProperty('disable_scale_in');
  });

  it('leave the running size to the policies: Terraform ignores desired_capacity, not min_size', () => {
    expect(onlyResource(json, 'aws_autoscaling_group').lifecycle).toEqual({ ignore_changes: ['desired_capacity'] });
  });

  it('have no schedule', () => {
    expect(resourcesOf(json, 'aws_scheduler_schedule')).toEqual({});
  });
});

describe('web servers on Amazon Linux 2 by name pattern, scaled on requests too, on a schedule', () => {
  const json = synthApp((input) => {
    input.app = {
      ami: { namePattern: 'amzn2-ami-kernel-5.10-hvm-*-x86_64-gp2', owner: 'amazon' },
      scaling: { cpuTargetPercent: 70, requestsPerTarget: 800 },
      schedule: { timeZone: 'Asia/Tokyo', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], startAt: '08:30', stopAt: '19:45' },
      minSize: 1,
      desiredCapacity: 2,
    };
  });

  it('boot the most recent available image of that name from Amazon, of the instance type\'s architecture', () => {
    const images = Object.entries(json.data?.aws_ami ?? {});
    expect(images).toHaveLength(1);
    const [id, image] = images[0];
    expect(image).toEqual({
      most_recent: true,
      owners: ['amazon'],
      filter: [
        { name: 'name', values: ['amzn2-ami-kernel-5.10-hvm-*-x86_64-gp2'] },
        { name: 'architecture', values: ['x86_64'] },
        { name: 'state', values: ['available'] },
      ],
    });
    expect(onlyResource(json, 'aws_launch_template').image_id).toBe(`\${data.aws_ami.${id}.id}`);
  });

  it('install Apache with yum, the package manager of Amazon Linux 2', () => {
    expect(userDataOf(json)).toContain('\nyum install -y httpd\n');
    expect(userDataOf(json)).not.toContain('dnf');
  });

  it('track the configured CPU target and ALB requests per target for this load balancer and target group', () => {
    const byMetric = Object.fromEntries(
      policies(json).map((policy) => {
        const config = policy.target_tracking_configuration as { predefined_metric_specification: { predefined_metric_type: string; resource_label?: string }; target_value: number };
        return [config.predefined_metric_specification.predefined_metric_type, config];
      }),
    );
    expect(Object.keys(byMetric).sort()).toEqual(['ALBRequestCountPerTarget', 'ASGAverageCPUUtilization']);
    expect(byMetric.ASGAverageCPUUtilization.target_value).toBe(70);
    expect(byMetric.ALBRequestCountPerTarget).toEqual({
      predefined_metric_specification: {
        predefined_metric_type: 'ALBRequestCountPerTarget',
        // AWS: app/<load-balancer-name>/<id>/targetgroup/<target-group-name>/<id>, the two ARN suffixes joined by "/".
        resource_label: '${aws_lb.alb_88D76693.arn_suffix}/${aws_lb_target_group.alb_targets_7CB452DA.arn_suffix}',
      },
      target_value: 800,
    });
  });

  it('let the schedule own min_size too, so an apply at night does not start the servers', () => {
    expect(onlyResource(json, 'aws_autoscaling_group').lifecycle).toEqual({ ignore_changes: ['desired_capacity', 'min_size'] });
  });

  it('stop at 19:45 and start at 08:30 Tokyo time on weekdays, scaling this group to zero and back to the configured sizes', () => {
    const schedules = Object.values(resourcesOf(json, 'aws_scheduler_schedule'));
    const byName = Object.fromEntries(schedules.map((schedule) => [String(schedule.name).replace(/^.*-/, ''), schedule]));
    expect(byName.stop).toMatchObject({ schedule_expression: 'cron(45 19 ? * MON,TUE,WED,THU,FRI *)', schedule_expression_timezone: 'Asia/Tokyo' });
    expect(byName.start).toMatchObject({ schedule_expression: 'cron(30 8 ? * MON,TUE,WED,THU,FRI *)', schedule_expression_timezone: 'Asia/Tokyo' });
    const target = (schedule: Record<string, unknown>) => (schedule.target as { arn: string; input: string });
    expect(target(byName.stop).arn).toBe('arn:aws:scheduler:::aws-sdk:autoscaling:updateAutoScalingGroup');
    expect(JSON.parse(target(byName.stop).input)).toEqual({ AutoScalingGroupName: '${aws_autoscaling_group.web_group_B200170D.name}', MinSize: 0, DesiredCapacity: 0 });
    expect(JSON.parse(target(byName.start).input)).toEqual({ AutoScalingGroupName: '${aws_autoscaling_group.web_group_B200170D.name}', MinSize: 1, DesiredCapacity: 2 });
  });
});

describe('web servers on one pinned image', () => {
  const json = synthApp((input) => (input.app = { ami: { id: 'ami-0123456789abcdef0', owner: '123456789012', family: 'al2023' } }));

  it('look the id up with its owner, so a plan fails on an image of anyone else', () => {
    const [id, image] = Object.entries(json.data?.aws_ami ?? {})[0];
    expect(image).toEqual({ owners: ['123456789012'], filter: [{ name: 'image-id', values: ['ami-0123456789abcdef0'] }] });
    expect(onlyResource(json, 'aws_launch_template').image_id).toBe(`\${data.aws_ami.${id}.id}`);
    expect(userDataOf(json)).toContain('\ndnf install -y httpd\n');
  });
});

describe('web servers with a boot script from app.userDataFile', () => {
  const script = ['#!/bin/bash', 'set -euo pipefail', 'dnf install -y nginx', 'systemctl enable --now nginx', ''].join('\n');
  const config = testConfig();
  // What the loader puts there after reading app.userDataFile beside the environment file.
  config.app.userData = script;
  const json = synthStack(new AppStack(new App(), config));

  it('boot that script, byte for byte, instead of the Apache default', () => {
    expect(userDataOf(json)).toBe(script);
    expect(userDataOf(json)).not.toContain('httpd');
  });

  it('boot the default Apache script when the file is left out', () => {
    expect(userDataOf(synthApp())).toContain('\ndnf install -y httpd\n');
  });
});

describe('web servers recording sessions (ops.sessionManager)', () => {
  it('may write session transcripts to the ops tier\'s session log group, by its fixed name, and nothing more', () => {
    const { statements, policies } = rolePolicy(synthApp(), '-instance');
    const isLogs = (statement: any) => [statement.Action].flat().some((action: string) => action.startsWith('logs:'));
    // The uploads grant and the session logs: arn:aws:logs:<region>:<account>:log-group:<name>[:log-stream:<stream>]
    expect(policies).toBe(2);
    const group = 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/ssm/webplat-test-ops-sessions';
    expect(statements.filter(isLogs)).toEqual([
      { Sid: expect.any(String), Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${group}:log-stream:*` },
      { Sid: expect.any(String), Effect: 'Allow', Action: 'logs:DescribeLogStreams', Resource: `${group}:*` },
      // DescribeLogGroups lists the account's groups: IAM grants it on "*" only.
      { Sid: expect.any(String), Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' },
    ]);
    expect(statements.filter((statement) => !isLogs(statement)).map((statement) => statement.Sid)).toEqual(['ListUploads', 'ReadWriteUploads']);
  });

  it('get no log permission when the environment does not record sessions', () => {
    const { statements, policies } = rolePolicy(synthApp((input) => (input.ops = { sessionManager: { enabled: false } })), '-instance');
    expect(policies).toBe(1);
    expect(statements.map((statement) => statement.Sid)).toEqual(['ListUploads', 'ReadWriteUploads']);
  });
});
