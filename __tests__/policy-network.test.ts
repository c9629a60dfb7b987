import { failedRules, RawResource } from './support/policy';

const vpc: RawResource = { type: 'aws_vpc', id: 'vpc', values: { cidr_block: '10.0.0.0/16' } };
const defaultSg: RawResource = { type: 'aws_default_security_group', id: 'default', values: { vpc_id: '${aws_vpc.vpc.id}', ingress: [], egress: [] } };
const flowLog: RawResource = { type: 'aws_flow_log', id: 'flow', values: { vpc_id: '${aws_vpc.vpc.id}', traffic_type: 'ALL' } };
const group: RawResource = { type: 'aws_security_group', id: 'sg', values: { vpc_id: '${aws_vpc.vpc.id}' } };
const ingress = (values: Record<string, unknown>): RawResource => ({
  type: 'aws_vpc_security_group_ingress_rule',
  id: 'rule',
  values: { security_group_id: '${aws_security_group.sg.id}', ip_protocol: 'tcp', ...values },
});
const alb = (internal: boolean): RawResource => ({
  type: 'aws_lb',
  id: 'alb',
  values: { internal, load_balancer_type: 'application', drop_invalid_header_fields: true, security_groups: ['${aws_security_group.sg.id}'] },
});
const albWaf: RawResource = { type: 'aws_wafv2_web_acl_association', id: 'waf', values: { resource_arn: '${aws_lb.alb.arn}' } };

describe('network pack', () => {
  it('passes a VPC with flow logs and a closed default security group', () => {
    expect(failedRules([vpc, defaultSg, flowLog])).toEqual([]);
  });

  it('fails VPC-FLOW-LOGS for a VPC without flow logs', () => {
    expect(failedRules([vpc, defaultSg])).toEqual(['VPC-FLOW-LOGS']);
  });

  it('fails VPC-DEFAULT-SG-CLOSED when the default group is unmanaged or has rules', () => {
    expect(failedRules([vpc, flowLog])).toEqual(['VPC-DEFAULT-SG-CLOSED']);
    const open = { ...defaultSg, values: { ...defaultSg.values, egress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }] } };
    expect(failedRules([vpc, flowLog, open])).toEqual(['VPC-DEFAULT-SG-CLOSED']);
  });

  it('passes ingress from a security group, a prefix list or a private range', () => {
    expect(failedRules([ingress({ from_port: 443, to_port: 443, prefix_list_id: 'pl-123' })])).toEqual([]);
    expect(failedRules([ingress({ from_port: 80, to_port: 80, referenced_security_group_id: 'sg-1' })])).toEqual([]);
    expect(failedRules([ingress({ from_port: 5432, to_port: 5432, cidr_ipv4: '10.0.0.0/16' })])).toEqual([]);
  });

  it.each([
    ['0.0.0.0/0', { cidr_ipv4: '0.0.0.0/0' }],
    ['::/0', { cidr_ipv6: '::/0' }],
  ])('fails SG-NO-OPEN-INGRESS for ingress from %s', (_label, source) => {
    expect(failedRules([ingress({ from_port: 443, to_port: 443, ...source })])).toEqual(['SG-NO-OPEN-INGRESS']);
  });

  it('fails SG-NO-OPEN-INGRESS for an inline rule and for an aws_security_group_rule', () => {
    const inline = { type: 'aws_security_group', id: 'sg', values: { ingress: [{ protocol: 'tcp', from_port: 80, to_port: 80, cidr_blocks: ['0.0.0.0/0'] }] } };
    expect(failedRules([inline])).toEqual(['SG-NO-OPEN-INGRESS']);
    const rule = { type: 'aws_security_group_rule', id: 'r', values: { type: 'ingress', protocol: 'tcp', from_port: 8080, to_port: 8080, cidr_blocks: ['0.0.0.0/0'], security_group_id: 'sg-1' } };
    expect(failedRules([rule])).toEqual(['SG-NO-OPEN-INGRESS']);
  });

  it('passes 80 and 443 from anywhere on the group of an internet-facing ALB of the same stack', () => {
    expect(failedRules([group, alb(false), albWaf, ingress({ from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' })])).toEqual([]);
    expect(failedRules([group, alb(false), albWaf, ingress({ from_port: 80, to_port: 80, cidr_ipv6: '::/0' })])).toEqual([]);
  });

  it('fails SG-NO-OPEN-INGRESS on an ALB group for other ports, and on an internal ALB', () => {
    expect(failedRules([group, alb(false), albWaf, ingress({ from_port: 8080, to_port: 8080, cidr_ipv4: '0.0.0.0/0' })])).toEqual(['SG-NO-OPEN-INGRESS']);
    expect(failedRules([group, alb(false), albWaf, ingress({ from_port: 80, to_port: 443, cidr_ipv4: '0.0.0.0/0' })])).toEqual(['SG-NO-OPEN-INGRESS']);
    expect(failedRules([group, alb(true), ingress({ from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' })])).toEqual(['SG-NO-OPEN-INGRESS']);
  });

  it('passes SSH from one /32 admin address and fails SG-NO-WIDE-ADMIN for a wider one', () => {
    expect(failedRules([ingress({ from_port: 22, to_port: 22, cidr_ipv4: '203.0.113.10/32' })])).toEqual([]);
    expect(failedRules([ingress({ from_port: 22, to_port: 22, cidr_ipv4: '203.0.113.0/24' })])).toEqual(['SG-NO-WIDE-ADMIN']);
  });

  it('fails SG-NO-WIDE-ADMIN for RDP inside a port range and for all protocols', () => {
    expect(failedRules([ingress({ from_port: 3000, to_port: 4000, cidr_ipv4: '10.0.0.0/8' })])).toEqual(['SG-NO-WIDE-ADMIN']);
    expect(failedRules([ingress({ ip_protocol: '-1', cidr_ipv4: '10.0.0.0/8' })])).toEqual(['SG-NO-WIDE-ADMIN']);
  });

  it('fails both rules for SSH from anywhere, even on an ALB group', () => {
    expect(failedRules([group, alb(false), albWaf, ingress({ from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/0' })])).toEqual(['SG-NO-OPEN-INGRESS', 'SG-NO-WIDE-ADMIN']);
  });
});
