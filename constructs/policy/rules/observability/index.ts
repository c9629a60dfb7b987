import { PolicyRule } from '../../types';
import { alarmActionRegion } from './alarm-action-region';
import { logGroupKms } from './log-group-kms';
import { logRetention } from './log-retention';
import { snsTopicEncrypted } from './sns-topic-encrypted';

/** Logs, alarms and notifications: bounded retention, encrypted topics, alarms that reach a topic of their own region. */
export const OBSERVABILITY_PACK: readonly PolicyRule[] = [logRetention, logGroupKms, snsTopicEncrypted, alarmActionRegion];
