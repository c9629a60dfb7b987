import { EnvironmentConfig, environmentSchema } from '../../config/schema';
import { baseInput } from './fixtures';

/** The raw `sandbox:` block of a valid sandbox: a /24 VPC in eu-west-1a, a /26 public and a /26 private subnet. */
export function sandboxBlock(): Record<string, any> {
  return { cidr: '10.20.0.0/24', availabilityZone: 'eu-west-1a', publicSubnet: '10.20.0.0/26', privateSubnet: '10.20.0.64/26' };
}

/** Turns the base (web-platform) input into a sandbox-only environment, then applies `sandbox` over its sandbox block. */
export function sandboxOnly(sandbox: Record<string, unknown> = {}): (input: Record<string, any>) => void {
  return (input) => {
    delete input.domain;
    delete input.network;
    input.systems = ['sandbox'];
    input.sandbox = { ...sandboxBlock(), ...sandbox };
  };
}

/** A validated sandbox-only environment (`test`, account 123456789012, eu-west-1), after `change` on its raw input. */
export function sandboxConfigFor(sandbox: Record<string, unknown> = {}, change: (input: Record<string, any>) => void = () => undefined): EnvironmentConfig {
  const input: Record<string, any> = baseInput();
  sandboxOnly(sandbox)(input);
  change(input);
  return environmentSchema.parse(input);
}
