import { EnvironmentConfig, environmentSchema } from '../../config/schema';
import { baseInput } from './fixtures';

/** A hosted zone id for the S3 systems' records when the environment has no web platform. */
export const TEST_ZONE_ID = 'Z0123456789ABCDEFGHIJ';

/** The raw `staticWebsite:` block of a valid site on www.test.example.com (CloudFront mode, zone given). */
export function staticWebsiteBlock(): Record<string, any> {
  return { hostName: 'www.test.example.com', hostedZoneId: TEST_ZONE_ID };
}

/** The raw `privateBucket:` block of a valid private bucket (every default). */
export function privateBucketBlock(): Record<string, any> {
  return {};
}

/** The raw `internalSite:` block of a valid internal site on docs.test.example.com: a /16 VPC over two zones. */
export function internalSiteBlock(): Record<string, any> {
  return {
    hostName: 'docs.test.example.com',
    hostedZoneId: TEST_ZONE_ID,
    vpc: {
      cidr: '10.30.0.0/16',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      albSubnets: ['10.30.0.0/24', '10.30.1.0/24'],
      endpointSubnets: ['10.30.10.0/24', '10.30.11.0/24'],
    },
  };
}

/** An OpenID Connect block with every required field. */
export function oidcBlock(): Record<string, any> {
  return {
    issuer: 'https://login.example.com',
    authorizationEndpoint: 'https://login.example.com/oauth2/authorize',
    tokenEndpoint: 'https://login.example.com/oauth2/token',
    userInfoEndpoint: 'https://login.example.com/oauth2/userinfo',
    clientId: 'docs-site',
  };
}

const BLOCKS = {
  'static-website': ['staticWebsite', staticWebsiteBlock],
  'private-bucket': ['privateBucket', privateBucketBlock],
  'internal-site': ['internalSite', internalSiteBlock],
} as const;
export type S3SystemName = keyof typeof BLOCKS;

/**
 * Turns the base (web-platform) input into an environment holding only `systems` (S3 systems), each
 * with its valid block; `domain` is kept where the website or the internal site needs it.
 */
export function s3SystemsOnly(...systems: S3SystemName[]): (input: Record<string, any>) => void {
  return (input) => {
    delete input.network;
    if (!systems.includes('static-website') && !systems.includes('internal-site')) delete input.domain;
    input.systems = systems;
    for (const system of systems) {
      const [field, block] = BLOCKS[system];
      input[field] = block();
    }
  };
}

/** A validated environment holding only `systems`, after `change` on its raw input (`test`, account 123456789012, eu-west-1, domain test.example.com). */
export function s3SystemsConfig(systems: S3SystemName[], change: (input: Record<string, any>) => void = () => undefined): EnvironmentConfig {
  const input: Record<string, any> = baseInput();
  s3SystemsOnly(...systems)(input);
  change(input);
  return environmentSchema.parse(input);
}
