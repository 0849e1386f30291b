/**
 * 告知承诺 at the API: the enterprise signs a written promise, the department approves on it and
 * finds it false; the credit record the worker writes (through the wake's activity) bars the
 * enterprise's promises in every project — 409 naming the record, and signPromise no longer
 * offered — until a coordinator clears it with a reason. Who reads which records: coordinators
 * all, an enterprise its own, departments none.
 */
import { buildOfficialSnapshot } from '../../../definitions/calendar/official';
import { getDefinition } from '../../../definitions/process';
import { energyReviewPromise } from '../../../definitions/process/builtin/wuhan-industrial-v2';
import { createActivities, MemoryOutbox, MemoryReadModel } from '../../../activities';
import { CreditRecordStore } from '../../../db/credit-records';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, seedUsers, testApp, testDb } from '../../helpers/service';

const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const CONDITIONS = energyReviewPromise.promise.conditions.map((c) => c.zh);
const stage = getDefinition('wuhan-industrial')!.stages[0]!;
const item = 'energy-review';

async function setUp() {
  const db = await testDb();
  if (!(await db.selectFrom('users').select('username').where('username', '=', 'dept-development-reform').executeTakeFirst()))
    await seedUsers(db, [{ username: 'dept-development-reform', displayName: '发展和改革委员会', role: 'department', departmentId: 'development-reform' }]);
  await db.deleteFrom('credit_records').execute();
  const gateway = new MemoryGateway();
  const app = await testApp({ projects: gateway.asGateway() });
  const tokens = {
    coordinator: await login(app, 'coordinator'),
    enterprise: await login(app, 'ent-a'),
    otherEnterprise: await login(app, 'ent-b'),
    reform: await login(app, 'dept-development-reform'),
    ecology: await login(app, 'dept-ecology-environment'),
  };
  // The worker's side: the wake's activity writes the credit records the engine emitted.
  const credit = new CreditRecordStore(db);
  const activities = createActivities({
    outbox: new MemoryOutbox(),
    supervision: new MemoryOutbox(),
    undelivered: new MemoryOutbox(),
    readModel: new MemoryReadModel(),
    calendar: buildOfficialSnapshot,
    credit,
  });
  const deliver = async (projectId: string) => {
    const creditRecords = gateway.engines
      .get(projectId)!
      .drainEffects()
      .flatMap((e) => (e.kind === 'creditRecord' ? [{ key: e.key, ...e.record }] : []));
    await activities.publishWake({ notifications: [], handovers: [], creditRecords });
  };
  /** A project of enterprise A whose energy review runs (preparation accepted, the filing approved). */
  const reviewing = async (title: string) => {
    const created = await call(app, 'POST', '/api/projects', {
      token: tokens.coordinator,
      body: { title, definitionId: 'wuhan-industrial', enterpriseId: 'ent-a', attributes: ATTRIBUTES },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const events = `/api/projects/${id}/events`;
    const applicable = new Set(
      (await call(app, 'GET', `/api/projects/${id}`, { token: tokens.coordinator })).body.reviews.map((r: { itemId: string }) => r.itemId),
    );
    const materials = [...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
    const form = Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例']));
    expect(
      (await call(app, 'POST', events, { token: tokens.enterprise, body: { type: 'submitApplication', stageId: stage.id, form, materials } })).status,
    ).toBe(200);
    expect((await call(app, 'POST', events, { token: tokens.coordinator, body: { type: 'decideIntake', stageId: stage.id, decision: 'accept' } })).status).toBe(
      200,
    );
    expect((await call(app, 'POST', events, { token: tokens.reform, body: { type: 'approveReview', itemId: 'project-filing' } })).status).toBe(200);
    return { id, events };
  };
  const actions = async (id: string, token: string) =>
    ((await call(app, 'GET', `/api/projects/${id}`, { token })).body.actions as { type: string; itemId?: string }[]).map((a) =>
      `${a.type} ${a.itemId ?? ''}`.trim(),
    );
  return { app, tokens, credit, deliver, reviewing, actions };
}

test('a promise found false writes a credit record that bars signPromise in another project (409 naming it, not offered) until a coordinator clears it', async () => {
  const { app, tokens, deliver, reviewing, actions } = await setUp();
  const first = await reviewing('承诺项目一');
  expect(await actions(first.id, tokens.enterprise)).toContain(`signPromise ${item}`);
  expect(
    (await call(app, 'POST', first.events, { token: tokens.enterprise, body: { type: 'signPromise', itemId: item, conditions: CONDITIONS } })).status,
  ).toBe(200);
  expect((await call(app, 'POST', first.events, { token: tokens.reform, body: { type: 'approveOnPromise', itemId: item } })).status).toBe(200);
  const found = await call(app, 'POST', first.events, { token: tokens.reform, body: { type: 'findPromiseFalse', itemId: item, reason: '实际年能耗超出承诺' } });
  expect(found.status).toBe(200);
  await deliver(first.id);

  const listed = await call(app, 'GET', '/api/credit-records', { token: tokens.coordinator });
  expect(listed.status).toBe(200);
  expect(listed.body.records).toEqual([
    expect.objectContaining({ enterpriseId: 'ent-a', projectId: first.id, itemId: item, reason: '实际年能耗超出承诺', clearedAt: null }),
  ]);
  const recordId: string = listed.body.records[0].id;

  const second = await reviewing('承诺项目二');
  expect(await actions(second.id, tokens.enterprise)).not.toContain(`signPromise ${item}`);
  const barred = await call(app, 'POST', second.events, { token: tokens.enterprise, body: { type: 'signPromise', itemId: item, conditions: CONDITIONS } });
  expect(barred.status).toBe(409);
  expect(barred.body.error.message).toMatch(
    new RegExp(`^promise-based approval is barred: credit record ${recordId} \\(project ${first.id}, item ${item}, .*实际年能耗超出承诺\\) is not cleared`),
  );

  // Only a coordinator clears, with a reason (400 naming it when missing); twice is 409.
  const clear = `/api/credit-records/${recordId}/clear`;
  expect((await call(app, 'POST', clear, { token: tokens.enterprise, body: { reason: '已整改' } })).status).toBe(403);
  const noReason = await call(app, 'POST', clear, { token: tokens.coordinator, body: {} });
  expect([noReason.status, noReason.body.error.issues[0].path]).toEqual([400, 'reason']);
  const cleared = await call(app, 'POST', clear, { token: tokens.coordinator, body: { reason: '企业已完成整改并经核查' } });
  expect(cleared.status).toBe(200);
  expect(cleared.body).toMatchObject({ id: recordId, clearedBy: 'coordinator', clearReason: '企业已完成整改并经核查' });
  expect((await call(app, 'POST', clear, { token: tokens.coordinator, body: { reason: '再次' } })).status).toBe(409);
  expect((await call(app, 'POST', '/api/credit-records/999999/clear', { token: tokens.coordinator, body: { reason: 'x' } })).status).toBe(404);

  expect(await actions(second.id, tokens.enterprise)).toContain(`signPromise ${item}`);
  expect(
    (await call(app, 'POST', second.events, { token: tokens.enterprise, body: { type: 'signPromise', itemId: item, conditions: CONDITIONS } })).status,
  ).toBe(200);
});

test('who reads credit records: coordinators all, an enterprise its own, departments none; a bad body is 400 naming the field', async () => {
  const { app, tokens, credit } = await setUp();
  await credit.put({
    key: 'p-x:credit:energy-review:9',
    enterpriseId: 'ent-b',
    projectId: 'p-x',
    itemId: item,
    reason: '承诺不实',
    at: '2026-03-06T10:00:00+08:00',
  });
  expect((await call(app, 'GET', '/api/credit-records', { token: tokens.coordinator })).body.records).toHaveLength(1);
  expect((await call(app, 'GET', '/api/credit-records', { token: tokens.enterprise })).body.records).toEqual([]);
  expect((await call(app, 'GET', '/api/credit-records', { token: tokens.otherEnterprise })).body.records).toEqual([
    expect.objectContaining({ enterpriseId: 'ent-b', reason: '承诺不实' }),
  ]);
  expect((await call(app, 'GET', '/api/credit-records', { token: tokens.ecology })).status).toBe(403);
  expect((await call(app, 'GET', '/api/credit-records')).status).toBe(401);
  const bad = await call(app, 'POST', '/api/projects/p-x/events', { token: tokens.enterprise, body: { type: 'signPromise', itemId: item } });
  expect([bad.status, bad.body.error.issues[0].path]).toEqual([400, 'conditions']);
});

test('refusals at the API: signing for an item not eligible (409 on itemId), a department approving on a promise (403)', async () => {
  const { app, tokens, reviewing } = await setUp();
  const p = await reviewing('承诺项目三');
  const notEligible = await call(app, 'POST', p.events, {
    token: tokens.enterprise,
    body: { type: 'signPromise', itemId: 'land-pre-review', conditions: CONDITIONS },
  });
  expect(notEligible.status).toBe(409);
  expect(notEligible.body.error.issues[0].path).toBe('itemId');
  const wrongRole = await call(app, 'POST', p.events, { token: tokens.coordinator, body: { type: 'approveOnPromise', itemId: item } });
  expect(wrongRole.status).toBe(403);
  const otherDepartment = await call(app, 'POST', p.events, { token: tokens.ecology, body: { type: 'approveOnPromise', itemId: item } });
  expect(otherDepartment.status).toBe(403);
});
