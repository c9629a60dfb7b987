import { PolicyRule } from '../../types';
import { logging } from './logging';
import { noPlaintextSecrets } from './no-plaintext-secrets';
import { notPrivileged } from './not-privileged';
import { readonlyRoot } from './readonly-root';

/** ECS task definitions: unprivileged, read-only containers, credentials through secrets, logs shipped. */
export const CONTAINERS_PACK: readonly PolicyRule[] = [notPrivileged, noPlaintextSecrets, readonlyRoot, logging];
