/**
 * Issue 14's acts through POST /api/projects/:id/events: a refusal to accept with a reason from
 * the list (400 naming a reason not on it), an extension asked by the department and approved by
 * its head only (403 for a department user who is not, or for a coordinator who is not the
 * government head), and the delivery of a decision; each offered to the right users.
 */
import { getDefinition } from '../../../definitions/process';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { DEFAULT_ATTRIBUTES } from '../../helpers/projects';
import { call, login, testApp } from '../../helpers/service';

// The default version's preparation, as a new project runs it.
const stage = getDefinition('wuhan-industrial')!.stages[0]!;
const item = 'eia-form-approval';

async function submittedProject() {
  const gateway = new MemoryGateway();
  const app = await testApp({ projects: gateway.asGateway() });
  const [coordinator, enterprise, department, head, governmentHead] = (await Promise.all(
    ['coordinator', 'ent-a', 'dept-ecology-environment', 'head-ecology-environment', 'government-head'].map((u) => login(app, u)),
  )) as [string, string, string, string, string];
  const created = await call(app, 'POST', '/api/projects', {
    token: coordinator,
    body: { title: '依法行政', definitionId: 'wuhan-industrial', enterpriseId: 'ent-a', attributes: DEFAULT_ATTRIBUTES },
  });
  const id: string = created.body.id;
  const events = `/api/projects/${id}/events`;
  const applicable = new Set((await call(app, 'GET', `/api/projects/${id}`, { token: coordinator })).body.reviews.map((r: { itemId: string }) => r.itemId));
  const materials = [...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
  const form = Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例']));
  expect((await call(app, 'POST', events, { token: enterprise, body: { type: 'submitApplication', stageId: stage.id, form, materials } })).status).toBe(200);
  const send = (token: string, body: unknown) => call(app, 'POST', events, { token, body });
  const actions = async (token: string) => (await call(app, 'GET', `/api/projects/${id}`, { token })).body.actions.map((a: { type: string }) => a.type);
  return { app, id, send, actions, coordinator, enterprise, department, head, governmentHead };
}

test('refuseIntake: offered to the coordinator; a reason not on the list is refused naming reasonCode; the enterprise reads the reasons and its rights', async () => {
  const { app, id, send, actions, coordinator, enterprise } = await submittedProject();
  expect(await actions(coordinator)).toEqual(expect.arrayContaining(['decideIntake', 'refuseIntake']));
  const bad = await send(coordinator, { type: 'refuseIntake', stageId: stage.id, reasonCode: 'dislike', reason: '不想办' });
  expect([bad.status, bad.body.error.issues[0].path]).toEqual([400, 'reasonCode']);
  expect((await send(enterprise, { type: 'refuseIntake', stageId: stage.id, reasonCode: 'other', reason: 'x' })).status).toBe(403);
  expect(
    (await send(coordinator, { type: 'refuseIntake', stageId: stage.id, reasonCode: 'applicant-not-eligible', reason: '申请人不是项目单位' })).status,
  ).toBe(200);
  const seen = (await call(app, 'GET', `/api/projects/${id}`, { token: enterprise })).body;
  expect(seen.stages[0].refusal).toMatchObject({
    label: '申请人不具备申请资格',
    reason: '申请人不是项目单位',
    rights: expect.stringMatching(/行政复议.*行政诉讼/),
  });
  expect(seen.actions.map((a: { type: string }) => a.type)).toContain('submitApplication');
});

test('requestExtension by the department, decideExtension by its head only (403 otherwise); joint handling by the government head only', async () => {
  const { send, actions, coordinator, department, head, governmentHead } = await submittedProject();
  expect((await send(coordinator, { type: 'decideIntake', stageId: stage.id, decision: 'accept' })).status).toBe(200);
  expect(await actions(department)).toContain('requestExtension');
  const tooLong = await send(department, { type: 'requestExtension', itemId: item, days: 11, reason: '复杂' });
  expect([tooLong.status, tooLong.body.error.issues[0].path]).toEqual([400, 'days']);
  expect((await send(department, { type: 'requestExtension', itemId: item, days: 5, reason: '需现场核查' })).status).toBe(200);
  expect(await actions(department)).not.toContain('decideExtension');
  expect(await actions(head)).toContain('decideExtension');
  const notHead = await send(department, { type: 'decideExtension', itemId: item, decision: 'approve' });
  expect([notHead.status, notHead.body.error.message]).toEqual([403, "decideExtension is a decision for the department's head (a leader)"]);
  const approved = await send(head, { type: 'decideExtension', itemId: item, decision: 'approve' });
  expect(approved.status).toBe(200);
  expect((await send(coordinator, { type: 'requestJointExtension', itemId: item, days: 5, reason: '联合办理' })).status).toBe(200);
  expect((await send(coordinator, { type: 'decideJointExtension', itemId: item, decision: 'approve' })).status).toBe(403);
  expect((await send(governmentHead, { type: 'decideJointExtension', itemId: item, decision: 'approve' })).status).toBe(200);
  expect((await send(coordinator, { type: 'grantExtension', itemId: item, days: 1, reason: 'x' })).status).toBe(409);
});
