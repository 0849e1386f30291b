/**
 * The HTTP API end to end on the real dev server with a real worker: a project driven through
 * all three stages as the enterprise, the coordinator and each department, with role scoping
 * (foreign ids answer 404), refusals that change nothing, idempotent commands, inboxes,
 * history and supervision.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { getDefinition } from '../../definitions/process';
import { ReadModelStore } from '../../db/read-model/store';
import { ProjectGateway } from '../../service/projects/gateway';
import type { TPublicUser } from '../../service/users/store';
import { connectToDevServer } from '../helpers/dev-server';
import { eventually } from '../helpers/eventually';
import { call, login, stateApp, testServiceState, type TestServiceState } from '../helpers/service';
import { testWorker } from '../helpers/worker';

const definition = getDefinition('wuhan-industrial')!;
const cal = new WorkingCalendar(buildOfficialSnapshot());
const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const suffix = randomUUID().slice(0, 6);
const ENT = `ent-it-${suffix}`;
const OTHER = `ent-other-${suffix}`;

let env: TestWorkflowEnvironment;
let state: TestServiceState;
beforeAll(async () => {
  env = await connectToDevServer();
  state = await testServiceState(usersFor());
});
afterAll(async () => {
  await env?.teardown();
  await state?.drop();
});

function usersFor(): TPublicUser[] {
  return [
    { username: 'coordinator', displayName: '帮办中心', role: 'coordinator' },
    { username: ENT, displayName: '企业', role: 'enterprise', enterpriseId: ENT },
    { username: OTHER, displayName: '另一企业', role: 'enterprise', enterpriseId: OTHER },
    ...definition.departments.map((d) => ({ username: `dept-${d.id}`, displayName: d.name.zh, role: 'department' as const, departmentId: d.id })),
  ];
}

test('a project goes through all three stages over the API as enterprise, coordinator and departments', async () => {
  const readModel = new ReadModelStore(state.db);
  const { worker, taskQueue } = await testWorker(env, undefined, undefined, readModel);
  await worker.runUntil(async () => {
    const gateway = new ProjectGateway(env.client, taskQueue);
    const app = stateApp(state, { projects: gateway, readModel });
    const token: Record<string, string> = {};
    const as = async (username: string) => (token[username] ??= await login(app, username));
    const dept = (departmentId: string) => as(`dept-${departmentId}`);

    // The worker was just started: healthy once Temporal has seen its first poll (a moment later).
    const health = await eventually(
      () => call(app, 'GET', '/api/health'),
      (r) => r.status === 200,
      30_000,
    );
    expect(health.body).toEqual({ status: 'ok', service: 'ok', temporal: 'ok', worker: 'ok' });

    // Registration by the coordinator for the enterprise.
    const created = await call(app, 'POST', '/api/projects', {
      token: await as('coordinator'),
      body: { title: `集成测试项目 ${suffix}`, definitionId: 'wuhan-industrial', enterpriseId: ENT, attributes: ATTRIBUTES },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect(created.headers.get('location')).toBe(`/api/projects/${id}`);
    expect(created.body.plan.governmentWorkdays).toBeLessThanOrEqual(39);
    const again = await call(app, 'POST', '/api/projects', {
      token: await as('coordinator'),
      body: { projectId: id, title: 'x', definitionId: 'wuhan-industrial', enterpriseId: ENT, attributes: ATTRIBUTES },
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'CONFLICT']);

    // Another enterprise cannot tell the project exists; neither can a made-up id.
    for (const path of [`/api/projects/${id}`, `/api/projects/${id}/history`, `/api/projects/no-such-${suffix}`]) {
      const res = await call(app, 'GET', path, { token: await as(OTHER) });
      expect([path, res.status, res.body.error.code]).toEqual([path, 404, 'NOT_FOUND']);
    }
    const foreignEvent = await call(app, 'POST', `/api/projects/${id}/events`, { token: await as(OTHER), body: { type: 'withdraw', reason: '试探' } });
    expect(foreignEvent.status).toBe(404);

    let project = (await call(app, 'GET', `/api/projects/${id}`, { token: await as(ENT) })).body;
    expect(project.actions).toEqual(expect.arrayContaining([{ type: 'submitApplication', stageId: 'preparation' }]));

    let checkedDepartmentView = false;
    for (const stage of definition.stages) {
      const applicable = new Set(project.reviews.filter((r: { stageId: string }) => r.stageId === stage.id).map((r: { itemId: string }) => r.itemId));
      const materials = [...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
      const form = Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例']));
      const submit = { type: 'submitApplication', stageId: stage.id, form, materials };

      // The enterprise may not decide its own intake (the service refuses the role), nor rate a
      // stage that has not ended (the workflow refuses the state): nothing changes.
      const before = project.historyLength;
      const early = await call(app, 'POST', `/api/projects/${id}/events`, {
        token: await as(ENT),
        body: { type: 'decideIntake', stageId: stage.id, decision: 'accept' },
      });
      expect([early.status, early.body.error.code, early.body.error.issues[0]?.path]).toEqual([403, 'FORBIDDEN', 'type']);
      const unfinished = await call(app, 'POST', `/api/projects/${id}/rating`, { token: await as(ENT), body: { stageId: stage.id, score: 5 } });
      expect([unfinished.status, unfinished.body.error.code]).toEqual([409, 'DECISION_REJECTED']);
      expect((await call(app, 'GET', `/api/projects/${id}`, { token: await as(ENT) })).body.historyLength).toBe(before);

      // Submitting twice with one Idempotency-Key applies once.
      const key = `submit-${stage.id}-${suffix}`;
      const first = await call(app, 'POST', `/api/projects/${id}/events`, { token: await as(ENT), body: submit, headers: { 'Idempotency-Key': key } });
      expect(first.status).toBe(200);
      const retry = await call(app, 'POST', `/api/projects/${id}/events`, { token: await as(ENT), body: submit, headers: { 'Idempotency-Key': key } });
      expect([retry.status, retry.headers.get('idempotent-replayed'), retry.body.version]).toEqual([200, 'true', first.body.version]);
      expect(first.body.recorded.map((h: { type: string }) => h.type)).toEqual(['submitApplication']);
      const reused = await call(app, 'POST', `/api/projects/${id}/events`, {
        token: await as(ENT),
        body: { ...submit, materials: [] },
        headers: { 'Idempotency-Key': key },
      });
      expect([reused.status, reused.body.error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);

      const accepted = await call(app, 'POST', `/api/projects/${id}/events`, {
        token: await as('coordinator'),
        body: { type: 'decideIntake', stageId: stage.id, decision: 'accept' },
      });
      // The answer says what the decision set off; the project is read for the whole picture.
      expect(accepted.body.recorded.map((h: { type: string }) => h.type)).toContain('intakeAccepted');
      project = (await call(app, 'GET', `/api/projects/${id}`, { token: await as('coordinator') })).body;
      expect(project.stages.find((s: { stageId: string }) => s.stageId === stage.id).status).toBe('inReview');
      if (stage.joint) {
        // 联合验收: one site visit on the next working day, every department confirms it and passes its part.
        const today = cal.dateOf(new Date().toISOString());
        const date = cal.isWorkday(today) ? today : cal.addWorkdays(today, 1).date;
        const post = async (token: string, body: object) => (await call(app, 'POST', `/api/projects/${id}/events`, { token, body })).status;
        expect(await post(await as('coordinator'), { type: 'proposeSiteVisit', stageId: stage.id, date })).toBe(200);
        const parts: { itemId: string; departmentId: string }[] = project.joint[0].parts;
        for (const p of parts) expect(await post(await dept(p.departmentId), { type: 'confirmSiteVisit', itemId: p.itemId })).toBe(200);
        for (const p of parts) {
          expect(await post(await dept(p.departmentId), { type: 'recordInspection', itemId: p.itemId, outcome: 'pass', findings: '符合要求' })).toBe(200);
        }
        project = (await call(app, 'GET', `/api/projects/${id}`, { token: await as('coordinator') })).body;
        expect(project.joint[0].status).toBe('passed');
      }

      for (let guard = 0; guard < 50 && project.stages.find((s: { stageId: string }) => s.stageId === stage.id).status === 'inReview'; guard++) {
        const open = project.reviews.filter(
          (r: { status: string; stageId: string; early: boolean }) => r.status === 'inReview' && (r.stageId === stage.id || r.early),
        );
        expect(open.length).toBeGreaterThan(0);
        const review = open[0];
        const mine = await dept(review.departmentId);
        if (!checkedDepartmentView) {
          checkedDepartmentView = true;
          // The department sees only its own reviews, and its inbox lists this one.
          const seen = (await call(app, 'GET', `/api/projects/${id}`, { token: mine })).body;
          expect(seen.reviews.every((r: { departmentId: string }) => r.departmentId === review.departmentId)).toBe(true);
          expect(seen.actions).toEqual(expect.arrayContaining([{ type: 'approveReview', itemId: review.itemId }]));
          const inbox = await eventually(
            async () => (await call(app, 'GET', '/api/tasks', { token: mine })).body.tasks,
            (tasks: { projectId: string; itemId: string }[]) => tasks.some((t) => t.projectId === id && t.itemId === review.itemId),
          );
          expect(inbox.find((t: { projectId: string; itemId: string }) => t.projectId === id && t.itemId === review.itemId)).toMatchObject({
            kind: 'approveReview',
            card: expect.any(String),
            remainingWorkdays: expect.any(Number),
          });
          // Another department may not decide it.
          const other = definition.departments.find(
            (d) => d.id !== review.departmentId && project.reviews.some((r: { departmentId: string }) => r.departmentId === d.id),
          )!;
          const intrusion = await call(app, 'POST', `/api/projects/${id}/events`, {
            token: await dept(other.id),
            body: { type: 'approveReview', itemId: review.itemId },
          });
          expect([intrusion.status, intrusion.body.error.issues[0]?.path]).toEqual([403, 'itemId']);
        }
        const approved = await call(app, 'POST', `/api/projects/${id}/events`, { token: mine, body: { type: 'approveReview', itemId: review.itemId } });
        expect(approved.status).toBe(200);
        // The department's answer shows only what concerns it: its items' entries and the stage's.
        const itemsOfMine = new Set(
          project.reviews.filter((r: { departmentId: string }) => r.departmentId === review.departmentId).map((r: { itemId: string }) => r.itemId),
        );
        expect(approved.body.recorded.every((h: { itemId?: string }) => h.itemId === undefined || itemsOfMine.has(h.itemId))).toBe(true);
        project = (await call(app, 'GET', `/api/projects/${id}`, { token: await as('coordinator') })).body;
      }
      expect(
        (await call(app, 'POST', `/api/projects/${id}/events`, { token: await as('coordinator'), body: { type: 'issueResults', stageId: stage.id } })).status,
      ).toBe(200);
      const rated = await call(app, 'POST', `/api/projects/${id}/rating`, {
        token: await as(ENT),
        body: { stageId: stage.id, score: stage.id === 'acceptance' ? 2 : 5, comment: '办理情况' },
      });
      expect(rated.status).toBe(200);
      project = (await call(app, 'GET', `/api/projects/${id}`, { token: await as('coordinator') })).body;
    }
    expect(project.status).toBe('complete');
    expect(project.stages.map((s: { status: string }) => s.status)).toEqual(['complete', 'complete', 'complete']);

    // The audit timeline names who did what, with role.
    const history = (await call(app, 'GET', `/api/projects/${id}/history`, { token: await as('coordinator') })).body.entries;
    expect(history.filter((h: { type: string }) => h.type === 'submitApplication')).toHaveLength(3);
    expect(history.find((h: { type: string }) => h.type === 'intakeAccepted').actor).toEqual({ userId: 'coordinator', role: 'coordinator' });
    expect(history.find((h: { type: string }) => h.type === 'approved').actor.role).toBe('department');

    // Lists come from visibility: the enterprise sees its project, the other one does not.
    const mineList = await eventually(
      async () => (await call(app, 'GET', '/api/projects?status=complete', { token: await as(ENT) })).body.projects,
      (ps: { id: string }[]) => ps.some((p) => p.id === id),
    );
    expect(mineList.map((p: { id: string }) => p.id)).toContain(id);
    expect((await call(app, 'GET', '/api/projects', { token: await as(OTHER) })).body.projects).toEqual([]);

    // Supervision: the bad rating is listed for follow-up; the CSV has a row per department.
    const report = (await call(app, 'GET', '/api/supervision', { token: await as('coordinator') })).body;
    expect(report.ratings.bad).toEqual(expect.arrayContaining([expect.objectContaining({ projectId: id, stageId: 'acceptance', score: 2 })]));
    expect(report.byDepartment.map((d: { key: string }) => d.key)).toEqual(expect.arrayContaining(definition.departments.map((d) => d.id)));
    const csv = await call(app, 'GET', '/api/supervision?format=csv', { token: await as('coordinator') });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="supervision-\d{4}-\d{2}-\d{2}\.csv"$/);
    // The header, then a row per department and per item as in the JSON report (the escaping is tested in tests/unit/service/supervision-csv.test.ts).
    const [header, ...rows] = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(header).toContain('"earlyCompletionRate"');
    expect(rows.map((r) => r.split(',').slice(0, 2).join(','))).toEqual([
      ...report.byDepartment.map((d: { key: string }) => `"department","${d.key}"`),
      ...report.byItem.map((i: { key: string }) => `"item","${i.key}"`),
      // Per enterprise: keyed by its credit code (its internal id appears nowhere in the export).
      ...report.byEnterprise.map((e: { key: string }) => `"enterprise","${e.key}"`),
    ]);
    expect([csv.text.includes('企业有限公司'), csv.text.includes(ENT)]).toEqual([true, false]);
  });
}, 300_000);
