import { ConfigDir } from './config-dir';
import { oidcBlock } from './s3-systems';
import { sandboxBlock } from './sandbox';

/**
 * Fixture environments that together make every kind of stack the project synthesizes, across two
 * accounts and two regions and every backend variant (DynamoDB and S3-native locking, SSE-S3, a key
 * of the environment's own and one made elsewhere, the state stack on local state and migrated into
 * its bucket). Each is described by the values a test asserts, written as the user wrote them.
 */
export interface AllTiersEnvironment {
  /** Environment name, also the file name and the first label of its domain (`<name>.example.com`). */
  readonly name: string;
  readonly project: string;
  readonly accountId: string;
  readonly region: string;
  /** `state.locking` as written (or its default). */
  readonly locking: 'dynamodb' | 's3-native';
  /** `state.stateStackBackend` as written (or its default). */
  readonly stateStackBackend: 'local' | 's3';
  /** `state.kmsKeyArn` as written, when the state is encrypted with a key made elsewhere. */
  readonly stateKmsKeyArn?: string;
  /** `state.customerManagedKey` as written (or its default). */
  readonly stateCustomerManagedKey: boolean;
  /** Providers of its stacks pinned to another account than the environment's (by the role they assume there). */
  readonly foreignProviders: readonly ForeignProvider[];
  /** Edits the base environment's raw input (see ConfigDir.writeEnvironment) into this one. */
  readonly change: (input: Record<string, any>) => void;
}

/** A provider block of one tier's stack that works in another account. */
export interface ForeignProvider {
  readonly tier: string;
  readonly alias: string;
  /** The account it must be pinned to, as configured (the account of the role it assumes). */
  readonly accountId: string;
}

/** Role the `alpha` DNS tier assumes in the parent zone's account to write the delegation. */
export const PARENT_ZONE_ROLE = 'arn:aws:iam::333333333333:role/dns-delegation';
/** A key made elsewhere, in `beta`'s account and region, for its state. */
export const BETA_STATE_KEY_ARN = 'arn:aws:kms:us-west-2:222222222222:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
/** The public hosted zone of beta's static website (the S3 website endpoint's alias record goes there). */
export const BETA_ZONE_ID = 'Z0BETA0ZONE0EXAMPLE1';

const schedule = { timeZone: 'Europe/Dublin', days: ['MON', 'TUE'], startAt: '08:00', stopAt: '20:00' };

/**
 * `alpha` (111111111111, eu-west-1): the web platform on EC2 with a data tier, its own keys, a zone delegated
 * from a parent account, Slack alarms (through the chatbot region's provider) and change audit, a VPN gateway,
 * and beside it a static website and an internal site in the platform's zone; state encrypted with the state
 * stack's own key, the state stack migrated into its bucket, DynamoDB locking.
 */
const alpha: AllTiersEnvironment = {
  name: 'alpha',
  project: 'webplat',
  accountId: '111111111111',
  region: 'eu-west-1',
  locking: 'dynamodb',
  stateStackBackend: 's3',
  stateCustomerManagedKey: true,
  foreignProviders: [{ tier: 'dns', alias: 'parent-zone', accountId: '333333333333' }],
  change: (input) => {
    input.accountId = '111111111111';
    input.systems = ['web-platform', 'static-website', 'internal-site'];
    input.state = { stateStackBackend: 's3', customerManagedKey: true };
    input.encryption = { customerManagedKeys: true, buckets: { uploads: 'sse-kms', website: 'sse-kms', files: 'sse-kms' } };
    input.network.vpnGateway = { customerGateway: { ipAddress: '52.95.110.1', staticRoutes: ['192.168.10.0/24'] } };
    input.dns = { parentZone: { zoneId: 'Z0PARENT0ZONE0EXAMPL', roleArn: PARENT_ZONE_ROLE } };
    input.app = { compute: 'ec2', schedule };
    input.data = { database: {}, cache: {} };
    input.ops = { alarms: { slack: { workspaceId: 'T0EXAMPLE1', channelId: 'C0EXAMPLE1' }, emails: ['ops@example.com'] }, changeAudit: { enabled: true } };
    input.staticWebsite = { hostName: 'site.alpha.example.com' };
    input.internalSite = {
      hostName: 'docs.alpha.example.com',
      vpc: { cidr: '10.30.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b'], albSubnets: ['10.30.0.0/24', '10.30.1.0/24'], endpointSubnets: ['10.30.10.0/24', '10.30.11.0/24'] },
      oidc: oidcBlock(),
    };
  },
};

/**
 * `beta` (222222222222, us-west-2): the web platform on Fargate Spot, S3-native locking, state
 * encrypted with a key made elsewhere, the state stack on local state; a static website on the S3 website endpoint.
 */
const beta: AllTiersEnvironment = {
  name: 'beta',
  project: 'shop',
  accountId: '222222222222',
  region: 'us-west-2',
  locking: 's3-native',
  stateStackBackend: 'local',
  stateKmsKeyArn: BETA_STATE_KEY_ARN,
  stateCustomerManagedKey: false,
  foreignProviders: [],
  change: (input) => {
    input.project = 'shop';
    input.accountId = '222222222222';
    input.region = 'us-west-2';
    input.systems = ['web-platform', 'static-website'];
    input.state = { locking: 's3-native', kmsKeyArn: BETA_STATE_KEY_ARN };
    input.network = {
      cidr: '10.1.0.0/16',
      availabilityZones: ['us-west-2a', 'us-west-2b'],
      subnets: { public: ['10.1.0.0/24', '10.1.1.0/24'], privateApp: ['10.1.16.0/20', '10.1.32.0/20'], privateData: ['10.1.64.0/24', '10.1.65.0/24'] },
      interfaceEndpoints: ['ssm', 'ssmmessages', 'ec2messages', 'logs', 'ecr.api', 'ecr.dkr', 'secretsmanager'],
    };
    input.app = { compute: 'fargate-spot', container: { image: '222222222222.dkr.ecr.us-west-2.amazonaws.com/shop/site:2.0.1' } };
    input.staticWebsite = { hostName: 'static.beta.example.com', hostedZoneId: BETA_ZONE_ID, mode: 's3-website' };
  },
};

/**
 * `gamma` (alpha's account 111111111111, eu-central-1): the sandbox and the private bucket, no domain; state on
 * SSE-S3, the state stack on local state, DynamoDB locking (every default).
 */
const gamma: AllTiersEnvironment = {
  name: 'gamma',
  project: 'webplat',
  accountId: '111111111111',
  region: 'eu-central-1',
  locking: 'dynamodb',
  stateStackBackend: 'local',
  stateCustomerManagedKey: false,
  foreignProviders: [],
  change: (input) => {
    input.accountId = '111111111111';
    input.region = 'eu-central-1';
    delete input.domain;
    delete input.network;
    input.systems = ['sandbox', 'private-bucket'];
    input.sandbox = { ...sandboxBlock(), availabilityZone: 'eu-central-1a', natGateway: true, schedule };
    input.privateBucket = { signerRoleNames: ['partner-signer'] };
  },
};

/** The fixture environments, in the order their files sort. */
export const ALL_TIERS_ENVIRONMENTS: readonly AllTiersEnvironment[] = [alpha, beta, gamma];

/**
 * `delta` (beta's account 222222222222, alpha's region eu-west-1): a private bucket alone, every default. An
 * environment a user adds beside the others, which must change none of their stacks.
 */
export const ADDED_ENVIRONMENT: AllTiersEnvironment = {
  name: 'delta',
  project: 'webplat',
  accountId: '222222222222',
  region: 'eu-west-1',
  locking: 'dynamodb',
  stateStackBackend: 'local',
  stateCustomerManagedKey: false,
  foreignProviders: [],
  change: (input) => {
    input.accountId = '222222222222';
    delete input.domain;
    delete input.network;
    input.systems = ['private-bucket'];
    input.privateBucket = {};
  },
};

/** A config folder holding every fixture environment's file (ALL_TIERS_ENVIRONMENTS). */
export function allTiersConfigDir(): ConfigDir {
  const dir = new ConfigDir();
  for (const environment of ALL_TIERS_ENVIRONMENTS) writeEnvironment(dir, environment);
  return dir;
}

/** Writes the file of one fixture environment into `dir`. */
export function writeEnvironment(dir: ConfigDir, environment: AllTiersEnvironment): void {
  dir.writeEnvironment(environment.name, environment.change);
}
