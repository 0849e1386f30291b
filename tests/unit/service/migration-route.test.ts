/**
 * `GET|POST /api/projects/{id}/migration` on the engine in memory, with the modified Wuhan (v5)
 * published beside the built-ins: the coordinator sees the dry run of the project, moves it (the
 * project then runs v5 and its history says who moved it and what changed), and nothing newer is
 * left; a project whose open review is on an item v5 drops answers 409 with that reason and is
 * unchanged; departments and enterprises get 403; `/events` does not take a migration.
 */
import { builtinRegistry } from '../../../definitions/process';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, testApp } from '../../helpers/service';
import { modifiedWuhanDocument } from '../../fixtures/modified-wuhan';

const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
let app: Awaited<ReturnType<typeof testApp>>;
const gateway = new MemoryGateway();
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const definitions = builtinRegistry();
  expect(definitions.publish(modifiedWuhanDocument(), 'test')).toMatchObject({ ok: true });
  app = await testApp({ projects: gateway.asGateway(), definitions });
  for (const u of ['coordinator', 'dept-ecology-environment', 'ent-a']) tokens[u] = await login(app, u);
});

/** A Wuhan v4 project of enterprise A with its preparation accepted (its reviews run). */
async function accepted(title: string): Promise<string> {
  const created = await call(app, 'POST', '/api/projects', {
    token: tokens.coordinator,
    body: { title, definitionId: 'wuhan-industrial', definitionVersion: 4, enterpriseId: 'ent-a', attributes: ATTRIBUTES },
  });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const view = (await call(app, 'GET', `/api/projects/${id}`, { token: tokens.coordinator })).body;
  const preparation = view.stages[0].stageId as string;
  const spec = gateway.engines.get(id)!.input.spec.stages[0]!;
  const materials = [...new Set(spec.items.flatMap((i) => i.materials.filter((m) => !m.providedByResult).map((m) => m.id)))];
  const form = Object.fromEntries(spec.formFields.map((f) => [f.id, '示例']));
  const events = `/api/projects/${id}/events`;
  expect((await call(app, 'POST', events, { token: tokens['ent-a'], body: { type: 'submitApplication', stageId: preparation, form, materials } })).status).toBe(
    200,
  );
  expect(
    (await call(app, 'POST', events, { token: tokens.coordinator, body: { type: 'decideIntake', stageId: preparation, decision: 'accept' } })).status,
  ).toBe(200);
  return id;
}

const migration = (id: string) => `/api/projects/${id}/migration`;

test('the coordinator sees the dry run, moves the project to v5, and its history says who and what; nothing newer is left', async () => {
  const id = await accepted('迁移');
  const preview = await call(app, 'GET', migration(id), { token: tokens.coordinator });
  expect(preview.status).toBe(200);
  expect(preview.body).toMatchObject({ current: { version: 4 }, target: { id: 'wuhan-industrial', version: 5 }, dryRun: { canMove: true } });
  expect(preview.body.dryRun.duesMoved.map((d: { itemId: string }) => d.itemId)).toEqual(['eia-form-approval']);

  const moved = await call(app, 'POST', migration(id), { token: tokens.coordinator, body: { reason: '新版流程' } });
  expect(moved.status).toBe(200);
  const view = (await call(app, 'GET', `/api/projects/${id}`, { token: tokens.coordinator })).body;
  expect(view.definition).toMatchObject({ id: 'wuhan-industrial', version: 5 });
  expect(view.reviews.map((r: { itemId: string }) => r.itemId)).toContain('water-supply-review');
  expect(view.reviews.find((r: { itemId: string }) => r.itemId === 'eia-form-approval')).toMatchObject({
    promisedLimit: 7,
    clock: { promisedDueAt: preview.body.dryRun.duesMoved[0].promisedDueAt.to },
  });
  const history = (await call(app, 'GET', `/api/projects/${id}/history`, { token: tokens.coordinator })).body.entries;
  expect(history.at(-1)).toMatchObject({ type: 'definitionMigrated', reason: '新版流程', actor: { role: 'coordinator' } });
  expect(history.at(-1).summary).toMatch(/^definition wuhan-industrial v4 → v5: items added: water-supply-review; items dropped: energy-review \(pending\)/);

  expect((await call(app, 'GET', migration(id), { token: tokens.coordinator })).body).toMatchObject({ current: { version: 5 }, target: null, dryRun: null });
  expect((await call(app, 'POST', migration(id), { token: tokens.coordinator, body: {} })).status).toBe(409);
});

test('a project whose open review is on an item v5 drops: 409 with the reason, and unchanged', async () => {
  const id = await accepted('受阻');
  // The filing's approval starts the energy review, which v5 drops.
  gateway.engines
    .get(id)!
    .apply(
      { userId: 'd', role: 'department', departmentId: 'development-reform' },
      { type: 'approveReview', itemId: 'project-filing' },
      new Date().toISOString(),
    );
  const before = (await call(app, 'GET', `/api/projects/${id}/history`, { token: tokens.coordinator })).body;
  const refused = await call(app, 'POST', migration(id), { token: tokens.coordinator, body: { version: 5 } });
  expect(refused.status).toBe(409);
  expect(refused.body.error.issues).toEqual([{ path: 'energy-review', message: 'the open review of energy-review (inReview) has no item in the new version' }]);
  expect((await call(app, 'GET', `/api/projects/${id}/history`, { token: tokens.coordinator })).body).toEqual(before);
  expect((await call(app, 'GET', `/api/projects/${id}`, { token: tokens.coordinator })).body.definition.version).toBe(4);
});

test('only coordinators: the project’s department and enterprise get 403; /events refuses a migration (400)', async () => {
  const id = await accepted('权限');
  for (const u of ['dept-ecology-environment', 'ent-a']) {
    expect((await call(app, 'GET', migration(id), { token: tokens[u] })).status).toBe(403);
    expect((await call(app, 'POST', migration(id), { token: tokens[u], body: {} })).status).toBe(403);
  }
  const spec = gateway.engines.get(id)!.input.spec;
  const sent = await call(app, 'POST', `/api/projects/${id}/events`, { token: tokens.coordinator, body: { type: 'migrateDefinition', spec } });
  expect(sent.status).toBe(400);
});
