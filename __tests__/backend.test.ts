import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App, TerraformOutput } from 'cdktf';
import { remoteTierState, stateLocation } from '../constructs/backend';
import type { WebPlatformInput } from './support/fixtures';
import { TierStack } from '../stacks/tier-stack';
import { testConfig } from './support/fixtures';
import { synthStack } from './support/synth';

function tierStack(change?: (input: WebPlatformInput) => void): TierStack {
  return new TierStack(new App(), { config: testConfig(change), tier: 'app' });
}

describe('remote state backend', () => {
  it('keeps each tier in its own encrypted key, locked by the DynamoDB table by default', () => {
    expect(synthStack(tierStack()).terraform?.backend).toEqual({
      s3: {
        bucket: 'webplat-test-state-tfstate-123456789012',
        key: 'test/app.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        dynamodb_table: 'webplat-test-state-locks',
      },
    });
  });

  it('uses S3-native lock files instead when state.locking is s3-native', () => {
    const json = synthStack(
      tierStack((input) => {
        input.state = { locking: 's3-native' };
      }),
    );
    const backend = (json.terraform?.backend as Record<string, Record<string, unknown>>).s3;
    expect(backend.use_lockfile).toBe(true);
    expect(backend).not.toHaveProperty('dynamodb_table');
  });

  it('encrypts state with the configured KMS key', () => {
    const kmsKeyArn = 'arn:aws:kms:eu-west-1:123456789012:key/0b7c5f2e-1111-2222-3333-444455556666';
    const json = synthStack(
      tierStack((input) => {
        input.state = { kmsKeyArn };
      }),
    );
    expect((json.terraform?.backend as Record<string, Record<string, unknown>>).s3.kms_key_id).toBe(kmsKeyArn);
  });

  it('encrypts state with the state stack\'s own key, named by its alias ARN, with state.customerManagedKey', () => {
    const json = synthStack(
      tierStack((input) => {
        input.state = { customerManagedKey: true, locking: 's3-native' };
      }),
    );
    expect((json.terraform?.backend as Record<string, Record<string, unknown>>).s3).toEqual({
      bucket: 'webplat-test-state-tfstate-123456789012',
      key: 'test/app.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:alias/webplat-test-state-tfstate',
      use_lockfile: true,
    });
  });

  it('reads an earlier tier with the location only, no lock settings', () => {
    const stack = tierStack();
    const network = remoteTierState(stack, stack.config, 'network');
    new TerraformOutput(stack, 'vpc', { value: network.getString('vpc_id') });
    const json = synthStack(stack);
    expect(json.data?.terraform_remote_state).toEqual({
      'network-state': { backend: 's3', config: { bucket: 'webplat-test-state-tfstate-123456789012', key: 'test/network.tfstate', region: 'eu-west-1' } },
    });
    expect(json.output?.vpc.value).toBe('${data.terraform_remote_state.network-state.outputs.vpc_id}');
  });

  it('gives cdktf cross-stack references the same quiet remote state', () => {
    const app = new App();
    const producer = new TierStack(app, { config: testConfig(), tier: 'network' });
    const consumer = new TierStack(app, { config: testConfig(), tier: 'app' });
    const bucket = new S3Bucket(producer, 'bucket', { bucket: 'shared' });
    new TerraformOutput(consumer, 'bucket-arn', { value: bucket.arn });
    producer.prepareStack();
    consumer.prepareStack();
    const remote = Object.values(synthStack(consumer).data?.terraform_remote_state ?? {});
    expect(remote).toHaveLength(1);
    expect(remote[0]).toEqual({ backend: 's3', config: stateLocation(testConfig(), 'network') });
  });
});
