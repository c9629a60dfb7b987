import { ConfigError, ConfigProblem, formatValue } from './errors';
import { EnvironmentConfig, siteNames, webPlatformConfig } from './schema';

/** One environment that passed its own checks, and the file it came from (as shown to the user). */
export interface LoadedEnvironment {
  readonly file: string;
  readonly config: EnvironmentConfig;
}

/**
 * Checks between environments, which no single file can fail on its own. Each clash is
 * reported in the later file (in name order), naming the earlier one:
 * - a site name (domain or alternative name) in two environments: CloudFront takes each
 *   alternate domain name on one distribution only, in any account, so the second fails;
 * - one `dns.hostedZoneId` in two environments: a hosted zone belongs to one account and
 *   holds one domain, so at least one of them points at the wrong zone.
 */
export function checkAcrossEnvironments(environments: readonly LoadedEnvironment[]): ConfigError[] {
  const names = new Map<string, LoadedEnvironment>();
  const zones = new Map<string, LoadedEnvironment>();
  const errors: ConfigError[] = [];
  for (const environment of environments) {
    const config = webPlatformConfig(environment.config);
    if (config === undefined) continue;
    const problems: ConfigProblem[] = [];
    const reported = new Set<string>();
    siteNames(config).forEach((name, index) => {
      const owner = names.get(name);
      if (owner === undefined) {
        names.set(name, environment);
        return;
      }
      // Without alternative names configured, the second name is the default www.<domain>: the domain's to fix.
      const field = index > 0 && config.dns.subjectAlternativeNames ? `dns.subjectAlternativeNames[${index - 1}]` : 'domain';
      if (reported.has(field)) return;
      reported.add(field);
      const account = owner.config.accountId === config.accountId ? 'the same account' : `account ${owner.config.accountId}`;
      problems.push({
        field,
        received: formatValue(name),
        expected: `expected a name no other environment uses: ${owner.file} (${account}) serves it too, and CloudFront takes each name on one distribution only, in any account`,
      });
    });
    const zone = config.dns.hostedZoneId;
    if (zone !== undefined) {
      const owner = zones.get(zone);
      if (owner === undefined) {
        zones.set(zone, environment);
      } else {
        problems.push({
          field: 'dns.hostedZoneId',
          received: formatValue(zone),
          expected: `expected a hosted zone no other environment uses: ${owner.file} uses it for ${owner.config.domain}, and a zone holds one domain in one account`,
        });
      }
    }
    if (problems.length > 0) errors.push(new ConfigError(environment.file, problems));
  }
  return errors;
}
