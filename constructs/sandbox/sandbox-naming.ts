import { Naming, Tier } from '../naming';

/**
 * Names every resource under the sandbox tier, `<project>-<env>-sandbox-<purpose>`, whatever
 * tier the caller asks for. The shared network constructs this stack reuses (flow logs, the
 * locked default security group, interface endpoints, the private zone) name their resources
 * under `network`; through this naming their sandbox copies can never take the name of the web
 * platform's in the same account (IAM role names, log groups).
 */
export class SandboxNaming extends Naming {
  override name(_tier: Tier, purpose: string, maxLength = 64): string {
    return super.name('sandbox', purpose, maxLength);
  }
}
