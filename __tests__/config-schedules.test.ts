import { loadEnvironments } from '../config/load';
import { TIME_ZONE_DATA_VERSION, TIME_ZONES } from '../config/schedule';
import { ConfigDir } from './support/config-dir';
import { asProduction } from './support/fixtures';

type Change = (input: Record<string, any>) => void;

let dir: ConfigDir;
beforeEach(() => (dir = new ConfigDir()));
afterEach(() => dir.remove());

/** The base web-platform environment with `schedule` as app.schedule. */
const withAppSchedule =
  (schedule: Record<string, unknown>, also: Change = () => undefined): Change =>
  (input) => {
    input.app = { schedule };
    also(input);
  };

/** A sandbox-only environment; sandbox.schedule is read by the sandbox system once it has the key. */
const sandboxOnly =
  (sandbox: Record<string, unknown>): Change =>
  (input) => {
    delete input.domain;
    delete input.network;
    input.systems = ['sandbox'];
    input.sandbox = { cidr: '10.20.0.0/24', availabilityZone: 'eu-west-1a', publicSubnet: '10.20.0.0/26', privateSubnet: '10.20.0.64/26', ...sandbox };
  };

describe('app.schedule', () => {
  it('defaults to the working week in UTC', () => {
    expect(dir.loadWith(withAppSchedule({ startAt: '08:00', stopAt: '20:00' })).app.schedule).toEqual({
      timeZone: 'UTC',
      days: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
      startAt: '08:00',
      stopAt: '20:00',
    });
  });

  it('takes an IANA time zone, days and times as written', () => {
    const schedule = { timeZone: 'Asia/Tokyo', days: ['SAT', 'SUN'], startAt: '00:00', stopAt: '23:59' };
    expect(dir.loadWith(withAppSchedule(schedule)).app.schedule).toEqual(schedule);
  });

  it('reads unquoted times in the YAML file as HH:MM text', () => {
    dir.write('test', `${dir.environmentYaml('test')}app:\n  schedule:\n    startAt: 07:30\n    stopAt: 19:00\n`);
    expect(loadEnvironments(['test'], dir.path)[0].app.schedule).toMatchObject({ startAt: '07:30', stopAt: '19:00' });
  });

  it.each(['8:00', '24:00', '12:60', '0800', '08:00:00', 'noon', ' 08:00'])('refuses the time %j, showing the HH:MM form', (time) => {
    expect(dir.problemsFor(withAppSchedule({ startAt: time, stopAt: '20:00' }))).toEqual([
      { field: 'app.schedule.startAt', received: JSON.stringify(time), expected: 'expected a 24-hour local time HH:MM such as 08:00 or 19:30' },
    ]);
  });

  it('refuses a time written as a number', () => {
    expect(dir.problemsFor(withAppSchedule({ startAt: '08:00', stopAt: 2000 }))).toEqual([
      { field: 'app.schedule.stopAt', received: '2000', expected: 'expected a 24-hour local time HH:MM such as 08:00 or 19:30, in quotes' },
    ]);
  });

  it.each(['Tokyo', 'JST', 'Asia/Tokio', 'UTC+9', 'Factory', ''])('refuses %j, which is not an IANA time zone name', (timeZone) => {
    expect(dir.problemsFor(withAppSchedule({ timeZone, startAt: '08:00', stopAt: '20:00' }))).toEqual([
      {
        field: 'app.schedule.timeZone',
        received: JSON.stringify(timeZone),
        expected: `expected an IANA time zone name such as UTC, Asia/Tokyo, Europe/Dublin or America/New_York (tz database ${TIME_ZONE_DATA_VERSION}, config/aws/time-zones.json)`,
      },
    ]);
  });

  it('names the right spelling of a time zone written in the wrong letter case', () => {
    expect(dir.problemsFor(withAppSchedule({ timeZone: 'asia/tokyo', startAt: '08:00', stopAt: '20:00' }))).toEqual([
      expect.objectContaining({ field: 'app.schedule.timeZone', expected: 'expected an IANA time zone name, spelt with its capitals: Asia/Tokyo' }),
    ]);
  });

  it('refuses stop and start at the same time', () => {
    expect(dir.problemsFor(withAppSchedule({ startAt: '08:00', stopAt: '08:00' }))).toEqual([
      {
        field: 'app.schedule.stopAt',
        received: '"08:00"',
        expected: 'expected a time other than startAt (08:00): stopping and starting at the same moment leaves the servers in an undefined state',
      },
    ]);
  });

  it('refuses a day it does not know, a day named twice, and no day at all', () => {
    expect(dir.problemsFor(withAppSchedule({ days: ['MON', 'MONDAY'], startAt: '08:00', stopAt: '20:00' }))).toEqual([
      expect.objectContaining({ field: 'app.schedule.days[1]', received: '"MONDAY"', expected: expect.stringMatching(/^expected one of: "MON", "TUE", .*"SUN"$/) }),
    ]);
    expect(dir.problemsFor(withAppSchedule({ days: ['MON', 'TUE', 'MON'], startAt: '08:00', stopAt: '20:00' }))).toEqual([
      { field: 'app.schedule.days[2]', received: '"MON"', expected: 'expected each day once' },
    ]);
    expect(dir.problemsFor(withAppSchedule({ days: [], startAt: '08:00', stopAt: '20:00' }))).toEqual([
      expect.objectContaining({ field: 'app.schedule.days', expected: 'expected at least one day' }),
    ]);
  });

  it('refuses a missing time and an unknown key', () => {
    expect(dir.problemsFor(withAppSchedule({ startAt: '08:00', stopAt: '20:00', weekends: true }))).toEqual([
      { field: 'app.schedule.weekends', received: 'unknown key "weekends"', expected: 'expected only the keys: timeZone, days, startAt, stopAt' },
    ]);
    expect(dir.problemsFor(withAppSchedule({ startAt: '08:00' }))).toEqual([expect.objectContaining({ field: 'app.schedule.stopAt', received: undefined })]);
  });

  it('refuses a schedule in a production environment, saying why', () => {
    expect(dir.problemsFor(withAppSchedule({ startAt: '08:00', stopAt: '20:00' }, asProduction))).toEqual([
      {
        field: 'app.schedule',
        received: 'a schedule',
        expected:
          'expected no schedule in a production environment (production: true): a schedule stops the web servers every day at stopAt, and production servers must stay up. Remove the schedule, or set production: false if this environment is not production',
      },
    ]);
  });

  it('refuses a schedule whose start would start no server', () => {
    expect(dir.problemsFor(withAppSchedule({ startAt: '08:00', stopAt: '20:00' }, (input) => Object.assign(input.app, { minSize: 0, desiredCapacity: 0 })))).toEqual([
      expect.objectContaining({
        field: 'app.desiredCapacity',
        expected: 'expected at least 1 with app.schedule: the scheduled start restores this capacity, so 0 would start no server',
      }),
    ]);
  });

  it('refuses app.schedule in an environment without the web platform, rather than ignoring it', () => {
    const problems = dir.problemsFor((input) => {
      sandboxOnly({})(input);
      input.app = { schedule: { startAt: '08:00', stopAt: '20:00' } };
    });
    expect(problems.filter((problem) => problem.field.startsWith('app'))).toEqual([
      {
        field: 'app.schedule',
        received: 'a schedule',
        expected: "expected no app.schedule here: it starts and stops the web platform's servers, and systems (sandbox) does not include web-platform",
      },
    ]);
  });
});

describe('sandbox.schedule', () => {
  it('is checked like app.schedule: time zone, same time, production', () => {
    const problems = dir.problemsFor((input) => {
      sandboxOnly({ schedule: { timeZone: 'Mars/Olympus', startAt: '08:00', stopAt: '08:00' } })(input);
      asProduction(input);
    });
    expect(problems.map((problem) => problem.field)).toEqual(expect.arrayContaining(['sandbox.schedule', 'sandbox.schedule.timeZone']));
    expect(problems.find((problem) => problem.field === 'sandbox.schedule')?.expected).toMatch(/stops the sandbox servers every day at stopAt/);
  });

  it('refuses stop and start at the same time', () => {
    expect(dir.problemsFor(sandboxOnly({ schedule: { startAt: '06:15', stopAt: '06:15' } }))).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'sandbox.schedule.stopAt', expected: expect.stringMatching(/^expected a time other than startAt \(06:15\)/) }),
    ]));
  });
});

describe('the shipped time zone list', () => {
  it('holds the IANA names in sorted order, once each, including UTC and the usual examples', () => {
    const zones = [...TIME_ZONES];
    expect(zones.length).toBeGreaterThan(400);
    expect([...zones].sort()).toEqual(zones);
    for (const zone of ['UTC', 'Etc/UTC', 'Asia/Tokyo', 'Europe/Dublin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata']) expect(TIME_ZONES.has(zone)).toBe(true);
    expect(TIME_ZONES.has('Factory')).toBe(false);
    for (const zone of zones) expect(zone).toMatch(/^[A-Za-z][A-Za-z0-9_+\-/]*$/);
    expect(TIME_ZONE_DATA_VERSION).toMatch(/^20\d\d[a-z]$/);
  });
});
