import type { ScheduleConfig } from '../schedule';
import type { ParsedEnvironment } from '../schema';
import { report, RuleContext } from './issue';

/** A schedule in the environment file, where it is and which servers it starts and stops. */
interface PlacedSchedule {
  readonly path: readonly string[];
  readonly schedule: ScheduleConfig;
  readonly servers: string;
}

/**
 * Start/stop schedules (`app.schedule`, `sandbox.schedule`): stop and start at different times,
 * each day named once, something to start, only where the schedule is read, and never in production.
 * Times and time zones are checked by the schema (config/schedule.ts).
 */
export function checkSchedules(env: ParsedEnvironment, ctx: RuleContext): void {
  const webPlatform = env.systems.includes('web-platform');
  if (env.app.schedule !== undefined && !webPlatform) {
    report(
      ctx,
      ['app', 'schedule'],
      `expected no app.schedule here: it starts and stops the web platform's servers, and systems (${env.systems.join(', ')}) does not include web-platform`,
      'a schedule',
    );
  }
  const placed: PlacedSchedule[] = [];
  if (env.app.schedule !== undefined && webPlatform) {
    placed.push({ path: ['app', 'schedule'], schedule: env.app.schedule, servers: 'web servers' });
    if (env.app.desiredCapacity < 1) {
      report(ctx, ['app', 'desiredCapacity'], 'expected at least 1 with app.schedule: the scheduled start restores this capacity, so 0 would start no server');
    }
    if (env.app.compute === 'fargate-spot' && env.app.minSize < 1) {
      report(
        ctx,
        ['app', 'minSize'],
        'expected at least 1 with app.schedule on fargate-spot: the scheduled start restores the service\'s minimum, and from 0 tasks no metric makes auto scaling start one',
      );
    }
  }
  // The sandbox section gains its schedule key with the sandbox system; read it without depending on that.
  const sandboxSchedule = (env.sandbox as { schedule?: ScheduleConfig } | undefined)?.schedule;
  if (sandboxSchedule !== undefined) placed.push({ path: ['sandbox', 'schedule'], schedule: sandboxSchedule, servers: 'sandbox servers' });

  for (const { path, schedule, servers } of placed) {
    if (env.production) {
      report(
        ctx,
        path,
        `expected no schedule in a production environment (production: true): a schedule stops the ${servers} every day at stopAt, and production servers must stay up. Remove the schedule, or set production: false if this environment is not production`,
        'a schedule',
      );
    }
    if (schedule.startAt === schedule.stopAt) {
      report(ctx, [...path, 'stopAt'], `expected a time other than startAt (${schedule.startAt}): stopping and starting at the same moment leaves the servers in an undefined state`);
    }
    schedule.days.forEach((day, index) => {
      if (schedule.days.indexOf(day) !== index) report(ctx, [...path, 'days', index], 'expected each day once');
    });
  }
}
