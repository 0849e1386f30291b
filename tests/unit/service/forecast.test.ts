/**
 * Foresight at the API: a project's forecast and its "who holds it now" sentences follow the
 * project view's access rule (coordinator, its enterprise, its departments; 404 to anyone
 * else), a department sees only its own threads, and coordinators get the projects at risk first.
 */
import { getDefinition } from '../../../definitions/process';
import { ReadModelStore } from '../../../db/read-model/store';
import { ZForecast } from '../../../workflows/forecast/forecast';
import { ZHolder } from '../../../workflows/holders/holders';
import type { ProjectGateway } from '../../../service/projects/gateway';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, testApp, testDb } from '../../helpers/service';

const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const stage = getDefinition('wuhan-industrial')!.stages[0]!;

/** A Wuhan project of ent-a with its preparation stage accepted: its reviews run. */
async function projectInReview(...again: [] | [app: Awaited<ReturnType<typeof testApp>>, gateway: ProjectGateway, token: Record<string, string>]) {
  let [app, gateway, token] = again;
  if (!app || !gateway || !token) {
    const db = await testDb();
    gateway = new MemoryGateway(undefined, undefined, new ReadModelStore(db)).asGateway();
    app = await testApp({ projects: gateway });
    token = Object.fromEntries(
      await Promise.all(
        ['coordinator', 'ent-a', 'ent-b', 'dept-ecology-environment', 'dept-natural-resources-planning'].map(async (u) => [u, await login(app!, u)] as const),
      ),
    );
  }
  const created = await call(app, 'POST', '/api/projects', {
    token: token.coordinator,
    body: { title: '预测项目', definitionId: 'wuhan-industrial', enterpriseId: 'ent-a', attributes: ATTRIBUTES },
  });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const events = `/api/projects/${id}/events`;
  const applicable = new Set(
    (await call(app, 'GET', `/api/projects/${id}`, { token: token.coordinator })).body.reviews.map((r: { itemId: string }) => r.itemId),
  );
  const materials = [
    ...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.filter((m) => !m.providedByResult).map((m) => m.id))),
  ];
  const form = Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例']));
  expect((await call(app, 'POST', events, { token: token['ent-a'], body: { type: 'submitApplication', stageId: stage.id, form, materials } })).status).toBe(
    200,
  );
  expect((await call(app, 'POST', events, { token: token.coordinator, body: { type: 'decideIntake', stageId: stage.id, decision: 'accept' } })).status).toBe(
    200,
  );
  return { app, gateway, id, token };
}

describe('GET /api/projects/:id/forecast and /holders', () => {
  it('the forecast: dates, limits and what it is based on, for the coordinator and the enterprise; 404 for another enterprise', async () => {
    const { app, id, token } = await projectInReview();
    const res = await call(app, 'GET', `/api/projects/${id}/forecast`, { token: token.coordinator });
    expect(res.status).toBe(200);
    const f = ZForecast.parse(res.body);
    expect(f).toMatchObject({ projectId: id, runs: 1000, ceiling: { limit: 39 } });
    expect(f.stages.map((s) => s.stageId)).toEqual(['preparation', 'construction-approval', 'acceptance']);
    expect(f.finish.p10 <= f.finish.p50 && f.finish.p50 <= f.finish.p90).toBe(true);
    expect(f.finish.p50 > f.today).toBe(true);
    expect(f.basis.items.find((b) => b.itemId === 'eia-form-approval')).toMatchObject({ departmentId: 'ecology-environment', status: 'inReview' });
    const { asOf: _asOf, ...same } = f;
    expect((await call(app, 'GET', `/api/projects/${id}/forecast`, { token: token['ent-a'] })).body).toMatchObject(same);
    expect((await call(app, 'GET', `/api/projects/${id}/forecast`, { token: token['ent-b'] })).status).toBe(404);
    const department = await call(app, 'GET', `/api/projects/${id}/forecast`, { token: token['dept-ecology-environment'] });
    expect(department.status).toBe(200);
    expect(new Set(department.body.basis.items.map((b: { departmentId: string }) => b.departmentId))).toEqual(new Set(['ecology-environment']));
  });

  it('who holds it: a sentence per running review for the enterprise; a department reads only its own', async () => {
    const { app, id, token } = await projectInReview();
    const res = await call(app, 'GET', `/api/projects/${id}/holders`, { token: token['ent-a'] });
    expect(res.status).toBe(200);
    const holders = res.body.holders.map((h: unknown) => ZHolder.parse(h));
    const eia = holders.find((h: { itemId: string | null }) => h.itemId === 'eia-form-approval');
    expect(eia).toMatchObject({ thread: 'review', holder: { role: 'department', departmentId: 'ecology-environment' } });
    expect(eia.sentence.zh).toMatch(
      /^环境影响报告表审批：由生态环境局审查，承诺时限10个工作日，法定时限30个工作日（《中华人民共和国环境影响评价法》第二十二条.*），\d{4}-\d\d-\d\d 24时前办结（剩\d+个工作日）；联系生态环境局（审批科室）。$/,
    );
    const own = await call(app, 'GET', `/api/projects/${id}/holders`, { token: token['dept-ecology-environment'] });
    expect(own.body.holders.map((h: { holder: { departmentId: string | null } }) => h.holder.departmentId)).toEqual(['ecology-environment']);
    expect((await call(app, 'GET', `/api/projects/${id}/holders`, { token: token['ent-b'] })).status).toBe(404);
  });

  it('the projects at risk: coordinators only, most likely to miss the ceiling first', async () => {
    const { app, id, token } = await projectInReview();
    expect((await call(app, 'GET', '/api/supervision/forecasts', { token: token['ent-a'] })).status).toBe(403);
    const res = await call(app, 'GET', '/api/supervision/forecasts?limit=200', { token: token.coordinator });
    expect(res.status).toBe(200);
    const row = res.body.projects.find((p: { projectId: string }) => p.projectId === id);
    expect(row).toMatchObject({ title: '预测项目', ceiling: { limit: 39 } });
    const misses = res.body.projects.map((p: { missCeiling: number }) => p.missCeiling);
    expect(misses).toEqual([...misses].sort((a, b) => b - a));
  });

  it('the risk list reads the read model alone, a page at a time', async () => {
    const { app, gateway, id, token } = await projectInReview();
    const second = await projectInReview(app, gateway, token);
    // No workflow is asked: a gateway that cannot answer leaves the list unchanged.
    gateway.view = () => Promise.reject(new Error('the risk list asked a workflow'));
    gateway.spec = () => Promise.reject(new Error('the risk list asked a workflow'));
    const first = await call(app, 'GET', '/api/supervision/forecasts?limit=1', { token: token.coordinator });
    expect(first.status).toBe(200);
    // Newest registered first; every active project once over the pages (the database is shared by this file's tests).
    expect(first.body.projects).toMatchObject([{ projectId: second.id, ceiling: { limit: 39 } }]);
    const ids: string[] = [];
    for (let page = first.body; ;) {
      ids.push(...page.projects.map((p: { projectId: string }) => p.projectId));
      if (!page.nextPageToken) break;
      page = (await call(app, 'GET', `/api/supervision/forecasts?limit=1&pageToken=${page.nextPageToken}`, { token: token.coordinator })).body;
    }
    expect(ids).toEqual([...new Set(ids)]);
    expect(ids).toHaveLength(first.body.total);
    expect(ids.indexOf(id)).toBe(1);
    expect((await call(app, 'GET', '/api/supervision/forecasts?pageToken=nonsense', { token: token.coordinator })).status).toBe(400);
  });
});
