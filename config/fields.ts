import { z } from 'zod';
import { parseIpv4Cidr } from './cidr';
import { AVAILABILITY_ZONE_PATTERN } from './patterns';

/** Field types several sections of the schema share (config/schema.ts, sandbox.ts, vpn.ts). */

/** An IPv4 CIDR block with no host bits set; `example` is shown in the message. */
export function cidrBlock(example: string) {
  return z.string().refine((value) => parseIpv4Cidr(value) !== undefined, `expected an IPv4 CIDR block with no host bits set, such as ${example}`);
}

/** A VPC's CIDR block, with a prefix length from `min` to `max`. */
export function vpcCidrBlock(min: number, max: number, example: string, exampleInPrefixMessage = true) {
  return cidrBlock(example).refine(
    (value) => {
      const prefix = parseIpv4Cidr(value)?.prefixLength;
      return prefix === undefined || (prefix >= min && prefix <= max);
    },
    `expected a VPC CIDR between /${min} and /${max}${exampleInPrefixMessage ? `, such as ${example}` : ''}`,
  );
}

/** An availability zone name's shape; whether the region has it is a cross-field rule. */
export const availabilityZoneName = z.string().regex(AVAILABILITY_ZONE_PATTERN, 'expected an availability zone name such as eu-west-1a');
