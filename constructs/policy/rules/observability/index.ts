import { PolicyRule } from '../../types';
import { logGroupKms } from './log-group-kms';
import { logRetention } from './log-retention';
import { snsEncrypted } from './sns-encrypted';

/** Logs and notifications: bounded retention, encrypted when the environment asks. */
export const OBSERVABILITY_PACK: readonly PolicyRule[] = [logRetention, logGroupKms, snsEncrypted];
