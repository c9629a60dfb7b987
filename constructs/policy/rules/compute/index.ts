import { PolicyRule } from '../../types';
import { encryptedVolumes } from './encrypted-volumes';
import { imdsV2 } from './imdsv2';
import { noInlineSecrets } from './no-inline-secrets';
import { noPublicIp } from './no-public-ip';

/** Instances, tasks and functions: hardened metadata, encrypted disks, private addresses, no pasted secrets. */
export const COMPUTE_PACK: readonly PolicyRule[] = [imdsV2, encryptedVolumes, noPublicIp, noInlineSecrets];
