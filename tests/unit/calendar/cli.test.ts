/**
 * `approvals calendar …` as a coordinator or a script runs it: the real binary on the
 * packaged official calendar, or on a data directory with a loaded notice and an override.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApprovals } from '../../helpers/cli';

const calendar = (...args: string[]) => runApprovals('calendar', ...args);
const oneLine = (text: string) => text.trimEnd().split('\n').length === 1;

test('add: the due instant of a 5-working-day limit started on the 中秋 holiday', () => {
  expect(calendar('add', '2026-09-25', '5')).toEqual({ code: 0, stdout: '2026-10-09T24:00:00+08:00\n', stderr: '' });
});

test('add --json gives the due date, the instant, provisional and the calendar fingerprint', () => {
  const { code, stdout } = calendar('add', '2026-09-25', '5', '--json');
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toEqual({
    start: '2026-09-25',
    days: 5,
    dueDate: '2026-10-09',
    dueAt: '2026-10-09T24:00:00+08:00',
    provisional: false,
    calendar: expect.stringMatching(/^[0-9a-f]{64}$/),
  });
});

test('add into 2027 (no notice yet) says provisional', () => {
  const { code, stdout } = calendar('add', '2026-12-28', '5');
  expect(code).toBe(0);
  expect(stdout).toMatch(/^2027-01-05T24:00:00\+08:00 {2}\(provisional: no official notice for a year involved\)\n$/);
  expect(JSON.parse(calendar('--json', 'add', '2026-12-28', '5').stdout)).toMatchObject({ provisional: true });
});

test('is-workday says true or false and why', () => {
  expect(calendar('is-workday', '2026-10-10')).toMatchObject({ code: 0, stdout: 'true (make-up working day: 国庆节调休上班)\n' });
  expect(calendar('is-workday', '2026-10-05')).toMatchObject({ code: 0, stdout: 'false (holiday: 国庆节)\n' });
  expect(calendar('is-workday', '2026-10-17')).toMatchObject({ code: 0, stdout: 'false (weekend)\n' });
  expect(JSON.parse(calendar('is-workday', '2026-10-10', '--json').stdout)).toEqual({
    date: '2026-10-10',
    workday: true,
    reason: 'makeup',
    name: '国庆节调休上班',
    provisional: false,
  });
});

test('between counts the working days after <from> up to <to>', () => {
  expect(calendar('between', '2026-09-20', '2026-10-12')).toMatchObject({ code: 0, stdout: '11\n' });
  expect(JSON.parse(calendar('between', '2026-09-20', '2026-10-12', '--json').stdout)).toEqual({
    from: '2026-09-20',
    to: '2026-10-12',
    workdays: 11,
    provisional: false,
  });
});

test.each([
  [['add', '2026-02-30', '5'], /^approvals calendar: start "2026-02-30" is not a calendar date/],
  [['add', '2026-09-25', '-1'], /^approvals calendar: days "-1" must be a whole number/],
  [['add', '2026-09-25', '2.5'], /^approvals calendar: days "2.5" must be a whole number/],
  [['add', '1990-01-01', '5'], /^approvals calendar: start 1990-01-01 is outside the calendar/],
  [['is-workday', '2026-13-01'], /^approvals calendar: date "2026-13-01" is not a calendar date/],
  [['between', '2026-09-20', '2099-01-01'], /^approvals calendar: to 2099-01-01 is outside the calendar/],
  [['add', '2026-09-25', '99999999'], /^approvals calendar: 99999999 working days after 2026-09-25 fall past the calendar's horizon/],
])('bad input %j exits non-zero with one line naming it', (args, message) => {
  const { code, stdout, stderr } = calendar(...args);
  expect(code).not.toBe(0);
  expect(stdout).toBe('');
  expect(stderr).toMatch(message);
  expect(oneLine(stderr)).toBe(true);
});

describe('--data: a loaded notice and a local override', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'approvals-cli-'));
    mkdirSync(join(dir, 'calendar/notices'), { recursive: true });
    // An invented 2027 notice (the test's, not the State Council's) and a typhoon closure.
    const notice = { year: 2027, source: '测试用通知（虚构）', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], makeupWorkdays: [] };
    writeFileSync(join(dir, 'calendar/notices/2027.json'), JSON.stringify(notice));
    writeFileSync(join(dir, 'calendar/overrides.json'), JSON.stringify([{ date: '2026-09-15', workday: false, name: '台风停工' }]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('answers from the data directory: no longer provisional, closure counted', () => {
    expect(calendar('add', '2026-12-28', '5', '--data', dir)).toMatchObject({ code: 0, stdout: '2027-01-05T24:00:00+08:00\n' });
    expect(calendar('is-workday', '2026-09-15', '--data', dir)).toMatchObject({ code: 0, stdout: 'false (local closure: 台风停工)\n' });
    expect(calendar('between', '2026-09-14', '2026-09-16', '--data', dir)).toMatchObject({ code: 0, stdout: '1\n' });
  });

  test('a bad data file is one line naming the file and the field', () => {
    const bad = mkdtempSync(join(tmpdir(), 'approvals-cli-bad-'));
    try {
      mkdirSync(join(bad, 'calendar'), { recursive: true });
      writeFileSync(join(bad, 'calendar/overrides.json'), JSON.stringify([{ date: '2026-09-31', workday: false, name: '台风停工' }]));
      const { code, stderr } = calendar('is-workday', '2026-09-15', '--data', bad);
      expect(code).toBe(2);
      expect(stderr).toMatch(/^approvals calendar: .*overrides\.json: 0\.date: no such calendar date\n$/);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
