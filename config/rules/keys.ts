import { KMS_KEY_ARN_PATTERN } from '../patterns';
import type { ParsedEnvironment } from '../schema';
import { report, RuleContext } from './issue';

/**
 * S3, CloudWatch Logs, RDS, ElastiCache and Secrets Manager only use KMS keys of their own region
 * (a multi-region key's replica there has that region's ARN).
 */
export function checkKeyRegions(env: ParsedEnvironment, ctx: RuleContext): void {
  const keys: [readonly string[], string | undefined][] = [
    [['state'], env.state.kmsKeyArn],
    [['observability'], env.observability.kmsKeyArn],
    // Only where the data tier is read: checkData refuses a data section without the web platform.
    [['data', 'database'], env.systems.includes('web-platform') ? env.data?.database.kmsKeyArn : undefined],
    [['data', 'cache'], env.systems.includes('web-platform') ? env.data?.cache?.kmsKeyArn : undefined],
  ];
  for (const [section, arn] of keys) {
    if (arn !== undefined && KMS_KEY_ARN_PATTERN.test(arn) && arn.split(':')[3] !== env.region) {
      report(ctx, [...section, 'kmsKeyArn'], `expected a key in the home region ${env.region}`);
    }
  }
}
