import { App } from 'cdktf';
import { environmentSchema } from '../config/schema';
import { evaluateStack } from '../constructs/policy/engine';
import { KeysStack } from '../stacks/keys-stack';
import { asProduction, baseInput, WebPlatformInput } from './support/fixtures';
import { idUnder, resourcesOf, SynthesizedStack, synthStack } from './support/synth';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

function keysStack(change: (input: WebPlatformInput) => void = () => undefined): { stack: KeysStack; json: SynthesizedStack } {
  const input = baseInput();
  input.encryption = { customerManagedKeys: true };
  change(input);
  const stack = new KeysStack(new App(), environmentSchema.parse(input));
  return { stack, json: synthStack(stack) };
}

const withData = (input: WebPlatformInput) => {
  input.data = {};
};
const productionWithData = (input: WebPlatformInput) => {
  withData(input);
  asProduction(input);
};

type Statement = { Sid: string; Effect: string; Principal: Record<string, unknown>; Action: unknown; Resource: unknown; Condition?: Record<string, any> };

function keyOf(json: SynthesizedStack, purpose: string): Record<string, any> {
  return resourcesOf(json, 'aws_kms_key')[idUnder(json, 'aws_kms_key', `${purpose}_key_`)];
}

function policyOf(json: SynthesizedStack, purpose: string): { Version: string; Statement: Statement[] } {
  return JSON.parse(keyOf(json, purpose).policy as string);
}

/** The statements of a key other than the account's administration of it. */
function usersOf(json: SynthesizedStack, purpose: string): Statement[] {
  return policyOf(json, purpose).Statement.filter((statement) => statement.Sid !== 'AccountAdministersKey');
}

const ROOT_ADMINISTERS = { Sid: 'AccountAdministersKey', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };
const DATA_KEY_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

describe('keys stack: which keys', () => {
  it('makes an S3 key and a logs key, and no data key, for an environment without a data tier', () => {
    const { json } = keysStack();
    expect(Object.keys(resourcesOf(json, 'aws_kms_key'))).toHaveLength(2);
    expect(keyOf(json, 's3')).toBeDefined();
    expect(keyOf(json, 'logs')).toBeDefined();
    expect(Object.keys(resourcesOf(json, 'aws_kms_key')).filter((id) => id.startsWith('data_'))).toEqual([]);
  });

  it('adds the data key when the environment has a data tier', () => {
    const { json } = keysStack(withData);
    expect(Object.keys(resourcesOf(json, 'aws_kms_key'))).toHaveLength(3);
    expect(keyOf(json, 'data')).toBeDefined();
  });

  it('creates every key in the home region, rotated yearly, with a 30-day deletion window and a description of what it encrypts', () => {
    const { json } = keysStack(withData);
    expect(json.provider?.aws).toEqual([expect.objectContaining({ region: REGION, allowed_account_ids: [ACCOUNT] })]);
    for (const [purpose, encrypts] of [
      ['s3', /S3 default encryption/],
      ['logs', /CloudWatch Logs log groups/],
      ['data', /Aurora.*ElastiCache.*Secrets Manager/],
    ] as const) {
      const key = keyOf(json, purpose);
      expect(key.provider).toBeUndefined();
      expect(key.enable_key_rotation).toBe(true);
      expect(key.deletion_window_in_days).toBe(30);
      expect(key.description).toMatch(encrypts);
    }
  });

  it('keeps the keys from terraform destroy in production only', () => {
    const { json: production } = keysStack(productionWithData);
    for (const key of Object.values(resourcesOf(production, 'aws_kms_key'))) expect(key.lifecycle).toEqual({ prevent_destroy: true });
    const { json: other } = keysStack(withData);
    for (const key of Object.values(resourcesOf(other, 'aws_kms_key'))) expect(key.lifecycle).toBeUndefined();
  });

  it('names each key by an alias of the environment that points at it', () => {
    const { json } = keysStack(withData);
    const aliases = Object.values(resourcesOf(json, 'aws_kms_alias'));
    expect(aliases.map((alias) => alias.name).sort()).toEqual(['alias/webplat-test-keys-data', 'alias/webplat-test-keys-logs', 'alias/webplat-test-keys-s3']);
    for (const purpose of ['s3', 'logs', 'data']) {
      const alias = aliases.find((candidate) => candidate.name === `alias/webplat-test-keys-${purpose}`)!;
      expect(alias.target_key_id).toBe(`\${aws_kms_key.${idUnder(json, 'aws_kms_key', `${purpose}_key_`)}.key_id}`);
    }
  });
});

describe('keys stack: key policies', () => {
  const { json } = keysStack(withData);

  it('lets the account administer every key, so IAM policies govern it and it cannot become unmanageable', () => {
    for (const purpose of ['s3', 'logs', 'data']) {
      const policy = policyOf(json, purpose);
      expect(policy.Version).toBe('2012-10-17');
      expect(policy.Statement[0]).toEqual(ROOT_ADMINISTERS);
    }
  });

  it('names every statement of every key policy by a Sid of its own, with and without a data tier, in production too', () => {
    // Auditors and the policy diff refer to statements by Sid, and KMS refuses a key policy whose Sids repeat.
    for (const change of [undefined, withData, productionWithData]) {
      const { json: variant } = keysStack(change);
      const keyIds = Object.keys(resourcesOf(variant, 'aws_kms_key'));
      expect(keyIds.length).toBeGreaterThanOrEqual(2);
      for (const id of keyIds) {
        const sids = (JSON.parse(resourcesOf(variant, 'aws_kms_key')[id].policy as string).Statement as Statement[]).map((statement) => statement.Sid);
        for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
        expect(new Set(sids).size).toBe(sids.length);
      }
    }
  });

  it('lets the account use the S3 key only through S3, and CloudFront distributions of the account only decrypt with it', () => {
    expect(usersOf(json, 's3')).toEqual([
      {
        Sid: 'AccountPrincipalsUseKeyThroughS3',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: DATA_KEY_ACTIONS,
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
      },
      {
        Sid: 'CloudFrontDistributionsReadThroughOriginAccessControl',
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringLike: { 'AWS:SourceArn': `arn:aws:cloudfront::${ACCOUNT}:distribution/*` } },
      },
    ]);
  });

  it("lets only CloudWatch Logs of the home region use the logs key, for the account's log groups there", () => {
    expect(usersOf(json, 'logs')).toEqual([
      {
        Sid: 'CloudWatchLogsEncryptsLogGroups',
        Effect: 'Allow',
        Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:*` } },
      },
    ]);
  });

  it('lets the account use the data key only through RDS, ElastiCache and Secrets Manager, and grants only for AWS resources', () => {
    const services = ['rds.eu-west-1.amazonaws.com', 'elasticache.eu-west-1.amazonaws.com', 'secretsmanager.eu-west-1.amazonaws.com'];
    expect(usersOf(json, 'data')).toEqual([
      {
        Sid: 'AccountPrincipalsUseKeyThroughDataServices',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: DATA_KEY_ACTIONS,
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': services } },
      },
      {
        Sid: 'DataServicesGrantThemselvesUseForTheirResources',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': services }, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      },
    ]);
  });

  it("lets no other account's principal in", () => {
    for (const purpose of ['s3', 'logs', 'data']) {
      for (const statement of policyOf(json, purpose).Statement) {
        expect(statement.Effect).toBe('Allow');
        const { AWS: aws, Service: service } = statement.Principal as { AWS?: string; Service?: string };
        if (aws === `arn:aws:iam::${ACCOUNT}:root`) continue;
        if (aws === '*') {
          // Anyone, but only a caller of this account.
          expect(statement.Condition?.StringEquals?.['kms:CallerAccount']).toBe(ACCOUNT);
          continue;
        }
        // A service, only for this account's resources: its ARN condition names the account.
        expect(service).toMatch(/\.amazonaws\.com$/);
        const scoped = JSON.stringify(statement.Condition ?? {});
        expect(scoped).toContain(`:${ACCOUNT}:`);
      }
    }
  });
});

describe('keys stack: outputs and policy rules', () => {
  it("publishes each key's ARN, described, under the names later tiers read", () => {
    const { json } = keysStack(withData);
    expect(Object.keys(json.output ?? {}).sort()).toEqual(['data_key_arn', 'logs_key_arn', 's3_key_arn']);
    for (const [name, purpose] of [
      ['s3_key_arn', 's3'],
      ['logs_key_arn', 'logs'],
      ['data_key_arn', 'data'],
    ]) {
      expect(json.output![name].value).toBe(`\${aws_kms_key.${idUnder(json, 'aws_kms_key', `${purpose}_key_`)}.arn}`);
      expect(json.output![name].description).toMatch(/KMS key/);
    }
  });

  it('publishes no data key ARN without a data tier', () => {
    const { json } = keysStack();
    expect(Object.keys(json.output ?? {}).sort()).toEqual(['logs_key_arn', 's3_key_arn']);
  });

  it('passes every policy rule, with and without a data tier, in production too', () => {
    for (const change of [undefined, withData, productionWithData]) {
      const { stack } = keysStack(change);
      const findings = evaluateStack(stack, stack.config).outcomes.flatMap((outcome) => outcome.failed);
      expect(findings).toEqual([]);
    }
  });
});
