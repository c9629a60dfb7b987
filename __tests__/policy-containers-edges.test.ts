import { fargateTaskDefinition, findingsFor, RawResource } from './support/policy';

// The edges the containers pack draws (ECS-NOT-PRIVILEGED, ECS-LOGGING and the container_definitions
// reading every rule of the pack shares), one container on each side; the happy paths are in policy-containers.test.ts.
// Field names and values of an ECS container definition as AWS documents them (API_ContainerDefinition,
// API_LogConfiguration, API_LinuxParameters, API_KernelCapabilities), written out here on purpose.

/** A container definition every rule of the pack passes: read-only, unprivileged, awslogs with a group and region. */
const container = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'web',
  image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2',
  essential: true,
  readonlyRootFilesystem: true,
  logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/dev-web', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'web' } },
  ...fields,
});
/** A task definition of these containers, written with JSON.stringify. */
const task = (...containers: unknown[]): RawResource => fargateTaskDefinition(JSON.stringify(containers));
/** The problems one rule finds on these resources. */
const problemsOf = (ruleId: string, resource: RawResource) =>
  findingsFor([resource])
    .filter((finding) => finding.ruleId === ruleId)
    .map((finding) => finding.problem);
/** Each ECS rule's problem, by rule id. */
const ecsProblems = (resource: RawResource) =>
  findingsFor([resource])
    .filter((finding) => finding.ruleId.startsWith('ECS-'))
    .map((finding) => [finding.ruleId, finding.problem])
    .sort(([a], [b]) => a.localeCompare(b));

const unreadable = (why: string) =>
  `has container_definitions that ${why}, so its containers cannot be checked (write it with JSON.stringify, Terraform references inside the strings)`;
const ECS_RULES = ['ECS-LOGGING', 'ECS-NO-PLAINTEXT-SECRETS', 'ECS-NOT-PRIVILEGED', 'ECS-READONLY-ROOT'];

describe('ECS-NOT-PRIVILEGED edges', () => {
  const privileged = (value: unknown) => problemsOf('ECS-NOT-PRIVILEGED', task(container({ privileged: value })));
  const adding = (add: unknown) => problemsOf('ECS-NOT-PRIVILEGED', task(container({ linuxParameters: { capabilities: { add } } })));

  it.each([
    ['unset', undefined],
    ['null', null],
    ['false', false],
    ['the string "false"', 'false'],
  ])('passes privileged %s', (_label, value) => {
    expect(privileged(value)).toEqual([]);
  });

  it.each([
    ['true', true],
    ['the string "true"', 'true'],
  ])('fails privileged %s as privileged', (_label, value) => {
    expect(privileged(value)).toEqual(['runs container web privileged']);
  });

  it('fails privileged it cannot read, naming the value', () => {
    expect(privileged('${var.privileged}')).toEqual(['sets privileged of container web to "${var.privileged}", which cannot be checked']);
    expect(privileged('')).toEqual(['sets privileged of container web to "", which cannot be checked']);
  });

  it('names every capability added, comma-separated', () => {
    expect(adding(['SYS_PTRACE', 'NET_ADMIN'])).toEqual(['adds the Linux capabilities SYS_PTRACE, NET_ADMIN to container web']);
  });

  it.each([
    ['unset', undefined],
    ['null', null],
    ['an empty list', []],
  ])('passes capabilities.add %s', (_label, add) => {
    expect(adding(add)).toEqual([]);
  });

  it('fails capabilities.add it cannot read (not a list), naming the value', () => {
    expect(adding('${var.capabilities}')).toEqual(['adds Linux capabilities to container web from "${var.capabilities}", which cannot be checked']);
    expect(adding({ SYS_ADMIN: true })).toEqual(['adds Linux capabilities to container web from {"SYS_ADMIN":true}, which cannot be checked']);
  });

  it('reports every problem of every container in one finding, separated by semicolons', () => {
    const agent = container({ name: 'agent', privileged: true, linuxParameters: { capabilities: { add: ['SYS_ADMIN'] } } });
    expect(problemsOf('ECS-NOT-PRIVILEGED', task(agent, container({ privileged: 'true' })))).toEqual([
      'runs container agent privileged; adds the Linux capabilities SYS_ADMIN to container agent; runs container web privileged',
    ]);
  });
});

describe('container names in messages', () => {
  const name = (...containers: unknown[]) => problemsOf('ECS-NOT-PRIVILEGED', task(...containers));

  it.each([
    ['has no name', undefined],
    ['has an empty name', ''],
    ['has a name that is not a string', 7],
  ])('calls a container by its position when it %s', (_label, value) => {
    expect(name(container(), container({ name: value, privileged: true }))).toEqual(['runs container #2 privileged']);
    expect(name(container({ name: value, privileged: true }))).toEqual(['runs container #1 privileged']);
  });

  it('calls a container by its name when it has one', () => {
    expect(name(container({ name: 'x', privileged: true }))).toEqual(['runs container x privileged']);
  });
});

describe('ECS-LOGGING edges', () => {
  const logging = (logConfiguration: unknown) => problemsOf('ECS-LOGGING', task(container({ logConfiguration })));
  const awslogs = (options: Record<string, unknown>) => logging({ logDriver: 'awslogs', options });

  it.each([
    ['unset', undefined],
    ['null', null],
  ])('fails a logConfiguration %s as sending the logs nowhere', (_label, value) => {
    expect(logging(value)).toEqual(['sends the logs of container web nowhere (no logConfiguration)']);
  });

  it.each([
    ['no logDriver', undefined],
    ['an empty logDriver', ''],
    ['a blank logDriver', '   '],
    ['a logDriver that is not a string', 1],
  ])('fails %s as a logConfiguration without a logDriver', (_label, logDriver) => {
    expect(logging({ logDriver, options: { 'awslogs-group': '/ecs/dev-web', 'awslogs-region': 'eu-west-1' } })).toEqual([
      'gives container web a logConfiguration without a logDriver',
    ]);
  });

  it.each(['json-file', 'splunk', 'AWSLOGS', ' awslogs'])('fails the %s log driver, naming it', (logDriver) => {
    expect(logging({ logDriver })).toEqual([`sends the logs of container web through the ${JSON.stringify(logDriver)} log driver, not awslogs or awsfirelens`]);
  });

  it('passes awsfirelens without awslogs options', () => {
    expect(logging({ logDriver: 'awsfirelens' })).toEqual([]);
  });

  it('passes awslogs with a group and a region, whether literal or a Terraform reference', () => {
    expect(awslogs({ 'awslogs-group': '${aws_cloudwatch_log_group.web.name}', 'awslogs-region': 'eu-west-1' })).toEqual([]);
  });

  it('names both awslogs options when both are missing', () => {
    expect(logging({ logDriver: 'awslogs' })).toEqual(['gives the awslogs configuration of container web no awslogs-group or awslogs-region option']);
    expect(logging({ logDriver: 'awslogs', options: null })).toEqual(['gives the awslogs configuration of container web no awslogs-group or awslogs-region option']);
  });

  it.each([
    ['empty', ''],
    ['blank', '  '],
    ['not a string', 5],
  ])('fails an awslogs-region that is %s', (_label, region) => {
    expect(awslogs({ 'awslogs-group': '/ecs/dev-web', 'awslogs-region': region })).toEqual(['gives the awslogs configuration of container web no awslogs-region option']);
  });
});

describe('container_definitions that cannot be read', () => {
  it.each([
    ['a list', [container()]],
    ['a number', 1],
  ])('fails every rule of the pack for container_definitions that is %s, not a JSON string', (_label, definitions) => {
    expect(ecsProblems(fargateTaskDefinition(definitions))).toEqual(ECS_RULES.map((rule) => [rule, unreadable('is not a JSON string')]));
  });

  it.each([
    ['a jsonencode expression', '${jsonencode([{name = "web", image = "nginx"}])}'],
    ['a jsonencode expression after blanks', '  ${jsonencode([{name = "web", image = "nginx"}])}'],
    ['a reference to JSON made elsewhere', '${data.template_file.containers.rendered}'],
  ])('calls %s a Terraform expression', (_label, text) => {
    expect(ecsProblems(fargateTaskDefinition(text))).toEqual(ECS_RULES.map((rule) => [rule, unreadable('is a Terraform expression, not JSON')]));
  });

  it.each([
    ['broken JSON', '[{"name": "web",'],
    ['an expression after text', 'containers: ${local.containers}'],
    ['text ending as an expression starts', '[{"name": "web"} ${'],
    ['an empty string', ''],
  ])('calls %s not valid JSON', (_label, text) => {
    expect(ecsProblems(fargateTaskDefinition(text))).toEqual(ECS_RULES.map((rule) => [rule, unreadable('is not valid JSON')]));
  });

  it.each([
    ['an object', { name: 'web' }],
    ['null', null],
    ['a container and a reference', [container(), '${local.sidecar}']],
    ['a container and null', [container(), null]],
    ['a container and a list', [container(), [container({ name: 'sidecar' })]]],
  ])('calls JSON that is %s not an array of container definitions', (_label, value) => {
    expect(ecsProblems(fargateTaskDefinition(JSON.stringify(value)))).toEqual(ECS_RULES.map((rule) => [rule, unreadable('is not a JSON array of container definitions')]));
  });
});
