import { failedRules, RawResource } from './support/policy';

const vpc: RawResource = { type: 'aws_vpc', id: 'vpc', values: { cidr_block: '10.0.0.0/16' } };
const defaultSg: RawResource = { type: 'aws_default_security_group', id: 'default', values: { vpc_id: '${aws_vpc.vpc.id}', ingress: [], egress: [] } };
const flowLog: RawResource = { type: 'aws_flow_log', id: 'flow', values: { vpc_id: '${aws_vpc.vpc.id}', traffic_type: 'ALL' } };
const ingress = (values: Record<string, unknown>): RawResource => ({
  type: 'aws_vpc_security_group_ingress_rule',
  id: 'rule',
  values: { security_group_id: '${aws_security_group.sg.id}', ip_protocol: 'tcp', ...values },
});

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

  it('passes ingress from a security group or prefix list', () => {
    expect(failedRules([ingress({ from_port: 443, to_port: 443, prefix_list_id: 'pl-123' })])).toEqual([]);
    expect(failedRules([ingress({ from_port: 80, to_port: 80, referenced_security_group_id: 'sg-1' })])).toEqual([]);
  });

  it.each([
    ['0.0.0.0/0', { cidr_ipv4: '0.0.0.0/0' }],
    ['::/0', { cidr_ipv6: '::/0' }],
  ])('fails SG-NO-OPEN-INGRESS for ingress from %s', (_label, source) => {
    expect(failedRules([ingress({ from_port: 443, to_port: 443, ...source })])).toEqual(['SG-NO-OPEN-INGRESS']);
  });

  it('fails SG-NO-OPEN-INGRESS for an inline rule of a security group', () => {
    const group = { type: 'aws_security_group', id: 'sg', values: { ingress: [{ protocol: 'tcp', from_port: 80, to_port: 80, cidr_blocks: ['0.0.0.0/0'] }] } };
    expect(failedRules([group])).toEqual(['SG-NO-OPEN-INGRESS']);
  });

  it('passes SSH from one /32 admin address and fails SG-NO-WIDE-ADMIN for a wider one', () => {
    expect(failedRules([ingress({ from_port: 22, to_port: 22, cidr_ipv4: '203.0.113.10/32' })])).toEqual([]);
    expect(failedRules([ingress({ from_port: 22, to_port: 22, cidr_ipv4: '203.0.113.0/24' })])).toEqual(['SG-NO-WIDE-ADMIN']);
    expect(failedRules([ingress({ from_port: 3000, to_port: 4000, cidr_ipv4: '10.0.0.0/8' })])).toEqual(['SG-NO-WIDE-ADMIN']);
  });
});
