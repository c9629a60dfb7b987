import { App, TerraformStack } from 'cdktf';
import { sessionManagerInstanceRole, SessionManagerInstanceRoleProps } from '../constructs/compute/instance-role';
import { onlyResource, refTo, resourcesOf, synthStack } from './support/synth';

/** Synthesizes one Session Manager instance role alone, in a stack of its own. */
function synthRole(props: SessionManagerInstanceRoleProps) {
  const stack = new TerraformStack(new App(), 'role-test');
  sessionManagerInstanceRole(stack, props);
  return synthStack(stack);
}

const roleId = (json: ReturnType<typeof synthRole>) => Object.keys(resourcesOf(json, 'aws_iam_role'))[0];

describe('Session Manager instance role with a description', () => {
  const json = synthRole({ name: 'webplat-test-web-instance', description: 'Web server: Session Manager only.' });

  it('gives the role exactly that description, next to its name', () => {
    const role = onlyResource(json, 'aws_iam_role');
    expect(role.name).toBe('webplat-test-web-instance');
    expect(role.description).toBe('Web server: Session Manager only.');
  });

  it('lets only EC2 assume the role', () => {
    expect(JSON.parse(onlyResource(json, 'aws_iam_role').assume_role_policy as string)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
  });

  it('attaches AmazonSSMManagedInstanceCore and nothing else, and gives the profile the role\'s name', () => {
    const role = refTo('aws_iam_role', roleId(json), 'name');
    expect(onlyResource(json, 'aws_iam_role_policy_attachment')).toEqual({ role, policy_arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' });
    expect(onlyResource(json, 'aws_iam_instance_profile')).toEqual({ name: 'webplat-test-web-instance', role });
    expect(resourcesOf(json, 'aws_iam_role_policy')).toEqual({});
  });
});

describe('Session Manager instance role without a description', () => {
  const json = synthRole({ name: 'webplat-test-sandbox-1' });

  it('has no description attribute at all (not even an empty one)', () => {
    const role = onlyResource(json, 'aws_iam_role');
    expect(role.name).toBe('webplat-test-sandbox-1');
    expect(role).not.toHaveProperty('description');
  });
});

describe('Session Manager instance role recording sessions', () => {
  const json = synthRole({ name: 'webplat-test-web-instance', sessionLogs: { logGroupName: '/aws/ssm/webplat-test-ops-sessions', region: 'eu-west-1', accountId: '123456789012' } });

  it('may write transcripts to the session log group only, and find it', () => {
    const policy = onlyResource(json, 'aws_iam_role_policy');
    expect(policy).toMatchObject({ name: 'session-logs', role: refTo('aws_iam_role', roleId(json), 'name') });
    const group = 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/ssm/webplat-test-ops-sessions';
    expect(JSON.parse(policy.policy as string).Statement).toEqual([
      { Sid: 'WriteSessionTranscripts', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${group}:log-stream:*` },
      { Sid: 'ListSessionLogStreams', Effect: 'Allow', Action: 'logs:DescribeLogStreams', Resource: `${group}:*` },
      { Sid: 'FindSessionLogGroup', Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: '*' },
    ]);
  });
});
