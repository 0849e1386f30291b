/**
 * Names where a person reads: the project list, the inboxes, a project's page, its history, the
 * supervision statistics and their CSV export carry the enterprise's name from the directory (and
 * the acting user's and department's names), with the ids kept beside them for links.
 */
import { ReadModelStore } from '../../../db/read-model/store';
import { getDefinition } from '../../../definitions/process';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { DEFAULT_ATTRIBUTES } from '../../helpers/projects';
import { call, login, testApp, testDb } from '../../helpers/service';

const ENTERPRISE = '企业甲有限公司'; // ent-a's entry in the test directory (tests/helpers/service.ts)
const DEPARTMENT = 'ecology-environment';
const definition = getDefinition('wuhan-industrial')!;
const departmentName = definition.departments.find((d) => d.id === DEPARTMENT)!.name.zh;

let app: Awaited<ReturnType<typeof testApp>>;
const tokens: Record<string, string> = {};
const as = (who: string, method: string, path: string, body?: unknown) => call(app, method, path, { token: tokens[who], body });

beforeAll(async () => {
  const gateway = new MemoryGateway(undefined, undefined, new ReadModelStore(await testDb()));
  app = await testApp({ projects: gateway.asGateway() });
  for (const u of ['coordinator', `dept-${DEPARTMENT}`, 'ent-a']) tokens[u] = await login(app, u);
  const registered = await as('coordinator', 'POST', '/api/projects', {
    projectId: 'named',
    title: '汽车零部件扩产项目',
    definitionId: 'wuhan-industrial',
    enterpriseId: 'ent-a',
    attributes: DEFAULT_ATTRIBUTES,
  });
  expect(registered.status).toBe(201);
  const view = (await as('coordinator', 'GET', '/api/projects/named')).body;
  const stage = definition.stages[0]!;
  const applicable = new Set(view.reviews.map((r: { itemId: string }) => r.itemId));
  const materials = [...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
  const form = Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例']));
  expect((await as('ent-a', 'POST', '/api/projects/named/events', { type: 'submitApplication', stageId: stage.id, form, materials })).status).toBe(200);
});

test("the coordinator's list and queue show the enterprise's name beside its id", async () => {
  const list = (await as('coordinator', 'GET', '/api/projects')).body;
  expect(list.projects.map((p: { id: string; enterpriseId: string; enterpriseName: string }) => [p.id, p.enterpriseId, p.enterpriseName])).toEqual([
    ['named', 'ent-a', ENTERPRISE],
  ]);
  // The list's search finds a project by its enterprise's name too.
  expect((await as('coordinator', 'GET', `/api/projects?text=${encodeURIComponent('企业甲')}`)).body.total).toBe(1);
  const queue = (await as('coordinator', 'GET', '/api/tasks')).body.tasks;
  expect(queue.map((t: { kind: string; enterpriseName: string }) => [t.kind, t.enterpriseName])).toEqual([['decideIntake', ENTERPRISE]]);
});

test("a project's page and history name the enterprise, the acting users and the department", async () => {
  expect((await as('coordinator', 'POST', '/api/projects/named/events', { type: 'decideIntake', stageId: 'preparation', decision: 'accept' })).status).toBe(
    200,
  );
  const corrected = await as(`dept-${DEPARTMENT}`, 'POST', '/api/projects/named/events', {
    type: 'requestCorrection',
    itemId: 'eia-form-approval',
    materials: ['eia-form'],
    reason: '环评表数据不全',
  });
  expect(corrected.status).toBe(200);
  const inbox = (await as('ent-a', 'GET', '/api/tasks')).body.tasks;
  expect(inbox.map((t: { enterpriseName: string }) => t.enterpriseName)).toEqual(inbox.map(() => ENTERPRISE));

  const detail = (await as(`dept-${DEPARTMENT}`, 'GET', '/api/projects/named')).body;
  expect([detail.enterpriseId, detail.enterpriseName]).toEqual(['ent-a', ENTERPRISE]);
  const history = (await as('coordinator', 'GET', '/api/projects/named/history')).body.entries;
  const who = (type: string) => history.find((h: { type: string }) => h.type === type);
  expect(who('intakeAccepted')).toMatchObject({ actor: { userId: 'coordinator' }, actorName: '帮办中心', departmentName: null });
  expect(who('correctionRequested')).toMatchObject({ actor: { departmentId: DEPARTMENT }, actorName: '生态环境局', departmentName });
  expect(history.find((h: { actor: { role: string } }) => h.actor.role === 'enterprise')).toMatchObject({ actorName: '企业甲', departmentName: null });
});

test('supervision names the enterprise and the departments, and its CSV shows no enterprise id', async () => {
  const report = (await as('coordinator', 'GET', '/api/supervision')).body;
  expect(report.byEnterprise.map((s: { title: string }) => s.title)).toEqual([ENTERPRISE]);
  expect(report.byDepartment.find((s: { key: string }) => s.key === DEPARTMENT).title).toBe(departmentName);
  const csv = await as('coordinator', 'GET', '/api/supervision?format=csv');
  expect(csv.status).toBe(200);
  const rows = csv.text.split('\r\n');
  expect(rows.find((r) => r.startsWith('"enterprise",'))).toMatch(new RegExp(`^"enterprise","[0-9A-Z]{18}","${ENTERPRISE}",`));
  expect(rows.find((r) => r.startsWith(`"department","${DEPARTMENT}",`))).toContain(`"${departmentName}"`);
  expect(csv.text).not.toContain('ent-a');
});
