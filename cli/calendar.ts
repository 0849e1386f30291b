/**
 * `approvals calendar …`: due instants, working-day checks and counts on the official calendar
 * (plus the data directory's loaded notices and overrides when `--data` is given).
 * Bad arguments exit 2 with one line naming the argument.
 */
import type { Command } from 'commander';
import { CalendarDataError, currentCalendarSnapshot } from '../definitions/calendar/node/store';
import { defaultCalendar } from '../definitions/calendar/official';
import { isRealDate } from '../definitions/calendar/snapshot';
import { CalendarRangeError, WorkingCalendar, type TDayInfo } from '../definitions/calendar/working-calendar';

interface CalendarOptions {
  json?: boolean;
  data?: string;
}

function fail(message: string): never {
  process.stderr.write(`approvals calendar: ${message}\n`);
  process.exit(2);
}

function dateArg(name: string, value: string): string {
  if (!isRealDate(value)) fail(`${name} "${value}" is not a calendar date (YYYY-MM-DD)`);
  return value;
}

function daysArg(name: string, value: string): number {
  if (!/^\d+$/.test(value)) fail(`${name} "${value}" must be a whole number of working days ≥ 0`);
  return Number(value);
}

function calendarFor(options: CalendarOptions): WorkingCalendar {
  const dir = options.data ?? process.env.APPROVALS_DATA_DIR;
  return dir ? new WorkingCalendar(currentCalendarSnapshot(dir)) : defaultCalendar();
}

/** Runs an answer, turning "outside the calendar" and a bad data file into a one-line error. */
function answer(run: () => void): void {
  try {
    run();
  } catch (e) {
    if (e instanceof RangeError || e instanceof CalendarDataError) fail(e.message);
    throw e;
  }
}

/** Refuses a date argument outside the calendar with a line that names the argument. */
function inCalendar(cal: WorkingCalendar, name: string, date: string): void {
  try {
    cal.isWorkday(date);
  } catch (e) {
    if (e instanceof CalendarRangeError) fail(`${name} ${e.message}`);
    throw e;
  }
}

const print = (text: string) => process.stdout.write(`${text}\n`);
const mark = (provisional: boolean) => (provisional ? '  (provisional: no official notice for a year involved)' : '');

function why(info: TDayInfo): string {
  switch (info.reason) {
    case 'makeup':
      return `make-up working day: ${info.name}`;
    case 'holiday':
      return `holiday: ${info.name}`;
    case 'override':
      return `local ${info.workday ? 'working day' : 'closure'}: ${info.name}`;
    default:
      return info.reason;
  }
}

export function registerCalendarCommands(program: Command): void {
  const calendar = program
    .command('calendar')
    .description('working days on the official Chinese calendar (Asia/Shanghai)')
    .option('--json', 'machine-readable output')
    .option('--data <dir>', 'data directory with loaded notices and local overrides (default: $APPROVALS_DATA_DIR, else the packaged calendar)');

  calendar
    .command('add <start> <days>')
    .description('due instant of a limit of <days> working days started on <start> (counted from the next day, ends 24:00)')
    .action((startText: string, daysText: string) => {
      const start = dateArg('start', startText);
      const days = daysArg('days', daysText);
      const opts = calendar.opts<CalendarOptions>();
      answer(() => {
        const cal = calendarFor(opts);
        inCalendar(cal, 'start', start);
        const { date, provisional } = cal.addWorkdays(start, days);
        const dueAt = cal.dueInstant(start, days);
        if (opts.json) print(JSON.stringify({ start, days, dueDate: date, dueAt, provisional, calendar: cal.fingerprint }));
        else print(`${dueAt}${mark(provisional)}`);
      });
    });

  calendar
    .command('is-workday <date>')
    .description('whether <date> is a working day, and why')
    .action((dateText: string) => {
      const date = dateArg('date', dateText);
      const opts = calendar.opts<CalendarOptions>();
      answer(() => {
        const cal = calendarFor(opts);
        inCalendar(cal, 'date', date);
        const info = cal.dayInfo(date);
        if (opts.json) print(JSON.stringify(info));
        else print(`${info.workday} (${why(info)})${mark(info.provisional)}`);
      });
    });

  calendar
    .command('between <from> <to>')
    .description('working days after <from> up to and including <to>')
    .action((fromText: string, toText: string) => {
      const from = dateArg('from', fromText);
      const to = dateArg('to', toText);
      const opts = calendar.opts<CalendarOptions>();
      answer(() => {
        const cal = calendarFor(opts);
        inCalendar(cal, 'from', from);
        inCalendar(cal, 'to', to);
        const { count, provisional } = cal.workdaysBetween(from, to);
        if (opts.json) print(JSON.stringify({ from, to, workdays: count, provisional }));
        else print(`${count}${mark(provisional)}`);
      });
    });
}
