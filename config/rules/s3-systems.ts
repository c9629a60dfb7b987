import { s3WebsiteHostedZoneId } from '../aws';
import { cidrsOverlap, parseIpv4Cidr } from '../cidr';
import { S3_SITE_REQUIRED_HEALTH_CODES } from '../internal-site';
import { isDomainName } from '../patterns';
import type { ParsedEnvironment } from '../schema';
import { oneOf, report, RuleContext } from './issue';
import { checkSubnetInVpc, reportZoneOutsideRegion } from './network';

/**
 * Why `name` is not a bucket name S3 accepts (general purpose buckets, "Bucket naming rules"),
 * or undefined when it is one.
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `expected 3 to 63 characters, not ${name.length}`;
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return 'expected lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit';
  if (name.includes('..')) return 'expected no two adjacent dots';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'expected a name that is not formatted as an IP address';
  const prefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((reserved) => name.startsWith(reserved));
  if (prefix !== undefined) return `expected a name that does not start with "${prefix}" (reserved by S3)`;
  const suffix = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].find((reserved) => name.endsWith(reserved));
  if (suffix !== undefined) return `expected a name that does not end with "${suffix}" (reserved by S3)`;
  return undefined;
}

/** True when `host` is `domain` or a name under it. */
function isInDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** A host name of the environment's domain: lower-case labels, inside `domain`. */
function checkHostName(host: string, domain: string | undefined, path: readonly (string | number)[], ctx: RuleContext): boolean {
  if (!isDomainName(host)) {
    report(ctx, path, 'expected a lower-case host name such as www.example.com (labels of a-z, 0-9 and -)');
    return false;
  }
  if (domain !== undefined && !isInDomain(host, domain)) {
    report(ctx, path, `expected a host name inside the environment's domain ${domain} (${domain} itself or a name ending in .${domain})`);
    return false;
  }
  return true;
}

/** A bucket that must be named as its host (S3 website endpoints and the S3 interface endpoint find it by the Host header). */
function checkBucketNamedAsHost(bucketName: string | undefined, host: string, why: string, path: readonly (string | number)[], ctx: RuleContext): void {
  const name = bucketName ?? host;
  if (bucketName !== undefined && bucketName !== host) {
    report(ctx, path, `expected the host name ${host} (or leave bucketName out): ${why}`);
    return;
  }
  const problem = bucketNameProblem(name);
  if (problem !== undefined) report(ctx, bucketName === undefined ? path.slice(0, -1).concat('hostName') : path, `${problem}: the host name is the bucket's name, and S3 refuses this one`);
}

/** The zone the system's records go into: configured, or the web platform's. */
function checkHostedZone(env: ParsedEnvironment, configured: string | undefined, path: readonly (string | number)[], ctx: RuleContext): void {
  if (configured === undefined && !env.systems.includes('web-platform')) {
    report(ctx, path, `expected the id of the public hosted zone of ${env.domain ?? 'the domain'}: without the web platform there is no <env>-dns zone to use`, 'nothing');
  }
}

/** The static website: host inside the domain, bucket named as S3 needs, the website endpoint known in the region. */
export function checkStaticWebsite(env: ParsedEnvironment, ctx: RuleContext): void {
  const site = env.staticWebsite;
  if (site === undefined) return;
  const path = ['staticWebsite'];
  const hostOk = checkHostName(site.hostName, env.domain, [...path, 'hostName'], ctx);
  if (site.mode === 's3-website') {
    if (hostOk) checkBucketNamedAsHost(site.bucketName, site.hostName, 'the S3 website endpoint serves the bucket named as the Host header', [...path, 'bucketName'], ctx);
    if (s3WebsiteHostedZoneId(env.region) === undefined) {
      report(ctx, [...path, 'mode'], `expected cloudfront: region ${env.region} is not in config/aws/s3-website-zones.json, so the alias record's zone is unknown`);
    }
  } else if (site.bucketName !== undefined) {
    const problem = bucketNameProblem(site.bucketName);
    if (problem !== undefined) report(ctx, [...path, 'bucketName'], problem);
  }
  checkHostedZone(env, site.hostedZoneId, [...path, 'hostedZoneId'], ctx);
}

/** The private bucket: a name S3 accepts, and each signer role once (IAM role names are case-insensitive). */
export function checkPrivateBucket(env: ParsedEnvironment, ctx: RuleContext): void {
  const files = env.privateBucket;
  if (files === undefined) return;
  if (files.bucketName !== undefined) {
    const problem = bucketNameProblem(files.bucketName);
    if (problem !== undefined) report(ctx, ['privateBucket', 'bucketName'], problem);
  }
  const seen = files.signerRoleNames.map((name) => name.toLowerCase());
  seen.forEach((name, index) => {
    if (seen.indexOf(name) !== index) report(ctx, ['privateBucket', 'signerRoleNames', index], 'expected each role once (IAM role names are case-insensitive)');
  });
}

/**
 * The internal site: host and bucket as for the website; zones in the region, one subnet of each
 * kind per zone, every subnet inside the VPC and apart from the others; the health codes S3 answers with.
 */
export function checkInternalSite(env: ParsedEnvironment, ctx: RuleContext): void {
  const site = env.internalSite;
  if (site === undefined) return;
  const path = ['internalSite'];
  if (checkHostName(site.hostName, env.domain, [...path, 'hostName'], ctx)) {
    checkBucketNamedAsHost(site.bucketName, site.hostName, 'the S3 interface endpoint serves the bucket named as the Host header', [...path, 'bucketName'], ctx);
  }
  checkHostedZone(env, site.hostedZoneId, [...path, 'hostedZoneId'], ctx);

  const { vpc } = site;
  vpc.availabilityZones.forEach((zone, index) => {
    reportZoneOutsideRegion(zone, env.region, [...path, 'vpc', 'availabilityZones', index], ctx);
    if (vpc.availabilityZones.indexOf(zone) !== index) report(ctx, [...path, 'vpc', 'availabilityZones', index], 'expected each availability zone once');
  });
  const vpcCidr = parseIpv4Cidr(vpc.cidr);
  const seen: { cidr: NonNullable<ReturnType<typeof parseIpv4Cidr>>; field: string }[] = [];
  for (const kind of ['albSubnets', 'endpointSubnets'] as const) {
    const subnets = vpc[kind];
    if (subnets.length !== vpc.availabilityZones.length) {
      report(ctx, [...path, 'vpc', kind], `expected ${vpc.availabilityZones.length} subnets, one per availability zone (${vpc.availabilityZones.join(', ')})`, `${subnets.length} subnets`);
    }
    subnets.forEach((text, index) => {
      const cidr = parseIpv4Cidr(text);
      if (cidr === undefined) return;
      const field = [...path, 'vpc', kind, index];
      if (vpcCidr !== undefined) checkSubnetInVpc(cidr, { cidr: vpcCidr, text: vpc.cidr, name: 'internal site VPC' }, field, ctx);
      const clash = seen.find((other) => cidrsOverlap(other.cidr, cidr));
      if (clash !== undefined) report(ctx, field, `expected a subnet that does not overlap ${clash.field} (${text} overlaps it)`);
      seen.push({ cidr, field: `internalSite.vpc.${kind}[${index}]` });
    });
  }

  const missing = S3_SITE_REQUIRED_HEALTH_CODES.filter((code) => !site.healthCheckCodes.includes(code));
  if (missing.length > 0) {
    report(
      ctx,
      [...path, 'healthCheckCodes'],
      `expected a list that includes ${oneOf(S3_SITE_REQUIRED_HEALTH_CODES.map(String))}: S3 answers the load balancer's health check with 307 or 405, so without ${oneOf(missing.map(String))} every target is unhealthy`,
      `[${site.healthCheckCodes.join(', ')}]`,
    );
  }
  site.healthCheckCodes.forEach((code, index) => {
    if (site.healthCheckCodes.indexOf(code) !== index) report(ctx, [...path, 'healthCheckCodes', index], 'expected each code once');
  });
}

/**
 * Each host name has one owner in the environment: the web platform's names (domain and alternative
 * names), the static website and the internal site each need their own Route53 record, and
 * CloudFront takes a name on one distribution only.
 */
export function checkHostNamesApart(env: ParsedEnvironment, ctx: RuleContext): void {
  const owners = new Map<string, string>();
  if (env.systems.includes('web-platform') && env.domain !== undefined) {
    for (const name of [env.domain, ...(env.dns.subjectAlternativeNames ?? [`www.${env.domain}`])]) owners.set(name, 'the web platform (domain and dns.subjectAlternativeNames)');
  }
  const hosts: [string, string | undefined][] = [
    ['staticWebsite', env.systems.includes('static-website') ? env.staticWebsite?.hostName : undefined],
    ['internalSite', env.systems.includes('internal-site') ? env.internalSite?.hostName : undefined],
  ];
  for (const [field, host] of hosts) {
    if (host === undefined) continue;
    const owner = owners.get(host);
    if (owner !== undefined) report(ctx, [field, 'hostName'], `expected a host name no other system of the environment serves: ${owner} serves ${host}`);
    else owners.set(host, `${field}.hostName`);
  }
}

/** `sse-kms` for a bucket class needs the environment's keys; the keys are only for systems that use them. */
export function checkEncryption(env: ParsedEnvironment, ctx: RuleContext): void {
  const { encryption } = env;
  for (const [bucketClass, choice] of Object.entries(encryption.buckets)) {
    if (choice === 'sse-kms' && !encryption.customerManagedKeys) {
      report(ctx, ['encryption', 'buckets', bucketClass], 'expected sse-s3, or encryption.customerManagedKeys: true: sse-kms uses the environment\'s own S3 key (stack <env>-keys)');
    }
  }
  if (encryption.buckets.website === 'sse-kms' && env.staticWebsite?.mode === 's3-website') {
    report(ctx, ['encryption', 'buckets', 'website'], 'expected sse-s3 with staticWebsite.mode s3-website: the website endpoint serves anonymous readers, who cannot decrypt with a KMS key');
  }
}
