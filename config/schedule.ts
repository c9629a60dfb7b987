import { z } from 'zod';
import timeZoneData from './aws/time-zones.json';

/** Days of the week as EventBridge Scheduler's cron expressions spell them, Monday first. */
export const WEEK_DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type WeekDay = (typeof WEEK_DAYS)[number];

/** Days a schedule runs when the file does not say: the working week. */
export const DEFAULT_SCHEDULE_DAYS: readonly WeekDay[] = ['MON', 'TUE', 'WED', 'THU', 'FRI'];

/** Time zone of a schedule when the file does not say. */
export const DEFAULT_SCHEDULE_TIME_ZONE = 'UTC';

/**
 * IANA time zone names (zones and links of the tz database, without `Factory`), from
 * config/aws/time-zones.json; config/aws/README.md gives the command that regenerates it.
 * Shipped rather than read from `Intl`, whose list depends on Node's ICU build and leaves out `UTC`.
 */
export const TIME_ZONES: ReadonlySet<string> = new Set(timeZoneData.zones);
/** The tz database release the list was taken from, such as 2025b. */
export const TIME_ZONE_DATA_VERSION: string = timeZoneData.tzdata;

const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const TIME_EXPECTED = 'expected a 24-hour local time HH:MM such as 08:00 or 19:30';

/** A time of day as the cron expression needs it. */
export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

/** `HH:MM` (00:00 to 23:59) as hour and minute; undefined for anything else. */
export function parseTimeOfDay(value: string): TimeOfDay | undefined {
  const match = TIME_PATTERN.exec(value);
  return match === null ? undefined : { hour: Number(match[1]), minute: Number(match[2]) };
}

/** The listed spelling of a time zone written in other letter case (`asia/tokyo`), if there is one. */
export function timeZoneSpelling(value: string): string | undefined {
  const lower = value.toLowerCase();
  for (const zone of TIME_ZONES) if (zone.toLowerCase() === lower) return zone;
  return undefined;
}

const timeOfDay = z
  .string({ invalid_type_error: `${TIME_EXPECTED}, in quotes` })
  .refine((value) => parseTimeOfDay(value) !== undefined, TIME_EXPECTED);

const timeZone = z.string().superRefine((value, ctx) => {
  if (TIME_ZONES.has(value)) return;
  const spelling = timeZoneSpelling(value);
  const message =
    spelling === undefined
      ? `expected an IANA time zone name such as UTC, Asia/Tokyo, Europe/Dublin or America/New_York (tz database ${TIME_ZONE_DATA_VERSION}, config/aws/time-zones.json)`
      : `expected an IANA time zone name, spelt with its capitals: ${spelling}`;
  ctx.addIssue({ code: z.ZodIssueCode.custom, message });
});

/**
 * A start/stop schedule for non-production compute (EventBridge Scheduler): on each of `days`,
 * the servers stop at `stopAt` and start at `startAt`, both local times in `timeZone`.
 * Cross-field checks (start and stop apart, never in production) are in config/rules/schedules.ts.
 */
export const scheduleSchema = z
  .object({
    /** IANA time zone the times are in, such as Asia/Tokyo or Europe/Dublin; daylight saving time is followed. */
    timeZone: timeZone.default(DEFAULT_SCHEDULE_TIME_ZONE),
    /** Days on which both the stop and the start run (each at its own time). */
    days: z
      .array(z.enum(WEEK_DAYS))
      .min(1, 'expected at least one day')
      .default([...DEFAULT_SCHEDULE_DAYS]),
    /** Local time (HH:MM, 24-hour) the servers start. */
    startAt: timeOfDay,
    /** Local time (HH:MM, 24-hour) the servers stop. */
    stopAt: timeOfDay,
  })
  .strict();

export type ScheduleConfig = z.infer<typeof scheduleSchema>;
