import { attachedTo, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

function deniesInsecureTransport(policy: unknown): boolean {
  if (typeof policy !== 'string') return false;
  try {
    const statements = [JSON.parse(policy).Statement].flat();
    return statements.some((s) => s?.Effect === 'Deny' && `${s?.Condition?.Bool?.['aws:SecureTransport']}` === 'false');
  } catch {
    return false;
  }
}

export const s3TlsOnly: PolicyRule = {
  id: 'S3-TLS-ONLY',
  pack: 'storage',
  title: 'Every S3 bucket policy denies requests not made over TLS.',
  explanation: 'Plain HTTP requests expose object data and signed requests to anyone on the path.',
  fix: 'Add a Deny statement with Condition Bool aws:SecureTransport = false to the bucket policy (SecureBucket does).',
  check: ({ resources }) =>
    ofType(resources, 'aws_s3_bucket').map((bucket) => {
      const ok = attachedTo(resources, 'aws_s3_bucket_policy', 'bucket', bucket).some((policy) => deniesInsecureTransport(policy.values.policy));
      return verdict(bucket, !ok && 'has no bucket policy denying aws:SecureTransport = false');
    }),
};
