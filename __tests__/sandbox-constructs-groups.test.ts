import { TerraformStack, Testing } from 'cdktf';
import { SandboxNaming } from '../constructs/sandbox/sandbox-naming';
import { SandboxSecurityGroups, SandboxSecurityGroupsProps } from '../constructs/sandbox/security-groups';
import { SandboxServer, SandboxServerProps } from '../constructs/sandbox/server';
import { onlyResource, resourcesOf, SynthesizedStack, synthStack } from './support/synth';

const NAMING = new SandboxNaming({ project: 'webplat', environment: 'test', accountId: '123456789012' });
const ADMIN = '203.0.113.7/32';
const S3_PREFIX_LIST = 'pl-6ea54007';

function synthGroups(props: Partial<SandboxSecurityGroupsProps> = {}): SynthesizedStack {
  const stack = new TerraformStack(Testing.app(), 'sandbox');
  new SandboxSecurityGroups(stack, 'groups', { naming: NAMING, vpcId: 'vpc-0abc', s3PrefixListId: S3_PREFIX_LIST, ...props });
  return synthStack(stack);
}

/** Each rule as one line: `<in|out> <Terraform address> | <group> <protocol> <ports> <peer> | <description>`; peers named by their group's purpose. */
function rulesOf(json: SynthesizedStack): string[] {
  const purposeOf = (ref: unknown) => /aws_security_group\.groups_([a-z]+)_/.exec(String(ref))?.[1];
  const line = (direction: string, type: string) =>
    Object.entries(resourcesOf(json, type)).map(([id, rule]) => {
      const peer = rule.cidr_ipv4 ?? (rule.prefix_list_id ? `prefix-list ${rule.prefix_list_id}` : `sg ${purposeOf(rule.referenced_security_group_id)}`);
      return `${direction} ${type}.${id} | ${purposeOf(rule.security_group_id)} ${rule.ip_protocol} ${rule.from_port}-${rule.to_port} ${peer} | ${rule.description}`;
    });
  return [...line('in', 'aws_vpc_security_group_ingress_rule'), ...line('out', 'aws_vpc_security_group_egress_rule')].sort();
}

/** The rules every sandbox has, whatever its options. */
const ALWAYS = [
  'in aws_vpc_security_group_ingress_rule.groups_db-in-web-icmp_A646FDFD | db icmp -1--1 sg web | ICMP (ping) from the web server',
  'in aws_vpc_security_group_ingress_rule.groups_db-in-web_52B13FA8 | db tcp 3306-3306 sg web | MariaDB from the web server',
  'in aws_vpc_security_group_ingress_rule.groups_public-web_web-in-http_992DBB19 | web tcp 80-80 0.0.0.0/0 | HTTP from anywhere (public sandbox)',
  'in aws_vpc_security_group_ingress_rule.groups_public-web_web-in-https_C6ABA878 | web tcp 443-443 0.0.0.0/0 | HTTPS from anywhere (public sandbox)',
  'out aws_vpc_security_group_egress_rule.groups_db-out-s3-http_3E4CDD2B | db tcp 80-80 prefix-list pl-6ea54007 | HTTP to S3 through the gateway endpoint (package repositories)',
  'out aws_vpc_security_group_egress_rule.groups_db-out-s3-https_4E81FD57 | db tcp 443-443 prefix-list pl-6ea54007 | HTTPS to S3 through the gateway endpoint (package repositories)',
  'out aws_vpc_security_group_egress_rule.groups_web-out-db-icmp_B0BD8D65 | web icmp -1--1 sg db | ICMP (ping) to the database server',
  'out aws_vpc_security_group_egress_rule.groups_web-out-db_CE684FD3 | web tcp 3306-3306 sg db | MariaDB on the database server',
  'out aws_vpc_security_group_egress_rule.groups_web-out-http_F513B203 | web tcp 80-80 0.0.0.0/0 | HTTP to the internet (package repositories)',
  'out aws_vpc_security_group_egress_rule.groups_web-out-https_E33C022C | web tcp 443-443 0.0.0.0/0 | HTTPS to the internet (package repositories, Session Manager)',
];

describe('SandboxSecurityGroups', () => {
  it('without options: public HTTP/HTTPS to the web server, MariaDB and ICMP web to db, db out to S3 only; no SSH, NAT or endpoint rules', () => {
    expect(rulesOf(synthGroups())).toEqual(ALWAYS);
  });

  it('makes exactly the web and db groups without options, named, described and tagged for the console, revoking their rules on delete', () => {
    const groups = resourcesOf(synthGroups(), 'aws_security_group');
    expect(groups).toEqual({
      groups_web_81D42C0F: {
        name: 'webplat-test-sandbox-web',
        description: 'Sandbox web server: HTTP and HTTPS from anywhere, SSH from the admin address only',
        vpc_id: 'vpc-0abc',
        revoke_rules_on_delete: true,
        tags: { Name: 'webplat-test-sandbox-web' },
      },
      groups_db_5D68E4EC: {
        name: 'webplat-test-sandbox-db',
        description: 'Sandbox database server: MariaDB and ICMP from the web server only',
        vpc_id: 'vpc-0abc',
        revoke_rules_on_delete: true,
        tags: { Name: 'webplat-test-sandbox-db' },
      },
    });
  });

  it('with every option: SSH from the admin /32 only, db out to the internet through NAT, and the endpoints group reachable on 443 from both servers', () => {
    const json = synthGroups({ adminSshCidr: ADMIN, natGateway: true, sessionManagerEndpoints: true });
    expect(rulesOf(json)).toEqual(
      [
        ...ALWAYS,
        'in aws_vpc_security_group_ingress_rule.groups_web-in-ssh_7527A216 | web tcp 22-22 203.0.113.7/32 | SSH from the admin address (sandbox.adminSshCidr)',
        'out aws_vpc_security_group_egress_rule.groups_db-out-http_E41EDB5F | db tcp 80-80 0.0.0.0/0 | HTTP to the internet through NAT (sandbox.natGateway)',
        'out aws_vpc_security_group_egress_rule.groups_db-out-https_60E2334C | db tcp 443-443 0.0.0.0/0 | HTTPS to the internet through NAT (sandbox.natGateway)',
        'in aws_vpc_security_group_ingress_rule.groups_endpoints-in-web_490593BB | endpoints tcp 443-443 sg web | HTTPS from the web server',
        'in aws_vpc_security_group_ingress_rule.groups_endpoints-in-db_52CB8D08 | endpoints tcp 443-443 sg db | HTTPS from the database server',
        'out aws_vpc_security_group_egress_rule.groups_db-out-endpoints_05EF1E5B | db tcp 443-443 sg endpoints | HTTPS to the Session Manager endpoints',
      ].sort(),
    );
    expect(resourcesOf(json, 'aws_security_group').groups_endpoints_10C88BD5).toEqual({
      name: 'webplat-test-sandbox-endpoints',
      description: 'Sandbox Session Manager endpoints: HTTPS from the sandbox servers only',
      vpc_id: 'vpc-0abc',
      revoke_rules_on_delete: true,
      tags: { Name: 'webplat-test-sandbox-endpoints' },
    });
  });

  it('natGateway and sessionManagerEndpoints false are the same as leaving them out', () => {
    expect(rulesOf(synthGroups({ natGateway: false, sessionManagerEndpoints: false }))).toEqual(ALWAYS);
  });
});

describe('SandboxServer', () => {
  const SERVER: SandboxServerProps = {
    name: 'webplat-test-sandbox-web',
    imageId: 'ami-0123456789abcdef0',
    instanceType: 't3.micro',
    subnetId: 'subnet-0abc',
    securityGroupId: 'sg-0abc',
    rootVolumeGiB: 8,
    userData: '#!/bin/bash\necho ok\n',
  };
  function synthServer(props: Partial<SandboxServerProps> = {}): SynthesizedStack {
    const stack = new TerraformStack(Testing.app(), 'sandbox');
    new SandboxServer(stack, 'web', { ...SERVER, ...props });
    return synthStack(stack);
  }

  it('requires IMDSv2 with one hop and keeps instance tags out of the metadata service', () => {
    expect(onlyResource(synthServer(), 'aws_instance').metadata_options).toEqual({
      http_endpoint: 'enabled',
      http_tokens: 'required',
      http_put_response_hop_limit: 1,
      instance_metadata_tags: 'disabled',
    });
  });

  it('has an encrypted gp3 root volume, deleted with the instance and tagged with the server name', () => {
    expect(onlyResource(synthServer(), 'aws_instance').root_block_device).toEqual({
      volume_type: 'gp3',
      volume_size: 8,
      encrypted: true,
      delete_on_termination: true,
      tags: { Name: 'webplat-test-sandbox-web' },
    });
  });

  it('tags its Elastic IP with the server name', () => {
    const eip = onlyResource(synthServer({ elasticIp: true }), 'aws_eip');
    expect(eip).toMatchObject({ domain: 'vpc', tags: { Name: 'webplat-test-sandbox-web' } });
  });
});
