import { Naming, Tier } from '../naming';

/**
 * Names every resource under the intranet tier, `<project>-<env>-intranet-<purpose>`, whatever tier
 * the caller asks for. The shared network constructs this stack reuses (flow logs, the locked default
 * security group) name their resources under `network`; through this naming the internal site's copies
 * can never take the names of the web platform's in the same account (IAM role names, log groups).
 */
export class IntranetNaming extends Naming {
  override name(_tier: Tier, purpose: string, maxLength = 64): string {
    return super.name('intranet', purpose, maxLength);
  }
}
