import { z } from 'zod';
import { cidrContains, parseIpv4Cidr } from './cidr';
import { cidrBlock } from './fields';

/** Private ASN ranges (RFC 6996): the 16-bit and the 32-bit one, both ends included. */
export const PRIVATE_ASN_RANGES: readonly (readonly [number, number])[] = [
  [64512, 65534],
  [4200000000, 4294967294],
];

/** The Amazon side's ASN when `amazonSideAsn` is left out (AWS's default for a virtual private gateway). */
export const AMAZON_DEFAULT_ASN = 64512;

/** Static routes per connection: a route table takes at most 100 propagated routes. */
export const MAX_STATIC_ROUTES = 100;

/** True for an ASN in one of the private ranges. */
export function isPrivateAsn(asn: number): boolean {
  return PRIVATE_ASN_RANGES.some(([first, last]) => asn >= first && asn <= last);
}

const PRIVATE_ASN_TEXT = PRIVATE_ASN_RANGES.map(([first, last]) => `${first}-${last}`).join(' or ');

const privateAsn = z.number().int().refine(isPrivateAsn, `expected a private ASN: ${PRIVATE_ASN_TEXT}`);

/**
 * IPv4 blocks that are not reachable across the internet (IANA special-purpose registry):
 * a customer gateway at one of these addresses can never bring its tunnels up.
 */
const NON_PUBLIC_BLOCKS: readonly (readonly [string, string])[] = [
  ['0.0.0.0/8', '"this network"'],
  ['10.0.0.0/8', 'private (RFC 1918)'],
  ['100.64.0.0/10', 'shared carrier-grade NAT space (RFC 6598)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private (RFC 1918)'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.0.2.0/24', 'documentation (RFC 5737)'],
  ['192.88.99.0/24', 'deprecated 6to4 relay anycast'],
  ['192.168.0.0/16', 'private (RFC 1918)'],
  ['198.18.0.0/15', 'benchmarking (RFC 2544)'],
  ['198.51.100.0/24', 'documentation (RFC 5737)'],
  ['203.0.113.0/24', 'documentation (RFC 5737)'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
];

/** The special-purpose block holding `address` and what it is for, or undefined for a public address. */
export function nonPublicBlockOf(address: string): { readonly block: string; readonly purpose: string } | undefined {
  const host = parseIpv4Cidr(`${address}/32`);
  if (host === undefined) return undefined;
  const found = NON_PUBLIC_BLOCKS.find(([block]) => cidrContains(parseIpv4Cidr(block)!, host));
  return found && { block: found[0], purpose: found[1] };
}

const IPV4_ADDRESS = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

const publicIpv4Address = z
  .string()
  .regex(IPV4_ADDRESS, 'expected an IPv4 address: four numbers 0-255 separated by dots, without leading zeros')
  .superRefine((address, ctx) => {
    const special = IPV4_ADDRESS.test(address) ? nonPublicBlockOf(address) : undefined;
    if (special) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `expected the public IPv4 address the customer gateway is reached at over the internet; ${address} is ${special.purpose} (${special.block})`,
      });
    }
  });

const onPremisesCidr = cidrBlock('192.168.0.0/16');

/**
 * A virtual private gateway on the web platform's VPC (`network.vpnGateway`), its routes
 * propagated into every private route table, and optionally a site-to-site VPN connection to a
 * customer gateway. Cross-field checks are in config/rules/vpn.ts.
 */
export const vpnGatewaySchema = z
  .object({
    /** ASN of the Amazon side of BGP sessions, a private ASN; Amazon's default (64512) when left out. */
    amazonSideAsn: privateAsn.optional(),
    /** The on-premises side: a customer gateway and a site-to-site VPN connection to it. */
    customerGateway: z
      .object({
        /** Public, static IPv4 address of the customer gateway device's outside interface. */
        ipAddress: publicIpv4Address,
        /** Private BGP ASN of the customer gateway: dynamic routing. Exactly one of bgpAsn and staticRoutes. */
        bgpAsn: privateAsn.optional(),
        /** On-premises CIDR blocks routed over the VPN: static routing. Exactly one of bgpAsn and staticRoutes. */
        staticRoutes: z
          .array(onPremisesCidr)
          .min(1, 'expected at least one CIDR block (or leave staticRoutes out and set bgpAsn)')
          .max(MAX_STATIC_ROUTES, `expected at most ${MAX_STATIC_ROUTES} CIDR blocks (a route table takes ${MAX_STATIC_ROUTES} propagated routes)`)
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type VpnGatewayConfig = z.infer<typeof vpnGatewaySchema>;
export type CustomerGatewayConfig = NonNullable<VpnGatewayConfig['customerGateway']>;
