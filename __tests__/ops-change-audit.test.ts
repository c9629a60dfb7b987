import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { Naming } from '../constructs/naming';
import { auditTrailArn, ChangeAudit } from '../constructs/ops/change-audit';
import { SecureBucket } from '../constructs/secure-bucket';
import { onlyResource, refTo, resourcesOf, resourceUnder, SynthesizedStack, synthStack } from './support/synth';

const ACCOUNT = '123456789012';
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const HOME_TOPIC = 'arn:aws:sns:eu-west-1:123456789012:webplat-test-ops-alarms';
const GLOBAL_TOPIC = 'arn:aws:sns:us-east-1:123456789012:webplat-test-ops-alarms-us-east-1';
const naming = new Naming({ project: 'webplat', environment: 'test', accountId: ACCOUNT });

function synthAudit(region = 'eu-west-1', retentionDays = 400): SynthesizedStack {
  const stack = new TerraformStack(Testing.app(), 'ops');
  new AwsProvider(stack, 'aws', { region });
  const globalProvider = new AwsProvider(stack, 'aws-global', { region: 'us-east-1', alias: 'global' });
  const accessLogs = new SecureBucket(stack, 'access-logs', { bucketName: 'webplat-test-ops-access-logs-123456789012' });
  new ChangeAudit(stack, 'audit', {
    naming,
    accountId: ACCOUNT,
    region,
    kmsKeyArn: KEY,
    topics: { homeArn: HOME_TOPIC, globalArn: GLOBAL_TOPIC },
    globalProvider,
    accessLogs: { bucketId: accessLogs.bucketId, policy: accessLogs.policy },
    retentionDays,
  });
  return synthStack(stack);
}

/** Every event rule as `<name> in <region>`, with its parsed pattern and the topic its one target posts to. */
function rulesOf(json: SynthesizedStack, homeRegion = 'eu-west-1'): Record<string, { pattern: any; topic: unknown }> {
  const targets = Object.values(resourcesOf(json, 'aws_cloudwatch_event_target'));
  return Object.fromEntries(
    Object.entries(resourcesOf(json, 'aws_cloudwatch_event_rule')).map(([id, rule]) => {
      const region = rule.provider === 'aws.global' ? 'us-east-1' : homeRegion;
      const mine = targets.filter((target) => target.rule === refTo('aws_cloudwatch_event_rule', id, 'name'));
      expect(mine).toHaveLength(1);
      expect(mine[0].provider).toBe(rule.provider);
      return [`${rule.name} in ${region}`, { pattern: JSON.parse(rule.event_pattern as string), topic: mine[0].arn }];
    }),
  );
}

const TRAIL_ARN = 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/webplat-test-ops-trail';

describe('change audit trail', () => {
  const json = synthAudit();
  const trail = onlyResource(json, 'aws_cloudtrail');
  const bucket = resourceUnder(json, 'aws_s3_bucket', 'audit_');
  const bucketId = Object.entries(resourcesOf(json, 'aws_s3_bucket')).find(([, resource]) => resource === bucket)![0];

  it('records every region and the global services, with log file validation, its files encrypted with the ops key', () => {
    expect(trail).toMatchObject({
      name: 'webplat-test-ops-trail',
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
      kms_key_id: KEY,
      s3_bucket_name: refTo('aws_s3_bucket', bucketId, 'bucket'),
    });
    expect(trail).not.toHaveProperty('s3_key_prefix');
  });

  it('is created once the bucket policy lets CloudTrail write', () => {
    const [policyId] = Object.entries(resourcesOf(json, 'aws_s3_bucket_policy')).find(([, policy]) => policy.bucket === refTo('aws_s3_bucket', bucketId))!;
    expect(trail.depends_on).toEqual([`aws_s3_bucket_policy.${policyId}`]);
  });

  it('has its own bucket, with objects expired after the configured days and access logs to the bucket given', () => {
    expect(bucket.bucket).toBe('webplat-test-ops-trail-123456789012');
    const lifecycle = resourceUnder(json, 'aws_s3_bucket_lifecycle_configuration', 'audit_');
    expect((lifecycle.rule as any[])[0].expiration).toEqual([{ days: 400 }]);
    const logging = resourceUnder(json, 'aws_s3_bucket_logging', 'audit_');
    expect(logging.target_bucket).toMatch(/^\$\{aws_s3_bucket\.access-logs_bucket_\w+\.id\}$/);
  });

  it('lets CloudTrail check the bucket ACL and write under AWSLogs/<account>/ for this trail only, the objects owned by the bucket owner', () => {
    const policy = Object.values(resourcesOf(json, 'aws_s3_bucket_policy')).find((resource) => resource.bucket === refTo('aws_s3_bucket', bucketId))!;
    const statements = JSON.parse(policy.policy as string).Statement.filter((statement: any) => statement.Principal?.Service === 'cloudtrail.amazonaws.com');
    const bucketArn = refTo('aws_s3_bucket', bucketId, 'arn');
    expect(statements).toEqual([
      {
        Sid: expect.any(String),
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: bucketArn,
        Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
      },
      {
        Sid: expect.any(String),
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${bucketArn}/AWSLogs/123456789012/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL_ARN } },
      },
    ]);
  });

  it('has an ARN known before it exists, in the home region: for the key policy', () => {
    expect(auditTrailArn(naming, 'eu-west-1', ACCOUNT)).toBe(TRAIL_ARN);
  });
});

describe('change audit event rules with the home region outside us-east-1', () => {
  const rules = rulesOf(synthAudit());
  const apiCall = (source: string, eventSource: string, eventName: string[]) => ({
    source: [source],
    'detail-type': ['AWS API Call via CloudTrail'],
    detail: { eventSource: [eventSource], eventName },
  });

  it('exist where their events arrive: sign-ins and root use in both regions, IAM in us-east-1, EC2 at home', () => {
    expect(Object.keys(rules).sort()).toEqual([
      'webplat-test-ops-audit-console-sign-in-without-mfa in eu-west-1',
      'webplat-test-ops-audit-console-sign-in-without-mfa in us-east-1',
      'webplat-test-ops-audit-iam-changes in us-east-1',
      'webplat-test-ops-audit-network-acl-changes in eu-west-1',
      'webplat-test-ops-audit-root-use in eu-west-1',
      'webplat-test-ops-audit-root-use in us-east-1',
      'webplat-test-ops-audit-security-group-changes in eu-west-1',
    ]);
  });

  it('post to the alarm topic of their own region', () => {
    for (const [where, rule] of Object.entries(rules)) expect([where, rule.topic]).toEqual([where, where.endsWith('us-east-1') ? GLOBAL_TOPIC : HOME_TOPIC]);
  });

  it('match successful console sign-ins of IAM users and root without MFA', () => {
    const expected = {
      source: ['aws.signin'],
      'detail-type': ['AWS Console Sign In via CloudTrail'],
      detail: {
        eventName: ['ConsoleLogin'],
        userIdentity: { type: ['IAMUser', 'Root'] },
        additionalEventData: { MFAUsed: ['No'] },
        responseElements: { ConsoleLogin: ['Success'] },
      },
    };
    expect(rules['webplat-test-ops-audit-console-sign-in-without-mfa in us-east-1'].pattern).toEqual(expected);
    expect(rules['webplat-test-ops-audit-console-sign-in-without-mfa in eu-west-1'].pattern).toEqual(expected);
  });

  it('match the root user\'s API calls and sign-ins, not a service acting as root', () => {
    const expected = {
      'detail-type': ['AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'],
      detail: { userIdentity: { type: ['Root'], invokedBy: [{ exists: false }] } },
    };
    expect(rules['webplat-test-ops-audit-root-use in us-east-1'].pattern).toEqual(expected);
    expect(rules['webplat-test-ops-audit-root-use in eu-west-1'].pattern).toEqual(expected);
  });

  it('match the IAM calls that change identities, credentials and policies', () => {
    const pattern = rules['webplat-test-ops-audit-iam-changes in us-east-1'].pattern;
    expect(pattern).toEqual(apiCall('aws.iam', 'iam.amazonaws.com', expect.any(Array)));
    expect(pattern.detail.eventName).toEqual(
      expect.arrayContaining([
        'CreateUser', 'DeleteUser', 'CreateRole', 'DeleteRole', 'UpdateAssumeRolePolicy', 'AttachRolePolicy', 'DetachRolePolicy', 'PutRolePolicy',
        'DeleteRolePolicy', 'AttachUserPolicy', 'PutUserPolicy', 'CreatePolicyVersion', 'SetDefaultPolicyVersion', 'CreateAccessKey', 'CreateLoginProfile',
        'AddUserToGroup', 'DeactivateMFADevice',
      ]),
    );
    // Reads are not changes.
    expect(pattern.detail.eventName.filter((name: string) => /^(Get|List|Generate|Simulate)/.test(name))).toEqual([]);
  });

  it('match every security group change', () => {
    expect(rules['webplat-test-ops-audit-security-group-changes in eu-west-1'].pattern).toEqual(
      apiCall('aws.ec2', 'ec2.amazonaws.com', [
        'AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress',
        'CreateSecurityGroup', 'DeleteSecurityGroup', 'ModifySecurityGroupRules',
      ]),
    );
  });

  it('match every network ACL change', () => {
    expect(rules['webplat-test-ops-audit-network-acl-changes in eu-west-1'].pattern).toEqual(
      apiCall('aws.ec2', 'ec2.amazonaws.com', [
        'CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation',
      ]),
    );
  });
});

describe('change audit event rules with the home region in us-east-1', () => {
  const json = synthAudit('us-east-1');
  const rules = rulesOf(json, 'us-east-1');

  it('exist once each, in the home provider\'s region, posting to the home topic', () => {
    expect(Object.values(resourcesOf(json, 'aws_cloudwatch_event_rule')).filter((rule) => rule.provider !== undefined)).toEqual([]);
    expect(Object.keys(rules).sort()).toEqual([
      'webplat-test-ops-audit-console-sign-in-without-mfa in us-east-1',
      'webplat-test-ops-audit-iam-changes in us-east-1',
      'webplat-test-ops-audit-network-acl-changes in us-east-1',
      'webplat-test-ops-audit-root-use in us-east-1',
      'webplat-test-ops-audit-security-group-changes in us-east-1',
    ]);
    expect(new Set(Object.values(rules).map((rule) => rule.topic))).toEqual(new Set([HOME_TOPIC]));
  });

  it('are recorded by a trail whose ARN is in us-east-1', () => {
    const policy = Object.values(resourcesOf(json, 'aws_s3_bucket_policy')).map((resource) => resource.policy as string).find((text) => text.includes('cloudtrail'))!;
    expect(policy).toContain('arn:aws:cloudtrail:us-east-1:123456789012:trail/webplat-test-ops-trail');
  });
});
