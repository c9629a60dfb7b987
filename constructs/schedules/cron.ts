import { parseTimeOfDay, WEEK_DAYS, WeekDay } from '../../config/schedule';

/**
 * An EventBridge Scheduler cron expression, `cron(minutes hours day-of-month month day-of-week year)`,
 * for `time` (HH:MM) on each of `days`. Days are listed one by one in week order (MON,TUE,...):
 * a range such as SAT-SUN would wrap around the end of the cron week, which starts on Sunday.
 */
export function dailyCron(time: string, days: readonly WeekDay[]): string {
  const parsed = parseTimeOfDay(time);
  if (parsed === undefined) throw new Error(`StartStopSchedule: expected a 24-hour time HH:MM such as 08:00, got ${JSON.stringify(time)}`);
  if (days.length === 0) throw new Error('StartStopSchedule: expected at least one day');
  const inWeekOrder = WEEK_DAYS.filter((day) => days.includes(day));
  return `cron(${parsed.minute} ${parsed.hour} ? * ${inWeekOrder.join(',')} *)`;
}
