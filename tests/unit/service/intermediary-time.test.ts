/**
 * Supervision counts intermediary time apart (中介服务, issue 16): per project and in total, the
 * working days from the enterprise's choice of provider to delivery (or to today while open),
 * late deliveries against the agreed date, in JSON and CSV; none of it enters the government
 * figures (reviews per department and item).
 */
import { ReadModelStore } from '../../../db/read-model/store';
import { defaultCalendar } from '../../../definitions/calendar/official';
import { intermediaryTime } from '../../../service/projects/intermediary-time';
import { parkRegistry } from '../../fixtures/park-definition';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, testApp, testDb } from '../../helpers/service';

const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
/** A valid 项目代码 (GB/T 40058-2021): the export names the project by it. */
const CODE = '2103-330283-04-01-391515';
/** 10:00 in Wuhan on a day. */
const on = (date: string) => new Date(`${date}T02:00:00Z`);

test('a provider chosen on Monday 2 March with delivery agreed for 6 March is 8 intermediary working days and late on 12 March; the unchosen one counts nothing', async () => {
  const db = await testDb();
  await db.deleteFrom('intermediary_providers').execute();
  const store = new ReadModelStore(db);
  await store.clear();
  let now = on('2026-03-02');
  const gateway = new MemoryGateway(() => now, undefined, store);
  const app = await testApp({ projects: gateway.asGateway(), definitions: parkRegistry(), now: () => now });
  const tokens = { coordinator: await login(app, 'coordinator'), enterprise: await login(app, 'ent-a') };
  const as = (who: keyof typeof tokens, method: string, path: string, body?: unknown) => call(app, method, path, { token: tokens[who], body });
  const design = (await as('coordinator', 'POST', '/api/providers', { name: '某建筑设计院', qualifications: ['工程设计甲级'], serviceTypes: ['fire-design'] }))
    .body;
  const register = async (projectId: string, projectCode?: string) =>
    expect(
      (
        await as('coordinator', 'POST', '/api/projects', {
          projectId,
          title: projectId,
          definitionId: 'wuhan-park-test',
          enterpriseId: 'ent-a',
          attributes: ATTRIBUTES,
          ...(projectCode ? { projectCode } : {}),
        })
      ).status,
    ).toBe(201);
  await register('chosen', CODE);
  await register('unchosen');
  const chose = await as('enterprise', 'POST', '/api/projects/chosen/events', {
    type: 'selectIntermediary',
    serviceId: 'fire-design-service',
    providerId: design.id,
    deliveryOn: '2026-03-06',
  });
  expect(chose.status).toBe(200);

  now = on('2026-03-12');
  // A token lasts hours, not days: the coordinator logs in again on the 12th.
  tokens.coordinator = await login(app, 'coordinator');
  const report = (await as('coordinator', 'GET', '/api/supervision')).body;
  // 3–6 and 9–12 March: 8 working days, and past the agreed 6 March.
  expect(report.intermediaries.total).toEqual({ count: 2, open: 1, delivered: 0, late: 1, workdays: 8 });
  expect(
    report.intermediaries.byProject.map((p: { projectId: string; projectCode: string | null; workdays: number; late: number }) => [
      p.projectId,
      p.projectCode,
      p.workdays,
      p.late,
    ]),
  ).toEqual([
    ['chosen', CODE, 8, 1],
    ['unchosen', null, 0, 0],
  ]);
  expect(report.intermediaries.byProject[0].services[0]).toMatchObject({
    serviceId: 'fire-design-service',
    providerName: '某建筑设计院',
    deliveryOn: '2026-03-06',
    status: 'open',
    late: true,
  });
  // Government figures are the reviews' alone: no intermediary service among the items.
  expect(report.byItem.map((s: { key: string }) => s.key)).not.toContain('fire-design-service');

  const csv = await call(app, 'GET', '/api/supervision?format=csv', { token: tokens.coordinator });
  const { text } = csv;
  // Each project's row carries its 项目代码 in its own column (empty for a project without one).
  const header = text.split('\r\n')[0]!.split(',');
  const cell = (row: string, column: string) =>
    text
      .split('\r\n')
      .find((l: string) => l.startsWith(row))!
      .split(',')[header.indexOf(`"${column}"`)];
  expect(cell('"intermediaries","chosen"', 'projectCode')).toBe(`"${CODE}"`);
  expect(cell('"intermediaries","unchosen"', 'projectCode')).toBe('');
  expect(text).toMatch(/"intermediaries","total","all projects",+"2","8","1","1"\r\n/);
});

test('a delivery counts the working days to the day it came in, late only after the agreed date', () => {
  const row = {
    projectId: 'p',
    projectTitle: 'P',
    projectCode: null,
    stageId: 's',
    title: '消防设计',
    providerName: '某院',
    selectedAt: '2026-03-02T02:00:00Z',
  };
  const time = intermediaryTime(
    [
      { ...row, serviceId: 'in-time', deliveryOn: '2026-03-06', deliveredAt: '2026-03-06T08:00:00Z' },
      { ...row, serviceId: 'late', deliveryOn: '2026-03-06', deliveredAt: '2026-03-10T08:00:00Z' },
    ],
    defaultCalendar(),
    on('2026-03-20'),
  );
  expect(time.byProject[0]!.services.map((s) => [s.serviceId, s.status, s.workdays, s.late])).toEqual([
    ['in-time', 'delivered', 4, false],
    ['late', 'delivered', 6, true],
  ]);
  expect(time.total).toEqual({ count: 2, open: 0, delivered: 2, late: 1, workdays: 10 });
});
