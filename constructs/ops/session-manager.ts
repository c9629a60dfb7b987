import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SsmDocument } from '@cdktf/provider-aws/lib/ssm-document';
import { Construct } from 'constructs';
import type { OpsConfig } from '../../config/schema';
import { Naming } from '../naming';
import { sessionLogGroupName } from './ops-names';

/** The name Session Manager reads the account's session preferences from, in each region. */
export const SESSION_PREFERENCES_DOCUMENT = 'SSM-SessionManagerRunShell';

/** Session Manager settings from config (`ops.sessionManager`). */
export type SessionManagerSettings = OpsConfig['sessionManager'];

export interface SessionRecordingProps {
  /** Names the log group (sessionLogGroupName), the name the app tier's roles were given. */
  readonly naming: Naming;
  /** The ops home key: encrypts the transcripts. Its policy must let logs.<region>.amazonaws.com use it for this group. */
  readonly kmsKeyArn: string;
  /** `ops.sessionManager`: retention, idle timeout, longest session, run-as user. */
  readonly settings: SessionManagerSettings;
}

/**
 * The contents of the session preferences document (AWS's "Session document schema"): every shell
 * session streamed as it happens to `logGroupName`, which must be encrypted, nothing to S3.
 */
export function sessionPreferences(logGroupName: string, settings: SessionManagerSettings): string {
  return JSON.stringify({
    schemaVersion: '1.0',
    description: 'Document to hold regional settings for Session Manager',
    sessionType: 'Standard_Stream',
    inputs: {
      s3BucketName: '',
      s3KeyPrefix: '',
      s3EncryptionEnabled: true,
      cloudWatchLogGroupName: logGroupName,
      cloudWatchEncryptionEnabled: true,
      cloudWatchStreamingEnabled: true,
      // A key here would encrypt the session's data channel and every instance role would need kms:Decrypt on it.
      kmsKeyId: '',
      runAsEnabled: settings.runAsUser !== undefined,
      runAsDefaultUser: settings.runAsUser ?? '',
      idleSessionTimeout: String(settings.idleTimeoutMinutes),
      maxSessionDuration: settings.maxSessionMinutes === undefined ? '' : String(settings.maxSessionMinutes),
      shellProfile: { windows: '', linux: '' },
    },
  });
}

/**
 * Session Manager's audit trail: the KMS-encrypted log group every session (and every ECS Exec
 * session) streams to, and the account's session preferences that send it there.
 *
 * The preferences document `SSM-SessionManagerRunShell` is one per account and region. Opening
 * Session Manager's Preferences page in the console creates it; where it already exists, import it
 * before the first apply, or the create fails with DocumentAlreadyExists:
 *
 *     terraform import 'aws_ssm_document.<logical id>' SSM-SessionManagerRunShell
 *
 * (the logical id is in the synthesized stack, under `aws_ssm_document`). Destroying the stack
 * deletes the document, and sessions fall back to the console's defaults (no logging).
 */
export class SessionRecording extends Construct {
  public readonly logGroupName: string;
  public readonly logGroupArn: string;
  public readonly documentName: string;

  constructor(scope: Construct, id: string, props: SessionRecordingProps) {
    super(scope, id);
    const group = new CloudwatchLogGroup(this, 'logs', {
      name: sessionLogGroupName(props.naming),
      retentionInDays: props.settings.logRetentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    const document = new SsmDocument(this, 'preferences', {
      name: SESSION_PREFERENCES_DOCUMENT,
      documentType: 'Session',
      documentFormat: 'JSON',
      content: sessionPreferences(group.name, props.settings),
    });
    this.logGroupName = group.name;
    this.logGroupArn = group.arn;
    this.documentName = document.name;
  }
}
