import { App, TerraformOutput, TerraformStack } from 'cdktf';
import type { AmiChoice } from '../config/ami';
import { MachineImage } from '../constructs/compute/machine-image';
import { synthStack } from './support/synth';

/**
 * Synthesizes one MachineImage alone, reading the image ids the way the consumers named in `read`
 * do; each id read becomes an output, so the test sees the expression Terraform gets.
 */
function synthImage(choice: AmiChoice, architecture: 'x86_64' | 'arm64', read: readonly ('launch-template' | 'instance')[]) {
  const stack = new TerraformStack(new App(), 'image-test');
  const image = new MachineImage(stack, 'image', { choice, architecture });
  if (read.includes('launch-template')) new TerraformOutput(stack, 'launch-template', { value: image.launchTemplateImageId });
  if (read.includes('instance')) {
    new TerraformOutput(stack, 'instance', { value: image.instanceImageId });
    new TerraformOutput(stack, 'instance-again', { value: image.instanceImageId });
  }
  const json = synthStack(stack);
  const output = (name: string) => json.output?.[name]?.value;
  return { json, ids: { launchTemplate: output('launch-template'), instance: output('instance'), instanceAgain: output('instance-again') }, family: image.family };
}

/** AWS's public parameters for Amazon Linux (Amazon Linux 2023 User Guide, "Launching AL2023 using the SSM parameter"). */
const AL2023_ARM = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';
const AL2_X86 = '/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2';

describe('MachineImage by SSM public parameter', () => {
  it('gives launch templates resolve:ssm:<parameter>, resolved by EC2 at each launch, and reads nothing at plan time', () => {
    const { json, ids, family } = synthImage({ source: 'ssm-parameter', parameter: AL2023_ARM, family: 'al2023' }, 'arm64', ['launch-template']);
    expect(ids.launchTemplate).toBe(`resolve:ssm:${AL2023_ARM}`);
    expect(json.data).toBeUndefined();
    expect(family).toBe('al2023');
  });

  it('gives instances the parameter\'s value read by one data source, never resolve:ssm: (an instance would be replaced on every plan)', () => {
    const { json, ids, family } = synthImage({ source: 'ssm-parameter', parameter: AL2_X86, family: 'al2' }, 'x86_64', ['launch-template', 'instance']);
    const parameters = Object.entries(json.data?.aws_ssm_parameter ?? {});
    expect(parameters).toHaveLength(1);
    const [id, parameter] = parameters[0];
    expect(parameter).toEqual({ name: AL2_X86 });
    expect(ids.instance).toBe(`\${data.aws_ssm_parameter.${id}.insecure_value}`);
    expect(ids.instanceAgain).toBe(ids.instance);
    expect(ids.launchTemplate).toBe(`resolve:ssm:${AL2_X86}`);
    expect(json.data?.aws_ami).toBeUndefined();
    expect(family).toBe('al2');
  });
});

describe('MachineImage by name pattern', () => {
  const { json, ids, family } = synthImage(
    { source: 'name-pattern', namePattern: 'al2023-ami-2023.*-kernel-6.1-arm64', owner: 'amazon', family: 'al2023' },
    'arm64',
    ['launch-template', 'instance'],
  );

  it('looks up the most recent available image of that name from that owner, of the instance type\'s architecture', () => {
    const images = Object.entries(json.data?.aws_ami ?? {});
    expect(images).toHaveLength(1);
    const [id, image] = images[0];
    // Filter names as in EC2 DescribeImages: name, architecture (i386 | x86_64 | arm64 | ...), state.
    expect(image).toEqual({
      most_recent: true,
      owners: ['amazon'],
      filter: [
        { name: 'name', values: ['al2023-ami-2023.*-kernel-6.1-arm64'] },
        { name: 'architecture', values: ['arm64'] },
        { name: 'state', values: ['available'] },
      ],
    });
    expect(ids.launchTemplate).toBe(`\${data.aws_ami.${id}.id}`);
    expect(ids.instance).toBe(`\${data.aws_ami.${id}.id}`);
  });

  it('reads no SSM parameter and keeps the family', () => {
    expect(json.data?.aws_ssm_parameter).toBeUndefined();
    expect(family).toBe('al2023');
  });
});

describe('MachineImage by id', () => {
  const { json, ids, family } = synthImage({ source: 'id', id: 'ami-0123456789abcdef0', owner: '123456789012', family: 'al2' }, 'x86_64', ['launch-template', 'instance']);

  it('looks the one id up among the owner\'s images, so a plan fails when the image is not that owner\'s', () => {
    const images = Object.entries(json.data?.aws_ami ?? {});
    expect(images).toHaveLength(1);
    const [id, image] = images[0];
    expect(image).toEqual({ owners: ['123456789012'], filter: [{ name: 'image-id', values: ['ami-0123456789abcdef0'] }] });
    expect(ids.launchTemplate).toBe(`\${data.aws_ami.${id}.id}`);
    expect(ids.instance).toBe(`\${data.aws_ami.${id}.id}`);
  });

  it('reads no SSM parameter and takes the configured family', () => {
    expect(json.data?.aws_ssm_parameter).toBeUndefined();
    expect(family).toBe('al2');
  });
});

describe('MachineImage instance ids, for every image mode', () => {
  // The one data source each mode may create when an instance asks for its image, and the attribute its ami reads.
  const modes: readonly [string, AmiChoice, string, string][] = [
    ['ssm-parameter', { source: 'ssm-parameter', parameter: AL2023_ARM, family: 'al2023' }, 'aws_ssm_parameter', 'insecure_value'],
    ['name-pattern', { source: 'name-pattern', namePattern: 'amzn2-ami-hvm-2.0.*-arm64-gp2', owner: 'amazon', family: 'al2' }, 'aws_ami', 'id'],
    ['id', { source: 'id', id: 'ami-0fedcba9876543210', owner: 'self', family: 'al2023' }, 'aws_ami', 'id'],
  ];

  it.each(modes)('%s: read by instances alone, creates exactly its one data source, read again gives the same id', (_mode, choice, dataType, attribute) => {
    const { json, ids } = synthImage(choice, 'arm64', ['instance']);
    expect(Object.keys(json.data ?? {})).toEqual([dataType]);
    const sources = Object.keys(json.data?.[dataType] ?? {});
    expect(sources).toHaveLength(1);
    expect(ids.instance).toBe(`\${data.${dataType}.${sources[0]}.${attribute}}`);
    expect(ids.instanceAgain).toBe(ids.instance);
    expect(ids.instance).not.toMatch(/^resolve:ssm:/);
  });
});
