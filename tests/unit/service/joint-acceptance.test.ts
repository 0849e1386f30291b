/**
 * Joint acceptance (联合验收) through the API: a new Wuhan project gets v4 by default (v2, item by
 * item, only by number), and its acceptance stage takes the joint commands at POST /api/projects/:id/events
 * — 400 naming the field for a malformed one, 403 for another role or another department's part,
 * 409 for a date that is no working day — and shows each department's part and the clock.
 */
import { WorkingCalendar } from '../../../definitions/calendar/working-calendar';
import { buildOfficialSnapshot } from '../../../definitions/calendar/official';
import type { ProjectEngine } from '../../../workflows/engine/project-engine';
import type { TActor } from '../../../workflows/model/actor';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, testApp } from '../../helpers/service';

const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const cal = new WorkingCalendar(buildOfficialSnapshot());
const coordinator: TActor = { userId: 'c', role: 'coordinator' };
const enterprise: TActor = { userId: 'e', role: 'enterprise', enterpriseId: 'ent-a' };

/** The first two stages decided on the engine directly: applied with every material, accepted, approved, issued, delivered. */
function throughConstruction(engine: ProjectEngine, at: string): void {
  for (const stage of engine.input.spec.stages.slice(0, 2)) {
    const issued = engine.issuedResultIds();
    const materials = [
      ...new Set(stage.items.flatMap((i) => i.materials.filter((m) => !(m.providedByResult && issued.has(m.providedByResult))).map((m) => m.id))),
    ];
    const form = Object.fromEntries(stage.formFields.map((f) => [f.id, '示例']));
    engine.apply(enterprise, { type: 'submitApplication', stageId: stage.id, form, materials }, at);
    engine.apply(coordinator, { type: 'decideIntake', stageId: stage.id, decision: 'accept' }, at);
    for (let guard = 0; guard < 50 && engine.stageStatus(stage.id) === 'inReview'; guard++) {
      const open = stage.items.find((i) => engine.reviewStatus(i.id) === 'inReview')!;
      engine.apply({ userId: 'd', role: 'department', departmentId: open.departmentId }, { type: 'approveReview', itemId: open.id }, at);
    }
    engine.apply(coordinator, { type: 'issueResults', stageId: stage.id }, at);
  }
}

test('a project on the default Wuhan (v4) runs its acceptance as one joint acceptance through the API; malformed, foreign and holiday decisions are refused with the field', async () => {
  const gateway = new MemoryGateway();
  const app = await testApp({ projects: gateway.asGateway() });
  const tokens = Object.fromEntries(
    await Promise.all(['coordinator', 'dept-natural-resources-planning', 'ent-a'].map(async (u) => [u, await login(app, u)] as const)),
  );
  const register = (version?: number) =>
    call(app, 'POST', '/api/projects', {
      token: tokens.coordinator,
      body: {
        title: '联合验收',
        definitionId: 'wuhan-industrial',
        ...(version ? { definitionVersion: version } : {}),
        enterpriseId: 'ent-a',
        attributes: ATTRIBUTES,
      },
    });
  expect((await register(2)).body.definition.version).toBe(2);
  const created = await register();
  expect([created.status, created.body.definition.version]).toEqual([201, 4]);
  const id: string = created.body.id;
  const events = `/api/projects/${id}/events`;
  const engine = gateway.engines.get(id)!;
  const now = new Date().toISOString();
  throughConstruction(engine, now);
  const post = (user: string, body: object) => call(app, 'POST', events, { token: tokens[user], body });

  const acceptance = engine.input.spec.stages[2]!;
  const form = Object.fromEntries(acceptance.formFields.map((f) => [f.id, '示例']));
  const issued = engine.issuedResultIds();
  const materials = [
    ...new Set(acceptance.items.flatMap((i) => i.materials.filter((m) => !(m.providedByResult && issued.has(m.providedByResult))).map((m) => m.id))),
  ];
  expect((await post('ent-a', { type: 'submitApplication', stageId: 'acceptance', form, materials })).status).toBe(200);
  const accepted = await post('coordinator', { type: 'decideIntake', stageId: 'acceptance', decision: 'accept' });
  expect(accepted.status).toBe(200);

  const view = (await call(app, 'GET', `/api/projects/${id}`, { token: tokens.coordinator })).body;
  expect(view.joint[0]).toMatchObject({ stageId: 'acceptance', status: 'scheduling', clock: { promisedLimit: 10, legalLimit: 20 } });
  expect(view.joint[0].parts.map((p: { itemId: string; departmentId: string }) => `${p.itemId}:${p.departmentId}`)).toEqual([
    'planning-verification:natural-resources-planning',
    'fire-acceptance:housing-construction',
    'civil-air-defence-acceptance:civil-air-defence',
    'completion-filing:housing-construction',
    'first-registration:natural-resources-planning',
  ]);

  const issue = (res: { status: number; body: { error: { issues: { path: string }[] } } }) => [res.status, res.body.error.issues[0]!.path];
  expect(issue(await post('coordinator', { type: 'proposeSiteVisit', stageId: 'acceptance', date: '2026-02-30' }))).toEqual([400, 'date']);
  expect(issue(await post('ent-a', { type: 'proposeSiteVisit', stageId: 'acceptance', date: '2027-01-04' }))).toEqual([403, 'type']);
  const sunday = nextSunday(cal.dateOf(now));
  expect(cal.isWorkday(sunday)).toBe(false);
  expect(issue(await post('coordinator', { type: 'proposeSiteVisit', stageId: 'acceptance', date: sunday }))).toEqual([409, 'date']);
  const visit = cal.addWorkdays(cal.dateOf(now), 3).date;
  expect((await post('coordinator', { type: 'proposeSiteVisit', stageId: 'acceptance', date: visit })).status).toBe(200);
  expect((await post('dept-natural-resources-planning', { type: 'confirmSiteVisit', itemId: 'planning-verification' })).status).toBe(200);
  expect(issue(await post('dept-natural-resources-planning', { type: 'confirmSiteVisit', itemId: 'fire-acceptance' }))).toEqual([403, 'itemId']);
  expect(
    issue(await post('dept-natural-resources-planning', { type: 'recordInspection', itemId: 'planning-verification', outcome: 'maybe', findings: 'x' })),
  ).toEqual([400, 'outcome']);
  const after = (await call(app, 'GET', `/api/projects/${id}`, { token: tokens.coordinator })).body;
  expect(after.joint[0].proposal.date).toBe(visit);
  expect(after.joint[0].parts[0].answer).toEqual({ kind: 'confirmed' });
});

/** The first Sunday after `date`. */
function nextSunday(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + ((7 - d.getUTCDay()) % 7 || 7));
  return d.toISOString().slice(0, 10);
}
