import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { acceptLoadBalancerAccessLogs, httpsLoadBalancer, OriginLoadBalancer, OriginLoadBalancerProps } from '../constructs/app/load-balancer';
import { SecureBucket } from '../constructs/secure-bucket';
import { idUnder, onlyResource, refTo, SynthesizedStack, synthStack } from './support/synth';

const ACCOUNT = '123456789012';

/**
 * "Enable access logs for your Application Load Balancer", regions available before August 2022: the load balancer
 * writes its access logs as the region's Elastic Load Balancing account (shown for reference; terraform's
 * aws_elb_service_account resolves it).
 */
const ELB_ACCOUNT_PER_REGION: Record<string, string> = {
  'us-east-1': '127311923021',
  'us-east-2': '033677994240',
  'us-west-1': '027434742980',
  'us-west-2': '797873946194',
  'af-south-1': '098369216593',
  'ap-east-1': '754344448648',
  'ap-southeast-3': '589379963580',
  'ap-south-1': '718504428378',
  'ap-northeast-3': '383597477331',
  'ap-northeast-2': '600734575887',
  'ap-southeast-1': '114774131450',
  'ap-southeast-2': '783225319266',
  'ap-northeast-1': '582318560864',
  'ca-central-1': '985666609251',
  'eu-central-1': '054676820928',
  'eu-west-1': '156460612806',
  'eu-west-2': '652711504416',
  'eu-south-1': '635631232127',
  'eu-west-3': '009996457667',
  'eu-north-1': '897822967062',
  'me-south-1': '076674570225',
  'sa-east-1': '507241528517',
  'us-gov-west-1': '048591011584',
  'us-gov-east-1': '190560391635',
  'cn-north-1': '638102146993',
  'cn-northwest-1': '037604701340',
};

/** Regions opened in August 2022 or later: the same page has them grant the log delivery service principal instead. */
const LOG_DELIVERY_REGIONS = ['me-central-1', 'eu-central-2', 'eu-south-2', 'ap-south-2', 'ap-southeast-4', 'il-central-1', 'ca-west-1', 'ap-southeast-5', 'mx-central-1'];

/** A stack in `region` with one private bucket accepting the region's load balancer access logs. */
function accessLogBucketIn(region: string): SynthesizedStack {
  const stack = new TerraformStack(Testing.app(), 'logs');
  new AwsProvider(stack, 'aws', { region });
  const bucket = new SecureBucket(stack, 'access-logs', { bucketName: 'webplat-test-app-alb-logs', versioned: false, expireObjectsAfterDays: 30 });
  acceptLoadBalancerAccessLogs(stack, bucket, region, ACCOUNT);
  return synthStack(stack);
}

/** The bucket policy's statement that lets load balancer log delivery write. */
function accessLogStatement(json: SynthesizedStack): Record<string, unknown> {
  const statements = JSON.parse(onlyResource(json, 'aws_s3_bucket_policy').policy as string).Statement as Record<string, unknown>[];
  const found = statements.filter((statement) => statement.Sid === 'LoadBalancerAccessLogs');
  if (found.length !== 1) throw new Error(`expected one LoadBalancerAccessLogs statement, found ${found.length}`);
  return found[0];
}

/** Only PutObject, and only under this account's AWSLogs/ prefix of the log bucket. */
function writesOnlyUnderOwnPrefix(json: SynthesizedStack) {
  const bucketArn = refTo('aws_s3_bucket', idUnder(json, 'aws_s3_bucket', 'access-logs_'), 'arn');
  return { Effect: 'Allow', Action: 's3:PutObject', Resource: `${bucketArn}/AWSLogs/${ACCOUNT}/*` };
}

describe('load balancer access log bucket policy', () => {
  it.each(Object.entries(ELB_ACCOUNT_PER_REGION))('in %s grants the regional Elastic Load Balancing account (%s), looked up by aws_elb_service_account', (region) => {
    const json = accessLogBucketIn(region);
    const lookups = json.data?.aws_elb_service_account ?? {};
    expect(Object.keys(lookups)).toHaveLength(1);
    const [lookup] = Object.keys(lookups);
    // No region argument: the lookup follows the provider's region, the one the load balancer is in.
    expect(lookups[lookup]).toEqual({});
    expect(accessLogStatement(json)).toEqual({
      Sid: 'LoadBalancerAccessLogs',
      Principal: { AWS: `\${data.aws_elb_service_account.${lookup}.arn}` },
      ...writesOnlyUnderOwnPrefix(json),
    });
  });

  it.each(LOG_DELIVERY_REGIONS)('in %s grants the log delivery service principal, with no aws_elb_service_account (it fails there)', (region) => {
    const json = accessLogBucketIn(region);
    expect(json.data?.aws_elb_service_account).toBeUndefined();
    expect(accessLogStatement(json)).toEqual({
      Sid: 'LoadBalancerAccessLogs',
      Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
      ...writesOnlyUnderOwnPrefix(json),
    });
  });
});

describe('httpsLoadBalancer', () => {
  /** A load balancer whose access log bucket accepts eu-west-1's log delivery, with `dependsOn` passed through when given. */
  function synthHttps(withCertificateValidation: boolean): SynthesizedStack {
    const stack = new TerraformStack(Testing.app(), 'https');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const logs = new SecureBucket(stack, 'access-logs', { bucketName: 'webplat-test-intranet-alb-logs', versioned: false, expireObjectsAfterDays: 30 });
    acceptLoadBalancerAccessLogs(stack, logs, 'eu-west-1', ACCOUNT);
    const validation = withCertificateValidation ? [new AcmCertificateValidation(stack, 'validation', { certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/1' })] : undefined;
    httpsLoadBalancer(stack, {
      name: 'webplat-test-intranet-alb',
      internal: true,
      subnetIds: ['subnet-a', 'subnet-b'],
      securityGroupId: 'sg-1',
      deletionProtection: false,
      accessLogs: logs,
      certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/1',
      defaultResponse: { statusCode: '404', messageBody: 'Not found' },
      dependsOn: validation,
    });
    return synthStack(stack);
  }

  const logBucketPolicy = (json: SynthesizedStack) => `aws_s3_bucket_policy.${idUnder(json, 'aws_s3_bucket_policy', 'access-logs_')}`;

  it('is created only after the access log bucket policy that lets log delivery write (ELB checks it when access logs are turned on)', () => {
    const json = synthHttps(false);
    expect(onlyResource(json, 'aws_lb').depends_on).toEqual([logBucketPolicy(json)]);
  });

  it('also waits for every extra dependency passed, keeping the bucket policy', () => {
    const json = synthHttps(true);
    expect(onlyResource(json, 'aws_lb').depends_on).toEqual([logBucketPolicy(json), 'aws_acm_certificate_validation.validation']);
  });
});

describe('OriginLoadBalancer target group', () => {
  const PROPS: OriginLoadBalancerProps = {
    name: 'webplat-test-app-alb', targetGroupName: 'webplat-test-app-web', logBucketName: 'webplat-test-app-alb-logs', logRetentionDays: 30, region: 'eu-west-1', accountId: ACCOUNT,
    vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'], zoneCount: 2, securityGroupId: 'sg-1', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/1',
    targetPort: 8080, healthCheckPath: '/health', originHeader: { name: 'X-Origin-Verify', value: 'secret' }, deletionProtection: false,
  };

  function targetGroup(props: OriginLoadBalancerProps): Record<string, unknown> {
    const stack = new TerraformStack(Testing.app(), 'origin');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new OriginLoadBalancer(stack, 'alb', props);
    return onlyResource(synthStack(stack), 'aws_lb_target_group');
  }

  it('registers EC2 instances by id when no target type is given', () => {
    expect(targetGroup(PROPS)).toMatchObject({ target_type: 'instance', port: 8080, protocol: 'HTTP' });
  });

  it('registers network interfaces by address (what ECS tasks in awsvpc mode need) when asked for ip', () => {
    expect(targetGroup({ ...PROPS, targetType: 'ip' }).target_type).toBe('ip');
  });
});
