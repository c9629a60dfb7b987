import { attachedTo, blocks, ofType, references, verdict } from '../../resources';
import { PolicyRule, StackResource } from '../../types';

/** True for a JSON policy document with a Deny on aws:SecureTransport = false. */
function jsonDeniesPlainHttp(document: string): boolean {
  try {
    const statements = [JSON.parse(document).Statement].flat();
    return statements.some((s) => s?.Effect === 'Deny' && `${s?.Condition?.Bool?.['aws:SecureTransport']}` === 'false');
  } catch {
    return false;
  }
}

/** True for an aws_iam_policy_document data source with the same Deny statement. */
function documentDeniesPlainHttp(document: StackResource): boolean {
  return blocks(document.values.statement).some(
    (s) =>
      s.effect === 'Deny' &&
      blocks(s.condition).some((c) => c.test === 'Bool' && c.variable === 'aws:SecureTransport' && blocks(c.values).map(String).includes('false')),
  );
}

/** Every S3 bucket policy denies requests not made over TLS. */
export const s3TlsOnly: PolicyRule = {
  id: 'S3-TLS-ONLY',
  pack: 'storage',
  title: 'Every S3 bucket policy denies requests not made over TLS.',
  explanation: 'A plain HTTP request exposes the object and the request to anyone on the network path.',
  fix: 'Add a statement { Effect: Deny, Principal: *, Action: s3:*, Condition: { Bool: { aws:SecureTransport: false } } } to the bucket policy (SecureBucket does).',
  check: ({ resources }) =>
    ofType(resources, 'aws_s3_bucket').map((bucket) => {
      const denies = attachedTo(resources, 'aws_s3_bucket_policy', 'bucket', bucket).some((policy) => {
        const document = policy.values.policy;
        if (typeof document === 'string' && !document.startsWith('${')) return jsonDeniesPlainHttp(document);
        return ofType(resources, 'data.aws_iam_policy_document').some((data) => references(document, data) && documentDeniesPlainHttp(data));
      });
      return verdict(bucket, !denies && 'has no bucket policy denying requests without TLS (aws:SecureTransport = false)');
    }),
};
