import type { ParsedEnvironment } from '../schema';
import { report, RuleContext } from './issue';

/** Cross-field checks of the web system: names inside the zone, delegation, large-body paths, capacity bounds. */
export function checkWebSystem(env: ParsedEnvironment, ctx: RuleContext): void {
  if (!env.systems.includes('web-platform')) return;
  const alternativeNames = env.dns.subjectAlternativeNames ?? [];
  alternativeNames.forEach((name, index) => {
    const path = ['dns', 'subjectAlternativeNames', index];
    if (name === env.domain) {
      report(ctx, path, `expected a name below ${env.domain}: the domain itself is always covered`);
    } else if (!name.endsWith(`.${env.domain}`)) {
      report(ctx, path, `expected a name inside the zone ${env.domain}, such as www.${env.domain}`);
    } else if (alternativeNames.indexOf(name) !== index) {
      report(ctx, path, 'expected each name once');
    }
  });
  if (env.dns.parentZone && env.dns.parentZone.roleArn === undefined) {
    report(ctx, ['dns', 'parentZone', 'roleArn'], "expected the ARN of a role in the parent zone's account: delegation writes NS records there");
  }
  env.edge.largeBodyPaths.forEach((path, index) => {
    if (path === '/') {
      report(ctx, ['edge', 'largeBodyPaths', index], 'expected a narrower prefix than /, which would switch the body size limit off for the whole site');
    } else if (env.edge.largeBodyPaths.indexOf(path) !== index) {
      report(ctx, ['edge', 'largeBodyPaths', index], 'expected each path prefix once');
    }
  });
  const { minSize, maxSize, desiredCapacity } = env.app;
  if (minSize > maxSize) {
    report(ctx, ['app', 'minSize'], `expected at most app.maxSize (${maxSize})`);
  }
  if (desiredCapacity < minSize || desiredCapacity > maxSize) {
    report(ctx, ['app', 'desiredCapacity'], `expected a value from app.minSize (${minSize}) to app.maxSize (${maxSize})`);
  }
}
