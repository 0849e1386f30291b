/**
 * Lists, inboxes and statistics through the API, read from the read model in PostgreSQL
 * that the engine (here in memory, publishing after every change as the workflow does) keeps
 * current: each role sees its own, paging is complete with the true total, and a page token
 * works only for the list it was made for.
 */
import { ReadModelStore } from '../../../db/read-model/store';
import { getDefinition } from '../../../definitions/process';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { DEFAULT_ATTRIBUTES } from '../../helpers/projects';
import { call, login, testApp, testDb } from '../../helpers/service';

let app: Awaited<ReturnType<typeof testApp>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const gateway = new MemoryGateway(undefined, undefined, new ReadModelStore(await testDb()));
  app = await testApp({ projects: gateway.asGateway() });
  for (const u of ['coordinator', 'dept-ecology-environment', 'dept-natural-resources-planning', 'ent-a', 'ent-b']) tokens[u] = await login(app, u);
  for (let i = 0; i < 7; i += 1) {
    const res = await call(app, 'POST', '/api/projects', {
      token: tokens.coordinator,
      body: {
        projectId: `list-${i}`,
        title: `清单项目 ${i}`,
        definitionId: 'wuhan-industrial',
        enterpriseId: i < 5 ? 'ent-a' : 'ent-b',
        attributes: DEFAULT_ATTRIBUTES,
      },
    });
    expect(res.status).toBe(201);
  }
});

const get = (as: string, path: string) => call(app, 'GET', path, { token: tokens[as] });

test('every project is listed page by page, newest first, with the true total', async () => {
  const seen: string[] = [];
  let page = (await get('coordinator', '/api/projects?pageSize=3')).body;
  expect(page.total).toBe(7);
  for (;;) {
    seen.push(...page.projects.map((p: { id: string }) => p.id));
    if (!page.nextPageToken) break;
    page = (await get('coordinator', `/api/projects?pageSize=3&pageToken=${page.nextPageToken}`)).body;
  }
  expect(seen).toHaveLength(7);
  expect(new Set(seen).size).toBe(7);
  expect(page.projects[0]).toMatchObject({ title: expect.stringMatching(/^清单项目/), status: 'active', stageId: 'preparation' });
});

test('each role lists only what it may see', async () => {
  expect((await get('ent-b', '/api/projects')).body.projects.map((p: { id: string }) => p.id).sort()).toEqual(['list-5', 'list-6']);
  expect((await get('ent-a', '/api/projects?enterprise=ent-b')).body.total).toBe(0);
  expect((await get('dept-ecology-environment', '/api/projects')).body.total).toBe(7);
});

test('a page token is good only for the list and caller it was made for', async () => {
  const { nextPageToken } = (await get('coordinator', '/api/projects?pageSize=2')).body;
  expect((await get('coordinator', `/api/projects?pageSize=2&pageToken=${nextPageToken}`)).status).toBe(200);
  for (const [as, query] of [
    ['coordinator', 'status=active&'],
    ['ent-a', ''],
  ] as const) {
    const res = await get(as, `/api/projects?${query}pageSize=2&pageToken=${nextPageToken}`);
    expect([res.status, res.body.error.issues[0].path]).toEqual([400, 'query.pageToken']);
  }
  // Nor does a login token pass for a page token, or the other way round.
  expect((await get('coordinator', `/api/projects?pageToken=${tokens.coordinator}`)).status).toBe(400);
  expect((await call(app, 'GET', '/api/me', { token: nextPageToken })).status).toBe(401);
});

test('inboxes: the enterprise applies, then the coordinator receives, each with the true total', async () => {
  const ent = (await get('ent-a', '/api/tasks')).body;
  expect(ent.total).toBe(5);
  expect(ent.tasks.every((t: { kind: string }) => t.kind === 'submitApplication')).toBe(true);
  expect((await get('ent-a', '/api/tasks?pageSize=2&page=3')).body.tasks).toHaveLength(1);
  expect((await get('coordinator', '/api/tasks')).body.total).toBe(0);
  const stage = getDefinition('wuhan-industrial')!.stages[0]!;
  const form = Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例']));
  const submitted = await call(app, 'POST', '/api/projects/list-0/events', {
    token: tokens['ent-a'],
    body: { type: 'submitApplication', stageId: stage.id, form, materials: [] },
  });
  expect(submitted.status).toBe(200);
  const queue = (await get('coordinator', '/api/tasks')).body;
  expect(queue.tasks.map((t: { projectId: string; kind: string }) => `${t.projectId}:${t.kind}`)).toEqual(['list-0:decideIntake']);
  expect((await get('ent-a', '/api/tasks')).body.total).toBe(4);
});

test('supervision counts every project from the read model', async () => {
  const report = (await get('coordinator', '/api/supervision')).body;
  expect(report.projects.total).toBe(7);
  expect(report.projects.byStage).toEqual({ preparation: 7 });
});

test('bad paging is a 400 naming the field', async () => {
  for (const [path, field] of [
    ['/api/tasks?pageSize=0', 'query.pageSize'],
    ['/api/tasks?page=x', 'query.page'],
    ['/api/tasks?pageSize=501', 'query.pageSize'],
  ]) {
    const res = await get('coordinator', path!);
    expect([res.status, res.body.error.issues[0].path]).toEqual([400, field]);
  }
});
