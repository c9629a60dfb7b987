import { App, TerraformStack } from 'cdktf';
import { SecureBucket } from '../constructs/secure-bucket';
import { WebsiteDistribution, WebsiteDistributionProps } from '../constructs/website/website-distribution';
import { idUnder, onlyResource, refTo, resourceUnder, synthStack, SynthesizedStack } from './support/synth';

/** CloudFront Functions: a function name has at most 64 characters (CloudFront developer guide, "Quotas", CloudFront Functions). */
const CLOUDFRONT_FUNCTION_NAME_LIMIT = 64;
/** What the construct appends to its name for the index document function. */
const FUNCTION_SUFFIX = '-index';
/** The longest name the construct can take: its function name must still fit CloudFront's limit. */
const LONGEST_NAME = CLOUDFRONT_FUNCTION_NAME_LIMIT - FUNCTION_SUFFIX.length;

const NAME = 'webplat-test-website-site';

/** A WebsiteDistribution named `name` over a private bucket, alone in a small stack, synthesized. */
function synthDistribution(name: string): SynthesizedStack {
  const stack = new TerraformStack(new App(), 'website');
  const bucket = new SecureBucket(stack, 'content', { bucketName: 'content-123456789012' });
  const props: WebsiteDistributionProps = {
    name,
    hostName: 'www.test.example.com',
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/example',
    bucket,
    indexDocument: 'index.html',
    errorDocument: 'error.html',
    priceClass: 'PriceClass_100',
  };
  new WebsiteDistribution(stack, 'cdn', props);
  return synthStack(stack);
}

describe('website distribution', () => {
  const json = synthDistribution(NAME);
  const distribution = onlyResource(json, 'aws_cloudfront_distribution');

  it('is enabled, serving viewers in every country (no geo restriction)', () => {
    expect(distribution.enabled).toBe(true);
    expect(distribution.restrictions).toEqual({ geo_restriction: { restriction_type: 'none' } });
  });

  it('names its origin access control, index document function and comment after its name', () => {
    expect(onlyResource(json, 'aws_cloudfront_origin_access_control')).toMatchObject({ name: NAME, description: expect.stringMatching(/\S/) });
    expect(onlyResource(json, 'aws_cloudfront_function').name).toBe(`${NAME}${FUNCTION_SUFFIX}`);
    expect(distribution.comment).toBe(NAME);
  });

  it('lets the distribution read the bucket in a statement with its own Sid, unique in the bucket policy', () => {
    const statements: Record<string, any>[] = JSON.parse(resourceUnder(json, 'aws_s3_bucket_policy', 'content_').policy as string).Statement;
    const distributionArn = refTo('aws_cloudfront_distribution', idUnder(json, 'aws_cloudfront_distribution', 'cdn_'), 'arn');
    const reads = statements.filter((statement) => statement.Condition?.StringEquals?.['AWS:SourceArn'] === distributionArn);
    expect(reads.map((statement) => statement.Sid)).toEqual(['CloudFrontReadsSite']);
    const sids = statements.map((statement) => statement.Sid);
    expect(sids.every((sid) => typeof sid === 'string' && /^[A-Za-z0-9]+$/.test(sid))).toBe(true);
    expect(new Set(sids).size).toBe(sids.length);
  });

  it(`takes a name of exactly ${LONGEST_NAME} characters, its function name then exactly at CloudFront's limit`, () => {
    const longest = 'n'.repeat(LONGEST_NAME);
    const fn = onlyResource(synthDistribution(longest), 'aws_cloudfront_function');
    expect(fn.name).toBe(`${longest}${FUNCTION_SUFFIX}`);
    expect((fn.name as string).length).toBe(CLOUDFRONT_FUNCTION_NAME_LIMIT);
  });

  it(`refuses a name of ${LONGEST_NAME + 1} characters, whose function name would pass CloudFront's limit`, () => {
    expect(() => synthDistribution('n'.repeat(LONGEST_NAME + 1))).toThrow(new RegExp(`has ${LONGEST_NAME + 1} characters, more than ${LONGEST_NAME}`));
  });
});
