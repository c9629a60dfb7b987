import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { EnvironmentConfig, environmentSchema } from '../config/schema';
import { pipelinePolicies, PipelinePolicies, PipelinePolicyError, PolicyDocument, StackJson } from '../scripts/lib/pipeline-policies';
import { RESOURCE_TYPES, DATA_SOURCE_TYPES } from '../scripts/lib/pipeline/resource-types';
import { buildEnvironmentStacks } from '../stacks/environment-stacks';
import { fargate as onFargate } from './support/containers';
import { TEST_KEY_ARN } from './support/data';
import { baseInput } from './support/fixtures';
import { internalSiteBlock, oidcBlock, staticWebsiteBlock } from './support/s3-systems';
import { sandboxBlock } from './support/sandbox';

// --- IAM's own evaluation, written here from AWS's documentation, not taken from the code under test ---

/** IAM wildcard matching: `*` any run of characters, `?` one character; actions compare case-insensitively. */
function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let expression = globs.get(cacheKey);
  if (expression === undefined) {
    expression = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, ignoreCase ? 'i' : '');
    globs.set(cacheKey, expression);
  }
  return expression.test(value);
}
const globs = new Map<string, RegExp>();

type Statement = PolicyDocument['Statement'][number];

/** The Allow statements of `document` that grant `action` on `resource` (conditions aside). */
function grantsOf(document: PolicyDocument, action: string, resource = '*'): Statement[] {
  return document.Statement.filter(
    (statement) =>
      statement.Effect === 'Allow' &&
      statement.Action.some((pattern) => globMatches(pattern, action, true)) &&
      statement.Resource.some((pattern) => globMatches(pattern, resource)),
  );
}

function allows(document: PolicyDocument, action: string, resource = '*'): boolean {
  return grantsOf(document, action, resource).length > 0;
}

/** Every resource pattern some statement grants `action` on. */
function resourcesFor(document: PolicyDocument, action: string): string[] {
  return document.Statement.filter((statement) => statement.Effect === 'Allow' && statement.Action.some((pattern) => globMatches(pattern, action, true)))
    .flatMap((statement) => statement.Resource)
    .sort();
}

/** Every action pattern of a document. */
const actionsOf = (document: PolicyDocument) => document.Statement.flatMap((statement) => statement.Action);

// --- Fixture environments, synthesized once ---

const SITE_HOST = 'site.test.example.com';
const PARENT_ZONE_ROLE = 'arn:aws:iam::333333333333:role/webplat-dns-delegation';
const OFFICE_SIGNER = 'partner-signer';

/** Every system at once, with every option that brings a resource type of its own; the state stack migrated into its bucket, with its own key. */
function everything(input: Record<string, any>): void {
  input.systems = ['web-platform', 'sandbox', 'static-website', 'private-bucket', 'internal-site'];
  input.state = { stateStackBackend: 's3', customerManagedKey: true };
  input.network.vpnGateway = { customerGateway: { ipAddress: '52.95.110.1', staticRoutes: ['192.168.10.0/24'] } };
  const schedule = { timeZone: 'Europe/Dublin', days: ['MON'], startAt: '08:00', stopAt: '20:00' };
  input.app = { ami: { namePattern: 'al2023-ami-2023.*-kernel-6.1-x86_64', owner: 'amazon' }, schedule };
  input.dns = { parentZone: { zoneId: 'Z0123456789EXAMPLEAB', roleArn: PARENT_ZONE_ROLE } };
  input.data = { database: {}, cache: {} };
  input.ops = { alarms: { slack: { workspaceId: 'T0EXAMPLE1', channelId: 'C0EXAMPLE1' }, emails: ['ops@example.com'] }, changeAudit: { enabled: true } };
  input.sandbox = {
    ...sandboxBlock(),
    natGateway: true,
    adminSshCidr: '198.51.100.7/32',
    sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAII6Udje6FNihoe98BgLd/lhgE9/jOwXQz65hHluyhLx6 teacher@example.org',
    schedule,
  };
  input.staticWebsite = { ...staticWebsiteBlock(), hostName: SITE_HOST };
  input.privateBucket = { signerRoleNames: [OFFICE_SIGNER] };
  input.internalSite = { ...internalSiteBlock(), oidc: oidcBlock() };
  input.encryption = { customerManagedKeys: true };
}

/** Containers on Fargate Spot, an existing public zone, S3-native locking and a customer managed state key. */
function fargateNative(input: Record<string, any>): void {
  onFargate()(input as any);
  input.dns = { hostedZoneId: 'Z0123456789ABCDEFGHIJ' };
  input.state = { locking: 's3-native', kmsKeyArn: TEST_KEY_ARN };
}

/** The static website straight from the S3 website endpoint (a bucket named as the host), state not migrated. */
function publicWebsite(input: Record<string, any>): void {
  delete input.network;
  input.systems = ['static-website'];
  input.staticWebsite = { ...staticWebsiteBlock(), mode: 's3-website' };
}

interface Fixture {
  readonly config: EnvironmentConfig;
  readonly stacks: Map<string, StackJson>;
}

function fixture(change: (input: Record<string, any>) => void): Fixture {
  const input: Record<string, any> = baseInput();
  change(input);
  const config = environmentSchema.parse(input);
  const stacks = new Map<string, StackJson>();
  // The stack's Terraform JSON as cdk.tf.json holds it (its only aspect, the policy check, runs at validation, which is not needed here).
  for (const stack of buildEnvironmentStacks(new App(), config)) stacks.set(stack.node.id, JSON.parse(JSON.stringify(stack.toTerraform())) as StackJson);
  return { config, stacks };
}

const all = fixture(everything);
const fargate = fixture(fargateNative);
const website = fixture(publicWebsite);
const allPolicies = pipelinePolicies(all.config, all.stacks);
const fargatePolicies = pipelinePolicies(fargate.config, fargate.stacks);
const websitePolicies = pipelinePolicies(website.config, website.stacks);
const FIXTURES: [string, Fixture, PipelinePolicies][] = [
  ['every system', all, allPolicies],
  ['Fargate with S3-native locking', fargate, fargatePolicies],
  ['the public website', website, websitePolicies],
];

function typesOf(stacks: Map<string, StackJson>, part: 'resource' | 'data', only?: readonly string[]): [string, string][] {
  return [...stacks]
    .filter(([name]) => only === undefined || only.includes(name))
    .flatMap(([name, json]) => Object.keys(json[part] ?? {}).map((type): [string, string] => [name, type]));
}

function backendsOf(stacks: Map<string, StackJson>): Record<string, any>[] {
  return [...stacks.values()].map((json) => (json.terraform as any)?.backend?.s3).filter((backend) => backend !== undefined);
}

/** A copy of a stack map in which `edit` changed (a copy of) each stack of `names`. */
function withStacks(stacks: Map<string, StackJson>, names: readonly string[], edit: (json: any) => void): Map<string, StackJson> {
  const copy = new Map(stacks);
  for (const name of names) {
    const json = JSON.parse(JSON.stringify(stacks.get(name)));
    edit(json);
    copy.set(name, json);
  }
  return copy;
}

const withStack = (stacks: Map<string, StackJson>, name: string, edit: (json: any) => void) => withStacks(stacks, [name], edit);

const errorOf = (run: () => unknown): PipelinePolicyError => {
  try {
    run();
  } catch (error) {
    if (error instanceof PipelinePolicyError) return error;
    throw error;
  }
  throw new Error('expected a PipelinePolicyError');
};

// --- Resource types and services ---

/** Resource type -> IAM service prefix, from AWS's Service Authorization Reference. */
const SERVICE_OF_TYPE: Record<string, string> = {
  aws_lb: 'elasticloadbalancing',
  aws_lb_target_group: 'elasticloadbalancing',
  aws_cloudfront_distribution: 'cloudfront',
  aws_wafv2_web_acl: 'wafv2',
  aws_route53_record: 'route53',
  aws_route53_zone: 'route53',
  aws_acm_certificate: 'acm',
  aws_rds_cluster: 'rds',
  aws_db_subnet_group: 'rds',
  aws_elasticache_replication_group: 'elasticache',
  aws_ecs_service: 'ecs',
  aws_ecs_task_definition: 'ecs',
  aws_appautoscaling_target: 'application-autoscaling',
  aws_autoscaling_group: 'autoscaling',
  aws_cloudwatch_log_group: 'logs',
  aws_cloudwatch_metric_alarm: 'cloudwatch',
  aws_cloudwatch_event_rule: 'events',
  aws_sns_topic: 'sns',
  aws_kinesis_firehose_delivery_stream: 'firehose',
  aws_kms_key: 'kms',
  aws_dynamodb_table: 'dynamodb',
  aws_secretsmanager_secret: 'secretsmanager',
  aws_instance: 'ec2',
  aws_vpc: 'ec2',
  aws_vpn_connection: 'ec2',
  aws_scheduler_schedule: 'scheduler',
  aws_chatbot_slack_channel_configuration: 'chatbot',
  aws_cloudtrail: 'cloudtrail',
  aws_ssm_document: 'ssm',
  aws_iam_role: 'iam',
  aws_s3_bucket: 's3',
};

/** The Terraform types of the provider classes `constructs/` and `stacks/` import, read from the provider library itself. */
function importedTypes(): { resources: string[]; dataSources: string[] } {
  const sources = ['constructs', 'stacks'].flatMap((folder) => listTs(join(__dirname, '..', folder)));
  const modules = new Set(sources.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/@cdktf\/provider-aws\/lib\/([a-z0-9-]+)/g)].map((match) => match[1])));
  modules.delete('provider');
  const resources: string[] = [];
  const dataSources: string[] = [];
  for (const module of modules) {
    const code = readFileSync(join(__dirname, '..', 'node_modules', '@cdktf', 'provider-aws', 'lib', module, 'index.js'), 'utf8');
    const type = /tfResourceType = "([a-z0-9_]+)"/.exec(code)![1];
    (module.startsWith('data-aws-') ? dataSources : resources).push(type);
  }
  return { resources: resources.sort(), dataSources: dataSources.sort() };
}

function listTs(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listTs(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

describe('the resource type table', () => {
  it('has an entry for every resource and data source type any construct or stack can synthesize', () => {
    const { resources, dataSources } = importedTypes();
    expect(resources.length).toBeGreaterThan(80);
    expect(resources.filter((type) => !Object.hasOwn(RESOURCE_TYPES, type))).toEqual([]);
    expect(dataSources.filter((type) => !Object.hasOwn(DATA_SOURCE_TYPES, type))).toEqual([]);
  });

  it('gives each type AWS\'s service prefix', () => {
    for (const [type, prefix] of Object.entries(SERVICE_OF_TYPE)) expect([type, RESOURCE_TYPES[type].services]).toEqual([type, expect.arrayContaining([prefix])]);
  });

  it.each(FIXTURES)('lets apply manage every resource type of every stack of %s the pipeline runs through its services', (_name, { stacks }, policies) => {
    for (const [stack, type] of typesOf(stacks, 'resource', policies.stacks)) {
      for (const service of RESOURCE_TYPES[type].services) {
        expect([stack, type, actionsOf(policies.apply).some((action) => action.startsWith(`${service}:`))]).toEqual([stack, type, true]);
      }
      if (SERVICE_OF_TYPE[type] !== undefined) {
        expect([type, actionsOf(policies.apply).some((action) => action.startsWith(`${SERVICE_OF_TYPE[type]}:`))]).toEqual([type, true]);
      }
    }
  });

  it('is exercised: the fixtures hold every type the expected table names, and every data source type', () => {
    const synthesized = new Set(FIXTURES.flatMap(([, { stacks }]) => typesOf(stacks, 'resource').map(([, type]) => type)));
    expect(Object.keys(SERVICE_OF_TYPE).filter((type) => !synthesized.has(type))).toEqual([]);
    const dataTypes = new Set(FIXTURES.flatMap(([, { stacks }]) => typesOf(stacks, 'data').map(([, type]) => type)));
    expect(Object.keys(DATA_SOURCE_TYPES).filter((type) => !dataTypes.has(type))).toEqual([]);
  });

  it('refuses a resource type it does not know, naming the stack, the type and the table', () => {
    const stacks = withStack(all.stacks, 'test-app', (json) => (json.resource.aws_lambda_function = { fn: { function_name: 'x' } }));
    const error = errorOf(() => pipelinePolicies(all.config, stacks));
    expect(error.message).toContain('stack test-app');
    expect(error.message).toContain('aws_lambda_function');
    expect(error.message).toMatch(/add it .*RESOURCE_TYPES in scripts\/lib\/pipeline\/resource-types\.ts|RESOURCE_TYPES in scripts\/lib\/pipeline\/resource-types\.ts.*add it/);
  });

  it('refuses an unknown data source type, also in a stack whose state is still local', () => {
    const stacks = withStack(website.stacks, 'test-state', (json) => (json.data = { aws_caller_identity: { me: {} } }));
    const error = errorOf(() => pipelinePolicies(website.config, stacks));
    expect(error.message).toContain('stack test-state');
    expect(error.message).toContain('data source type aws_caller_identity');
  });
});

// --- The plan role ---

/** Verbs of actions that change something (AWS action names). */
const WRITE_VERB = /^[a-z0-9-]+:(\*|Create|Put|Delete|Update|Modify|Attach|Detach|Associate|Disassociate|Tag|Untag|Run|Start|Stop|Terminate|Set|Add|Remove|Register|Deregister|Enable|Disable|Publish|Invoke|Authorize|Revoke|Replace|Reboot|Import|Export|Restore|Send|Execute|Pass|Release|Allocate|Cancel|Reset|Rotate|Schedule|Upload|Copy|Purge|Apply|Change|Accept|Reject|Encrypt|GenerateDataKey|Assume)/;

/** Concrete write actions no wildcard of the plan role may reach. */
const WRITES = [
  'ec2:RunInstances',
  'ec2:CreateVpc',
  'ec2:GetPasswordData',
  'elasticloadbalancing:CreateLoadBalancer',
  'iam:CreateRole',
  'iam:PassRole',
  'iam:PutRolePolicy',
  's3:PutBucketPolicy',
  's3:DeleteBucket',
  'kms:ScheduleKeyDeletion',
  'kms:PutKeyPolicy',
  'secretsmanager:PutSecretValue',
  'ssm:SendCommand',
  'ecs:ExecuteCommand',
  'rds:DeleteDBCluster',
  'route53:ChangeResourceRecordSets',
  'cloudfront:UpdateDistribution',
  'logs:GetLogEvents',
  'cloudwatch:GetMetricData',
  'dynamodb:Scan',
];

/** Whether a statement uses exactly the state key the backends name: by its ARN, or by its alias. */
function stateKeyUse(stacks: Map<string, StackJson>, statement: Statement): boolean {
  const named = [...new Set(backendsOf(stacks).map((backend) => backend.kms_key_id as string))];
  if (named.length !== 1) return false;
  const alias = /^(arn:aws:kms:[a-z0-9-]+:\d{12}:)alias\/(.+)$/.exec(named[0]);
  if (alias === null) return JSON.stringify(statement.Resource) === JSON.stringify(named) && statement.Condition === undefined;
  return (
    JSON.stringify(statement.Resource) === JSON.stringify([`${alias[1]}key/*`]) &&
    JSON.stringify(statement.Condition) === JSON.stringify({ 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': [`alias/${alias[2]}`] } })
  );
}

describe('the plan role', () => {
  it.each(FIXTURES)('for %s writes nothing but the state lock', (_name, { stacks }, { plan }) => {
    const lockTables = backendsOf(stacks).map((backend) => `arn:aws:dynamodb:eu-west-1:123456789012:table/${backend.dynamodb_table}`);
    for (const statement of plan.Statement) {
      expect(statement.Effect).toBe('Allow');
      for (const action of statement.Action.filter((pattern) => WRITE_VERB.test(pattern))) {
        if (action === 'dynamodb:PutItem' || action === 'dynamodb:DeleteItem') expect(statement.Resource.every((arn) => lockTables.includes(arn))).toBe(true);
        else if (action === 's3:PutObject' || action === 's3:DeleteObject') expect(statement.Resource.every((arn) => arn.endsWith('.tflock'))).toBe(true);
        else if (action === 'kms:Encrypt' || action === 'kms:GenerateDataKey') expect(stateKeyUse(stacks, statement)).toBe(true);
        else if (action === 'sts:AssumeRole') expect(statement.Resource).toEqual([PARENT_ZONE_ROLE]);
        else throw new Error(`plan statement ${statement.Sid} has the write action ${action}`);
      }
    }
    for (const action of WRITES) expect([action, allows(plan, action, '*')]).toEqual([action, false]);
  });

  it('makes the reads the data sources make', () => {
    const { plan } = allPolicies;
    for (const action of ['ec2:DescribeManagedPrefixLists', 'ec2:GetManagedPrefixListEntries', 'ec2:DescribeImages', 'ec2:DescribeNetworkInterfaces', 'secretsmanager:GetRandomPassword']) {
      expect([action, allows(plan, action)]).toEqual([action, true]);
    }
    expect(allows(plan, 'ssm:GetParameter', 'arn:aws:ssm:eu-west-1::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64')).toBe(true);
    expect(allows(plan, 'ssm:GetParameter', 'arn:aws:ssm:eu-west-1:123456789012:parameter/other')).toBe(false);
    expect(allows(fargatePolicies.plan, 'route53:GetHostedZone')).toBe(true);
  });

  it('reads secret values only of the secrets terraform refresh reads: the origin header and the cache auth token', () => {
    const secret = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}-??????`;
    expect(resourcesFor(allPolicies.plan, 'secretsmanager:GetSecretValue')).toEqual([secret('webplat-test-app-origin-header'), secret('webplat-test-data-cache-auth-token')]);
    expect(resourcesFor(fargatePolicies.plan, 'secretsmanager:GetSecretValue')).toEqual([secret('webplat-test-app-origin-header')]);
    expect(allows(allPolicies.plan, 'secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-0a1b2c-AbCdEf')).toBe(false);
    expect(resourcesFor(websitePolicies.plan, 'secretsmanager:GetSecretValue')).toEqual([]);
  });

  it('decrypts a secret under the environment\'s data key only through Secrets Manager', () => {
    const grants = grantsOf(allPolicies.plan, 'kms:Decrypt', 'arn:aws:kms:eu-west-1:123456789012:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0');
    // The other grant on any key is the state key's, by its alias.
    expect(grants.map((grant) => grant.Condition)).toEqual([
      { StringEquals: { 'kms:ViaService': ['secretsmanager.eu-west-1.amazonaws.com'] } },
      { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': ['alias/webplat-test-state-tfstate'] } },
    ]);
  });

  it('assumes the parent zone\'s delegation role the dns stack\'s provider names, and no other role', () => {
    expect(resourcesFor(allPolicies.plan, 'sts:AssumeRole')).toEqual([PARENT_ZONE_ROLE]);
    expect(resourcesFor(fargatePolicies.plan, 'sts:AssumeRole')).toEqual([]);
  });

  it('calls the account-wide services only in the regions of the stacks\' providers and us-east-1', () => {
    for (const statement of allPolicies.plan.Statement.filter((candidate) => candidate.Resource.includes('*'))) {
      expect(statement.Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1', 'us-east-2'] } });
    }
    expect(grantsOf(websitePolicies.plan, 'route53:ListResourceRecordSets').map((grant) => grant.Condition)).toEqual([
      { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } },
    ]);
  });

  it('reads the stacks\' buckets\' configuration, never an object outside the state', () => {
    const objects = resourcesFor(allPolicies.plan, 's3:GetObject');
    expect(objects.every((arn) => /\.(tfstate|tflock)$/.test(arn))).toBe(true);
    expect(allows(allPolicies.plan, 's3:GetBucketPolicy', `arn:aws:s3:::${SITE_HOST}`)).toBe(false);
    expect(allows(allPolicies.plan, 's3:GetBucketPolicy', 'arn:aws:s3:::docs.test.example.com')).toBe(true);
    expect(allows(websitePolicies.plan, 's3:GetBucketWebsite', 'arn:aws:s3:::www.test.example.com')).toBe(true);
  });
});

// --- State ---

describe('state access', () => {
  it.each([
    ['DynamoDB', all, allPolicies],
    ['S3-native', fargate, fargatePolicies],
  ])('with %s locking reads and writes exactly the state objects the backend blocks name', (_locking, { stacks }, { plan, apply }) => {
    const backends = backendsOf(stacks);
    const stateObjects = backends.map((backend) => `arn:aws:s3:::${backend.bucket}/${backend.key}`).sort();
    expect(resourcesFor(plan, 's3:GetObject').filter((arn) => arn.endsWith('.tfstate'))).toEqual(stateObjects);
    expect(resourcesFor(plan, 's3:PutObject').filter((arn) => arn.endsWith('.tfstate'))).toEqual([]);
    expect(resourcesFor(apply, 's3:PutObject').filter((arn) => arn.endsWith('.tfstate'))).toEqual(stateObjects);
    const [bucket] = new Set(backends.map((backend) => backend.bucket));
    expect(grantsOf(plan, 's3:ListBucket', `arn:aws:s3:::${bucket}`).map((grant) => grant.Condition)).toContainEqual({ StringLikeIfExists: { 's3:prefix': ['test/*'] } });
  });

  it('lists the state bucket only under the environment\'s prefix, unless the pipeline also manages the state stack', () => {
    const bucket = 'arn:aws:s3:::webplat-test-state-tfstate-123456789012';
    expect(grantsOf(fargatePolicies.plan, 's3:ListBucket', bucket).map((grant) => grant.Condition)).toEqual([{ StringLikeIfExists: { 's3:prefix': ['test/*'] } }]);
    // A migrated state stack is refreshed like any stack: its bucket is read (HeadBucket is s3:ListBucket without a prefix).
    expect(grantsOf(allPolicies.plan, 's3:ListBucket', bucket).map((grant) => grant.Condition)).toContainEqual(undefined);
  });

  it('locks with the DynamoDB table the backend blocks name, and no lock file', () => {
    const tables = [...new Set(backendsOf(all.stacks).map((backend) => backend.dynamodb_table))];
    expect(tables).toEqual(['webplat-test-state-locks']);
    for (const action of ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem']) {
      expect(resourcesFor(allPolicies.plan, action)).toEqual(['arn:aws:dynamodb:eu-west-1:123456789012:table/webplat-test-state-locks']);
    }
    expect(resourcesFor(allPolicies.plan, 's3:PutObject')).toEqual([]);
  });

  it('locks with S3-native lock files next to each state object the backend blocks name, and no table', () => {
    const backends = backendsOf(fargate.stacks);
    expect(backends.every((backend) => backend.use_lockfile === true && backend.dynamodb_table === undefined)).toBe(true);
    for (const backend of backends) {
      for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']) {
        expect([action, allows(fargatePolicies.plan, action, `arn:aws:s3:::${backend.bucket}/${backend.key}.tflock`)]).toEqual([action, true]);
        expect([action, allows(fargatePolicies.plan, action, `arn:aws:s3:::${backend.bucket}/${backend.key}`)]).toEqual([action, action === 's3:GetObject']);
      }
    }
    for (const action of ['s3:PutObject', 's3:DeleteObject']) {
      expect(resourcesFor(fargatePolicies.plan, action)).toEqual(['arn:aws:s3:::webplat-test-state-tfstate-123456789012/test/*.tflock']);
    }
    expect(actionsOf(fargatePolicies.plan).filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
  });

  it.each(FIXTURES)('never lets either role of %s delete a state object', (_name, _fixture, policies) => {
    for (const document of [policies.plan, policies.apply]) {
      for (const arn of [...resourcesFor(document, 's3:DeleteObject'), ...resourcesFor(document, 's3:DeleteObjectVersion')]) {
        expect(globMatches(arn, 'arn:aws:s3:::webplat-test-state-tfstate-123456789012/test/app.tfstate')).toBe(false);
        expect(arn).toMatch(/\.tflock$/);
      }
      expect(actionsOf(document)).not.toContain('s3:*');
    }
  });

  it('uses the state key the backend names by its ARN (state.kmsKeyArn), and only when it names one', () => {
    for (const action of ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']) {
      expect(resourcesFor(fargatePolicies.plan, action)).toEqual([TEST_KEY_ARN]);
      expect(resourcesFor(websitePolicies.plan, action)).toEqual([]);
    }
  });

  it('uses the key behind the alias the backend names (state.customerManagedKey), matched by that alias', () => {
    expect(new Set(backendsOf(all.stacks).map((backend) => backend.kms_key_id))).toEqual(new Set(['arn:aws:kms:eu-west-1:123456789012:alias/webplat-test-state-tfstate']));
    for (const action of ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']) {
      const grants = grantsOf(allPolicies.plan, action, 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      expect(grants.map((grant) => grant.Condition)).toContainEqual({ 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': ['alias/webplat-test-state-tfstate'] } });
    }
  });

  it('reads the other tiers\' state objects the stacks read through terraform_remote_state', () => {
    const remote = [...all.stacks.values()].flatMap((json) => Object.values((json.data as any)?.terraform_remote_state ?? {}) as any[]);
    expect(remote.length).toBeGreaterThan(5);
    for (const { config } of remote) expect(allows(allPolicies.plan, 's3:GetObject', `arn:aws:s3:::${config.bucket}/${config.key}`)).toBe(true);
  });

  it('leaves out a stack whose state is local (the state stack before it is migrated), and says so', () => {
    expect(websitePolicies.localStacks).toEqual(['test-state']);
    expect(websitePolicies.stacks).toEqual(['test-website']);
    expect(allows(websitePolicies.apply, 'dynamodb:CreateTable')).toBe(false);
    expect(allPolicies.localStacks).toEqual([]);
    expect(allows(allPolicies.apply, 's3:PutBucketPolicy', 'arn:aws:s3:::webplat-test-state-tfstate-123456789012')).toBe(true);
    expect(allows(websitePolicies.apply, 's3:PutBucketPolicy', 'arn:aws:s3:::webplat-test-state-tfstate-123456789012')).toBe(false);
  });

  it('refuses an environment with no stack in S3', () => {
    const stateOnly = new Map([...website.stacks].filter(([name]) => name === 'test-state'));
    expect(errorOf(() => pipelinePolicies(website.config, stateOnly)).message).toMatch(/environment test: no stack keeps its state in S3 \(local: test-state\)/);
  });

  it('refuses a stack of another environment', () => {
    const stacks = new Map([...website.stacks, ['prod-website', website.stacks.get('test-website')!]]);
    expect(errorOf(() => pipelinePolicies(website.config, stacks)).message).toBe('stack prod-website is not a stack of environment test (its stacks are named test-<tier>)');
  });
});

// --- The apply role ---

describe('the apply role', () => {
  it.each(FIXTURES)('for %s may do everything the plan role may', (_name, _fixture, { plan, apply }) => {
    for (const statement of plan.Statement) {
      for (const action of statement.Action) {
        for (const resource of statement.Resource) {
          const grants = apply.Statement.filter(
            (candidate) =>
              candidate.Effect === 'Allow' &&
              candidate.Action.some((pattern) => globMatches(pattern, action, true)) &&
              candidate.Resource.some((pattern) => globMatches(pattern, resource)) &&
              JSON.stringify(candidate.Condition) === JSON.stringify(statement.Condition),
          );
          expect([statement.Sid, action, resource, grants.length > 0]).toEqual([statement.Sid, action, resource, true]);
        }
      }
    }
  });

  it('manages IAM roles, policies and instance profiles only under the environment\'s name prefix', () => {
    const { apply } = allPolicies;
    const own = /^arn:aws:iam::123456789012:(role|policy|instance-profile)\/webplat-test-\*$/;
    for (const statement of apply.Statement.filter((candidate) => candidate.Action.some((action) => action.startsWith('iam:')))) {
      for (const action of statement.Action) {
        if (action === 'iam:CreateServiceLinkedRole') continue;
        if (action === 'iam:ListAttachedRolePolicies') {
          expect(statement.Resource).toEqual(['arn:aws:iam::123456789012:role/partner-signer']);
          continue;
        }
        if (action === 'iam:AttachRolePolicy' || action === 'iam:DetachRolePolicy') {
          expect(statement.Resource).toEqual(['arn:aws:iam::123456789012:role/partner-signer', 'arn:aws:iam::123456789012:role/webplat-test-*']);
          continue;
        }
        for (const resource of statement.Resource) expect([action, resource]).toEqual([action, expect.stringMatching(own)]);
      }
    }
    expect(resourcesFor(apply, 'iam:PassRole')).toEqual(['arn:aws:iam::123456789012:role/webplat-test-*']);
    expect(allows(apply, 'iam:CreateRole', 'arn:aws:iam::123456789012:role/webplat-prod-app-web-instance')).toBe(false);
    expect(allows(apply, 'iam:PutRolePolicy', 'arn:aws:iam::123456789012:role/OrganizationAccountAccessRole')).toBe(false);
    expect(allows(apply, 'iam:CreateRole', 'arn:aws:iam::123456789012:role/webplat-test-app-web-instance')).toBe(true);
    expect(allows(apply, 'iam:CreateUser', 'arn:aws:iam::123456789012:user/webplat-test-app')).toBe(false);
    expect(allows(apply, 'iam:CreateAccessKey', 'arn:aws:iam::123456789012:user/webplat-test-app')).toBe(false);
    expect(allows(apply, 'iam:DeleteServiceLinkedRole', 'arn:aws:iam::123456789012:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS')).toBe(false);
  });

  it('attaches only the policies the stacks attach, also to a role the stacks name without creating it', () => {
    const [grant] = grantsOf(allPolicies.apply, 'iam:AttachRolePolicy', `arn:aws:iam::123456789012:role/${OFFICE_SIGNER}`);
    expect(grant.Condition).toEqual({
      ArnLike: { 'iam:PolicyARN': ['arn:aws:iam::123456789012:policy/webplat-test-*', 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'] },
    });
    expect(allows(allPolicies.plan, 'iam:ListAttachedRolePolicies', `arn:aws:iam::123456789012:role/${OFFICE_SIGNER}`)).toBe(true);
  });

  it('creates only the service-linked roles of the services the stacks use', () => {
    const linked = (policies: PipelinePolicies) => grantsOf(policies.apply, 'iam:CreateServiceLinkedRole', 'arn:aws:iam::123456789012:role/aws-service-role/x').map((grant) => grant.Condition);
    expect(linked(allPolicies)).toEqual([
      {
        StringEquals: {
          'iam:AWSServiceName': [
            'autoscaling.amazonaws.com',
            'elasticache.amazonaws.com',
            'elasticloadbalancing.amazonaws.com',
            'management.chatbot.amazonaws.com',
            'rds.amazonaws.com',
            'wafv2.amazonaws.com',
          ],
        },
      },
    ]);
    expect((linked(fargatePolicies)[0] as any).StringEquals['iam:AWSServiceName']).toEqual(expect.arrayContaining(['ecs.amazonaws.com', 'ecs.application-autoscaling.amazonaws.com']));
    expect(linked(websitePolicies)).toEqual([]);
  });

  it('refuses an IAM name outside the environment\'s prefix', () => {
    const stacks = withStack(all.stacks, 'test-app', (json) => {
      const [role] = Object.values(json.resource.aws_iam_role) as any[];
      role.name = 'web-instance';
    });
    expect(errorOf(() => pipelinePolicies(all.config, stacks)).message).toMatch(/stack test-app: aws_iam_role\.\S+ is named "web-instance"; .* starting with webplat-test- /);
  });

  it.each(FIXTURES)('for %s changes buckets only under the environment\'s prefix or named by its stacks, and never their objects', (_name, { stacks }, { apply, stacks: covered }) => {
    const declared = covered.flatMap((name) => Object.values(stacks.get(name)!.resource?.aws_s3_bucket ?? {}).map((bucket) => `arn:aws:s3:::${bucket.bucket}`));
    for (const statement of apply.Statement) {
      for (const action of statement.Action.filter((candidate) => candidate.startsWith('s3:') && WRITE_VERB.test(candidate))) {
        for (const resource of statement.Resource) {
          const lockOrState = /\.(tfstate|tflock)$/.test(resource);
          expect([action, resource, lockOrState || resource.startsWith('arn:aws:s3:::webplat-test-') || declared.includes(resource)]).toEqual([action, resource, true]);
          if (!lockOrState) expect(resource).not.toContain('/');
        }
      }
    }
    for (const bucket of declared) expect([bucket, allows(apply, 's3:PutBucketPolicy', bucket)]).toEqual([bucket, true]);
  });

  it('keeps each tier to its own buckets', () => {
    expect(allows(allPolicies.apply, 's3:PutBucketPolicy', 'arn:aws:s3:::webplat-test-edge-uploads-123456789012')).toBe(true);
    expect(allows(allPolicies.apply, 's3:PutBucketPolicy', 'arn:aws:s3:::webplat-prod-edge-uploads-123456789012')).toBe(false);
    expect(allows(allPolicies.apply, 's3:PutBucketPolicy', 'arn:aws:s3:::someone-elses-bucket')).toBe(false);
  });

  it('changes only the secrets the stacks name and the master user secrets RDS keeps for them', () => {
    expect(resourcesFor(allPolicies.apply, 'secretsmanager:DeleteSecret')).toEqual([
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!*',
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:webplat-test-app-origin-header-??????',
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:webplat-test-data-cache-auth-token-??????',
    ]);
    expect(allows(allPolicies.apply, 'secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-0a1b-AbCdEf')).toBe(false);
  });

  it('may change ECS services but not open a shell in their tasks', () => {
    const denied = fargatePolicies.apply.Statement.filter((statement) => statement.Effect === 'Deny');
    expect(denied).toEqual([{ Sid: expect.any(String), Effect: 'Deny', Action: ['ecs:ExecuteCommand'], Resource: ['*'] }]);
    expect(allows(fargatePolicies.apply, 'ecs:UpdateService')).toBe(true);
  });
});

// --- Trust ---

describe('the trust policies', () => {
  const statementOf = (document: PolicyDocument<any>) => {
    expect(document.Statement).toHaveLength(1);
    return document.Statement[0];
  };

  it('admit GitHub Actions\' OIDC tokens for the sts.amazonaws.com audience only, through the account\'s provider', () => {
    for (const trust of [allPolicies.planTrust, allPolicies.applyTrust]) {
      const statement = statementOf(trust);
      expect(statement.Effect).toBe('Allow');
      expect(statement.Principal).toEqual({ Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' });
      expect(statement.Action).toEqual(['sts:AssumeRoleWithWebIdentity']);
      expect(statement.Condition.StringEquals['token.actions.githubusercontent.com:aud']).toEqual(['sts.amazonaws.com']);
      expect(Object.keys(statement.Condition)).toEqual(['StringEquals']);
    }
  });

  it('trust the plan role to pull requests and the apply role to the GitHub environment of the same name, of the placeholder repository by default', () => {
    expect(statementOf(allPolicies.planTrust).Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual(['repo:OWNER/REPO:pull_request']);
    expect(statementOf(allPolicies.applyTrust).Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual(['repo:OWNER/REPO:environment:test']);
    const named = pipelinePolicies(website.config, website.stacks, { repository: 'acme/web-platform' });
    expect(statementOf(named.planTrust).Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual(['repo:acme/web-platform:pull_request']);
    expect(statementOf(named.applyTrust).Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual(['repo:acme/web-platform:environment:test']);
  });

  it('refuse a repository that is not <owner>/<repo>', () => {
    for (const repository of ['acme', 'acme/web/platform', 'acme/*', 'repo:acme/x']) {
      expect(errorOf(() => pipelinePolicies(website.config, website.stacks, { repository })).message).toContain('expected <owner>/<repo>');
    }
  });
});

// --- Size and determinism ---

describe('the documents', () => {
  it.each(FIXTURES)('for %s are within IAM\'s 6,144 characters of a managed policy', (_name, _fixture, policies) => {
    for (const document of [policies.plan, policies.apply]) expect(JSON.stringify(document).replace(/\s/g, '').length).toBeLessThanOrEqual(6144);
  });

  it('fit for the largest environment: every system, S3-native locking and a state key', () => {
    const largest = withStacks(all.stacks, allPolicies.stacks, (json) => {
      const backend = json.terraform.backend.s3;
      delete backend.dynamodb_table;
      backend.use_lockfile = true;
    });
    const { plan, apply } = pipelinePolicies(all.config, largest);
    for (const document of [plan, apply]) expect(JSON.stringify(document).replace(/\s/g, '').length).toBeLessThanOrEqual(6144);
  });

  it('refuse to grow past the limit, saying which role and by how much', () => {
    const stacks = withStack(website.stacks, 'test-website', (json) => {
      for (let index = 0; index < 150; index += 1) json.resource.aws_s3_bucket[`extra${index}`] = { bucket: `partner-share-number-${index}-of-many-buckets` };
    });
    expect(errorOf(() => pipelinePolicies(website.config, stacks)).message).toMatch(/^environment test, plan role: the policy is \d{4,} characters without whitespace, over IAM's limit of 6144/);
  });

  it('are the same JSON for the same input, whatever order the stacks come in', () => {
    const reversed = new Map([...all.stacks].reverse());
    expect(JSON.stringify(pipelinePolicies(all.config, reversed))).toBe(JSON.stringify(allPolicies));
  });

  it('sort statements by Sid and actions and resources within each', () => {
    for (const document of [allPolicies.plan, allPolicies.apply]) {
      const sids = document.Statement.map((statement) => statement.Sid);
      expect(sids).toEqual([...sids].sort());
      expect(new Set(sids).size).toBe(sids.length);
      for (const statement of document.Statement) {
        expect(statement.Action).toEqual([...new Set(statement.Action)].sort());
        expect(statement.Resource).toEqual([...new Set(statement.Resource)].sort());
        expect(statement.Sid).toMatch(/^[A-Za-z0-9]+$/);
      }
    }
  });
});
