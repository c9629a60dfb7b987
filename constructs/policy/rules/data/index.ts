import { PolicyRule } from '../../types';
import { cacheEncrypted } from './cache-encrypted';
import { databaseEncrypted } from './database-encrypted';
import { noPlaintextMasterPassword } from './no-plaintext-master-password';
import { productionBackups } from './production-backups';
import { productionDeletionProtection } from './production-deletion-protection';

/** Databases and caches: encrypted, no written passwords, protected and backed up in production. */
export const DATA_PACK: readonly PolicyRule[] = [databaseEncrypted, cacheEncrypted, noPlaintextMasterPassword, productionDeletionProtection, productionBackups];
