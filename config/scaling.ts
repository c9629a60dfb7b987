import { z } from 'zod';

/**
 * Target-tracking policies of the web servers' Auto Scaling group (`app.scaling`), between
 * `app.minSize` and `app.maxSize`, so the group scales in as well as out.
 */
export const scalingSchema = z
  .object({
    /** Average CPU utilisation (percent) the group keeps to. */
    cpuTargetPercent: z.number().min(10).max(90).default(50),
    /** ALB requests per target per minute the group keeps to; no request-count policy when left out. */
    requestsPerTarget: z.number().int().min(1).max(100000).optional(),
  })
  .strict();

export type ScalingConfig = z.infer<typeof scalingSchema>;
