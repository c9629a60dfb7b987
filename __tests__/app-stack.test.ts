import { App, Testing } from 'cdktf';
import { createHash } from 'node:crypto';
import { OriginLoadBalancer } from '../constructs/app/load-balancer';
import type { WebPlatformInput } from './support/fixtures';
import { AppStack } from '../stacks/app-stack';
import { asProduction, testConfig } from './support/fixtures';
import { messageThrownBy } from './support/thrown';
import { onlyResource, resourcesOf, SynthesizedStack, synthStack } from './support/synth';

function synthApp(change?: (input: WebPlatformInput) => void) {
  return synthStack(new AppStack(new App(), testConfig(change)));
}

/** The resources of `type` attached to the load balancer's access log bucket. */
function onAlbLogBucket(json: SynthesizedStack, type: string): Record<string, unknown>[] {
  const [bucketId] = Object.keys(resourcesOf(json, 'aws_s3_bucket')).filter((id) => id.startsWith('alb_access-logs_bucket_'));
  return Object.values(resourcesOf(json, type)).filter((resource) => resource.bucket === `\${aws_s3_bucket.${bucketId}.id}`);
}

const albLogBucketPolicy = (json: SynthesizedStack) => onAlbLogBucket(json, 'aws_s3_bucket_policy')[0];

describe('app stack', () => {
  const json = synthApp();

  describe('load balancer', () => {
    it('is internet-facing in the public subnets, behind the network tier\'s ALB security group', () => {
      expect(onlyResource(json, 'aws_lb')).toMatchObject({
        internal: false,
        load_balancer_type: 'application',
        subnets: '${data.terraform_remote_state.network-state.outputs.public_subnet_ids}',
        security_groups: ['${data.terraform_remote_state.network-state.outputs.alb_security_group_id}'],
        drop_invalid_header_fields: true,
      });
    });

    it('has deletion protection in production only', () => {
      expect(onlyResource(json, 'aws_lb').enable_deletion_protection).toBe(false);
      expect(onlyResource(synthApp(asProduction), 'aws_lb').enable_deletion_protection).toBe(true);
    });

    it('answers 403 on HTTPS unless the request carries the secret origin header', () => {
      const listeners = Object.values(resourcesOf(json, 'aws_lb_listener'));
      const https = listeners.find((listener) => listener.port === 443)!;
      expect(https).toMatchObject({
        protocol: 'HTTPS',
        ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        certificate_arn: '${data.terraform_remote_state.dns-state.outputs.regional_certificate_arn}',
        default_action: [{ type: 'fixed-response', fixed_response: { status_code: '403', content_type: 'text/plain', message_body: 'Forbidden' } }],
      });
      const rule = onlyResource(json, 'aws_lb_listener_rule');
      expect(rule.condition).toEqual([{ http_header: { http_header_name: 'X-Origin-Verify', values: [expect.stringMatching(/^\$\{aws_secretsmanager_secret_version\.[\w-]+\.secret_string\}$/)] } }]);
      expect(rule.action).toEqual([{ type: 'forward', target_group_arn: expect.stringMatching(/^\$\{aws_lb_target_group\./) }]);
    });

    it('redirects HTTP to HTTPS', () => {
      const http = Object.values(resourcesOf(json, 'aws_lb_listener')).find((listener) => listener.port === 80);
      expect(http?.default_action).toEqual([{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }]);
    });

    it('writes access logs to a private bucket only the regional load balancer account may write to', () => {
      const alb = onlyResource(json, 'aws_lb');
      expect(alb.access_logs).toEqual({ bucket: expect.stringMatching(/aws_s3_bucket\.alb_access-logs_bucket_\w+\.bucket/), enabled: true });
      const policy = JSON.parse(albLogBucketPolicy(json).policy as string);
      expect(policy.Statement).toContainEqual({
        Sid: 'LoadBalancerAccessLogs',
        Effect: 'Allow',
        Principal: { AWS: expect.stringMatching(/^\$\{data\.aws_elb_service_account\.[\w-]+\.arn\}$/) },
        Action: 's3:PutObject',
        Resource: expect.stringMatching(/aws_s3_bucket\.alb_access-logs_bucket_\w+\.arn\}\/AWSLogs\/123456789012\/\*$/),
      });
      expect(onAlbLogBucket(json, 'aws_s3_bucket_public_access_block')).toEqual([expect.objectContaining({ block_public_policy: true, restrict_public_buckets: true })]);
    });

    it('lets the log delivery service principal write access logs in regions opened since August 2022', () => {
      const zurich = synthApp((input) => {
        input.region = 'eu-central-2';
        input.network.availabilityZones = ['eu-central-2a', 'eu-central-2b'];
      });
      expect(zurich.data?.aws_elb_service_account).toBeUndefined();
      const policy = JSON.parse(albLogBucketPolicy(zurich).policy as string);
      expect(policy.Statement).toContainEqual(
        expect.objectContaining({ Sid: 'LoadBalancerAccessLogs', Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' } }),
      );
    });

    it('refuses fewer than two zones', () => {
      const stack = new AppStack(new App(), testConfig());
      expect(
        () =>
          new OriginLoadBalancer(stack, 'one-zone', {
            name: 'x', targetGroupName: 'x', logBucketName: 'x', logRetentionDays: 1, region: 'eu-west-1', accountId: '123456789012', vpcId: 'vpc', subnetIds: ['a'], zoneCount: 1,
            securityGroupId: 'sg', certificateArn: 'arn', targetPort: 80, healthCheckPath: '/', originHeader: { name: 'h', value: 'v' }, deletionProtection: false,
          }),
      ).toThrow('OriginLoadBalancer needs public subnets in at least 2 availability zones, got 1.');
    });
  });

  describe('origin secret', () => {
    it('is deleted at once outside production, so a destroyed app stack can be applied again at once', () => {
      expect(onlyResource(json, 'aws_secretsmanager_secret').recovery_window_in_days).toBe(0);
    });

    it('keeps the longest recovery window (30 days) in production', () => {
      expect(onlyResource(synthApp(asProduction), 'aws_secretsmanager_secret').recovery_window_in_days).toBe(30);
    });

    it('is generated and kept in Secrets Manager, and never changed by a later plan', () => {
      expect(json.data?.aws_secretsmanager_random_password).toBeDefined();
      expect(onlyResource(json, 'aws_secretsmanager_secret_version')).toMatchObject({
        secret_string: expect.stringMatching(/^\$\{data\.aws_secretsmanager_random_password\./),
        lifecycle: { ignore_changes: ['secret_string'] },
      });
    });
  });

  describe('web servers', () => {
    const template = onlyResource(json, 'aws_launch_template');

    it('require IMDSv2, encrypt a gp3 root volume and have no key pair', () => {
      expect(template.metadata_options).toMatchObject({ http_tokens: 'required', http_endpoint: 'enabled', http_put_response_hop_limit: 1 });
      expect(template.block_device_mappings).toEqual([
        { device_name: '/dev/xvda', ebs: { volume_size: 20, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' } },
      ]);
      expect(template).not.toHaveProperty('key_name');
    });

    it('tag their instances, volumes and network interfaces with the standard and the environment\'s tags, which default_tags do not reach', () => {
      const tagged = synthApp((input) => (input.tags = { 'cost-center': 'web' }));
      const expected = { 'cost-center': 'web', project: 'webplat', environment: 'test', tier: 'app', 'managed-by': 'cdktf', Name: 'webplat-test-app-web' };
      expect(onlyResource(tagged, 'aws_launch_template').tag_specifications).toEqual(
        ['instance', 'volume', 'network-interface'].map((resource_type) => ({ resource_type, tags: expected })),
      );
    });

    it('take the AMI from the SSM public parameter at launch', () => {
      expect(template.image_id).toBe('resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64');
    });

    it('boot the newest available image of a configured name pattern built for the instance type\'s architecture (arm64 for t4g)', () => {
      const graviton = synthApp((input) => (input.app = { instanceType: 't4g.small', ami: { namePattern: 'golden-web-*', owner: '123456789012', family: 'al2023' } }));
      const image = Object.values(graviton.data?.aws_ami ?? {});
      expect(image).toEqual([
        expect.objectContaining({
          most_recent: true,
          owners: ['123456789012'],
          filter: [
            { name: 'name', values: ['golden-web-*'] },
            { name: 'architecture', values: ['arm64'] },
            { name: 'state', values: ['available'] },
          ],
        }),
      ]);
    });

    it('are managed through Session Manager only', () => {
      expect(onlyResource(json, 'aws_iam_role_policy_attachment').policy_arn).toBe('arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore');
      expect(template.vpc_security_group_ids).toEqual(['${data.terraform_remote_state.network-state.outputs.app_security_group_id}']);
    });

    it('start a web server on the app port that trusts X-Forwarded-Proto', () => {
      const script = Buffer.from(template.user_data as string, 'base64').toString('utf8');
      // Written out in full: on Amazon Linux 2023 (the default image) the script is the one instances already run, byte for byte.
      expect(script).toBe(
        [
          '#!/bin/bash',
          'set -euo pipefail',
          'dnf install -y httpd',
          "sed -i 's/^Listen .*/Listen 80/' /etc/httpd/conf/httpd.conf",
          "cat > /etc/httpd/conf.d/forwarded-proto.conf <<'EOF'",
          '# Trust the scheme the load balancer reports; only the load balancer can reach this port.',
          'SetEnvIf X-Forwarded-Proto "^https$" HTTPS=on',
          'EOF',
          `mkdir -p "/var/www/html$(dirname '/healthz')"`,
          'echo ok > "/var/www/html/healthz"',
          'systemctl enable --now httpd',
          '',
        ].join('\n'),
      );
    });

    it('scale in the private app subnets with ELB health checks and roll on template changes', () => {
      expect(onlyResource(json, 'aws_autoscaling_group')).toMatchObject({
        vpc_zone_identifier: '${data.terraform_remote_state.network-state.outputs.private_app_subnet_ids}',
        min_size: 2,
        max_size: 4,
        desired_capacity: 2,
        health_check_type: 'ELB',
        instance_refresh: { strategy: 'Rolling', preferences: { min_healthy_percentage: 100, max_healthy_percentage: 200 } },
        launch_template: { version: expect.stringMatching(/latest_version/) },
      });
    });
  });

  it('lets the web servers read and write the uploads prefix of the edge tier\'s bucket, and nothing else in it', () => {
    const grant = Object.values(resourcesOf(json, 'aws_iam_role_policy')).find((policy) => policy.name === 'uploads-bucket')!;
    expect(grant.role).toMatch(/^\$\{aws_iam_role\.web_role_\w+\.name\}$/);
    expect(JSON.parse(grant.policy as string).Statement).toEqual([
      {
        Sid: 'ListUploads',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: 'arn:aws:s3:::webplat-test-edge-uploads-123456789012',
        Condition: { StringLike: { 's3:prefix': ['wp-content/uploads/*'] } },
      },
      {
        Sid: 'ReadWriteUploads',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        Resource: 'arn:aws:s3:::webplat-test-edge-uploads-123456789012/wp-content/uploads/*',
      },
    ]);
  });

  it('puts a regional WAF with the managed rule groups and no judgement of client addresses on the load balancer', () => {
    const acl = onlyResource(json, 'aws_wafv2_web_acl');
    expect(acl.scope).toBe('REGIONAL');
    const rules = acl.rule as { name: string; statement: Record<string, Record<string, unknown>> }[];
    expect(rules.map((rule) => rule.name)).toEqual([
      'block-xmlrpc',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'AWSManagedRulesSQLiRuleSet',
      'AWSManagedRulesWordPressRuleSet',
      'AWSManagedRulesPHPRuleSet',
    ]);
    // Behind CloudFront every request comes from an edge address: per-address limits and reputation lists would misjudge them.
    expect(JSON.stringify(rules)).not.toMatch(/rate_based_statement|AWSManagedRulesAmazonIpReputationList|forwarded_ip_config/);
    expect(onlyResource(json, 'aws_wafv2_web_acl_association').resource_arn).toMatch(/aws_lb\./);
  });

  it('publishes what the edge and ops tiers read, and where the WAF logs go', () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual([
      'alb_arn_suffix',
      'alb_dns_name',
      'compute_name',
      'origin_secret_arn',
      'target_group_arn_suffix',
      'waf_log_bucket',
      'waf_log_stream',
    ]);
    expect(json.output?.compute_name.value).toMatch(/^\$\{aws_autoscaling_group\.[\w-]+\.name\}$/);
    expect(json.output?.alb_arn_suffix.value).toMatch(/^\$\{aws_lb\.[\w-]+\.arn_suffix\}$/);
    expect(json.output?.target_group_arn_suffix.value).toMatch(/^\$\{aws_lb_target_group\.[\w-]+\.arn_suffix\}$/);
  });

  it('logs the regional WAF through a home-region Firehose stream named aws-waf-logs-*, credentials redacted', () => {
    const logging = onlyResource(json, 'aws_wafv2_web_acl_logging_configuration') as Record<string, any>;
    expect(logging.provider).toBeUndefined();
    expect(logging.resource_arn).toBe(`\${aws_wafv2_web_acl.${Object.keys(resourcesOf(json, 'aws_wafv2_web_acl'))[0]}.arn}`);
    expect((onlyResource(json, 'aws_kinesis_firehose_delivery_stream') as Record<string, any>).name).toMatch(/^aws-waf-logs-/);
    expect(logging.redacted_fields.map((field: Record<string, any>) => field.single_header.name)).toEqual(['authorization', 'cookie']);
  });

  it('sends a failed scheduled stop or start to the ops tier\'s alarm topic, named before that stack exists', () => {
    const scheduled = synthApp((input) => (input.app = { schedule: { startAt: '08:00', stopAt: '19:00' } }));
    const alarm = onlyResource(scheduled, 'aws_cloudwatch_metric_alarm');
    expect(alarm.alarm_actions).toEqual(['arn:aws:sns:eu-west-1:123456789012:webplat-test-ops-alarms']);
    expect(alarm.ok_actions).toEqual(['arn:aws:sns:eu-west-1:123456789012:webplat-test-ops-alarms']);
  });

  // The config rules refuse fargate-spot without a container; a config that got past them is a bug, named as such.
  it('refuses a config with app.compute: fargate-spot and no app.container, naming the environment', () => {
    const config = testConfig();
    const forged = { ...config, app: { ...config.app, compute: 'fargate-spot' as const, container: undefined } };
    expect(messageThrownBy(() => new AppStack(new App(), forged))).toBe(
      'environment test has app.compute: fargate-spot without app.container: the config rules should have refused it',
    );
  });

  describe('with app.compute: ec2', () => {
    // SHA-256 of the stack's JSON, pinned when issue 10 changed the app tier on purpose (the WAF fit for a
    // load balancer behind CloudFront, its logs, the session log permissions, the outputs the ops tier reads).
    // A deliberate change to the app tier changes them too: then check the diff and pin the new hashes.
    it.each<[string, string, ((input: WebPlatformInput) => void) | undefined]>([
      ['the defaults', '2eea49a27887523af32cc43f441f08eb945fa417ac1287adae9b3110641bf140', undefined],
      ['production', 'b3f9e65c2cb3ac384a0ec809be569ddccf0afd90e66844f25d9b14b4915892f2', asProduction],
      ['a schedule and request scaling', '870694020ea156c7720a6251f08f038ff5bd60205a5df268b10f190baed967d5', (input) => (input.app = { schedule: { startAt: '08:00', stopAt: '19:00' }, scaling: { requestsPerTarget: 500 } })],
    ])('synthesizes byte for byte what it did before the compute choice, with %s', (_, digest, change) => {
      const text = Testing.synth(new AppStack(new App(), testConfig(change)), false);
      expect(createHash('sha256').update(text).digest('hex')).toBe(digest);
    });

    it('reads nothing from the data tier and has no container resources', () => {
      const withData = synthApp((input) => (input.data = { database: {} }));
      expect(Object.keys(withData.data?.terraform_remote_state ?? {}).sort()).toEqual(['dns-state', 'network-state']);
      expect(Object.keys(withData.resource ?? {}).filter((type) => /^aws_(ecs|appautoscaling)_/.test(type))).toEqual([]);
      expect(onlyResource(withData, 'aws_lb_target_group').target_type).toBe('instance');
    });
  });
});
