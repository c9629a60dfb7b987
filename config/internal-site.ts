import { z } from 'zod';
import { availabilityZoneName, cidrBlock, hostedZoneId, vpcCidrBlock } from './fields';
import { logRetentionDays } from './log-retention';

/** Health check codes an S3 interface endpoint answers the ALB's probe with: 200 (object), 307 (redirect), 405 (method not allowed). */
export const S3_SITE_REQUIRED_HEALTH_CODES = [307, 405] as const;

const httpsUrl = z.string().regex(/^https:\/\/[^\s/$.?#][^\s]*$/, 'expected an https:// URL');

/**
 * OpenID Connect sign-in on the listener rule: the ALB sends unauthenticated visitors to the
 * identity provider. The client secret is never configured here: it is the sensitive Terraform
 * variable `internal_site_oidc_client_secret`, given at plan and apply time (TF_VAR_internal_site_oidc_client_secret).
 */
export const oidcSchema = z
  .object({
    /** The identity provider's issuer URL. */
    issuer: httpsUrl,
    /** Its authorization endpoint. */
    authorizationEndpoint: httpsUrl,
    /** Its token endpoint. */
    tokenEndpoint: httpsUrl,
    /** Its user info endpoint. */
    userInfoEndpoint: httpsUrl,
    /** The client id registered for this site. */
    clientId: z.string().min(1, 'expected the client id registered with the identity provider').max(255),
    /** Scopes requested. */
    scope: z.string().regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, 'expected space-separated scopes such as "openid email"').default('openid'),
    /** Seconds a sign-in lasts (1 to 604800, ELB's range). */
    sessionTimeoutSeconds: z.number().int().min(1).max(604800).default(3600),
  })
  .strict();

/**
 * An internal HTTPS site served from S3 through an ALB, no web servers (`systems: [internal-site]`,
 * stack `<env>-intranet`): a VPC of its own, an S3 interface endpoint whose network interfaces are
 * the target group's targets, a bucket named as the host that only that endpoint reaches.
 * Cross-field checks are in config/rules/s3-systems.ts.
 */
export const internalSiteSchema = z
  .object({
    /** The site's host name, inside `domain`; the listener rule matches it, and it names the bucket. */
    hostName: z.string(),
    /**
     * The bucket's name: it must be the host name (the endpoint finds the bucket by the Host header).
     * @default - the host name
     */
    bucketName: z.string().optional(),
    /** `internal` (default): reachable from inside the VPC (and what is routed to it) only. `internet-facing`: the named choice that publishes it. */
    scheme: z.enum(['internal', 'internet-facing']).default('internal'),
    /** The site's VPC. */
    vpc: z
      .object({
        /** IPv4 CIDR block (/16 to /24). */
        cidr: vpcCidrBlock(16, 24, '10.30.0.0/16'),
        /** Two or three availability zones of the region (an ALB needs two). */
        availabilityZones: z.array(availabilityZoneName).min(2, 'expected at least 2 availability zones: an ALB spans two or more').max(3, 'expected at most 3 availability zones'),
        /** The load balancer's subnets, one per zone, inside `cidr`. */
        albSubnets: z.array(cidrBlock('10.30.0.0/24')),
        /** The S3 endpoint's subnets, one per zone, inside `cidr` and apart from the others. */
        endpointSubnets: z.array(cidrBlock('10.30.10.0/24')),
      })
      .strict(),
    /** Address ranges allowed to reach the load balancer on 443, beside the VPC itself. */
    allowedCidrs: z.array(cidrBlock('10.0.0.0/8')).max(50, 'expected at most 50 ranges (security group rule quota)').default([]),
    /** HTTP codes the target group's health check accepts; must include 307 and 405, which S3 answers the probe with. */
    healthCheckCodes: z.array(z.number().int().min(200).max(499)).min(1).default([200, 307, 405]),
    /**
     * The public hosted zone of `domain` for the certificate's validation records and the alias record.
     * @default - the web platform's zone (stack `<env>-dns`) when the environment holds the web platform
     */
    hostedZoneId: hostedZoneId.optional(),
    /** Sign visitors in through an OpenID Connect provider before serving anything. */
    oidc: oidcSchema.optional(),
    /** Days the load balancer's access logs, the bucket's access logs and the VPC flow logs are kept (a CloudWatch Logs retention value). */
    logRetentionDays: logRetentionDays.default(90),
  })
  .strict();

export type InternalSiteConfig = z.infer<typeof internalSiteSchema>;
export type OidcConfig = z.infer<typeof oidcSchema>;
