import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { opsSchema } from '../config/ops';
import { Naming } from '../constructs/naming';
import { sessionLogGroupArn } from '../constructs/ops/ops-names';
import { SessionRecording } from '../constructs/ops/session-manager';
import { onlyResource, refTo, resourcesOf, synthStack } from './support/synth';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const naming = new Naming({ project: 'webplat', environment: 'test', accountId: '123456789012' });

function synthRecording(sessionManager: Record<string, unknown> = {}) {
  const stack = new TerraformStack(Testing.app(), 'ops');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new SessionRecording(stack, 'sessions', { naming, kmsKeyArn: KEY, settings: opsSchema.parse({ sessionManager }).sessionManager });
  return synthStack(stack);
}

const logGroupId = (json: ReturnType<typeof synthRecording>) => Object.keys(resourcesOf(json, 'aws_cloudwatch_log_group'))[0];
const preferencesOf = (json: ReturnType<typeof synthRecording>) => JSON.parse(onlyResource(json, 'aws_ssm_document').content as string);

describe('session recording with the defaults', () => {
  const json = synthRecording();

  it('keeps transcripts a year in a log group under the fixed name the app tier was given, encrypted with the ops key', () => {
    expect(onlyResource(json, 'aws_cloudwatch_log_group')).toEqual({ name: '/aws/ssm/webplat-test-ops-sessions', retention_in_days: 365, kms_key_id: KEY });
  });

  it('writes the account\'s Session Manager preferences: the Session document SSM-SessionManagerRunShell, in JSON', () => {
    expect(onlyResource(json, 'aws_ssm_document')).toMatchObject({ name: 'SSM-SessionManagerRunShell', document_type: 'Session', document_format: 'JSON' });
  });

  it('streams every standard session to that log group as it happens, and refuses to start one if the group is not encrypted', () => {
    const preferences = preferencesOf(json);
    expect(preferences).toMatchObject({ schemaVersion: '1.0', sessionType: 'Standard_Stream' });
    expect(preferences.inputs).toMatchObject({
      cloudWatchLogGroupName: refTo('aws_cloudwatch_log_group', logGroupId(json), 'name'),
      cloudWatchEncryptionEnabled: true,
      cloudWatchStreamingEnabled: true,
    });
  });

  it('sends nothing to S3, ends idle sessions after 20 minutes, sets no longest session and runs as ssm-user', () => {
    expect(preferencesOf(json).inputs).toMatchObject({
      s3BucketName: '',
      s3KeyPrefix: '',
      idleSessionTimeout: '20',
      maxSessionDuration: '',
      runAsEnabled: false,
      runAsDefaultUser: '',
      shellProfile: { windows: '', linux: '' },
    });
  });
});

describe('session recording with its settings from config', () => {
  const json = synthRecording({ logRetentionDays: 90, idleTimeoutMinutes: 10, maxSessionMinutes: 120, runAsUser: 'webops' });

  it('keeps transcripts as long as configured', () => {
    expect(onlyResource(json, 'aws_cloudwatch_log_group').retention_in_days).toBe(90);
  });

  it('writes the idle timeout and the longest session as strings of minutes, and runs sessions as the configured user', () => {
    expect(preferencesOf(json).inputs).toMatchObject({ idleSessionTimeout: '10', maxSessionDuration: '120', runAsEnabled: true, runAsDefaultUser: 'webops' });
  });
});

describe('session log group ARN', () => {
  it('is the group\'s ARN as CloudWatch Logs names it in its encryption context, known before the group exists', () => {
    // arn:aws:logs:<region>:<account>:log-group:<name>
    expect(sessionLogGroupArn(naming, 'eu-west-1', '123456789012')).toBe('arn:aws:logs:eu-west-1:123456789012:log-group:/aws/ssm/webplat-test-ops-sessions');
  });
});
