import { z } from 'zod';
import { parseIpv4Cidr } from './cidr';

const cidrBlock = z
  .string()
  .refine((value) => parseIpv4Cidr(value) !== undefined, 'expected an IPv4 CIDR block with no host bits set, such as 192.168.0.0/16');

/**
 * A virtual private gateway on the web platform's VPC (`network.vpnGateway`), its routes
 * propagated into the private route tables, and optionally a site-to-site VPN connection to a
 * customer gateway. Checked in config/rules/vpn.ts.
 */
export const vpnGatewaySchema = z
  .object({
    /** ASN of the Amazon side of the BGP session; Amazon's default (64512) when left out. */
    amazonSideAsn: z.number().int().optional(),
    /** The on-premises side: a customer gateway and a site-to-site VPN connection to it. */
    customerGateway: z
      .object({
        /** Public IPv4 address of the customer gateway device. */
        ipAddress: z.string().regex(/^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/, 'expected an IPv4 address such as 203.0.113.12'),
        /** BGP ASN of the customer gateway (dynamic routing); a private ASN. Left out: static routes. */
        bgpAsn: z.number().int().optional(),
        /** On-premises CIDR blocks routed over the VPN when there is no BGP. */
        staticRoutes: z.array(cidrBlock).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type VpnGatewayConfig = z.infer<typeof vpnGatewaySchema>;
