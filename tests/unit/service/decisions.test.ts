/**
 * Exactly-once decisions at the API (issue 11, part 4): every command gets a key (minted and
 * returned when the client sent none); a decision whose outcome is not known in time is answered
 * 202 with a Location to poll, never "retry later"; retrying it with its key applies it once.
 */
import { getDefinition } from '../../../definitions/process';
import type { TActor } from '../../../workflows/model/actor';
import type { TCommand } from '../../../workflows/model/commands';
import type { TDecisionResult } from '../../../workflows/decision-result';
import { DecisionPending } from '../../../service/projects/gateway';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, testApp } from '../../helpers/service';

const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const stage = getDefinition('wuhan-industrial')!.stages[0]!;

/**
 * The engine as Temporal behaves when an Update outlives the request: the first time an Update
 * id is sent it is applied but the answer does not come back in time; the same id sent again
 * returns the first one's result (Temporal deduplicates Update ids per workflow).
 */
class SlowEngine extends MemoryGateway {
  slow = false;
  applied = 0;
  private readonly results = new Map<string, TDecisionResult>();

  override async decide(projectId: string, actor: TActor, command: TCommand, updateId?: string) {
    const known = updateId ? this.results.get(updateId) : undefined;
    if (known) return known;
    const view = await super.decide(projectId, actor, command, updateId);
    this.applied += 1;
    if (updateId) this.results.set(updateId, view);
    if (this.slow && updateId) throw new DecisionPending(updateId);
    return view;
  }
}

async function reviewInProgress() {
  const engine = new SlowEngine();
  // A coordinator's grantExtension, one decision with a visible effect, is a command of projects under rules 2.
  engine.rules = 2;
  const app = await testApp({ projects: engine.asGateway() });
  const coordinator = await login(app, 'coordinator');
  const enterprise = await login(app, 'ent-a');
  const created = await call(app, 'POST', '/api/projects', {
    token: coordinator,
    body: { title: '恰好一次', definitionId: 'wuhan-industrial', enterpriseId: 'ent-a', attributes: ATTRIBUTES },
  });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const events = `/api/projects/${id}/events`;
  const applicable = new Set((await call(app, 'GET', `/api/projects/${id}`, { token: coordinator })).body.reviews.map((r: { itemId: string }) => r.itemId));
  const materials = [...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
  const submit = { type: 'submitApplication', stageId: stage.id, form: Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例'])), materials };
  expect((await call(app, 'POST', events, { token: enterprise, body: submit })).status).toBe(200);
  expect((await call(app, 'POST', events, { token: coordinator, body: { type: 'decideIntake', stageId: stage.id, decision: 'accept' } })).status).toBe(200);
  const extensionDays = async () =>
    (await call(app, 'GET', `/api/projects/${id}`, { token: coordinator })).body.reviews.find((r: { itemId: string }) => r.itemId === 'eia-form-approval').clock
      .extensionDays as number;
  return { engine, app, coordinator, id, events, extensionDays };
}

const extend = { type: 'grantExtension', itemId: 'eia-form-approval', days: 2, reason: '需现场核查' };

test('a command sent without Idempotency-Key gets one minted and returned; sending it again with that key does not apply it twice', async () => {
  const { engine, app, coordinator, events, extensionDays } = await reviewInProgress();
  const before = engine.applied;
  const first = await call(app, 'POST', events, { token: coordinator, body: extend });
  expect(first.status).toBe(200);
  const key = first.headers.get('idempotency-key');
  expect(key).toMatch(/^[0-9a-f-]{36}$/);
  const again = await call(app, 'POST', events, { token: coordinator, body: extend, headers: { 'Idempotency-Key': key! } });
  expect([again.status, again.headers.get('idempotent-replayed'), again.headers.get('idempotency-key')]).toEqual([200, 'true', key]);
  expect(engine.applied - before).toBe(1);
  expect(await extensionDays()).toBe(2);
});

test('an update that outlives the request → 202 with a Location to poll (not 503 "retry"); the poll answers the applied state; an unkeyed-then-keyed retry applies once (2 days stay 2)', async () => {
  const { engine, app, coordinator, id, events, extensionDays } = await reviewInProgress();
  engine.slow = true;
  const sent = await call(app, 'POST', events, { token: coordinator, body: extend });
  expect(sent.status).toBe(202);
  const key = sent.headers.get('idempotency-key')!;
  expect(sent.body).toEqual({ status: 'pending', idempotencyKey: key, location: `/api/projects/${id}/events/${key}` });
  expect(sent.headers.get('location')).toBe(sent.body.location);
  expect(Number(sent.headers.get('retry-after'))).toBeGreaterThan(0);

  engine.slow = false;
  const polled = await call(app, 'GET', sent.body.location, { token: coordinator });
  expect(polled.status).toBe(200);
  // What the command itself recorded (the clock may add a card of its own as time moves).
  const byPeople = (polled.body.recorded as { type: string; itemId?: string; actor: { role: string } }[]).filter((h) => h.actor.role !== 'system');
  expect(byPeople.map((h) => [h.type, h.itemId])).toEqual([['extensionGranted', 'eia-form-approval']]);
  expect(await extensionDays()).toBe(2);

  // The client retries with the key it was given: applied once, not 2 + 2 days.
  const retried = await call(app, 'POST', events, { token: coordinator, body: extend, headers: { 'Idempotency-Key': key } });
  expect(retried.status).toBe(200);
  expect(await extensionDays()).toBe(2);
});

test('polling a key that never reached the project → 404 naming the key; another user cannot poll my key', async () => {
  const { app, coordinator, id } = await reviewInProgress();
  const unknown = await call(app, 'GET', `/api/projects/${id}/events/never-sent`, { token: coordinator });
  expect([unknown.status, unknown.body.error.issues[0].path]).toEqual([404, 'key']);
  const other = await call(app, 'GET', `/api/projects/${id}/events/x`, { token: await login(app, 'ent-b') });
  expect(other.status).toBe(404);
  const bad = await call(app, 'GET', `/api/projects/${id}/events/${encodeURIComponent('bad key')}`, { token: coordinator });
  expect([bad.status, bad.body.error.issues[0].path]).toEqual([400, 'path.key']);
});
