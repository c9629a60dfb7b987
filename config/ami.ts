import { z } from 'zod';

/** The Amazon Linux families the boot scripts are written for: dnf on Amazon Linux 2023, yum on Amazon Linux 2. */
export const AMI_FAMILIES = ['al2023', 'al2'] as const;
export type AmiFamily = (typeof AMI_FAMILIES)[number];

/**
 * Which image the servers boot, in one of three modes (checked in config/rules/ami.ts):
 * - `parameter`: the latest image by public SSM parameter (the default when the block is left out);
 * - `namePattern` + `owner`: the most recent image whose name matches, from that owner;
 * - `id` + `owner` + `family`: one pinned image, whose owner Terraform checks at plan time.
 */
export const amiSchema = z
  .object({
    /** Public SSM parameter holding the AMI id, such as /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64. */
    parameter: z.string().regex(/^\/aws\/service\/[\w./-]+$/, 'expected a public SSM parameter path under /aws/service/').optional(),
    /** AMI name pattern (`*` and `?` wildcards), such as al2023-ami-2023.*-kernel-6.1-x86_64. */
    namePattern: z
      .string()
      .regex(/^[A-Za-z0-9()[\]./\-_'@*?]{3,128}$/, "expected an AMI name pattern: 3-128 of A-Z, a-z, 0-9, ( ) [ ] . / - _ ' @ and the wildcards * ?")
      .optional(),
    /** A pinned AMI id. */
    id: z.string().regex(/^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/, 'expected an AMI id such as ami-0123456789abcdef0').optional(),
    /** Owner of the image: amazon, aws-marketplace, self or a 12-digit account id. */
    owner: z.string().regex(/^(?:amazon|aws-marketplace|self|\d{12})$/, 'expected amazon, aws-marketplace, self or a 12-digit account id').optional(),
    /** The image's Amazon Linux family; needed with `id`, read from the parameter or pattern otherwise. */
    family: z.enum(AMI_FAMILIES).optional(),
  })
  .strict();

export type AmiInput = z.infer<typeof amiSchema>;
