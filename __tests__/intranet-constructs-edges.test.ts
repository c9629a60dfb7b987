import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import { TerraformStack, Testing } from 'cdktf';
import { EndpointTargets, EndpointTargetsProps } from '../constructs/intranet/endpoint-targets';
import { IntranetNaming } from '../constructs/intranet/intranet-naming';
import { OidcSignIn } from '../constructs/intranet/oidc-sign-in';
import { SiteS3Endpoint } from '../constructs/intranet/s3-endpoint';
import { SiteSecurityGroups } from '../constructs/intranet/security-groups';
import { SiteBucket } from '../constructs/intranet/site-bucket';
import { SiteFirewall } from '../constructs/intranet/site-firewall';
import { SiteLoadBalancer, SiteLoadBalancerProps } from '../constructs/intranet/site-load-balancer';
import { SiteNetwork, SiteNetworkProps } from '../constructs/intranet/site-network';
import { Naming } from '../constructs/naming';
import { serverAccessLogBucket } from '../constructs/secure-bucket';
import { oidcBlock } from './support/s3-systems';
import { onlyResource, resourcesOf, synthStack, SynthesizedStack } from './support/synth';
import { messageThrownBy } from './support/thrown';

// The constructs of the internal site built alone. They take any Naming: a plain one here, so the
// names they ask for under the intranet tier show (IntranetNaming would hide the tier they pass).

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const NAMES = { project: 'webplat', environment: 'test', accountId: ACCOUNT };
const naming = new Naming(NAMES);
const HOST = 'docs.test.example.com';
const VPC_CIDR = '10.30.0.0/16';

type Resource = Record<string, any>;

function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'intranet');
  new AwsProvider(stack, 'aws', { region: REGION, allowedAccountIds: [ACCOUNT] });
  return stack;
}

function accessLogs(stack: TerraformStack) {
  return serverAccessLogBucket(stack, 's3-access-logs', { bucketName: `webplat-test-intranet-s3-access-logs-${ACCOUNT}`, retentionDays: 30, accountId: ACCOUNT });
}

/** The message `build` throws. */
const policyOf = (resource: Resource) => JSON.parse(resource.policy as string) as { Statement: Resource[] };

describe('IntranetNaming', () => {
  const intranet = new IntranetNaming(NAMES);

  it.each([
    ['name of a shared network construct', () => intranet.name('network', 'flow-logs'), 'webplat-test-intranet-flow-logs'],
    ['name asked under the app tier', () => intranet.name('app', 'alb-sg', 255), 'webplat-test-intranet-alb-sg'],
    ['load balancer name', () => intranet.elbName('network', 'alb'), 'webplat-test-intranet-alb'],
    ['bucket name', () => intranet.bucketName('network', 'waf-logs'), `webplat-test-intranet-waf-logs-${ACCOUNT}`],
  ])('names every resource under intranet, whatever tier is asked: %s', (_what, name, expected) => {
    expect(name()).toBe(expected);
  });

  it('keeps the length limit it is given', () => {
    const short = intranet.name('network', 'a-rather-long-purpose', 24);
    expect(short).toMatch(/^webplat-test-intr-[0-9a-f]{6}$/);
  });
});

describe('EndpointTargets', () => {
  const props = (change: Partial<EndpointTargetsProps> = {}): EndpointTargetsProps => ({
    name: 'webplat-test-intranet-site',
    vpcId: 'vpc-1',
    networkInterfaceIds: ['eni-1', 'eni-2'],
    interfaceCount: 2,
    healthCheckCodes: [200, 307, 405],
    ...change,
  });
  const build = (change: Partial<EndpointTargetsProps> = {}) => {
    const stack = newStack();
    new EndpointTargets(stack, 'targets', props(change));
    return synthStack(stack);
  };

  it('is an ip target group on HTTPS 443 that drains in 30 s and probes / over HTTPS every 30 s (healthy after 2, unhealthy after 3)', () => {
    expect(onlyResource(build(), 'aws_lb_target_group')).toEqual({
      name: 'webplat-test-intranet-site',
      target_type: 'ip',
      port: 443,
      protocol: 'HTTPS',
      vpc_id: 'vpc-1',
      deregistration_delay: '30',
      health_check: { protocol: 'HTTPS', path: '/', matcher: '200,307,405', interval: 30, healthy_threshold: 2, unhealthy_threshold: 3 },
    });
  });

  it('registers one interface address when the endpoint has one subnet', () => {
    const json = build({ interfaceCount: 1, networkInterfaceIds: ['eni-1'] });
    expect(onlyResource(json, 'aws_lb_target_group_attachment')).toMatchObject({ count: 1, port: 443 });
  });

  it.each([
    [0, 'EndpointTargets: interfaceCount must be the number of endpoint subnets (1 or more), got 0.'],
    [-1, 'EndpointTargets: interfaceCount must be the number of endpoint subnets (1 or more), got -1.'],
    [1.5, 'EndpointTargets: interfaceCount must be the number of endpoint subnets (1 or more), got 1.5.'],
  ])('refuses an interface count of %p', (interfaceCount, message) => {
    expect(messageThrownBy(() => build({ interfaceCount }))).toBe(message);
  });

  it('refuses an empty list of health check codes', () => {
    expect(messageThrownBy(() => build({ healthCheckCodes: [] }))).toBe('EndpointTargets: healthCheckCodes is empty; give at least 200, 307 and 405.');
  });
});

describe('OidcSignIn', () => {
  it('declares the client secret as a sensitive, non-nullable string variable with no default', () => {
    const stack = newStack();
    new OidcSignIn(stack, 'oidc', {
      oidc: { ...oidcBlock(), scope: 'openid', sessionTimeoutSeconds: 3600 } as any,
    });
    const variables = (synthStack(stack) as Resource).variable;
    expect(Object.keys(variables)).toEqual(['internal_site_oidc_client_secret']);
    const { description, ...rest } = variables.internal_site_oidc_client_secret;
    expect(rest).toEqual({ type: 'string', sensitive: true, nullable: false });
    expect(description).toContain('docs-site');
  });
});

describe('SiteS3Endpoint', () => {
  const stack = newStack();
  new SiteS3Endpoint(stack, 's3-endpoint', { naming, vpcId: 'vpc-1', region: 'eu-central-1', subnetIds: ['subnet-a', 'subnet-b'], securityGroupId: 'sg-endpoint', bucketName: HOST });
  const endpoint = onlyResource(synthStack(stack), 'aws_vpc_endpoint') as Resource;

  it('is the region\'s S3 interface endpoint, named under the intranet tier', () => {
    expect(endpoint).toMatchObject({
      service_name: 'com.amazonaws.eu-central-1.s3',
      vpc_endpoint_type: 'Interface',
      private_dns_enabled: false,
      subnet_ids: ['subnet-a', 'subnet-b'],
      security_group_ids: ['sg-endpoint'],
      tags: { Name: 'webplat-test-intranet-s3-endpoint' },
    });
  });

  it('admits exactly one statement: anyone may GetObject on the site bucket\'s objects', () => {
    expect(policyOf(endpoint).Statement).toEqual([{ Sid: 'ReadSiteObjects', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${HOST}/*` }]);
  });
});

describe('SiteSecurityGroups', () => {
  const build = (allowedCidrs?: string[]) => {
    const stack = newStack();
    new SiteSecurityGroups(stack, 'security-groups', { naming, vpcId: 'vpc-1', vpcCidr: VPC_CIDR, allowedCidrs });
    return synthStack(stack);
  };

  it('names both groups under the intranet tier, tags them with their names, and revokes their rules on delete', () => {
    const groups = (Object.values(resourcesOf(build(), 'aws_security_group')) as Resource[]).map(({ description: _description, ...group }) => group);
    expect(groups).toEqual(
      ['alb', 'endpoint'].map((purpose) => ({ name: `webplat-test-intranet-${purpose}`, vpc_id: 'vpc-1', revoke_rules_on_delete: true, tags: { Name: `webplat-test-intranet-${purpose}` } })),
    );
  });

  const addresses = (json: SynthesizedStack, type: string) => Object.keys(resourcesOf(json, type)).sort();

  it('describes each group to the operator reading the console', () => {
    expect(Object.fromEntries((Object.values(resourcesOf(build(), 'aws_security_group')) as Resource[]).map((group) => [group.name, group.description]))).toEqual({
      'webplat-test-intranet-alb': 'Internal site load balancer: HTTPS from the VPC and the allowed ranges, to the S3 endpoint',
      'webplat-test-intranet-endpoint': 'Internal site S3 endpoint: HTTPS from the load balancer only',
    });
  });

  it('without allowedCidrs or an identity provider, opens 443 from the VPC to the alb, from the alb to the endpoint, and nothing else', () => {
    const json = build();
    expect(addresses(json, 'aws_vpc_security_group_ingress_rule')).toEqual(['security-groups_alb-in-vpc_D4E00A24', 'security-groups_endpoint-in-alb_BD97F539']);
    expect(addresses(json, 'aws_vpc_security_group_egress_rule')).toEqual(['security-groups_alb-out-endpoint_C114FC7A']);
    expect((Object.values(resourcesOf(json, 'aws_vpc_security_group_egress_rule')) as Resource[]).map((rule) => rule.cidr_ipv4)).toEqual([undefined]);
  });

  it('keys the rule of an allowed range by the range, dots and slash as dashes, so its Terraform address stays put when the list is reordered', () => {
    const json = build(['10.20.0.0/16', '192.168.10.0/24']);
    const reordered = build(['192.168.10.0/24', '10.20.0.0/16']);
    const ingress = resourcesOf(json, 'aws_vpc_security_group_ingress_rule');
    expect(Object.keys(ingress).sort()).toEqual([
      'security-groups_alb-in-10-20-0-0-16_D6EC375A',
      'security-groups_alb-in-192-168-10-0-24_5BC588B1',
      'security-groups_alb-in-vpc_D4E00A24',
      'security-groups_endpoint-in-alb_BD97F539',
    ]);
    expect(resourcesOf(reordered, 'aws_vpc_security_group_ingress_rule')).toEqual(ingress);
    expect(ingress['security-groups_alb-in-10-20-0-0-16_D6EC375A']).toEqual({
      security_group_id: '${aws_security_group.security-groups_alb_EE3942E0.id}',
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_ipv4: '10.20.0.0/16',
      description: 'HTTPS from 10.20.0.0/16 (internalSite.allowedCidrs)',
    });
  });

  it('with an identity provider, also lets the alb open 443 to any IPv4 address', () => {
    const stack = newStack();
    new SiteSecurityGroups(stack, 'security-groups', { naming, vpcId: 'vpc-1', vpcCidr: VPC_CIDR, identityProviderEgress: true });
    const egress = resourcesOf(synthStack(stack), 'aws_vpc_security_group_egress_rule') as Record<string, Resource>;
    const identityProvider = Object.entries(egress).find(([id]) => id.startsWith('security-groups_alb-out-identity-provider_'))![1];
    expect(identityProvider).toMatchObject({ ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0', security_group_id: '${aws_security_group.security-groups_alb_EE3942E0.id}' });
  });

  it.each([
    [[VPC_CIDR], `SiteSecurityGroups: allowedCidrs (internalSite.allowedCidrs) lists ${VPC_CIDR} twice (or as the VPC itself, which is always allowed); name each range once.`],
    [
      ['10.0.0.0/8', '192.168.0.0/16', '10.0.0.0/8', '192.168.0.0/16', '10.0.0.0/8'],
      'SiteSecurityGroups: allowedCidrs (internalSite.allowedCidrs) lists 10.0.0.0/8, 192.168.0.0/16 twice (or as the VPC itself, which is always allowed); name each range once.',
    ],
  ])('refuses allowedCidrs %j, naming each repeated range once', (allowedCidrs, message) => {
    expect(messageThrownBy(() => build(allowedCidrs))).toBe(message);
  });
});

describe('SiteBucket', () => {
  it('lets anyone read objects only through the endpoint, in a statement of its own Sid', () => {
    const stack = newStack();
    new SiteBucket(stack, 'site-bucket', { bucketName: HOST, endpointId: 'vpce-0123', accessLogs: accessLogs(stack) });
    const json = synthStack(stack);
    const policy = Object.entries(resourcesOf(json, 'aws_s3_bucket_policy')).find(([id]) => id.startsWith('site-bucket_'))![1];
    const bucketId = Object.keys(resourcesOf(json, 'aws_s3_bucket')).find((id) => id.startsWith('site-bucket_'))!;
    expect(policyOf(policy).Statement.filter((statement) => statement.Effect === 'Allow')).toEqual([
      { Sid: 'ReadThroughSiteEndpoint', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `\${aws_s3_bucket.${bucketId}.arn}/*`, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0123' } } },
    ]);
  });
});

describe('SiteFirewall', () => {
  it('names the web ACL, its Firehose stream and its log bucket under the intranet tier', () => {
    const stack = newStack();
    new SiteFirewall(stack, 'waf', { naming, loadBalancerArn: 'arn:alb', logRetentionDays: 30, serverAccessLogs: accessLogs(stack), region: REGION, accountId: ACCOUNT });
    const json = synthStack(stack);
    expect(onlyResource(json, 'aws_wafv2_web_acl')).toMatchObject({ name: 'webplat-test-intranet-waf', scope: 'REGIONAL' });
    expect(onlyResource(json, 'aws_kinesis_firehose_delivery_stream')).toMatchObject({ name: 'aws-waf-logs-webplat-test-intranet-waf' });
    expect((Object.values(resourcesOf(json, 'aws_s3_bucket')) as Resource[]).map((bucket) => bucket.bucket).sort()).toEqual([
      `webplat-test-intranet-s3-access-logs-${ACCOUNT}`,
      `webplat-test-intranet-waf-logs-${ACCOUNT}`,
    ]);
  });
});

describe('SiteLoadBalancer', () => {
  const build = (change: Partial<SiteLoadBalancerProps> = {}): SynthesizedStack => {
    const stack = newStack();
    new SiteLoadBalancer(stack, 'alb', {
      name: 'webplat-test-intranet-alb',
      internal: true,
      subnetIds: ['subnet-a', 'subnet-b'],
      securityGroupId: 'sg-alb',
      hostName: HOST,
      certificateArn: 'arn:certificate',
      targetGroupArn: 'arn:targets',
      logBucketName: `webplat-test-intranet-alb-logs-${ACCOUNT}`,
      logRetentionDays: 30,
      serverAccessLogs: accessLogs(stack),
      region: REGION,
      accountId: ACCOUNT,
      deletionProtection: false,
      ...change,
    });
    return synthStack(stack);
  };
  const json = build();

  it('answers any other host with a plain-text 404 "Not found"', () => {
    expect(onlyResource(json, 'aws_lb_listener').default_action).toEqual([{ type: 'fixed-response', fixed_response: { content_type: 'text/plain', status_code: '404', message_body: 'Not found' } }]);
  });

  it('redirects a path ending in / permanently to its index.html on the same host, port 443 over HTTPS, keeping the query', () => {
    const redirect = (Object.values(resourcesOf(json, 'aws_lb_listener_rule')) as Resource[]).find((rule) => rule.action[0].type === 'redirect')!;
    expect(redirect.action).toEqual([
      { type: 'redirect', order: 1, redirect: { protocol: 'HTTPS', port: '443', host: '#{host}', path: '/#{path}index.html', query: '#{query}', status_code: 'HTTP_301' } },
    ]);
  });

  it('waits for nothing but its access log bucket policy when given nothing to wait for', () => {
    expect(onlyResource(json, 'aws_lb').depends_on).toHaveLength(1);
  });

  it.each([
    [{ subnetIds: ['subnet-a'] }, 'SiteLoadBalancer needs subnets in at least 2 availability zones, got 1.'],
    [{ logRetentionDays: 0 }, 'SiteLoadBalancer: retentionDays must be a whole number of days, 1 or more (S3 lifecycle expiration), got 0'],
  ])('refuses %j', (change, message) => {
    expect(messageThrownBy(() => build(change))).toBe(message);
  });
});

describe('SiteNetwork', () => {
  const props = (change: Partial<SiteNetworkProps> = {}): SiteNetworkProps => ({
    naming,
    accountId: ACCOUNT,
    cidr: VPC_CIDR,
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    albSubnetCidrs: ['10.30.0.0/24', '10.30.1.0/24'],
    endpointSubnetCidrs: ['10.30.10.0/24', '10.30.11.0/24'],
    flowLogRetentionDays: 30,
    ...change,
  });
  const build = (change: Partial<SiteNetworkProps> = {}) => {
    const stack = newStack();
    const network = new SiteNetwork(stack, 'network', props(change));
    return { network, json: synthStack(stack) };
  };
  const nameTags = (json: SynthesizedStack, type: string) => (Object.values(resourcesOf(json, type)) as Resource[]).map((resource) => resource.tags?.Name).sort();

  it('tags the VPC, its route tables and subnets with names under the intranet tier; internal, it has nothing for a load balancer to wait for', () => {
    const { network, json } = build();
    expect(nameTags(json, 'aws_vpc')).toEqual(['webplat-test-intranet-vpc']);
    expect(nameTags(json, 'aws_route_table')).toEqual(['webplat-test-intranet-alb', 'webplat-test-intranet-endpoint']);
    expect(nameTags(json, 'aws_subnet')).toEqual([
      'webplat-test-intranet-alb-eu-west-1a',
      'webplat-test-intranet-alb-eu-west-1b',
      'webplat-test-intranet-endpoint-eu-west-1a',
      'webplat-test-intranet-endpoint-eu-west-1b',
    ]);
    expect(network.internetAccess).toEqual([]);
  });

  it('internet-facing, names its gateway and gives the load balancer the gateway and the default route to wait for', () => {
    const { network, json } = build({ internetFacing: true });
    expect(nameTags(json, 'aws_internet_gateway')).toEqual(['webplat-test-intranet-igw']);
    expect(network.internetAccess).toHaveLength(2);
    expect(network.internetAccess[0]).toBeInstanceOf(InternetGateway);
    expect(network.internetAccess[1]).toBeInstanceOf(Route);
  });

  it.each([
    [{ albSubnetCidrs: ['10.30.0.0/24'] }, 'SiteNetwork needs one albSubnetCidrs entry per availability zone (2: eu-west-1a, eu-west-1b), got 1.'],
    [{ endpointSubnetCidrs: ['10.30.10.0/24', '10.30.11.0/24', '10.30.12.0/24'] }, 'SiteNetwork needs one endpointSubnetCidrs entry per availability zone (2: eu-west-1a, eu-west-1b), got 3.'],
  ])('refuses subnet lists that do not match the zones: %j', (change, message) => {
    expect(messageThrownBy(() => build(change))).toBe(message);
  });
});
