import { App, TerraformStack } from 'cdktf';
import { SignerPolicy, SignerPolicyProps } from '../constructs/files/signer-policy';
import { onlyResource, resourcesOf, synthStack, SynthesizedStack } from './support/synth';

const BUCKET_ARN = 'arn:aws:s3:::acme-reports';
const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const BASE: SignerPolicyProps = { policyName: 'acme-signer', bucketArn: BUCKET_ARN, signedPrefix: 'downloads/', region: 'eu-west-1' };

/** A SignerPolicy with `props`, alone in a small stack, synthesized. */
function synthSigner(props: SignerPolicyProps): SynthesizedStack {
  const stack = new TerraformStack(new App(), 'files');
  new SignerPolicy(stack, 'signer', props);
  return synthStack(stack);
}

const statementsOf = (json: SynthesizedStack): Record<string, any>[] => JSON.parse(onlyResource(json, 'aws_iam_policy').policy as string).Statement;

describe('signer policy', () => {
  it('built without roleNames, is attached to no role', () => {
    const json = synthSigner(BASE);
    expect(onlyResource(json, 'aws_iam_policy').name).toBe('acme-signer');
    expect(resourcesOf(json, 'aws_iam_role_policy_attachment')).toEqual({});
  });

  it('names each statement by what it allows: ReadSignedObjects, and DecryptSignedObjectsThroughS3 with a KMS key', () => {
    expect(statementsOf(synthSigner(BASE)).map(({ Sid, Action }) => [Sid, Action])).toEqual([['ReadSignedObjects', 's3:GetObject']]);
    expect(statementsOf(synthSigner({ ...BASE, kmsKeyArn: KEY_ARN })).map(({ Sid, Action }) => [Sid, Action])).toEqual([
      ['ReadSignedObjects', 's3:GetObject'],
      ['DecryptSignedObjectsThroughS3', 'kms:Decrypt'],
    ]);
  });

  it('gives every statement a non-empty alphanumeric Sid, unique within the policy (IAM requires unique Sids)', () => {
    for (const props of [BASE, { ...BASE, kmsKeyArn: KEY_ARN, roleNames: ['app-server'] }]) {
      const sids = statementsOf(synthSigner(props)).map((statement) => statement.Sid);
      for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
      expect(new Set(sids).size).toBe(sids.length);
    }
  });
});
