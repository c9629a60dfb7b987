import { z } from 'zod';
import { parseIpv4Cidr } from './cidr';
import { AVAILABILITY_ZONE_PATTERN } from './patterns';

const cidrBlock = z
  .string()
  .refine((value) => parseIpv4Cidr(value) !== undefined, 'expected an IPv4 CIDR block with no host bits set, such as 10.0.0.0/24');

/**
 * The classic sandbox (`systems: [sandbox]`): one web server in a public subnet and one database
 * server in a private subnet of a small single-zone VPC of its own. Cross-field checks are in
 * config/rules/sandbox.ts.
 */
export const sandboxSchema = z
  .object({
    /** The sandbox VPC's IPv4 CIDR block (/16 to /28). */
    cidr: cidrBlock,
    /** The one availability zone of the sandbox (the only single-zone layout the project allows). */
    availabilityZone: z.string().regex(AVAILABILITY_ZONE_PATTERN, 'expected an availability zone name such as eu-west-1a'),
    /** Public subnet of the web server, inside `cidr`. */
    publicSubnet: cidrBlock,
    /** Private subnet of the database server, inside `cidr`. */
    privateSubnet: cidrBlock,
    /** A NAT gateway for the private subnet (billed by the hour): off by default. */
    natGateway: z.boolean().default(false),
    /** EC2 instance type of the web server; small and previous-generation types such as t2.micro are allowed here. */
    webInstanceType: z.string().default('t3.micro'),
    /** EC2 instance type of the database server. */
    databaseInstanceType: z.string().default('t3.micro'),
    /** The only address that may reach the web server on SSH (22): a single /32. No SSH when left out. */
    adminSshCidr: cidrBlock.optional(),
    /** An OpenSSH public key for an EC2 key pair on both servers. No key pair when left out. */
    sshPublicKey: z.string().optional(),
    /** Interface endpoints ssm, ssmmessages and ec2messages, so Session Manager reaches the database server without NAT. */
    sessionManagerEndpoints: z.boolean().default(false),
    /** Root volume size of each server in GiB (gp3, encrypted). */
    rootVolumeGiB: z.number().int().min(8).max(1024).default(8),
  })
  .strict();

export type SandboxConfig = z.infer<typeof sandboxSchema>;
