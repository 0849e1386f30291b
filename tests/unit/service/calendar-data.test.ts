/**
 * Loading a newly published year's notice and local overrides through the API (coordinators),
 * and telling a running project to re-plan with the result: in force at once, kept in the data
 * directory the worker reads, refused to the other roles. Projects run on the engine in memory
 * (tests/helpers/memory-gateway.ts), whose refresh reads the same directory as the worker does.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentCalendarSnapshot } from '../../../definitions/calendar/node/store';
import { CalendarData } from '../../../service/calendar-data';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, testApp } from '../../helpers/service';

/** A made-up notice for 2027 (the real one is not published yet): test data only. */
const NOTICE_2027 = {
  year: 2027,
  source: '测试用通知（非真实文件）',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-05', to: '2027-02-12' },
    { name: '清明节', from: '2027-04-03', to: '2027-04-05' },
  ],
  makeupWorkdays: [{ date: '2027-02-20', name: '春节调休上班' }],
};
const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };

let dataDir: string;
let app: Awaited<ReturnType<typeof testApp>>;
let gateway: MemoryGateway;
const tokens: Record<string, string> = {};

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'calendar-api-'));
  // The memory engine's refresh reads the directory as the worker's currentCalendar activity does.
  gateway = new MemoryGateway(undefined, () => currentCalendarSnapshot(dataDir));
  app = await testApp({ calendar: new CalendarData(dataDir), projects: gateway.asGateway() });
  for (const u of ['coordinator', 'dept-ecology-environment', 'dept-natural-resources-planning', 'ent-a', 'ent-b']) tokens[u] ??= await login(app, u);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const get = async (path: string, as = 'ent-a') => (await call(app, 'GET', path, { token: tokens[as] })).body;
const noticeFiles = () => (existsSync(join(dataDir, 'calendar', 'notices')) ? readdirSync(join(dataDir, 'calendar', 'notices')) : []);

test('GET /api/calendar shows the calendar in force to every role: packaged years only, nothing loaded', async () => {
  for (const as of ['coordinator', 'dept-ecology-environment', 'ent-a']) {
    const body = await get('/api/calendar', as);
    expect(body).toEqual({
      calendarFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      firstYear: 2020,
      lastYear: expect.any(Number),
      officialYears: expect.any(Array),
      notices: [],
      overrides: [],
    });
    expect(body.officialYears).toContain(2026);
    expect(body.officialYears).not.toContain(2027);
    expect(body.calendarFingerprint).toBe((await get('/api/calendar/due?start=2026-03-02&days=1')).calendarFingerprint);
  }
});

test("a coordinator's 2027 notice is in force at once: a 2027 due date stops being provisional, and the worker's reading of the directory agrees", async () => {
  const before = await get('/api/calendar/due?start=2027-03-01&days=5');
  expect(before.provisional).toBe(true);

  const saved = await call(app, 'POST', '/api/calendar/notices', { token: tokens.coordinator, body: NOTICE_2027 });
  expect(saved.status).toBe(201);
  expect(saved.body.calendarFingerprint).not.toBe(before.calendarFingerprint);
  expect(saved.body.officialYears).toContain(2027);
  expect(saved.body.notices).toEqual([{ year: 2027, source: NOTICE_2027.source }]);
  expect(noticeFiles()).toEqual(['2027.json']);

  // No minute's wait: the next answer already uses it.
  const after = await get('/api/calendar/due?start=2027-03-01&days=5');
  expect([after.provisional, after.calendarFingerprint]).toEqual([false, saved.body.calendarFingerprint]);
  expect((await get('/api/calendar')).calendarFingerprint).toBe(saved.body.calendarFingerprint);
  // The notice's days count: 2027-02-20 (a Saturday) is a make-up working day, the Spring Festival week is not.
  expect(await get('/api/calendar/workdays?from=2027-02-19&to=2027-02-20')).toMatchObject({ workdays: 1, provisional: false });
  expect(await get('/api/calendar/workdays?from=2027-02-04&to=2027-02-12')).toMatchObject({ workdays: 0, provisional: false });
  // What the worker's currentCalendar activity reads from the same directory.
  expect(currentCalendarSnapshot(dataDir).fingerprint).toBe(saved.body.calendarFingerprint);
});

test('an override closes a day at once and is listed; one for the same date replaces it', async () => {
  const between = async () => (await get('/api/calendar/workdays?from=2026-09-14&to=2026-09-16')).workdays;
  expect(await between()).toBe(2);
  const closure = { date: '2026-09-15', workday: false, name: '台风停工', authority: '深圳市人民政府' };
  const saved = await call(app, 'POST', '/api/calendar/overrides', { token: tokens.coordinator, body: closure });
  expect(saved.status).toBe(201);
  expect(saved.body.overrides).toEqual([closure]);
  expect(await between()).toBe(1);

  const reopened = await call(app, 'POST', '/api/calendar/overrides', {
    token: tokens.coordinator,
    body: { date: '2026-09-15', workday: true, name: '恢复上班' },
  });
  expect(reopened.body.overrides).toEqual([{ date: '2026-09-15', workday: true, name: '恢复上班' }]);
  expect(await between()).toBe(2);
  expect(reopened.body.calendarFingerprint).not.toBe(saved.body.calendarFingerprint);
});

test('departments and enterprises may not change the calendar: 403, nothing written, the calendar unchanged', async () => {
  const before = (await get('/api/calendar')).calendarFingerprint;
  for (const as of ['dept-ecology-environment', 'ent-a']) {
    for (const [path, body] of [
      ['/api/calendar/notices', NOTICE_2027],
      ['/api/calendar/overrides', { date: '2026-09-15', workday: false, name: '台风停工' }],
    ] as const) {
      const res = await call(app, 'POST', path, { token: tokens[as], body });
      expect([as, path, res.status, res.body.error.code]).toEqual([as, path, 403, 'FORBIDDEN']);
    }
  }
  expect(existsSync(join(dataDir, 'calendar'))).toBe(false);
  expect((await get('/api/calendar')).calendarFingerprint).toBe(before);
});

test('a notice file put into the directory by hand is picked up within the minute, not before', async () => {
  let now = 0;
  const data = new CalendarData(dataDir, () => now);
  const first = data.calendar().fingerprint;
  mkdirSync(join(dataDir, 'calendar', 'notices'), { recursive: true });
  writeFileSync(join(dataDir, 'calendar', 'notices', '2027.json'), JSON.stringify(NOTICE_2027));
  now = 59_000;
  expect(data.calendar().fingerprint).toBe(first);
  now = 61_000;
  expect(data.calendar().fingerprint).toBe(currentCalendarSnapshot(dataDir).fingerprint);
  expect(data.calendar().fingerprint).not.toBe(first);
});

test('a file broken by hand after start-up keeps the calendar in force and names the file, instead of failing requests', async () => {
  let now = 0;
  const data = new CalendarData(dataDir, () => now);
  const first = data.calendar().fingerprint;
  mkdirSync(join(dataDir, 'calendar'), { recursive: true });
  writeFileSync(join(dataDir, 'calendar', 'overrides.json'), '[{"date": "2026-02-30"');
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  now = 61_000;
  expect(data.calendar().fingerprint).toBe(first);
  expect(data.loadProblem).toMatch(/overrides\.json: not valid JSON/);
  now = 122_000;
  data.calendar();
  expect(warn).toHaveBeenCalledTimes(1);
  warn.mockRestore();
});

test('a service without a data directory shows its calendar but cannot save: 503, not a crash', async () => {
  const fixed = await testApp();
  const token = await login(fixed, 'coordinator');
  expect((await call(fixed, 'GET', '/api/calendar', { token })).body.notices).toEqual([]);
  const res = await call(fixed, 'POST', '/api/calendar/notices', { token, body: NOTICE_2027 });
  expect([res.status, res.body.error.code]).toEqual([503, 'UNAVAILABLE']);
});

describe('POST /api/projects/{id}/calendar/refresh', () => {
  let id: string;
  beforeEach(async () => {
    const created = await call(app, 'POST', '/api/projects', {
      token: tokens.coordinator,
      body: { title: '日历刷新', definitionId: 'wuhan-industrial', enterpriseId: 'ent-a', attributes: ATTRIBUTES },
    });
    expect(created.status).toBe(201);
    id = created.body.id;
  });
  const refresh = (as: string) => call(app, 'POST', `/api/projects/${id}/calendar/refresh`, { token: tokens[as] });

  test('a coordinator re-plans a project with the notice just loaded: the view carries the new fingerprint, its actions and a history entry', async () => {
    const old = (await call(app, 'GET', `/api/projects/${id}`, { token: tokens.coordinator })).body;
    const saved = (await call(app, 'POST', '/api/calendar/notices', { token: tokens.coordinator, body: NOTICE_2027 })).body;
    expect(old.calendarFingerprint).not.toBe(saved.calendarFingerprint);
    // Saving a notice does not touch running projects by itself.
    expect((await call(app, 'GET', `/api/projects/${id}`, { token: tokens.coordinator })).body.calendarFingerprint).toBe(old.calendarFingerprint);

    const res = await refresh('coordinator');
    expect(res.status).toBe(200);
    expect(res.body.calendarFingerprint).toBe(saved.calendarFingerprint);
    expect(res.body.actions).toEqual(expect.any(Array));
    const detail = (await call(app, 'GET', `/api/projects/${id}`, { token: tokens.coordinator })).body;
    expect(res.body).toEqual(detail);
    const history = (await call(app, 'GET', `/api/projects/${id}/history`, { token: tokens.coordinator })).body.entries;
    expect(history.at(-1)).toMatchObject({
      type: 'calendarReplaced',
      summary: expect.stringContaining(saved.calendarFingerprint.slice(0, 12)),
      actor: expect.objectContaining({ role: 'coordinator' }),
    });
  });

  test('the owner enterprise and a reviewing department get 403, another enterprise 404 as for any project it cannot see; nothing changes', async () => {
    const history = async () => JSON.stringify((await call(app, 'GET', `/api/projects/${id}/history`, { token: tokens.coordinator })).body);
    const before = await history();
    const reviewing = (await call(app, 'GET', `/api/projects/${id}`, { token: tokens.coordinator })).body.reviews.map(
      (r: { departmentId: string }) => r.departmentId,
    );
    expect(reviewing).toContain('ecology-environment');
    const statuses = [];
    for (const as of ['ent-a', 'dept-ecology-environment', 'ent-b']) statuses.push((await refresh(as)).status);
    expect(statuses).toEqual([403, 403, 404]);
    // (A department that reviews nothing in it gets 404 too: the authorisation matrix checks that.)
    expect(await history()).toBe(before);
    const missing = await call(app, 'POST', '/api/projects/p-none/calendar/refresh', { token: tokens.coordinator });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });
});
