/**
 * Back-fill detection through the API, on the engine in memory, the read model and a file
 * store: a decision signed a week before it was typed in and an approval given without
 * opening the handed-in file are listed for the coordinator with their evidence and counted in
 * supervision; an approval after opening the file is not; departments and enterprises get 403.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDefinition } from '../../../definitions/process';
import { ReadModelStore } from '../../../db/read-model/store';
import { MaterialStore } from '../../../service/materials/store';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, testApp, testDb } from '../../helpers/service';

const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const stage = getDefinition('wuhan-industrial')!.stages[0]!;
const ECO = stage.items.find((i) => i.id === 'eia-form-approval')!.materials[0]!.id;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const dataDir = mkdtempSync(join(tmpdir(), 'backfill-'));
let clock = new Date('2026-03-02T02:00:00Z');
const USERS = ['coordinator', 'dept-ecology-environment', 'dept-natural-resources-planning', 'ent-a'];
/** Moves the clock and logs in again (tokens last an hour of the app's clock). */
async function setNow(iso: string): Promise<void> {
  clock = new Date(iso);
  for (const u of USERS) tokens[u] = await login(app, u);
}
let app: Awaited<ReturnType<typeof testApp>>;
const tokens: Record<string, string> = {};
let id: string;
let opened: string;
const events = (project = id) => `/api/projects/${project}/events`;

function pdf(materialId: string): FormData {
  const f = new FormData();
  f.set('stageId', stage.id);
  f.set('materialId', materialId);
  f.set('file', new File([new Uint8Array(PDF)], 'scan.pdf', { type: 'application/pdf' }));
  return f;
}

/** A project of ent-a with the EIA form handed in as a file, its preparation stage accepted (the EIA form's review running). */
/** The 项目代码 of the flagged project: the report names the project by it. */
const CODE = '2103-330283-04-01-391515';

async function projectInReview(title: string, projectCode?: string): Promise<string> {
  const res = await call(app, 'POST', '/api/projects', {
    token: tokens.coordinator,
    body: { title, definitionId: 'wuhan-industrial', enterpriseId: 'ent-a', attributes: ATTRIBUTES, ...(projectCode ? { projectCode } : {}) },
  });
  expect(res.status).toBe(201);
  const project = res.body.id as string;
  expect((await call(app, 'POST', `/api/projects/${project}/materials`, { token: tokens['ent-a'], body: pdf(ECO) })).status).toBe(201);
  const reviews = (await call(app, 'GET', `/api/projects/${project}`, { token: tokens.coordinator })).body.reviews as { itemId: string }[];
  const applicable = new Set(reviews.map((r) => r.itemId));
  const materials = [...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
  const form = Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例']));
  const submit = { type: 'submitApplication', stageId: stage.id, form, materials };
  expect((await call(app, 'POST', events(project), { token: tokens['ent-a'], body: submit })).status).toBe(200);
  const accept = { type: 'decideIntake', stageId: stage.id, decision: 'accept' };
  expect((await call(app, 'POST', events(project), { token: tokens.coordinator, body: accept })).status).toBe(200);
  return project;
}

beforeAll(async () => {
  const db = await testDb();
  const now = () => clock;
  app = await testApp({
    now,
    projects: new MemoryGateway(now, undefined, new ReadModelStore(db)).asGateway(),
    materials: new MaterialStore(db, join(dataDir, 'uploads')),
  });
  await setNow(clock.toISOString());
  id = await projectInReview('补录检查', CODE);
  opened = await projectInReview('先阅后批');
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('signedOn: a malformed date is a 400, a future one a 409, both on signedOn', async () => {
  await setNow('2026-03-09T02:00:00Z');
  const bad = await call(app, 'POST', events(), {
    token: tokens['dept-ecology-environment'],
    body: { type: 'approveReview', itemId: 'eia-form-approval', signedOn: '2026-02-30' },
  });
  expect([bad.status, bad.body.error.issues.map((i: { path: string }) => i.path)]).toEqual([400, ['signedOn']]);
  const future = await call(app, 'POST', events(), {
    token: tokens['dept-ecology-environment'],
    body: { type: 'approveReview', itemId: 'eia-form-approval', signedOn: '2026-03-10' },
  });
  expect([future.status, future.body.error.issues[0].path]).toEqual([409, 'signedOn']);
});

test('a decision signed 5 working days before it was recorded, with the file never opened: two flags with evidence; opened then approved (signed 1 working day before): none', async () => {
  await setNow('2026-03-09T02:00:00Z');
  // In one project ecology lists the files but never downloads one; in the other it downloads the file before approving.
  expect((await call(app, 'GET', `/api/projects/${id}/materials`, { token: tokens['dept-ecology-environment'] })).status).toBe(200);
  const files = await call(app, 'GET', `/api/projects/${opened}/materials`, { token: tokens['dept-ecology-environment'] });
  expect((await call(app, 'GET', `/api/projects/${opened}/materials/${files.body.files[0].id}`, { token: tokens['dept-ecology-environment'] })).status).toBe(
    200,
  );
  const approve = (project: string, signedOn?: string) =>
    call(app, 'POST', events(project), {
      token: tokens['dept-ecology-environment'],
      body: { type: 'approveReview', itemId: 'eia-form-approval', ...(signedOn ? { signedOn } : {}) },
    });
  expect((await approve(id, '2026-03-02')).status).toBe(200);
  expect((await approve(opened, '2026-03-06')).status).toBe(200);

  const report = await call(app, 'GET', '/api/supervision/backfill', { token: tokens.coordinator });
  expect(report.status).toBe(200);
  expect(report.body.byRule).toEqual({ signedBeforeRecorded: 1, overdueBurst: 0, approvedUnopened: 1 });
  expect(
    report.body.flags.map((f: { rule: string; itemId: string; departmentName: string; evidence: string }) => [f.rule, f.itemId, f.departmentName, f.evidence]),
  ).toEqual([
    ['approvedUnopened', 'eia-form-approval', expect.any(String), "approved with none of the item's 1 handed-in file(s) opened by ecology-environment"],
    ['signedBeforeRecorded', 'eia-form-approval', expect.any(String), 'signed on 2026-03-02, recorded on 2026-03-09: 5 working days later (threshold 3)'],
  ]);
  expect(report.body.flags[1].decisions).toEqual([
    expect.objectContaining({
      projectId: id,
      projectTitle: '补录检查',
      projectCode: CODE,
      type: 'approved',
      signedOn: '2026-03-02',
      recordedAt: '2026-03-09T02:00:00.000Z',
    }),
  ]);

  const supervision = await call(app, 'GET', '/api/supervision', { token: tokens.coordinator });
  expect(supervision.body.backfill).toEqual({ total: 2, byRule: { signedBeforeRecorded: 1, overdueBurst: 0, approvedUnopened: 1 } });
});

test('only coordinators read the list: a department and an enterprise get 403, no token 401', async () => {
  for (const u of ['dept-ecology-environment', 'ent-a']) {
    const res = await call(app, 'GET', '/api/supervision/backfill', { token: tokens[u] });
    expect([u, res.status, res.body.error.code]).toEqual([u, 403, 'FORBIDDEN']);
  }
  expect((await call(app, 'GET', '/api/supervision/backfill')).status).toBe(401);
});
