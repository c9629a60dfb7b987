import { z } from 'zod';
import { parseIpv4Cidr } from './cidr';
import { AVAILABILITY_ZONE_PATTERN, KMS_KEY_ARN_PATTERN, ROUTE53_ZONE_ID } from './patterns';

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

/** A customer-managed KMS key ARN: a single-region key or a multi-region key. */
export const kmsKeyArn = z
  .string()
  .regex(KMS_KEY_ARN_PATTERN, 'expected a KMS key ARN (arn:aws:kms:<region>:<account>:key/<uuid>, or key/mrk-<32 hex digits> for a multi-region key)');

/** A Route53 hosted zone id. */
export const hostedZoneId = z.string().regex(ROUTE53_ZONE_ID, 'expected a Route53 hosted zone id such as Z0123456789ABCDEFGHIJ');

/** Days S3 keeps objects (log objects, noncurrent versions) before they expire: 1 to 3650. */
export const retentionDays = z.number().int().min(1).max(3650);

/** A CloudFront price class. */
export const priceClass = z.enum(['PriceClass_100', 'PriceClass_200', 'PriceClass_All']).default('PriceClass_100');
