import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { Naming } from '../constructs/naming';
import { AuditEventRule } from '../constructs/ops/audit/event-rules';
import { AuditTrail } from '../constructs/ops/audit/trail';
import { ChangeAudit } from '../constructs/ops/change-audit';
import { SecureBucket } from '../constructs/secure-bucket';
import { onlyResource, refTo, resourcesOf, resourceUnder, synthStack } from './support/synth';

const ACCOUNT = '123456789012';
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const HOME_TOPIC = 'arn:aws:sns:eu-west-1:123456789012:webplat-test-ops-alarms';
const GLOBAL_TOPIC = 'arn:aws:sns:us-east-1:123456789012:webplat-test-ops-alarms-us-east-1';
const naming = new Naming({ project: 'webplat', environment: 'test', accountId: ACCOUNT });

/**
 * The IAM API actions (IAM API Reference, "Actions") that create, change or delete users, groups,
 * roles, instance profile membership, managed and inline policies, permissions boundaries, access
 * keys, console passwords, MFA devices, SAML and OIDC providers and the account password policy.
 * CloudTrail records each call with its action name as eventName.
 */
const IAM_CHANGES = [
  'CreateUser', 'DeleteUser', 'UpdateUser',
  'CreateGroup', 'DeleteGroup', 'UpdateGroup', 'AddUserToGroup', 'RemoveUserFromGroup',
  'CreateRole', 'DeleteRole', 'UpdateRole', 'UpdateAssumeRolePolicy',
  'AddRoleToInstanceProfile', 'RemoveRoleFromInstanceProfile',
  'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'SetDefaultPolicyVersion',
  'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy', 'AttachRolePolicy', 'DetachRolePolicy',
  'PutUserPolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'DeleteGroupPolicy', 'PutRolePolicy', 'DeleteRolePolicy',
  'PutUserPermissionsBoundary', 'DeleteUserPermissionsBoundary', 'PutRolePermissionsBoundary', 'DeleteRolePermissionsBoundary',
  'CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey',
  'CreateLoginProfile', 'UpdateLoginProfile', 'DeleteLoginProfile',
  'EnableMFADevice', 'DeactivateMFADevice', 'DeleteVirtualMFADevice',
  'UploadSSHPublicKey', 'UpdateSSHPublicKey', 'DeleteSSHPublicKey',
  'UploadSigningCertificate', 'UpdateSigningCertificate', 'DeleteSigningCertificate',
  'CreateServiceSpecificCredential', 'UpdateServiceSpecificCredential', 'ResetServiceSpecificCredential', 'DeleteServiceSpecificCredential',
  'CreateSAMLProvider', 'UpdateSAMLProvider', 'DeleteSAMLProvider',
  'CreateOpenIDConnectProvider', 'DeleteOpenIDConnectProvider', 'UpdateOpenIDConnectProviderThumbprint',
  'AddClientIDToOpenIDConnectProvider', 'RemoveClientIDFromOpenIDConnectProvider',
  'UpdateAccountPasswordPolicy', 'DeleteAccountPasswordPolicy',
];

/** EventBridge target ids: 1 to 64 letters, digits, `.`, `-` or `_` (EventBridge API Reference, Target.Id). */
const TARGET_ID = /^[\w.-]{1,64}$/;

function synthChangeAudit() {
  const stack = new TerraformStack(Testing.app(), 'ops');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const globalProvider = new AwsProvider(stack, 'aws-global', { region: 'us-east-1', alias: 'global' });
  const accessLogs = new SecureBucket(stack, 'access-logs', { bucketName: 'webplat-test-ops-access-logs-123456789012' });
  new ChangeAudit(stack, 'audit', {
    naming,
    accountId: ACCOUNT,
    region: 'eu-west-1',
    kmsKeyArn: KEY,
    topics: { homeArn: HOME_TOPIC, globalArn: GLOBAL_TOPIC },
    globalProvider,
    accessLogs: { bucketId: accessLogs.bucketId, policy: accessLogs.policy },
    retentionDays: 400,
  });
  return synthStack(stack);
}

describe('the IAM changes audit rule', () => {
  const json = synthChangeAudit();
  const [ruleId, rule] = Object.entries(resourcesOf(json, 'aws_cloudwatch_event_rule')).find(([, r]) => r.name === 'webplat-test-ops-audit-iam-changes')!;
  const pattern = JSON.parse(rule.event_pattern as string);

  it('matches exactly the IAM calls that change identities, their credentials and policies, and trusted identity providers', () => {
    expect(pattern.source).toEqual(['aws.iam']);
    expect(pattern['detail-type']).toEqual(['AWS API Call via CloudTrail']);
    expect(pattern.detail.eventSource).toEqual(['iam.amazonaws.com']);
    expect([...pattern.detail.eventName].sort()).toEqual([...IAM_CHANGES].sort());
    expect(new Set(pattern.detail.eventName).size).toBe(pattern.detail.eventName.length);
  });

  it('runs in us-east-1, where IAM calls reach EventBridge, and posts to the us-east-1 alarm topic', () => {
    expect(rule.provider).toBe('aws.global');
    const targets = Object.values(resourcesOf(json, 'aws_cloudwatch_event_target')).filter((target) => target.rule === refTo('aws_cloudwatch_event_rule', ruleId, 'name'));
    expect(targets).toEqual([expect.objectContaining({ arn: GLOBAL_TOPIC, provider: 'aws.global' })]);
  });
});

describe('an audit event rule', () => {
  const stack = new TerraformStack(Testing.app(), 'rule');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const event = { key: 'sample', description: 'A sample event', pattern: { source: ['aws.ec2'] }, regions: 'home' as const };
  new AuditEventRule(stack, 'sample', { name: 'webplat-test-ops-audit-sample', event, topicArn: HOME_TOPIC });
  const json = synthStack(stack);
  const rule = onlyResource(json, 'aws_cloudwatch_event_rule');
  const [ruleId] = Object.keys(resourcesOf(json, 'aws_cloudwatch_event_rule'));
  const target = onlyResource(json, 'aws_cloudwatch_event_target');

  it('matches the event pattern on the default bus and posts to the topic under a stable, valid target id', () => {
    expect(JSON.parse(rule.event_pattern as string)).toEqual({ source: ['aws.ec2'] });
    expect(rule).not.toHaveProperty('event_bus_name');
    expect(target).toMatchObject({ rule: refTo('aws_cloudwatch_event_rule', ruleId, 'name'), arn: HOME_TOPIC, target_id: 'alarm-topic' });
    expect(target.target_id).toMatch(TARGET_ID);
  });
});

describe('the audit trail bucket policy', () => {
  const stack = new TerraformStack(Testing.app(), 'trail');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const accessLogs = new SecureBucket(stack, 'access-logs', { bucketName: 'webplat-test-ops-access-logs-123456789012' });
  new AuditTrail(stack, 'trail', {
    naming,
    accountId: ACCOUNT,
    region: 'eu-west-1',
    kmsKeyArn: KEY,
    accessLogs: { bucketId: accessLogs.bucketId, policy: accessLogs.policy },
    retentionDays: 400,
  });
  const json = synthStack(stack);
  const statements: any[] = JSON.parse(resourceUnder(json, 'aws_s3_bucket_policy', 'trail_').policy as string).Statement;

  it('names each statement with its own Sid: the CloudTrail ones say what CloudTrail may do', () => {
    const sids = statements.map((statement) => statement.Sid);
    for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
    expect(new Set(sids).size).toBe(sids.length);
    const cloudTrail = statements.filter((statement) => statement.Principal?.Service === 'cloudtrail.amazonaws.com');
    expect(cloudTrail.map((statement) => [statement.Action, statement.Sid])).toEqual([
      ['s3:GetBucketAcl', 'CloudTrailAclCheck'],
      ['s3:PutObject', 'CloudTrailWrite'],
    ]);
  });
});
