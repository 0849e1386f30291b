/**
 * `POST /api/definitions/dry-run` on the engine in memory and the read model: a published
 * version against itself changes nothing; the modified Wuhan as YAML text reports per project;
 * the projects' views and histories are the same before and after; only coordinators may run
 * it, and a broken document is a 400 naming its path.
 */
import { stringify } from 'yaml';
import { getDefinition } from '../../../definitions/process';
import { ReadModelStore } from '../../../db/read-model/store';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, testApp, testDb } from '../../helpers/service';
import { modifiedWuhanDocument } from '../../fixtures/modified-wuhan';

const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const stage = getDefinition('wuhan-industrial')!.stages[0]!;
let app: Awaited<ReturnType<typeof testApp>>;
const tokens: Record<string, string> = {};
const ids: string[] = [];

beforeAll(async () => {
  app = await testApp({ projects: new MemoryGateway(undefined, undefined, new ReadModelStore(await testDb())).asGateway() });
  for (const u of ['coordinator', 'dept-ecology-environment', 'ent-a']) tokens[u] = await login(app, u);
  for (const title of ['已受理', '未申请']) {
    const res = await call(app, 'POST', '/api/projects', {
      token: tokens.coordinator,
      body: { title, definitionId: 'wuhan-industrial', enterpriseId: 'ent-a', attributes: ATTRIBUTES },
    });
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  // The first project's preparation is accepted (its reviews run); the second has not applied.
  const reviews = (await call(app, 'GET', `/api/projects/${ids[0]}`, { token: tokens.coordinator })).body.reviews as { itemId: string }[];
  const applicable = new Set(reviews.map((r) => r.itemId));
  const materials = [...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
  const form = Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例']));
  const events = `/api/projects/${ids[0]}/events`;
  expect((await call(app, 'POST', events, { token: tokens['ent-a'], body: { type: 'submitApplication', stageId: stage.id, form, materials } })).status).toBe(
    200,
  );
  expect((await call(app, 'POST', events, { token: tokens.coordinator, body: { type: 'decideIntake', stageId: stage.id, decision: 'accept' } })).status).toBe(
    200,
  );
});

const dryRun = (body: unknown, as = 'coordinator') => call(app, 'POST', '/api/definitions/dry-run', { token: tokens[as], body });
const snapshot = async () =>
  Promise.all(
    ids.map(async (id) => [
      (await call(app, 'GET', `/api/projects/${id}`, { token: tokens.coordinator })).body,
      (await call(app, 'GET', `/api/projects/${id}/history`, { token: tokens.coordinator })).body,
    ]),
  );

test('the published Wuhan against its running projects: two projects, no change, both can move', async () => {
  const res = await dryRun({ definitionId: 'wuhan-industrial' });
  expect(res.status).toBe(200);
  expect(res.body.summary).toEqual({ projects: 2, canMove: 2, cannotMove: 0, unchanged: 2 });
});

test('the modified Wuhan as YAML: each project reports its changes; the views and histories are the same before and after', async () => {
  const before = await snapshot();
  const res = await dryRun({ document: stringify(modifiedWuhanDocument()) });
  expect(res.status).toBe(200);
  expect(res.body.definition).toMatchObject({ id: 'wuhan-industrial', version: 5 });
  const [accepted, notApplied] = [ids[0], ids[1]].map((id) => res.body.projects.find((p: { projectId: string }) => p.projectId === id));
  expect(accepted.duesMoved.map((d: { itemId: string }) => d.itemId)).toEqual(['eia-form-approval']);
  expect(notApplied.duesMoved).toEqual([]);
  for (const p of [accepted, notApplied]) {
    expect(p.canMove).toBe(true);
    expect(p.itemsAdded.map((i: { itemId: string }) => i.itemId)).toEqual(['water-supply-review']);
    expect(p.itemsDropped.map((i: { itemId: string }) => i.itemId)).toEqual(['energy-review']);
  }
  expect(await snapshot()).toEqual(before);
});

test('only coordinators: a department and an enterprise get 403', async () => {
  for (const u of ['dept-ecology-environment', 'ent-a']) expect((await dryRun({ definitionId: 'wuhan-industrial' }, u)).status).toBe(403);
});

test('a document with problems, or neither document nor id: 400 naming the path; an unknown id: 404', async () => {
  const broken = await dryRun({ document: 'id: x\nversion: 0\n' });
  expect(broken.status).toBe(400);
  expect(broken.body.error.issues.every((i: { path: string }) => i.path.startsWith('document'))).toBe(true);
  expect((await dryRun({})).status).toBe(400);
  expect((await dryRun({ definitionId: 'no-such-definition' })).status).toBe(404);
});
