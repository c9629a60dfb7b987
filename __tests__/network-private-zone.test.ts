import { onlyResource, refTo, resourcesOf } from './support/synth';
import { synthNetwork } from './support/network';

describe('network private hosted zone', () => {
  const json = synthNetwork();

  it('is named <environment>.<project>.internal by default and associated with the VPC', () => {
    expect(onlyResource(json, 'aws_route53_zone')).toMatchObject({
      name: 'test.webplat.internal',
      vpc: [{ vpc_id: refTo('aws_vpc', Object.keys(resourcesOf(json, 'aws_vpc'))[0]) }],
      force_destroy: false,
    });
  });

  it('takes the configured name when network.privateZoneName is set', () => {
    const named = synthNetwork((input) => {
      input.network.privateZoneName = 'internal.example.com';
    });
    expect(onlyResource(named, 'aws_route53_zone').name).toBe('internal.example.com');
  });
});
