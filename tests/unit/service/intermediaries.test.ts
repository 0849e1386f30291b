/**
 * 中介超市 and 区域评估 at the API (issue 16): coordinators keep the provider directory and the
 * parks' assessments (others 403; bad fields 400 naming the field); a project registered in a
 * park carries the park's assessments in its input and is not asked for the material they
 * satisfy; an enterprise's provider selection is checked against the directory and named.
 */
import { parkRegistry } from '../../fixtures/park-definition';
import { MemoryGateway } from '../../helpers/memory-gateway';
import { call, login, testApp, testDb } from '../../helpers/service';

const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };

async function setUp() {
  const db = await testDb();
  await db.deleteFrom('park_assessments').execute();
  await db.deleteFrom('parks').execute();
  await db.deleteFrom('intermediary_providers').execute();
  const definitions = parkRegistry();
  const gateway = new MemoryGateway();
  const app = await testApp({ projects: gateway.asGateway(), definitions });
  const tokens: Record<string, string> = {
    coordinator: await login(app, 'coordinator'),
    enterprise: await login(app, 'ent-a'),
    department: await login(app, 'dept-ecology-environment'),
  };
  const as = (who: string, method: string, path: string, body?: unknown) => call(app, method, path, { token: tokens[who], body });
  return { as, gateway };
}

test('the provider directory: coordinators list providers, every role reads it, filtered by service type; bad fields are named', async () => {
  const { as } = await setUp();
  const added = await as('coordinator', 'POST', '/api/providers', { name: '某建筑设计院', qualifications: ['工程设计甲级'], serviceTypes: ['fire-design'] });
  expect(added.status).toBe(201);
  await as('coordinator', 'POST', '/api/providers', { name: '某环评公司', qualifications: ['环评资质'], serviceTypes: ['eia-report'] });
  expect((await as('enterprise', 'POST', '/api/providers', { name: 'x', qualifications: ['y'], serviceTypes: ['fire-design'] })).status).toBe(403);
  const bad = await as('coordinator', 'POST', '/api/providers', { name: '某院', qualifications: [], serviceTypes: ['Fire Design'] });
  expect([bad.status, bad.body.error.issues.map((i: { path: string }) => i.path)]).toEqual([400, ['qualifications', 'serviceTypes.0']]);
  const fire = await as('department', 'GET', '/api/providers?serviceType=fire-design');
  expect(fire.body.providers.map((p: { name: string }) => p.name)).toEqual(['某建筑设计院']);
  expect((await as('enterprise', 'DELETE', `/api/providers/${added.body.id}`)).status).toBe(403);
  expect((await as('coordinator', 'DELETE', `/api/providers/${added.body.id}`)).status).toBe(200);
  expect((await as('coordinator', 'DELETE', `/api/providers/${added.body.id}`)).status).toBe(404);
});

test("parks and their assessments: a coordinator registers them (validity checked, 400 naming the field); a project in the park is not asked for the assessment's material", async () => {
  const { as, gateway } = await setUp();
  expect((await as('coordinator', 'POST', '/api/parks', { id: 'optics-valley', name: '光谷生物城' })).status).toBe(201);
  expect((await as('coordinator', 'POST', '/api/parks', { id: 'optics-valley', name: 'again' })).status).toBe(409);
  expect((await as('enterprise', 'POST', '/api/parks', { id: 'mine', name: '我的园区' })).status).toBe(403);
  const path = '/api/parks/optics-valley/assessments';
  const reversed = await as('coordinator', 'POST', path, { type: 'geological-hazards', scope: '全园区', validFrom: '2027-01-01', validUntil: '2026-01-01' });
  expect([reversed.status, reversed.body.error.issues[0].path]).toEqual([400, 'validUntil']);
  const noise = await as('coordinator', 'POST', path, { type: 'noise', scope: '全园区', validFrom: '2026-01-01', validUntil: '2028-12-31' });
  expect([noise.status, noise.body.error.issues[0].path]).toEqual([400, 'type']);
  expect(
    (await as('coordinator', 'POST', '/api/parks/nowhere/assessments', { type: 'water', scope: 'x', validFrom: '2026-01-01', validUntil: '2026-12-31' }))
      .status,
  ).toBe(404);
  const assessment = { type: 'geological-hazards', scope: '全园区', validFrom: '2026-01-01', validUntil: '2099-12-31' };
  expect((await as('coordinator', 'POST', path, assessment)).status).toBe(201);
  expect((await as('enterprise', 'GET', '/api/parks')).body.parks).toEqual([
    expect.objectContaining({ id: 'optics-valley', assessments: [expect.objectContaining(assessment)] }),
  ]);

  const register = (parkId?: string) =>
    as('coordinator', 'POST', '/api/projects', {
      title: '园区项目',
      definitionId: 'wuhan-park-test',
      enterpriseId: 'ent-a',
      attributes: ATTRIBUTES,
      ...(parkId ? { parkId } : {}),
    });
  const unknown = await register('atlantis');
  expect([unknown.status, unknown.body.error.issues]).toEqual([400, [{ path: 'parkId', message: 'not a registered park (GET /api/parks)' }]]);
  const inPark = await register('optics-valley');
  expect(inPark.status).toBe(201);
  const engine = gateway.engines.get(inPark.body.id)!;
  expect(engine.input.park).toMatchObject({ id: 'optics-valley', name: '光谷生物城', assessments: [expect.objectContaining({ type: 'geological-hazards' })] });
  // The application leaves the report out: intake does not ask for it.
  const stage = engine.input.spec.stages[0]!;
  const materials = [...new Set(stage.items.flatMap((i) => i.materials.filter((m) => !m.providedByResult && m.id !== 'geo-hazard-report').map((m) => m.id)))];
  const form = Object.fromEntries(stage.formFields.map((f) => [f.id, 'x']));
  const submitted = await as('enterprise', 'POST', `/api/projects/${inPark.body.id}/events`, { type: 'submitApplication', stageId: stage.id, form, materials });
  expect(submitted.status).toBe(200);
  const view = (await as('enterprise', 'GET', `/api/projects/${inPark.body.id}`)).body;
  expect(view.stages[0].missing.map((m: { materialId: string }) => m.materialId)).not.toContain('geo-hazard-report');
  expect(view.satisfied).toContainEqual(expect.objectContaining({ forMaterialId: 'geo-hazard-report', source: 'park', parkName: '光谷生物城' }));
});

test("the enterprise's provider selection: unknown providers and providers without the service's type are refused naming providerId; a listed one is recorded by name", async () => {
  const { as } = await setUp();
  const design = (await as('coordinator', 'POST', '/api/providers', { name: '某建筑设计院', qualifications: ['工程设计甲级'], serviceTypes: ['fire-design'] }))
    .body;
  const eia = (await as('coordinator', 'POST', '/api/providers', { name: '某环评公司', qualifications: ['环评资质'], serviceTypes: ['eia-report'] })).body;
  const created = await as('coordinator', 'POST', '/api/projects', {
    title: '中介项目',
    definitionId: 'wuhan-park-test',
    enterpriseId: 'ent-a',
    attributes: ATTRIBUTES,
  });
  const events = `/api/projects/${created.body.id}/events`;
  const select = (providerId: string) =>
    as('enterprise', 'POST', events, { type: 'selectIntermediary', serviceId: 'fire-design-service', providerId, deliveryOn: '2099-01-04' });
  const missing = await select('999999');
  expect([missing.status, missing.body.error.issues[0].path]).toEqual([400, 'providerId']);
  const wrongType = await select(eia.id);
  expect([wrongType.status, wrongType.body.error.issues[0]]).toEqual([400, { path: 'providerId', message: '某环评公司 does not offer fire-design' }]);
  expect(
    (await as('coordinator', 'POST', events, { type: 'selectIntermediary', serviceId: 'fire-design-service', providerId: design.id, deliveryOn: '2099-01-04' }))
      .status,
  ).toBe(403);
  expect((await select(design.id)).status).toBe(200);
  const view = (await as('enterprise', 'GET', `/api/projects/${created.body.id}`)).body;
  expect(view.intermediaries[0]).toMatchObject({
    serviceId: 'fire-design-service',
    provider: { providerId: design.id, providerName: '某建筑设计院', deliveryOn: '2099-01-04' },
  });
});
