import { z } from 'zod';
import { amiSchema } from './ami';
import { parseIpv4Cidr } from './cidr';
import { availabilityZoneName, cidrBlock, vpcCidrBlock } from './fields';
import { scheduleSchema } from './schedule';

/** Key types EC2 imports into a key pair, as the first word of an OpenSSH public key spells them. */
export const SSH_KEY_TYPES = ['ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'] as const;

/** Prefix lengths a VPC CIDR block may have. */
const VPC_PREFIX = { min: 16, max: 28 } as const;

const SSH_KEY_EXPECTED = `expected an OpenSSH public key: ${SSH_KEY_TYPES.join(', ')} then the base64 key (and an optional comment), on one line as in ~/.ssh/id_ed25519.pub`;

/**
 * True for `<type> <base64> [comment]` whose base64 decodes to a key blob that names the same
 * type (RFC 4253 section 6.6: the blob starts with the length-prefixed key type), as EC2 checks
 * when it imports the key.
 */
export function isOpenSshPublicKey(value: string): boolean {
  const match = /^(\S+) ([A-Za-z0-9+/]+={0,2})(?: [^\r\n]*)?$/.exec(value.trim());
  if (match === null || !(SSH_KEY_TYPES as readonly string[]).includes(match[1]) || match[2].length % 4 !== 0) return false;
  const blob = Buffer.from(match[2], 'base64');
  if (blob.length < 4) return false;
  const typeLength = blob.readUInt32BE(0);
  return typeLength === match[1].length && blob.subarray(4, 4 + typeLength).toString('latin1') === match[1] && blob.length > 4 + typeLength;
}

const subnetCidr = cidrBlock('10.0.0.0/24');
const vpcCidr = vpcCidrBlock(VPC_PREFIX.min, VPC_PREFIX.max, '10.20.0.0/24');

const adminCidr = z.string().superRefine((value, ctx) => {
  const cidr = parseIpv4Cidr(value);
  if (cidr?.prefixLength === 32) return;
  const why =
    cidr?.prefixLength === 0
      ? ': 0.0.0.0/0 would open SSH to the whole internet; leave adminSshCidr out and use Session Manager instead'
      : cidr !== undefined
        ? `: /${cidr.prefixLength} admits ${2 ** (32 - cidr.prefixLength)} addresses`
        : '';
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected one admin address as a /32, such as 198.51.100.7/32${why}` });
});

/**
 * The classic sandbox (`systems: [sandbox]`): one web server in a public subnet and one database
 * server in a private subnet of a small single-zone VPC of its own. Cross-field checks (zone in
 * the region, subnets inside the VPC and apart, instance types, image) are in config/rules/sandbox.ts.
 */
export const sandboxSchema = z
  .object({
    /** The sandbox VPC's IPv4 CIDR block (/16 to /28). */
    cidr: vpcCidr,
    /** The one availability zone of the sandbox (the only single-zone layout the project allows). */
    availabilityZone: availabilityZoneName,
    /** Public subnet of the web server, inside `cidr` (/28 or larger). */
    publicSubnet: subnetCidr,
    /** Private subnet of the database server, inside `cidr` and apart from `publicSubnet` (/28 or larger). */
    privateSubnet: subnetCidr,
    /** A NAT gateway for the private subnet (billed by the hour, and per GB): off by default. */
    natGateway: z.boolean().default(false),
    /** EC2 instance type of the web server: a burstable type of config/aws/sandbox-instance-types.json, t2.micro included. */
    webInstanceType: z.string().default('t3.micro'),
    /** EC2 instance type of the database server (same list). */
    databaseInstanceType: z.string().default('t3.micro'),
    /** The only address that may reach the web server on SSH (22): a single /32. No SSH when left out. */
    adminSshCidr: adminCidr.optional(),
    /** An OpenSSH public key for an EC2 key pair on both servers. No key pair when left out. */
    sshPublicKey: z
      .string()
      .refine(isOpenSshPublicKey, SSH_KEY_EXPECTED)
      .transform((value) => value.trim())
      .optional(),
    /** Interface endpoints ssm, ssmmessages and ec2messages, so Session Manager reaches the database server without NAT. */
    sessionManagerEndpoints: z.boolean().default(false),
    /** Root volume size of each server in GiB (gp3, encrypted). */
    rootVolumeGiB: z.number().int().min(8).max(1024).default(8),
    /** The image both servers boot (Amazon Linux 2023 of their architecture when left out). */
    ami: amiSchema.default({}),
    /** Stop both servers and start them again on a schedule (non-production only). */
    schedule: scheduleSchema.optional(),
  })
  .strict();

export type SandboxConfig = z.infer<typeof sandboxSchema>;
