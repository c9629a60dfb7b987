import { KMS_KEY_ARN_PATTERN } from '../patterns';
import type { ParsedEnvironment } from '../schema';
import { report, RuleContext } from './issue';

/** S3 and CloudWatch Logs only use KMS keys of their own region (a multi-region key's replica there has that region's ARN). */
export function checkKeyRegions(env: ParsedEnvironment, ctx: RuleContext): void {
  const keys: [string, string | undefined][] = [
    ['state', env.state.kmsKeyArn],
    ['observability', env.observability.kmsKeyArn],
  ];
  for (const [section, arn] of keys) {
    if (arn !== undefined && KMS_KEY_ARN_PATTERN.test(arn) && arn.split(':')[3] !== env.region) {
      report(ctx, [section, 'kmsKeyArn'], `expected a key in the home region ${env.region}`);
    }
  }
}
