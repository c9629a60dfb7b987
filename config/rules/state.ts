import type { ParsedEnvironment } from '../schema';
import { IAM_PRINCIPAL_ARN } from '../state';
import { report, RuleContext } from './issue';

/**
 * The state section's checks across fields: allowedPrincipals are the environment's own roles and users, each
 * named once, and the state key is either created here (customerManagedKey) or named (kmsKeyArn), not both.
 */
export function checkState(env: ParsedEnvironment, ctx: RuleContext): void {
  const { state } = env;
  if (state.customerManagedKey && state.kmsKeyArn !== undefined) {
    report(ctx, ['state', 'customerManagedKey'], 'expected customerManagedKey or kmsKeyArn, not both: customerManagedKey creates the state key in the state stack, kmsKeyArn names one made elsewhere');
  }
  const seen = new Map<string, number>();
  (state.allowedPrincipals ?? []).forEach((arn, index) => {
    const path = ['state', 'allowedPrincipals', index];
    const account = IAM_PRINCIPAL_ARN.exec(arn)?.[1];
    if (account !== undefined && account !== env.accountId) {
      report(ctx, path, `expected a role or user of the environment's own account ${env.accountId} (accountId): the state bucket and its key admit no other account`);
    }
    const first = seen.get(arn);
    if (first !== undefined) {
      report(ctx, path, `expected each principal once: it is state.allowedPrincipals[${first}] too`);
    } else {
      seen.set(arn, index);
    }
  });
}
