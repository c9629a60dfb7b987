import { z } from 'zod';

export const WEEK_DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

/**
 * A start/stop schedule for non-production compute (EventBridge Scheduler): servers stop at
 * `stopAt` and start at `startAt` on `days`, in `timeZone`. Checked in config/rules/schedules.ts.
 */
export const scheduleSchema = z
  .object({
    /** IANA time zone the times are in, such as Asia/Tokyo or Europe/Dublin. */
    timeZone: z.string().default('UTC'),
    /** Days the servers start and stop. */
    days: z.array(z.enum(WEEK_DAYS)).min(1, 'expected at least one day').default(['MON', 'TUE', 'WED', 'THU', 'FRI']),
    /** Local time (HH:MM, 24-hour) the servers start. */
    startAt: z.string(),
    /** Local time (HH:MM, 24-hour) the servers stop. */
    stopAt: z.string(),
  })
  .strict();

export type ScheduleConfig = z.infer<typeof scheduleSchema>;
