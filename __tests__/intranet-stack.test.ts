import { App } from 'cdktf';
import { evaluateStack } from '../constructs/policy/engine';
import { IntranetStack } from '../stacks/intranet-stack';
import { baseInput } from './support/fixtures';
import { oidcBlock, s3SystemsConfig, TEST_ZONE_ID } from './support/s3-systems';
import { idUnder, onlyResource, refTo, resourcesOf, resourceUnder, SynthesizedStack, synthStack } from './support/synth';

// Strings AWS defines, as its documentation writes them.
const S3_INTERFACE_SERVICE = 'com.amazonaws.eu-west-1.s3';
const SOURCE_VPCE_KEY = 'aws:SourceVpce';
const SECURE_TRANSPORT_KEY = 'aws:SecureTransport';
const ANYWHERE = '0.0.0.0/0';
const TLS_1_2_AND_1_3_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
const HOST = 'docs.test.example.com';
const SECRET_VARIABLE_REF = '${var.internal_site_oidc_client_secret}';

type Resource = Record<string, any>;

/** Synthesizes the intranet stack of an environment holding only the internal site, after `change` on its `internalSite:` block. */
function synthSite(change: (site: Record<string, any>, input: Record<string, any>) => void = () => undefined) {
  const config = s3SystemsConfig(['internal-site'], (input) => change(input.internalSite, input));
  const stack = new IntranetStack(new App(), config, config.internalSite!);
  return { stack, config, json: synthStack(stack) };
}

const threeZones = (site: Record<string, any>) => {
  site.vpc.availabilityZones.push('eu-west-1c');
  site.vpc.albSubnets.push('10.30.2.0/24');
  site.vpc.endpointSubnets.push('10.30.12.0/24');
};

const ref = (json: SynthesizedStack, type: string, idPrefix: string, attribute = 'id') => refTo(type, idUnder(json, type, idPrefix), attribute);
const groupRef = (json: SynthesizedStack, purpose: 'alb' | 'endpoint') => ref(json, 'aws_security_group', `security-groups_${purpose}_`);
const subnetRefs = (json: SynthesizedStack, kind: 'alb' | 'endpoint') =>
  Object.keys(resourcesOf(json, 'aws_subnet'))
    .filter((id) => id.startsWith(`network_${kind}-`))
    .map((id) => refTo('aws_subnet', id));
const endpointRef = (json: SynthesizedStack, attribute = 'id') => ref(json, 'aws_vpc_endpoint', 's3-endpoint', attribute);
const policyOf = (resource: Resource) => JSON.parse(resource.policy as string) as { Statement: Resource[] };
const listenerRules = (json: SynthesizedStack) => Object.values(resourcesOf(json, 'aws_lb_listener_rule')) as Resource[];

/** Who may reach the group (or whom it may reach), as `protocol port peer` lines: a CIDR or a group by purpose. */
function rulesOf(json: SynthesizedStack, type: 'aws_vpc_security_group_ingress_rule' | 'aws_vpc_security_group_egress_rule', purpose: 'alb' | 'endpoint'): string[] {
  const peer = (rule: Resource) =>
    rule.cidr_ipv4 ?? (rule.referenced_security_group_id === groupRef(json, 'alb') ? 'sg:alb' : rule.referenced_security_group_id === groupRef(json, 'endpoint') ? 'sg:endpoint' : JSON.stringify(rule));
  return Object.values(resourcesOf(json, type))
    .filter((rule: Resource) => rule.security_group_id === groupRef(json, purpose))
    .map((rule: Resource) => `${rule.ip_protocol} ${rule.from_port}-${rule.to_port} ${peer(rule)}`)
    .sort();
}

describe('intranet stack with the defaults (internal, two zones, no sign-in)', () => {
  const { stack, config, json } = synthSite();
  const alb = onlyResource(json, 'aws_lb') as Resource;

  describe('network', () => {
    it('builds a VPC of the configured CIDR with DNS support and host names, one load balancer and one endpoint subnet per zone', () => {
      expect(onlyResource(json, 'aws_vpc')).toMatchObject({ cidr_block: '10.30.0.0/16', enable_dns_support: true, enable_dns_hostnames: true });
      const subnets = Object.values(resourcesOf(json, 'aws_subnet')) as Resource[];
      expect(subnets.map((subnet) => `${subnet.availability_zone} ${subnet.cidr_block}`).sort()).toEqual([
        'eu-west-1a 10.30.0.0/24',
        'eu-west-1a 10.30.10.0/24',
        'eu-west-1b 10.30.1.0/24',
        'eu-west-1b 10.30.11.0/24',
      ]);
      expect(subnets.every((subnet) => subnet.map_public_ip_on_launch === false)).toBe(true);
    });

    it('has no internet gateway, no NAT gateway and no route beyond the VPC', () => {
      expect(resourcesOf(json, 'aws_internet_gateway')).toEqual({});
      expect(resourcesOf(json, 'aws_nat_gateway')).toEqual({});
      expect(resourcesOf(json, 'aws_route')).toEqual({});
      expect(Object.values(resourcesOf(json, 'aws_route_table')).every((table: Resource) => table.route === undefined)).toBe(true);
    });

    it('records flow logs of the VPC into a log group kept for logRetentionDays', () => {
      expect(onlyResource(json, 'aws_flow_log')).toMatchObject({ vpc_id: ref(json, 'aws_vpc', 'network_vpc'), traffic_type: 'ALL' });
      expect(onlyResource(json, 'aws_cloudwatch_log_group')).toMatchObject({ retention_in_days: 90 });
      expect(onlyResource(json, 'aws_cloudwatch_log_group').kms_key_id).toBeUndefined();
    });

    it('empties the default security group', () => {
      expect(onlyResource(json, 'aws_default_security_group')).toMatchObject({ vpc_id: ref(json, 'aws_vpc', 'network_vpc'), ingress: [], egress: [] });
    });
  });

  describe('who may reach whom', () => {
    it('lets the load balancer be reached on 443 from inside the VPC only', () => {
      expect(rulesOf(json, 'aws_vpc_security_group_ingress_rule', 'alb')).toEqual(['tcp 443-443 10.30.0.0/16']);
    });

    it('lets the load balancer open 443 to the endpoint group only', () => {
      expect(rulesOf(json, 'aws_vpc_security_group_egress_rule', 'alb')).toEqual(['tcp 443-443 sg:endpoint']);
    });

    it('lets the endpoint be reached on 443 from the load balancer group only, and open nothing', () => {
      expect(rulesOf(json, 'aws_vpc_security_group_ingress_rule', 'endpoint')).toEqual(['tcp 443-443 sg:alb']);
      expect(rulesOf(json, 'aws_vpc_security_group_egress_rule', 'endpoint')).toEqual([]);
    });

    it('writes no rule inline in the groups', () => {
      for (const group of Object.values(resourcesOf(json, 'aws_security_group')) as Resource[]) {
        expect(group.ingress).toBeUndefined();
        expect(group.egress).toBeUndefined();
      }
    });
  });

  describe('S3 interface endpoint', () => {
    const endpoint = onlyResource(json, 'aws_vpc_endpoint') as Resource;

    it('is an S3 interface endpoint with private DNS off, in exactly the endpoint subnets, behind the endpoint group', () => {
      expect(endpoint).toMatchObject({ vpc_endpoint_type: 'Interface', service_name: S3_INTERFACE_SERVICE, private_dns_enabled: false, security_group_ids: [groupRef(json, 'endpoint')] });
      expect([...endpoint.subnet_ids].sort()).toEqual(subnetRefs(json, 'endpoint').sort());
    });

    it('has a policy that lets it read the site\'s objects and nothing else', () => {
      expect(policyOf(endpoint).Statement).toEqual([expect.objectContaining({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${HOST}/*` })]);
    });
  });

  describe('targets', () => {
    it('is a target group of type ip on HTTPS 443 whose health check accepts S3\'s answers', () => {
      expect(onlyResource(json, 'aws_lb_target_group')).toMatchObject({
        target_type: 'ip',
        protocol: 'HTTPS',
        port: 443,
        vpc_id: ref(json, 'aws_vpc', 'network_vpc'),
        health_check: { protocol: 'HTTPS', path: '/', matcher: '200,307,405' },
      });
    });

    it('registers one address per endpoint subnet: the private address of each of the endpoint\'s network interfaces', () => {
      const interfaces = json.data?.aws_network_interface ?? {};
      const [interfaceId] = Object.keys(interfaces);
      expect(Object.keys(interfaces)).toHaveLength(1);
      expect(interfaces[interfaceId]).toMatchObject({
        count: 2,
        id: `\${element(tolist(${endpointRef(json, 'network_interface_ids').slice(2, -1)}), count.index)}`,
      });
      expect(onlyResource(json, 'aws_lb_target_group_attachment')).toMatchObject({
        count: 2,
        target_group_arn: ref(json, 'aws_lb_target_group', 'targets_', 'arn'),
        target_id: `\${data.aws_network_interface.${interfaceId}[count.index].private_ip}`,
        port: 443,
      });
    });
  });

  describe('load balancer', () => {
    it('is internal, in the load balancer subnets, behind its group, and drops invalid headers', () => {
      expect(alb).toMatchObject({ internal: true, load_balancer_type: 'application', drop_invalid_header_fields: true, security_groups: [groupRef(json, 'alb')] });
      expect([...alb.subnets].sort()).toEqual(subnetRefs(json, 'alb').sort());
    });

    it('has no deletion protection outside production', () => {
      expect(alb.enable_deletion_protection).toBe(false);
    });

    it('logs to an encrypted bucket of the stack that only the region\'s load balancer log delivery may write to, under this account', () => {
      expect(alb.access_logs).toEqual({ bucket: ref(json, 'aws_s3_bucket', 'alb_access-logs_', 'bucket'), enabled: true });
      expect(resourceUnder(json, 'aws_s3_bucket_server_side_encryption_configuration', 'alb_access-logs_').rule).toEqual([
        { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
      ]);
      const statements = policyOf(resourceUnder(json, 'aws_s3_bucket_policy', 'alb_access-logs_')).Statement;
      const bucketArn = ref(json, 'aws_s3_bucket', 'alb_access-logs_', 'arn');
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Allow', Action: 's3:PutObject', Resource: `${bucketArn}/AWSLogs/123456789012/*`, Principal: { AWS: expect.stringContaining('data.aws_elb_service_account.') } }),
      );
    });

    it('listens on HTTPS 443 only, with the host\'s certificate and a TLS 1.2+ policy, answering 404 by default', () => {
      expect(onlyResource(json, 'aws_lb_listener')).toMatchObject({
        load_balancer_arn: ref(json, 'aws_lb', 'alb', 'arn'),
        port: 443,
        protocol: 'HTTPS',
        ssl_policy: TLS_1_2_AND_1_3_POLICY,
        certificate_arn: ref(json, 'aws_acm_certificate_validation', 'certificate_', 'certificate_arn'),
        default_action: [{ type: 'fixed-response', fixed_response: expect.objectContaining({ status_code: '404' }) }],
      });
      expect(onlyResource(json, 'aws_acm_certificate')).toMatchObject({ domain_name: HOST, validation_method: 'DNS' });
    });

    it('forwards requests for the host to the target group', () => {
      const forward = listenerRules(json).find((rule) => rule.action.some((action: Resource) => action.type === 'forward'))!;
      expect(forward.condition).toEqual([{ host_header: { values: [HOST] } }]);
      expect(forward.action).toEqual([expect.objectContaining({ type: 'forward', target_group_arn: ref(json, 'aws_lb_target_group', 'targets_', 'arn') })]);
    });

    it('redirects a path ending in / to its index.html, before the forward rule', () => {
      const rules = listenerRules(json);
      const redirect = rules.find((rule) => rule.action.some((action: Resource) => action.type === 'redirect'))!;
      const forward = rules.find((rule) => rule.action.some((action: Resource) => action.type === 'forward'))!;
      expect(redirect.condition).toEqual([{ host_header: { values: [HOST] } }, { path_pattern: { values: ['*/'] } }]);
      expect(redirect.action).toEqual([expect.objectContaining({ type: 'redirect', redirect: expect.objectContaining({ path: '/#{path}index.html', protocol: 'HTTPS' }) })]);
      expect(redirect.priority).toBeLessThan(forward.priority);
    });

    it('signs nobody in and declares no variable', () => {
      expect(JSON.stringify(json)).not.toContain('authenticate-oidc');
      expect((json as Resource).variable).toBeUndefined();
    });

    it('has no WAF (it is not internet-facing)', () => {
      expect(resourcesOf(json, 'aws_wafv2_web_acl')).toEqual({});
      expect(resourcesOf(json, 'aws_wafv2_web_acl_association')).toEqual({});
    });
  });

  describe('bucket', () => {
    const siteBucketId = Object.entries(resourcesOf(json, 'aws_s3_bucket')).find(([, bucket]) => bucket.bucket === HOST)![0];
    const siteBucketRef = (attribute: string) => refTo('aws_s3_bucket', siteBucketId, attribute);
    const attached = (type: string) => Object.values(resourcesOf(json, type)).find((resource: Resource) => resource.bucket === siteBucketRef('id')) as Resource;

    it('is named as the host, versioned and SSE-S3 encrypted', () => {
      expect(attached('aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
      expect(attached('aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
    });

    it('blocks all four kinds of public access', () => {
      expect(attached('aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    });

    it('lets anyone read objects only through this endpoint (aws:SourceVpce), and refuses requests without TLS', () => {
      const statements = policyOf(attached('aws_s3_bucket_policy')).Statement;
      const allows = statements.filter((statement) => statement.Effect === 'Allow');
      expect(allows).toEqual([
        expect.objectContaining({ Principal: '*', Action: 's3:GetObject', Resource: `${siteBucketRef('arn')}/*`, Condition: { StringEquals: { [SOURCE_VPCE_KEY]: endpointRef(json) } } }),
      ]);
      expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Principal: '*', Condition: { Bool: { [SECURE_TRANSPORT_KEY]: 'false' } } }));
    });

    it('sends server access logs of every bucket but the access log bucket itself to the access log bucket', () => {
      const logBucket = ref(json, 'aws_s3_bucket', 's3-access-logs_', 'id');
      const buckets = Object.keys(resourcesOf(json, 'aws_s3_bucket')).filter((id) => !id.startsWith('s3-access-logs_'));
      const logged = (Object.values(resourcesOf(json, 'aws_s3_bucket_logging')) as Resource[]).filter((logging) => logging.target_bucket === logBucket).map((logging) => logging.bucket);
      expect(logged.sort()).toEqual(buckets.map((id) => refTo('aws_s3_bucket', id)).sort());
    });

    it('denies requests without TLS on every bucket', () => {
      const policies = Object.values(resourcesOf(json, 'aws_s3_bucket_policy')) as Resource[];
      expect(policies).toHaveLength(Object.keys(resourcesOf(json, 'aws_s3_bucket')).length);
      for (const policy of policies) {
        expect(policyOf(policy).Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { [SECURE_TRANSPORT_KEY]: 'false' } } }));
      }
    });
  });

  it('points an alias A record for the host at the load balancer, in the configured zone', () => {
    const alias = (Object.values(resourcesOf(json, 'aws_route53_record')) as Resource[]).find((record) => record.type === 'A');
    expect(alias).toMatchObject({
      zone_id: TEST_ZONE_ID,
      name: HOST,
      alias: { name: ref(json, 'aws_lb', 'alb', 'dns_name'), zone_id: ref(json, 'aws_lb', 'alb', 'zone_id'), evaluate_target_health: true },
    });
  });

  it('names the load balancer, its target group and its two log buckets under the intranet tier (buckets with the account id)', () => {
    expect(alb.name).toBe('webplat-test-intranet-alb');
    expect(onlyResource(json, 'aws_lb_target_group').name).toBe('webplat-test-intranet-site');
    expect(resourceUnder(json, 'aws_s3_bucket', 'alb_access-logs_').bucket).toBe('webplat-test-intranet-alb-logs-123456789012');
    expect(resourceUnder(json, 'aws_s3_bucket', 's3-access-logs_').bucket).toBe('webplat-test-intranet-s3-access-logs-123456789012');
  });

  it('outputs the URL, the bucket, the load balancer, the endpoint and the upload command, each described', () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual(['alb_dns_name', 'bucket_name', 'endpoint_id', 'site_url', 'upload_command']);
    expect(json.output!.site_url.value).toBe(`https://${HOST}/`);
    expect(json.output!.endpoint_id.value).toBe(endpointRef(json));
    expect(json.output!.upload_command.value).toContain(`s3://${HOST}/`);
    for (const output of Object.values(json.output!)) expect(output.description).toBeTruthy();
  });

  it('passes every policy rule with no suppression', () => {
    const report = evaluateStack(stack, config);
    expect(report.outcomes.flatMap((outcome) => outcome.failed)).toEqual([]);
    expect(report.outcomes.flatMap((outcome) => outcome.suppressed)).toEqual([]);
  });
});

describe('intranet stack in three zones, with a health code list of its own', () => {
  const { json } = synthSite((site) => {
    threeZones(site);
    site.healthCheckCodes = [200, 302, 307, 405];
  });

  it('registers three addresses: one per endpoint subnet', () => {
    expect(onlyResource(json, 'aws_lb_target_group_attachment').count).toBe(3);
    expect(Object.values(json.data?.aws_network_interface ?? {})).toEqual([expect.objectContaining({ count: 3 })]);
    expect(onlyResource(json, 'aws_vpc_endpoint').subnet_ids).toHaveLength(3);
  });

  it('accepts the configured health codes', () => {
    expect(onlyResource(json, 'aws_lb_target_group')).toMatchObject({ health_check: expect.objectContaining({ matcher: '200,302,307,405' }) });
  });
});

describe('intranet stack with allowed ranges', () => {
  const { json } = synthSite((site) => {
    site.allowedCidrs = ['10.0.0.0/8', '192.168.10.0/24'];
  });

  it('lets the load balancer be reached on 443 from the VPC and each allowed range, nothing else', () => {
    expect(rulesOf(json, 'aws_vpc_security_group_ingress_rule', 'alb')).toEqual(['tcp 443-443 10.0.0.0/8', 'tcp 443-443 10.30.0.0/16', 'tcp 443-443 192.168.10.0/24']);
  });

  it('refuses a range named twice, which AWS would refuse as a duplicate rule at apply', () => {
    const config = s3SystemsConfig(['internal-site'], (input) => {
      input.internalSite.allowedCidrs = ['10.0.0.0/8', '10.0.0.0/8'];
    });
    expect(() => new IntranetStack(new App(), config, config.internalSite!)).toThrow(/allowedCidrs.*10\.0\.0\.0\/8 twice/);
  });
});

describe('intranet stack open to any address while internal', () => {
  it('is refused by the policy (SG-NO-OPEN-INGRESS): 0.0.0.0/0 is only for the named internet-facing choice', () => {
    const { stack, config } = synthSite((site) => {
      site.allowedCidrs = [ANYWHERE];
    });
    expect(evaluateStack(stack, config).outcomes.flatMap((outcome) => outcome.failed.map((finding) => finding.ruleId))).toEqual(['SG-NO-OPEN-INGRESS']);
  });
});

describe('intranet stack, internet-facing', () => {
  const { stack, config, json } = synthSite((site) => {
    site.scheme = 'internet-facing';
  });

  it('makes the load balancer internet-facing', () => {
    expect(onlyResource(json, 'aws_lb').internal).toBe(false);
  });

  it('routes only the load balancer subnets to an internet gateway; the endpoint subnets keep the local route alone', () => {
    const igw = ref(json, 'aws_internet_gateway', 'network_igw');
    const route = onlyResource(json, 'aws_route');
    expect(route).toMatchObject({ destination_cidr_block: ANYWHERE, gateway_id: igw });
    const routed = (Object.values(resourcesOf(json, 'aws_route_table_association')) as Resource[]).filter((association) => association.route_table_id === route.route_table_id);
    expect(routed.map((association) => association.subnet_id).sort()).toEqual(subnetRefs(json, 'alb').sort());
    expect(resourcesOf(json, 'aws_nat_gateway')).toEqual({});
  });

  it('creates the load balancer after the gateway and its route', () => {
    expect(onlyResource(json, 'aws_lb').depends_on).toEqual(expect.arrayContaining([`aws_internet_gateway.${idUnder(json, 'aws_internet_gateway', 'network_igw')}`]));
  });

  it('puts a regional WAF web ACL on the load balancer, logged with the credential headers redacted', () => {
    expect(onlyResource(json, 'aws_wafv2_web_acl')).toMatchObject({ scope: 'REGIONAL' });
    expect(onlyResource(json, 'aws_wafv2_web_acl_association')).toMatchObject({
      resource_arn: ref(json, 'aws_lb', 'alb', 'arn'),
      web_acl_arn: ref(json, 'aws_wafv2_web_acl', 'waf_', 'arn'),
    });
    const redacted = (onlyResource(json, 'aws_wafv2_web_acl_logging_configuration').redacted_fields as Resource[]).map((field) => field.single_header.name);
    expect(redacted).toEqual(expect.arrayContaining(['authorization', 'cookie']));
  });

  it('still lets the load balancer be reached from the VPC only, unless a range is allowed', () => {
    expect(rulesOf(json, 'aws_vpc_security_group_ingress_rule', 'alb')).toEqual(['tcp 443-443 10.30.0.0/16']);
  });

  it('passes every policy rule with no suppression', () => {
    const report = evaluateStack(stack, config);
    expect(report.outcomes.flatMap((outcome) => outcome.failed)).toEqual([]);
    expect(report.outcomes.flatMap((outcome) => outcome.suppressed)).toEqual([]);
  });

  it('passes every policy rule when 0.0.0.0/0 is allowed (the user\'s explicit choice), still without a suppression', () => {
    const open = synthSite((site) => {
      site.scheme = 'internet-facing';
      site.allowedCidrs = [ANYWHERE];
    });
    expect(rulesOf(open.json, 'aws_vpc_security_group_ingress_rule', 'alb')).toContain(`tcp 443-443 ${ANYWHERE}`);
    const report = evaluateStack(open.stack, open.config);
    expect(report.outcomes.flatMap((outcome) => outcome.failed)).toEqual([]);
    expect(report.outcomes.flatMap((outcome) => outcome.suppressed)).toEqual([]);
  });
});

describe('intranet stack with OpenID Connect sign-in', () => {
  const SECRET = 'not-in-the-json-3f9a1c';
  const previous = process.env.TF_VAR_internal_site_oidc_client_secret;
  process.env.TF_VAR_internal_site_oidc_client_secret = SECRET;
  const { stack, config, json } = synthSite((site) => {
    site.oidc = { ...oidcBlock(), scope: 'openid email', sessionTimeoutSeconds: 28800 };
  });
  if (previous === undefined) delete process.env.TF_VAR_internal_site_oidc_client_secret;
  else process.env.TF_VAR_internal_site_oidc_client_secret = previous;
  const oidc = oidcBlock();

  it('signs the visitor in first on every listener rule, with the configured provider and client, and the secret from the variable', () => {
    const rules = listenerRules(json);
    expect(rules).toHaveLength(2);
    for (const rule of rules) {
      const actions = [...rule.action].sort((a: Resource, b: Resource) => a.order - b.order);
      expect(actions.map((action: Resource) => action.type)).toEqual(['authenticate-oidc', expect.stringMatching(/^(forward|redirect)$/)]);
      expect(actions[0]).toMatchObject({
        order: 1,
        authenticate_oidc: {
          issuer: oidc.issuer,
          authorization_endpoint: oidc.authorizationEndpoint,
          token_endpoint: oidc.tokenEndpoint,
          user_info_endpoint: oidc.userInfoEndpoint,
          client_id: oidc.clientId,
          client_secret: SECRET_VARIABLE_REF,
          scope: 'openid email',
          session_timeout: 28800,
          on_unauthenticated_request: 'authenticate',
        },
      });
    }
  });

  it('declares the client secret as a sensitive string variable with no default, saying how to pass it', () => {
    const variable = (json as Resource).variable?.internal_site_oidc_client_secret;
    expect(variable).toMatchObject({ type: 'string', sensitive: true });
    expect(variable).not.toHaveProperty('default');
    expect(variable.description).toContain('TF_VAR_internal_site_oidc_client_secret');
  });

  it('writes no secret value into the JSON, even with TF_VAR_internal_site_oidc_client_secret set at synth', () => {
    const text = JSON.stringify(json);
    expect(text).not.toContain(SECRET);
    const secrets = [...text.matchAll(/"client_secret":("[^"]*")/g)].map((match) => JSON.parse(match[1]));
    expect(secrets).toEqual([SECRET_VARIABLE_REF, SECRET_VARIABLE_REF]);
  });

  it('lets the load balancer open 443 to the identity provider (token and user info endpoints) beside the endpoint group', () => {
    expect(rulesOf(json, 'aws_vpc_security_group_egress_rule', 'alb')).toEqual([`tcp 443-443 ${ANYWHERE}`, 'tcp 443-443 sg:endpoint']);
  });

  it('passes every policy rule with no suppression', () => {
    const report = evaluateStack(stack, config);
    expect(report.outcomes.flatMap((outcome) => outcome.failed)).toEqual([]);
    expect(report.outcomes.flatMap((outcome) => outcome.suppressed)).toEqual([]);
  });
});

describe('intranet stack in production, with a log key', () => {
  const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
  const { stack, config, json } = synthSite((_site, input) => {
    input.production = true;
    input.observability = { kmsKeyArn: KEY };
  });

  it('protects the load balancer from deletion', () => {
    expect(onlyResource(json, 'aws_lb').enable_deletion_protection).toBe(true);
  });

  it('encrypts the flow log group with the configured key', () => {
    expect(onlyResource(json, 'aws_cloudwatch_log_group').kms_key_id).toBe(KEY);
  });

  it('passes every policy rule', () => {
    expect(evaluateStack(stack, config).outcomes.flatMap((outcome) => outcome.failed)).toEqual([]);
  });
});

describe('intranet stack beside the web platform, without a zone of its own', () => {
  const { json } = synthSite((site, input) => {
    delete site.hostedZoneId;
    input.systems = ['web-platform', 'internal-site'];
    input.network = baseInput().network;
  });

  it('puts the alias and validation records in the web platform\'s zone (the dns tier\'s zone_id output)', () => {
    const zones = (Object.values(resourcesOf(json, 'aws_route53_record')) as Resource[]).map((record) => record.zone_id);
    expect(zones).toHaveLength(2);
    for (const zone of zones) expect(zone).toMatch(/^\$\{data\.terraform_remote_state\.[^.]+\.outputs\.zone_id\}$/);
  });
});
