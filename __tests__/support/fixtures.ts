import { EnvironmentInput, environmentSchema, WebPlatformConfig, webPlatformConfig } from '../../config/schema';

/** Raw input of a web-platform environment: its network is there to change. */
export type WebPlatformInput = EnvironmentInput & { network: NonNullable<EnvironmentInput['network']> };

/** A valid two-zone environment, as a user would write it in YAML. */
export function baseInput(): WebPlatformInput {
  return {
    project: 'webplat',
    environment: 'test',
    accountId: '123456789012',
    region: 'eu-west-1',
    domain: 'test.example.com',
    network: {
      cidr: '10.0.0.0/16',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      subnets: {
        public: ['10.0.0.0/24', '10.0.1.0/24'],
        privateApp: ['10.0.16.0/20', '10.0.32.0/20'],
        privateData: ['10.0.64.0/24', '10.0.65.0/24'],
      },
    },
  };
}

/** A validated config: the base environment with `change` applied to its raw input. */
export function testConfig(change: (input: WebPlatformInput) => void = () => undefined): WebPlatformConfig {
  const input = baseInput();
  change(input);
  const config = webPlatformConfig(environmentSchema.parse(input));
  if (config === undefined) throw new Error('testConfig: the change removed the web platform; parse the input with environmentSchema instead');
  return config;
}

/** Makes a raw input production (`production: true`), with the alarm address production requires (ops.alarms). */
export function asProduction(input: Record<string, any>): void {
  input.production = true;
  input.ops = { ...input.ops, alarms: { emails: ['ops@example.com'], ...input.ops?.alarms } };
}
