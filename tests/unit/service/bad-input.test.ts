/**
 * Bad input, route by route: malformed JSON, unknown fields, wrong types, impossible dates,
 * events the current state does not allow, decisions on another department's review. Each is
 * a 4xx whose one error body names the field path and the reason, and changes nothing (the
 * project's history is the same before and after). The project routes run on the engine in
 * memory (tests/helpers/memory-gateway.ts): the same refusals as the workflow, no Temporal;
 * the calendar routes on a temporary data directory, whose calendar must not change either.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDefinition } from '../../../definitions/process';
import { CalendarData } from '../../../service/calendar-data';
import { MaterialStore } from '../../../service/materials/store';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, testApp, testDb } from '../../helpers/service';

const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const definition = getDefinition('wuhan-industrial')!;
const stage = definition.stages[0]!;

let app: Awaited<ReturnType<typeof testApp>>;
let gateway: MemoryGateway;
const tokens: Record<string, string> = {};
let id: string;
const dataDir = mkdtempSync(join(tmpdir(), 'bad-input-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

beforeAll(async () => {
  gateway = new MemoryGateway();
  app = await testApp({
    projects: gateway.asGateway(),
    calendar: new CalendarData(dataDir),
    materials: new MaterialStore(await testDb(), join(dataDir, 'uploads')),
  });
  for (const u of ['coordinator', 'dept-ecology-environment', 'dept-natural-resources-planning', 'ent-a']) tokens[u] = await login(app, u);
  const created = await call(app, 'POST', '/api/projects', {
    token: tokens.coordinator,
    body: { title: '坏输入测试', definitionId: 'wuhan-industrial', enterpriseId: 'ent-a', attributes: ATTRIBUTES },
  });
  expect(created.status).toBe(201);
  id = created.body.id;
});

interface Case {
  what: string;
  as: string;
  method: string;
  path: () => string;
  /** An object is sent as JSON; a string as it is (malformed JSON); FormData as multipart. */
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** The field path of the first issue, and a word of its reason. */
  issue: [string, RegExp];
}

const events = () => `/api/projects/${id}/events`;
/** A made-up notice for 2027 (test data, not the real notice). */
const NOTICE = {
  year: 2027,
  source: '测试用通知',
  holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-12' }],
  makeupWorkdays: [{ date: '2027-02-20', name: '春节调休上班' }],
};
const submit = { type: 'submitApplication', stageId: stage.id, form: Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例'])), materials: [] };
/** 40,000 extra keys (about 850 KiB, under the body limit): such a form once stalled the project's view and its inboxes (issue 11). */
const FORTY_THOUSAND_KEYS = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`f${i}`, 'xxxxxxxxxx']));

/** A multipart upload of a one-page PDF, with the given fields left out or changed. */
const upload = (fields: { stageId?: string; materialId?: string; file?: boolean }) => {
  const f = new FormData();
  if (fields.stageId !== undefined) f.set('stageId', fields.stageId);
  if (fields.materialId !== undefined) f.set('materialId', fields.materialId);
  if (fields.file !== false) f.set('file', new File([Buffer.from('%PDF-1.7\n%%EOF\n')], 'a.pdf', { type: 'application/pdf' }));
  return f;
};
const materialsOf = () => `/api/projects/${id}/materials`;

const CASES: Case[] = [
  // POST /api/auth/login
  {
    what: 'login: malformed JSON',
    as: '',
    method: 'POST',
    path: () => '/api/auth/login',
    body: '{"username": "coordinator",',
    status: 400,
    code: 'MALFORMED_JSON',
    issue: ['', /JSON|Unexpected|Expected/i],
  },
  {
    what: 'login: unknown field',
    as: '',
    method: 'POST',
    path: () => '/api/auth/login',
    body: { username: 'coordinator', password: 'x', remember: true },
    status: 400,
    code: 'VALIDATION',
    issue: ['', /remember/],
  },
  {
    what: 'login: wrong type',
    as: '',
    method: 'POST',
    path: () => '/api/auth/login',
    body: { username: 42, password: 'x' },
    status: 400,
    code: 'VALIDATION',
    issue: ['username', /string/i],
  },
  {
    what: 'login: not JSON',
    as: '',
    method: 'POST',
    path: () => '/api/auth/login',
    body: 'username=coordinator',
    headers: { 'Content-Type': 'text/plain' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    issue: ['Content-Type', /application\/json/],
  },
  // GET /api/me, /api/definitions, /api/tasks: no parameters, so any is unknown
  {
    what: 'me: unknown query parameter',
    as: 'ent-a',
    method: 'GET',
    path: () => '/api/me?as=coordinator',
    status: 400,
    code: 'VALIDATION',
    issue: ['query', /as/],
  },
  {
    what: 'definitions: unknown query parameter',
    as: 'ent-a',
    method: 'GET',
    path: () => '/api/definitions?all=1',
    status: 400,
    code: 'VALIDATION',
    issue: ['query', /all/],
  },
  {
    what: 'tasks: unknown query parameter',
    as: 'coordinator',
    method: 'GET',
    path: () => '/api/tasks?department=x',
    status: 400,
    code: 'VALIDATION',
    issue: ['query', /department/],
  },
  // GET /api/definitions/{id}
  {
    what: 'definition: malformed id',
    as: 'ent-a',
    method: 'GET',
    path: () => '/api/definitions/Wuhan_Industrial',
    status: 400,
    code: 'VALIDATION',
    issue: ['path.id', /kebab/],
  },
  {
    what: 'definition: wrong type of version',
    as: 'ent-a',
    method: 'GET',
    path: () => '/api/definitions/wuhan-industrial?version=latest',
    status: 400,
    code: 'VALIDATION',
    issue: ['query.version', /whole number/],
  },
  // POST /api/definitions/{id}/plan
  {
    what: 'plan: malformed JSON',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/definitions/wuhan-industrial/plan',
    body: '{"attributes":',
    status: 400,
    code: 'MALFORMED_JSON',
    issue: ['', /./],
  },
  {
    what: 'plan: unknown field',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/definitions/wuhan-industrial/plan',
    body: { attributes: ATTRIBUTES, start: '2026-01-05' },
    status: 400,
    code: 'VALIDATION',
    issue: ['', /start/],
  },
  {
    what: 'plan: wrong type of attribute',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/definitions/wuhan-industrial/plan',
    body: { attributes: { ...ATTRIBUTES, floorArea: 'large' } },
    status: 400,
    code: 'VALIDATION',
    issue: ['attributes.floorArea', /number/i],
  },
  // GET /api/calendar/due and /workdays
  {
    what: 'due: impossible date',
    as: 'ent-a',
    method: 'GET',
    path: () => '/api/calendar/due?start=2026-02-30&days=1',
    status: 400,
    code: 'VALIDATION',
    issue: ['query.start', /date/i],
  },
  {
    what: 'due: unknown parameter',
    as: 'ent-a',
    method: 'GET',
    path: () => '/api/calendar/due?start=2026-02-03&days=1&calendar=2025',
    status: 400,
    code: 'VALIDATION',
    issue: ['query', /calendar/],
  },
  {
    what: 'workdays: impossible date',
    as: 'ent-a',
    method: 'GET',
    path: () => '/api/calendar/workdays?from=2026-01-05&to=2026-04-31',
    status: 400,
    code: 'VALIDATION',
    issue: ['query.to', /date/i],
  },
  // GET /api/calendar
  {
    what: 'calendar: unknown query parameter',
    as: 'ent-a',
    method: 'GET',
    path: () => '/api/calendar?year=2027',
    status: 400,
    code: 'VALIDATION',
    issue: ['query', /year/],
  },
  // POST /api/calendar/notices
  {
    what: 'notice: malformed JSON',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/calendar/notices',
    body: '{"year": 2027,',
    status: 400,
    code: 'MALFORMED_JSON',
    issue: ['', /./],
  },
  {
    what: 'notice: wrong type of year',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/calendar/notices',
    body: { ...NOTICE, year: '2027' },
    status: 400,
    code: 'VALIDATION',
    issue: ['year', /number/i],
  },
  {
    what: 'notice: unknown field',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/calendar/notices',
    body: { ...NOTICE, publishedAt: '2026-11-01' },
    status: 400,
    code: 'VALIDATION',
    issue: ['', /publishedAt/],
  },
  {
    what: 'notice: impossible date',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/calendar/notices',
    body: { ...NOTICE, makeupWorkdays: [{ date: '2027-02-29', name: '调休' }] },
    status: 400,
    code: 'VALIDATION',
    issue: ['makeupWorkdays.0.date', /date/i],
  },
  {
    what: 'notice: a holiday that ends before it starts',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/calendar/notices',
    body: { ...NOTICE, holidays: [{ name: '春节', from: '2027-02-12', to: '2027-02-05' }] },
    status: 400,
    code: 'VALIDATION',
    issue: ['holidays.0.to', /before it starts/],
  },
  {
    what: 'notice: a holiday of another year',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/calendar/notices',
    body: { ...NOTICE, holidays: [{ name: '春节', from: '2028-02-05', to: '2028-02-12' }] },
    status: 400,
    code: 'VALIDATION',
    issue: ['holidays.0.from', /not in 2027/],
  },
  {
    what: 'notice: no holidays',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/calendar/notices',
    body: { ...NOTICE, holidays: [] },
    status: 400,
    code: 'VALIDATION',
    issue: ['holidays', /1/],
  },
  // POST /api/calendar/overrides
  {
    what: 'override: impossible date',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/calendar/overrides',
    body: { date: '2026-09-31', workday: false, name: '台风停工' },
    status: 400,
    code: 'VALIDATION',
    issue: ['date', /date/i],
  },
  {
    what: 'override: workday missing',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/calendar/overrides',
    body: { date: '2026-09-15', name: '台风停工' },
    status: 400,
    code: 'VALIDATION',
    issue: ['workday', /boolean/i],
  },
  {
    what: 'override: blank name',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/calendar/overrides',
    body: { date: '2026-09-15', workday: false, name: '  ' },
    status: 400,
    code: 'VALIDATION',
    issue: ['name', /./],
  },
  // POST /api/projects
  {
    what: 'register: malformed JSON',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/projects',
    body: "{'title': 'single quotes'}",
    status: 400,
    code: 'MALFORMED_JSON',
    issue: ['', /./],
  },
  {
    what: 'register: wrong type of version',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/projects',
    body: { title: 'x', definitionId: 'wuhan-industrial', definitionVersion: '1', enterpriseId: 'ent-a', attributes: ATTRIBUTES },
    status: 400,
    code: 'VALIDATION',
    issue: ['definitionVersion', /number/i],
  },
  {
    what: 'register: 40,000 attributes',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/projects',
    body: { title: 'x', definitionId: 'wuhan-industrial', enterpriseId: 'ent-a', attributes: { ...ATTRIBUTES, ...FORTY_THOUSAND_KEYS } },
    status: 400,
    code: 'VALIDATION',
    issue: ['attributes', /at most 50 entries/],
  },
  {
    what: 'register: unknown field',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/projects',
    body: { title: 'x', definitionId: 'wuhan-industrial', enterpriseId: 'ent-a', attributes: ATTRIBUTES, startDate: '2026-02-30' },
    status: 400,
    code: 'VALIDATION',
    issue: ['', /startDate/],
  },
  // GET /api/projects
  {
    what: 'list: wrong type of page size',
    as: 'coordinator',
    method: 'GET',
    path: () => '/api/projects?pageSize=ten',
    status: 400,
    code: 'VALIDATION',
    issue: ['query.pageSize', /whole number/],
  },
  {
    what: 'list: a made-up page token (the fuzz run found a 503 here)',
    as: 'coordinator',
    method: 'GET',
    path: () => '/api/projects?pageToken=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    status: 400,
    code: 'VALIDATION',
    issue: ['query.pageToken', /nextPageToken/],
  },
  {
    what: 'list: a short page token',
    as: 'coordinator',
    method: 'GET',
    path: () => '/api/projects?pageToken=abc',
    status: 400,
    code: 'VALIDATION',
    issue: ['query.pageToken', /nextPageToken/],
  },
  // GET /api/projects/{id}, /history
  {
    what: 'project: malformed id',
    as: 'coordinator',
    method: 'GET',
    path: () => '/api/projects/a%2F..%2Fb',
    status: 400,
    code: 'VALIDATION',
    issue: ['path.id', /letters/],
  },
  {
    what: 'history: unknown id',
    as: 'coordinator',
    method: 'GET',
    path: () => '/api/projects/p-none/history',
    status: 404,
    code: 'NOT_FOUND',
    issue: ['', /^$/],
  },
  // POST /api/projects/{id}/events
  {
    what: 'event: malformed JSON',
    as: 'ent-a',
    method: 'POST',
    path: events,
    body: '{"type":"withdraw","reason":"x"',
    status: 400,
    code: 'MALFORMED_JSON',
    issue: ['', /./],
  },
  {
    what: 'event: unknown type',
    as: 'ent-a',
    method: 'POST',
    path: events,
    body: { type: 'approveEverything' },
    status: 400,
    code: 'VALIDATION',
    issue: ['type', /./],
  },
  {
    what: 'event: unknown field',
    as: 'ent-a',
    method: 'POST',
    path: events,
    body: { ...submit, urgent: true },
    status: 400,
    code: 'VALIDATION',
    issue: ['', /urgent/],
  },
  {
    what: 'event: wrong type',
    as: 'ent-a',
    method: 'POST',
    path: events,
    body: { ...submit, materials: 'all' },
    status: 400,
    code: 'VALIDATION',
    issue: ['materials', /array/i],
  },
  {
    what: 'event: a form with 40,000 extra keys',
    as: 'ent-a',
    method: 'POST',
    path: events,
    body: { ...submit, form: { ...submit.form, ...FORTY_THOUSAND_KEYS } },
    status: 400,
    code: 'VALIDATION',
    issue: ['form', /at most 50 fields \(got 40006\)/],
  },
  {
    what: 'event: a form over 20,000 characters',
    as: 'ent-a',
    method: 'POST',
    path: events,
    body: {
      ...submit,
      form: Object.fromEntries(
        stage.form.fields
          .map((f) => [f.id, '长'.repeat(2000)])
          .concat([
            ['a', '长'.repeat(2000)],
            ['b', '长'.repeat(2000)],
            ['c', '长'.repeat(2000)],
            ['d', '长'.repeat(2000)],
            ['e', '长'.repeat(2000)],
          ]),
      ),
    },
    status: 400,
    code: 'VALIDATION',
    issue: ['form', /20000 characters/],
  },
  {
    what: 'event: a form field the stage does not have (checked by the engine, as for a client of the workflow)',
    as: 'ent-a',
    method: 'POST',
    path: events,
    body: { ...submit, form: { ...submit.form, foo: 'bar' } },
    status: 409,
    code: 'DECISION_REJECTED',
    issue: ['form.foo', /not a field of the 前期准备 application form/],
  },
  {
    what: 'event: no body',
    as: 'ent-a',
    method: 'POST',
    path: events,
    headers: { 'Content-Type': 'application/json' },
    status: 400,
    code: 'MALFORMED_JSON',
    issue: ['', /./],
  },
  {
    what: 'event: unknown stage',
    as: 'ent-a',
    method: 'POST',
    path: events,
    body: { ...submit, stageId: 'demolition' },
    status: 409,
    code: 'DECISION_REJECTED',
    issue: ['stageId', /unknown stage/],
  },
  {
    what: 'event: not allowed in this state (intake before any application)',
    as: 'coordinator',
    method: 'POST',
    path: events,
    body: { type: 'decideIntake', stageId: stage.id, decision: 'accept' },
    status: 409,
    code: 'DECISION_REJECTED',
    issue: ['stageId', /current state|stage/],
  },
  {
    what: 'event: not allowed in this state (approval before intake)',
    as: 'dept-ecology-environment',
    method: 'POST',
    path: events,
    body: { type: 'approveReview', itemId: 'eia-form-approval' },
    status: 409,
    code: 'DECISION_REJECTED',
    issue: ['itemId', /review eia-form-approval/],
  },
  {
    what: 'event: an item the project does not have (the fuzz run found a 500 here)',
    as: 'coordinator',
    method: 'POST',
    path: events,
    body: { type: 'requestJointExtension', itemId: '0', days: 1, reason: '0' },
    status: 409,
    code: 'DECISION_REJECTED',
    issue: ['itemId', /not an item/],
  },
  {
    what: "event: a decision on another department's review",
    as: 'dept-ecology-environment',
    method: 'POST',
    path: events,
    body: { type: 'approveReview', itemId: 'land-pre-review' },
    status: 403,
    code: 'FORBIDDEN',
    issue: ['itemId', /only department natural-resources-planning may decide on land-pre-review/],
  },
  {
    what: "event: another role's decision",
    as: 'ent-a',
    method: 'POST',
    path: events,
    body: { type: 'issueResults', stageId: stage.id },
    status: 403,
    code: 'FORBIDDEN',
    issue: ['type', /coordinator/],
  },
  {
    what: 'event: bad Idempotency-Key',
    as: 'ent-a',
    method: 'POST',
    path: events,
    body: submit,
    headers: { 'Idempotency-Key': 'with space' },
    status: 400,
    code: 'VALIDATION',
    issue: ['header.idempotency-key', /ASCII/],
  },
  // POST /api/projects/{id}/calendar/refresh
  {
    what: 'refresh: malformed id',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/projects/a%2F..%2Fb/calendar/refresh',
    status: 400,
    code: 'VALIDATION',
    issue: ['path.id', /letters/],
  },
  {
    what: 'refresh: unknown id',
    as: 'coordinator',
    method: 'POST',
    path: () => '/api/projects/p-none/calendar/refresh',
    status: 404,
    code: 'NOT_FOUND',
    issue: ['', /^$/],
  },
  {
    what: 'refresh: not a coordinator',
    as: 'ent-a',
    method: 'POST',
    path: () => `/api/projects/${id}/calendar/refresh`,
    status: 403,
    code: 'FORBIDDEN',
    issue: ['', /^$/],
  },
  // POST /api/projects/{id}/rating
  {
    what: 'rating: wrong type of score',
    as: 'ent-a',
    method: 'POST',
    path: () => `/api/projects/${id}/rating`,
    body: { stageId: stage.id, score: 'good' },
    status: 400,
    code: 'VALIDATION',
    issue: ['score', /number/i],
  },
  {
    what: 'rating: before the stage ended',
    as: 'ent-a',
    method: 'POST',
    path: () => `/api/projects/${id}/rating`,
    body: { stageId: stage.id, score: 4 },
    status: 409,
    code: 'DECISION_REJECTED',
    issue: ['stageId', /ended/],
  },
  // POST /api/projects/{id}/materials, GET …/materials, GET …/materials/{fileId}
  {
    what: 'materials: sent as JSON',
    as: 'ent-a',
    method: 'POST',
    path: materialsOf,
    body: { stageId: stage.id, materialId: 'eia-form' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    issue: ['Content-Type', /multipart/],
  },
  {
    what: 'materials: a broken multipart body',
    as: 'ent-a',
    method: 'POST',
    path: materialsOf,
    body: '--x\r\ngarbage',
    headers: { 'Content-Type': 'multipart/form-data; boundary=y' },
    status: 400,
    code: 'VALIDATION',
    issue: ['', /multipart/],
  },
  {
    what: 'materials: no file',
    as: 'ent-a',
    method: 'POST',
    path: materialsOf,
    body: upload({ stageId: stage.id, materialId: 'eia-form', file: false }),
    status: 400,
    code: 'VALIDATION',
    issue: ['file', /./],
  },
  {
    what: 'materials: no material',
    as: 'ent-a',
    method: 'POST',
    path: materialsOf,
    body: upload({ stageId: stage.id }),
    status: 400,
    code: 'VALIDATION',
    issue: ['materialId', /./],
  },
  {
    what: 'materials: unknown stage',
    as: 'ent-a',
    method: 'POST',
    path: materialsOf,
    body: upload({ stageId: 'demolition', materialId: 'eia-form' }),
    status: 400,
    code: 'VALIDATION',
    issue: ['stageId', /not a stage/],
  },
  {
    what: 'materials: a material the stage does not ask for',
    as: 'ent-a',
    method: 'POST',
    path: materialsOf,
    body: upload({ stageId: stage.id, materialId: 'eia-report' }),
    status: 400,
    code: 'VALIDATION',
    issue: ['materialId', /asks for/],
  },
  {
    what: 'materials: unknown query parameter',
    as: 'ent-a',
    method: 'GET',
    path: () => `${materialsOf()}?all=1`,
    status: 400,
    code: 'VALIDATION',
    issue: ['query', /all/],
  },
  {
    what: 'materials: malformed file id',
    as: 'ent-a',
    method: 'GET',
    path: () => `${materialsOf()}/..%2Fusers.json`,
    status: 400,
    code: 'VALIDATION',
    issue: ['path.fileId', /UUID/],
  },
  {
    what: 'materials: unknown file',
    as: 'ent-a',
    method: 'GET',
    path: () => `${materialsOf()}/00000000-0000-4000-8000-000000000000`,
    status: 404,
    code: 'NOT_FOUND',
    issue: ['', /^$/],
  },
  // GET /api/supervision
  {
    what: 'supervision: unknown format',
    as: 'coordinator',
    method: 'GET',
    path: () => '/api/supervision?format=pdf',
    status: 400,
    code: 'VALIDATION',
    issue: ['query.format', /json|csv/],
  },
];

test.each(CASES.map((c) => [c.what, c] as const))('%s: a 4xx naming the field, and nothing changes', async (_, c) => {
  const history = async () => JSON.stringify((await call(app, 'GET', `/api/projects/${id}/history`, { token: tokens.coordinator })).body);
  const before = await history();
  const projects = gateway.engines.size;
  const calendar = async () => JSON.stringify((await call(app, 'GET', '/api/calendar', { token: tokens.coordinator })).body);
  const calendarBefore = await calendar();
  const res = await call(app, c.method, c.path(), { token: c.as ? tokens[c.as] : undefined, body: c.body, headers: c.headers });
  expect([res.status, res.body?.error?.code]).toEqual([c.status, c.code]);
  expect(res.body.error.message).toEqual(expect.any(String));
  const [path, reason] = c.issue;
  if (c.code === 'NOT_FOUND' || (c.issue[0] === '' && c.issue[1].source === '^$')) expect(res.body.error.issues).toEqual([]);
  else expect(res.body.error.issues[0]).toEqual({ path, message: expect.stringMatching(reason) });
  expect(await history()).toBe(before);
  expect(gateway.engines.size).toBe(projects);
  expect(await calendar()).toBe(calendarBefore);
});

test('the same kinds of requests, well formed, are accepted (the cases above fail for their fault alone)', async () => {
  const ok = async (as: string, method: string, path: string, body?: unknown) => (await call(app, method, path, { token: tokens[as], body })).status;
  expect(await ok('ent-a', 'GET', '/api/me')).toBe(200);
  expect(await ok('coordinator', 'GET', '/api/tasks')).toBe(200);
  expect(await ok('ent-a', 'GET', '/api/calendar/due?start=2026-02-27&days=1')).toBe(200);
  expect(await ok('ent-a', 'GET', '/api/calendar')).toBe(200);
  expect(await ok('coordinator', 'POST', '/api/calendar/notices', NOTICE)).toBe(201);
  expect(await ok('coordinator', 'POST', '/api/calendar/overrides', { date: '2026-09-15', workday: false, name: '台风停工' })).toBe(201);
  expect(await ok('coordinator', 'POST', `/api/projects/${id}/calendar/refresh`)).toBe(200);
  expect(await ok('coordinator', 'POST', '/api/definitions/wuhan-industrial/plan', { attributes: ATTRIBUTES })).toBe(200);
  expect(await ok('ent-a', 'POST', materialsOf(), upload({ stageId: stage.id, materialId: 'eia-form' }))).toBe(201);
  expect(await ok('ent-a', 'GET', materialsOf())).toBe(200);
  const applicable = new Set(
    (await call(app, 'GET', `/api/projects/${id}`, { token: tokens.coordinator })).body.reviews.map((r: { itemId: string }) => r.itemId),
  );
  const materials = [...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
  expect(await ok('ent-a', 'POST', events(), { ...submit, materials })).toBe(200);
  expect(await ok('coordinator', 'POST', events(), { type: 'decideIntake', stageId: stage.id, decision: 'accept' })).toBe(200);
  expect(await ok('dept-ecology-environment', 'POST', events(), { type: 'approveReview', itemId: 'eia-form-approval' })).toBe(200);
});
