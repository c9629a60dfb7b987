import { dynamodbGatewayEndpointPolicy, interfaceEndpointPolicy, s3GatewayEndpointPolicy } from '../constructs/network/endpoint-policies';

const ACCOUNT = '210987654321';

/**
 * The AWS-owned buckets read through the S3 gateway endpoint in ap-southeast-2, as AWS names them: the Amazon Linux
 * repositories (AL2023, AL2), the buckets the Systems Manager guide lists for restrictive S3 endpoint policies, and
 * ECR's image layer bucket (Amazon ECR guide, "Minimum Amazon S3 bucket permissions for Amazon ECR").
 */
const AWS_OWNED_OBJECTS_AP_SOUTHEAST_2 = [
  'arn:aws:s3:::al2023-repos-ap-southeast-2-de612dc2/*',
  'arn:aws:s3:::amazonlinux-2-repos-ap-southeast-2/*',
  'arn:aws:s3:::aws-ssm-ap-southeast-2/*',
  'arn:aws:s3:::aws-windows-downloads-ap-southeast-2/*',
  'arn:aws:s3:::amazon-ssm-ap-southeast-2/*',
  'arn:aws:s3:::amazon-ssm-packages-ap-southeast-2/*',
  'arn:aws:s3:::ap-southeast-2-birdwatcher-prod/*',
  'arn:aws:s3:::aws-ssm-distributor-file-ap-southeast-2/*',
  'arn:aws:s3:::aws-ssm-document-attachments-ap-southeast-2/*',
  'arn:aws:s3:::patch-baseline-snapshot-ap-southeast-2/*',
  'arn:aws:s3:::prod-ap-southeast-2-starport-layer-bucket/*',
];

type Statement = Record<string, any>;
const statementsOf = (policy: string): Statement[] => {
  const document = JSON.parse(policy);
  expect(document.Version).toBe('2012-10-17');
  return document.Statement;
};

describe('S3 gateway endpoint policy', () => {
  const statements = statementsOf(s3GatewayEndpointPolicy(ACCOUNT, 'ap-southeast-2'));

  it('allows every S3 action, but only on resources of the environment\'s account', () => {
    expect(statements[0]).toEqual({
      Sid: 'OwnAccountBuckets',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:ResourceAccount': ACCOUNT } },
    });
  });

  it('allows only s3:GetObject on the AWS-owned buckets of the region, to any caller (they are read anonymously or by presigned URL)', () => {
    expect(statements[1]).toEqual({ Sid: 'AwsOwnedBucketsReadOnly', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: expect.any(Array) });
    expect([...statements[1].Resource].sort()).toEqual([...AWS_OWNED_OBJECTS_AP_SOUTHEAST_2].sort());
  });

  it('has no other statement: nothing reaches another account\'s bucket', () => {
    expect(statements).toHaveLength(2);
  });

  it('names the buckets of the region it is given', () => {
    const euWest1 = statementsOf(s3GatewayEndpointPolicy(ACCOUNT, 'eu-west-1'))[1].Resource as string[];
    expect(euWest1).toContain('arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/*');
    expect(euWest1).toContain('arn:aws:s3:::eu-west-1-birdwatcher-prod/*');
    expect(euWest1.filter((arn) => arn.includes('ap-southeast-2'))).toEqual([]);
  });
});

describe('DynamoDB gateway endpoint policy', () => {
  it('allows DynamoDB on tables of the environment\'s account only', () => {
    expect(statementsOf(dynamodbGatewayEndpointPolicy(ACCOUNT))).toEqual([
      {
        Sid: 'OwnAccountTables',
        Effect: 'Allow',
        Principal: '*',
        Action: 'dynamodb:*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceAccount': ACCOUNT } },
      },
    ]);
  });
});

describe('interface endpoint policy', () => {
  it('allows any action, but only by principals of the environment\'s account', () => {
    expect(statementsOf(interfaceEndpointPolicy(ACCOUNT))).toEqual([
      {
        Sid: 'OwnAccountPrincipals',
        Effect: 'Allow',
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } },
      },
    ]);
  });
});
