/**
 * 项目代码 at registration and after: a malformed code is refused on `projectCode` naming its
 * part, a code registers one project (409 for the second, however it is typed), a definition may
 * require one, and the code is on the project, in its list (text search and exact filter) and in
 * the departments' inbox rows.
 */
import { ReadModelStore } from '../../../db/read-model/store';
import { builtinRegistry, wuhanIndustrial } from '../../../definitions/process';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { DEFAULT_ATTRIBUTES } from '../../helpers/projects';
import { call, login, testApp, testDb } from '../../helpers/service';

let app: Awaited<ReturnType<typeof testApp>>;
let coordinator: string;
const CODE = '2103-330283-04-01-391515';

beforeAll(async () => {
  const definitions = builtinRegistry();
  const published = definitions.publish({ ...wuhanIndustrial, id: 'coded-industrial', requireProjectCode: true });
  expect(published).toMatchObject({ ok: true });
  const gateway = new MemoryGateway(undefined, undefined, new ReadModelStore(await testDb()));
  app = await testApp({ projects: gateway.asGateway(), definitions });
  coordinator = await login(app, 'coordinator');
});

const register = (projectId: string, extra: Record<string, unknown>) =>
  call(app, 'POST', '/api/projects', {
    token: coordinator,
    body: { projectId, title: `代码项目 ${projectId}`, definitionId: 'wuhan-industrial', enterpriseId: 'ent-a', attributes: DEFAULT_ATTRIBUTES, ...extra },
  });

test('a malformed code is refused on projectCode, naming the part that is wrong', async () => {
  const res = await register('code-bad', { projectCode: '2103-33028X-04-01-391517' });
  expect(res.status).toBe(400);
  expect(res.body.error.issues).toEqual([{ path: 'projectCode', message: "region (characters 6–11) must be 6 digits, not '33028X'" }]);
  expect((await call(app, 'GET', '/api/projects/code-bad', { token: coordinator })).status).toBe(404);
});

test('a code registers one project: the second registration is refused with 409, however it is typed', async () => {
  const first = await register('code-first', { projectCode: ` ${CODE.toLowerCase()} ` });
  expect(first.status).toBe(201);
  expect((await call(app, 'GET', '/api/projects/code-first', { token: coordinator })).body.projectCode).toBe(CODE);
  const again = await register('code-again', { projectCode: CODE });
  expect(again.status).toBe(409);
  expect(again.body.error.issues).toEqual([{ path: 'projectCode', message: 'already registered for another project' }]);
  expect((await call(app, 'GET', '/api/projects/code-again', { token: coordinator })).status).toBe(404);
});

test('a definition that requires a code registers without one, refuses its first intake naming projectCode until the enterprise sets it (400 malformed, 409 taken)', async () => {
  expect((await register('code-missing', { definitionId: 'coded-industrial' })).status).toBe(201);
  expect((await register('code-none', {})).status).toBe(201);
  const enterprise = await login(app, 'ent-a');
  const events = '/api/projects/code-missing/events';
  const stage = wuhanIndustrial.stages[0]!;
  const applicable = new Set(
    (await call(app, 'GET', '/api/projects/code-missing', { token: coordinator })).body.reviews.map((r: { itemId: string }) => r.itemId),
  );
  const materials = [...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
  const form = Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例']));
  expect((await call(app, 'POST', events, { token: enterprise, body: { type: 'submitApplication', stageId: stage.id, form, materials } })).status).toBe(200);
  const accept = { type: 'decideIntake', stageId: stage.id, decision: 'accept' };
  const refused = await call(app, 'POST', events, { token: coordinator, body: accept });
  expect([refused.status, refused.body.error.issues[0].path]).toEqual([409, 'projectCode']);
  const bad = await call(app, 'POST', events, { token: enterprise, body: { type: 'setProjectCode', projectCode: '2103-33028X-04-01-391517' } });
  expect([bad.status, bad.body.error.issues]).toEqual([400, [{ path: 'projectCode', message: "region (characters 6–11) must be 6 digits, not '33028X'" }]]);
  const taken = await call(app, 'POST', events, { token: enterprise, body: { type: 'setProjectCode', projectCode: CODE } });
  expect([taken.status, taken.body.error.issues]).toEqual([409, [{ path: 'projectCode', message: 'already registered for another project' }]]);
  const byCoordinator = await call(app, 'POST', events, { token: coordinator, body: { type: 'setProjectCode', projectCode: '2611-110105-47-03-000029' } });
  expect(byCoordinator.status).toBe(403);
  const set = await call(app, 'POST', events, { token: enterprise, body: { type: 'setProjectCode', projectCode: ' 2611-110105-47-03-000029 ' } });
  expect(set.status).toBe(200);
  expect((await call(app, 'GET', '/api/projects/code-missing', { token: coordinator })).body.projectCode).toBe('2611-110105-47-03-000029');
  expect((await call(app, 'POST', events, { token: coordinator, body: accept })).status).toBe(200);
  const again = await call(app, 'POST', events, { token: enterprise, body: { type: 'setProjectCode', projectCode: '2611-110105-47-03-000037' } });
  expect(again.status).toBe(409);
  const list = await call(app, 'GET', '/api/projects?projectCode=2611-110105-47-03-000029', { token: coordinator });
  expect(list.body.projects.map((p: { id: string }) => p.id)).toEqual(['code-missing']);
});

test('the list finds a project by part of its code and by the exact code, and shows it', async () => {
  const byText = await call(app, 'GET', '/api/projects?text=330283-04', { token: coordinator });
  expect(byText.body.projects.map((p: { id: string; projectCode: string }) => [p.id, p.projectCode])).toEqual([['code-first', CODE]]);
  const exact = await call(app, 'GET', `/api/projects?projectCode=${CODE.toLowerCase()}`, { token: coordinator });
  expect(exact.body.projects.map((p: { id: string }) => p.id)).toEqual(['code-first']);
  expect((await call(app, 'GET', '/api/projects?projectCode=2103-330283-04-01-391518', { token: coordinator })).body.total).toBe(0);
  const none = (await call(app, 'GET', '/api/projects', { token: coordinator })).body.projects.find((p: { id: string }) => p.id === 'code-none');
  expect(none.projectCode).toBeNull();
});

test("the inbox's rows carry the project's code", async () => {
  const { tasks } = (await call(app, 'GET', '/api/tasks?pageSize=500', { token: await login(app, 'ent-a') })).body;
  const mine = tasks.filter((t: { projectId: string }) => t.projectId === 'code-first');
  expect(mine.length).toBeGreaterThan(0);
  expect(mine.every((t: { projectCode: string }) => t.projectCode === CODE)).toBe(true);
});
