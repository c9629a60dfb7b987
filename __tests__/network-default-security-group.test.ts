import { App } from 'cdktf';
import { NetworkStack } from '../stacks/network-stack';
import { testConfig } from './support/fixtures';
import { onlyResource, refTo, resourcesOf, synthStack } from './support/synth';

describe('network default security group', () => {
  const json = synthStack(new NetworkStack(new App(), testConfig()));

  it('takes over the VPC\'s default security group with no ingress and no egress rules', () => {
    expect(onlyResource(json, 'aws_default_security_group')).toMatchObject({
      vpc_id: refTo('aws_vpc', Object.keys(resourcesOf(json, 'aws_vpc'))[0]),
      ingress: [],
      egress: [],
      tags: { Name: 'webplat-test-network-default-do-not-use' },
    });
  });
});
