import { App } from 'cdktf';
import { evaluateStack } from '../constructs/policy/engine';
import { AppStack } from '../stacks/app-stack';
import { DataStack } from '../stacks/data-stack';
import { EdgeStack } from '../stacks/edge-stack';
import { IntranetStack } from '../stacks/intranet-stack';
import { NetworkStack } from '../stacks/network-stack';
import { SandboxStack } from '../stacks/sandbox-stack';
import { TierStack } from '../stacks/tier-stack';
import { wordpress } from './support/containers';
import { TEST_KEY_ARN } from './support/data';
import { testConfig, WebPlatformInput } from './support/fixtures';
import { s3SystemsConfig } from './support/s3-systems';
import { sandboxConfigFor } from './support/sandbox';
import { resourcesOf, resourceUnder, synthStack, SynthesizedStack } from './support/synth';

/** How a stack refers to an output of the keys stack: through its terraform_remote_state data source. */
const keysOutput = (name: string) => `\${data.terraform_remote_state.keys-state.outputs.${name}}`;
const OBSERVABILITY_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';

/** The environment's own keys on, over the WordPress-on-Fargate case (data tier, containers). */
const withKeys = (change: (input: WebPlatformInput) => void = () => undefined) =>
  wordpress((input) => {
    input.data = { ...input.data, cache: {} };
    input.encryption = { customerManagedKeys: true, buckets: { uploads: 'sse-kms' } };
    change(input);
  });

function synth(build: (app: App) => TierStack): { stack: TierStack; json: SynthesizedStack } {
  const stack = build(new App());
  return { stack, json: synthStack(stack) };
}

const logGroupKeys = (json: SynthesizedStack) => Object.values(resourcesOf(json, 'aws_cloudwatch_log_group')).map((group) => group.kms_key_id);

describe('stacks of an environment with its own keys (encryption.customerManagedKeys)', () => {
  const config = testConfig(withKeys());
  const network = synth((app) => new NetworkStack(app, config));
  const data = synth((app) => new DataStack(app, config, config.data!));
  const appTier = synth((app) => new AppStack(app, config));
  const edge = synth((app) => new EdgeStack(app, config));

  it('encrypt every log group with the logs key, read from the keys stack', () => {
    for (const { json } of [network, data, appTier]) {
      const keys = logGroupKeys(json);
      expect(keys.length).toBeGreaterThan(0);
      expect(new Set(keys)).toEqual(new Set([keysOutput('logs_key_arn')]));
    }
  });

  it('encrypt the database, its master secret, the cache and its AUTH secret with the data key', () => {
    const dataKey = keysOutput('data_key_arn');
    expect(Object.values(resourcesOf(data.json, 'aws_rds_cluster'))[0]).toMatchObject({ storage_encrypted: true, kms_key_id: dataKey, master_user_secret_kms_key_id: dataKey });
    expect(Object.values(resourcesOf(data.json, 'aws_elasticache_replication_group'))[0].kms_key_id).toBe(dataKey);
    expect(Object.values(resourcesOf(data.json, 'aws_secretsmanager_secret')).map((secret) => secret.kms_key_id)).toEqual([dataKey]);
  });

  it('let the containers decrypt the data tier secrets with the data key only', () => {
    const role = Object.values(resourcesOf(appTier.json, 'aws_iam_role_policy')).map((policy) => JSON.parse(policy.policy as string));
    const kms = role.flatMap((document) => document.Statement).filter((statement: any) => [statement.Action].flat().includes('kms:Decrypt'));
    expect(kms.map((statement: any) => statement.Resource)).toEqual([[keysOutput('data_key_arn')]]);
  });

  it('encrypt the uploads bucket with the S3 key (bucket keys on) when its class is sse-kms', () => {
    const encryption = resourceUnder(edge.json, 'aws_s3_bucket_server_side_encryption_configuration', 'uploads_');
    expect(encryption.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: keysOutput('s3_key_arn') }, bucket_key_enabled: true }]);
  });

  it('read the keys stack once per stack, and pass every policy rule (LOGS-KMS now applies)', () => {
    for (const { stack, json } of [network, data, appTier, edge]) {
      expect(Object.keys(json.data?.terraform_remote_state ?? {}).filter((id) => id === 'keys-state')).toEqual(['keys-state']);
      expect(evaluateStack(stack, config).outcomes.flatMap((outcome) => outcome.failed)).toEqual([]);
    }
  });

  it('leave the uploads bucket on SSE-S3 while its class stays sse-s3', () => {
    const plain = synth((app) => new EdgeStack(app, testConfig(withKeys((input) => (input.encryption = { customerManagedKeys: true })))));
    const encryption = resourceUnder(plain.json, 'aws_s3_bucket_server_side_encryption_configuration', 'uploads_');
    expect(encryption.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
  });

  it('use a key named in config over the environment key', () => {
    const named = testConfig(
      withKeys((input) => {
        input.observability = { kmsKeyArn: OBSERVABILITY_KEY };
        input.data = { ...input.data, database: { ...input.data!.database, kmsKeyArn: TEST_KEY_ARN } };
      }),
    );
    const json = synthStack(new DataStack(new App(), named, named.data!));
    expect(new Set(logGroupKeys(json))).toEqual(new Set([OBSERVABILITY_KEY]));
    expect(Object.values(resourcesOf(json, 'aws_rds_cluster'))[0].kms_key_id).toBe(TEST_KEY_ARN);
    expect(Object.values(resourcesOf(json, 'aws_elasticache_replication_group'))[0].kms_key_id).toBe(keysOutput('data_key_arn'));
  });

  it('encrypt the sandbox and internal site log groups with the logs key too', () => {
    const sandbox = sandboxConfigFor({}, (input) => (input.encryption = { customerManagedKeys: true }));
    expect(new Set(logGroupKeys(synthStack(new SandboxStack(new App(), sandbox, sandbox.sandbox!))))).toEqual(new Set([keysOutput('logs_key_arn')]));
    const intranet = s3SystemsConfig(['internal-site'], (input) => (input.encryption = { customerManagedKeys: true }));
    expect(new Set(logGroupKeys(synthStack(new IntranetStack(new App(), intranet, intranet.internalSite!))))).toEqual(new Set([keysOutput('logs_key_arn')]));
  });
});

describe('stacks of an environment without its own keys', () => {
  it('read no keys stack and keep the AWS managed keys', () => {
    const config = testConfig(wordpress());
    for (const stack of [new NetworkStack(new App(), config), new DataStack(new App(), config, config.data!), new EdgeStack(new App(), config)]) {
      const json = synthStack(stack);
      expect(json.data?.terraform_remote_state?.['keys-state']).toBeUndefined();
      expect(logGroupKeys(json).every((key) => key === undefined)).toBe(true);
    }
  });
});
