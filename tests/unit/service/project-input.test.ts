/**
 * Project routes refuse bad input and wrong roles before anything reaches the engine (here
 * there is no Temporal at all: a request that gets past the checks answers 503).
 */
import { call, login, testApp } from '../../helpers/service';

let app: Awaited<ReturnType<typeof testApp>>;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  app = await testApp();
  for (const u of ['coordinator', 'dept-ecology-environment', 'ent-a']) tokens[u] = await login(app, u);
});

const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const project = (extra: Record<string, unknown> = {}) => ({
  title: '武汉某工业项目',
  definitionId: 'wuhan-industrial',
  enterpriseId: 'ent-a',
  attributes: ATTRIBUTES,
  ...extra,
});
const paths = (body: { error: { issues: { path: string }[] } }) => body.error.issues.map((i) => i.path).sort();

test('registration refuses each bad field with its path and reason', async () => {
  const cases: [Record<string, unknown>, string[]][] = [
    [project({ title: '' }), ['title']],
    [project({ definitionId: 'no-such-process' }), ['definitionId']],
    [project({ definitionVersion: 99 }), ['definitionVersion']],
    [project({ attributes: { ...ATTRIBUTES, floorArea: 'big' } }), ['attributes.floorArea']],
    [project({ attributes: { ...ATTRIBUTES, colour: 'red' } }), ['attributes.colour']],
    [project({ attributes: { floorArea: 1 } }), ['attributes.eiaCategory', 'attributes.investment']],
    [project({ projectId: '../etc/passwd' }), ['projectId']],
    [project({ preparationDays: { 'no-such-stage': 3 } }), ['preparationDays.no-such-stage']],
    [project({ enterpriseId: undefined }), ['enterpriseId']],
    [project({ owner: 'me' }), ['']],
  ];
  for (const [body, expected] of cases) {
    const res = await call(app, 'POST', '/api/projects', { token: tokens.coordinator, body });
    expect([JSON.stringify(body).slice(0, 80), res.status, res.body.error.code]).toEqual([JSON.stringify(body).slice(0, 80), 400, 'VALIDATION']);
    expect(paths(res.body)).toEqual(expected);
  }
});

test('a department cannot register; an enterprise only for itself', async () => {
  const dept = await call(app, 'POST', '/api/projects', { token: tokens['dept-ecology-environment'], body: project() });
  expect([dept.status, dept.body.error.code]).toEqual([403, 'FORBIDDEN']);
  const foreign = await call(app, 'POST', '/api/projects', { token: tokens['ent-a'], body: project({ enterpriseId: 'ent-b' }) });
  expect([foreign.status, paths(foreign.body)]).toEqual([403, ['enterpriseId']]);
});

test('valid input reaches the engine, which is absent here: 503, not 500', async () => {
  const res = await call(app, 'POST', '/api/projects', { token: tokens['ent-a'], body: project({ enterpriseId: undefined }) });
  expect([res.status, res.body.error.code]).toEqual([503, 'UNAVAILABLE']);
  expect((await call(app, 'GET', '/api/projects/p1', { token: tokens.coordinator })).status).toBe(503);
  // Lists come from the read model in PostgreSQL: they still answer while the engine is away.
  const list = await call(app, 'GET', '/api/projects', { token: tokens.coordinator });
  expect([list.status, list.body.total]).toEqual([200, 0]);
});

test('commands are checked against the tagged union before the engine', async () => {
  const send = (body: unknown, headers: Record<string, string> = {}) =>
    call(app, 'POST', '/api/projects/p1/events', { token: tokens['dept-ecology-environment'], body, headers });
  expect(paths((await send({ type: 'approveReview' })).body)).toEqual(['itemId']);
  expect(paths((await send({ type: 'rejectReview', itemId: 'eia', reason: '   ' })).body)).toEqual(['reason']);
  expect(paths((await send({ type: 'grantExtension', itemId: 'eia', days: 40, reason: 'x' })).body)).toEqual(['days']);
  expect(paths((await send({ type: 'approveReview', itemId: 'eia', verdict: 'yes' })).body)).toEqual(['']);
  expect((await send({ type: 'launchRocket' })).body.error.issues[0].path).toBe('type');
  expect((await send([])).status).toBe(400);
  expect((await send('"approve"')).status).toBe(400);
  expect(paths((await send({ type: 'approveReview', itemId: 'eia' }, { 'Idempotency-Key': 'x'.repeat(201) })).body)).toEqual(['header.idempotency-key']);
  const bad = await call(app, 'POST', '/api/projects/has%20space/events', { token: tokens.coordinator, body: { type: 'withdraw', reason: 'x' } });
  expect([bad.status, paths(bad.body)]).toEqual([400, ['path.id']]);
  const rating = await call(app, 'POST', '/api/projects/p1/rating', { token: tokens['ent-a'], body: { stageId: 'preparation', score: 6 } });
  expect([rating.status, paths(rating.body)]).toEqual([400, ['score']]);
});

test('list filters are checked before they reach a visibility query', async () => {
  const cases: [string, string][] = [
    ["/api/projects?enterprise=x' OR 1=1", 'query.enterprise'],
    ['/api/projects?status=sleeping', 'query.status'],
    ['/api/projects?card=blue', 'query.card'],
    ['/api/projects?pageSize=1000', 'query.pageSize'],
    ["/api/projects?text=a'b", 'query.text'],
    ['/api/projects?sort=asc', ''],
  ];
  for (const [path, field] of cases) {
    const res = await call(app, 'GET', path, { token: tokens.coordinator });
    expect([path, res.status]).toEqual([path, 400]);
    expect(paths(res.body)[0]).toBe(field === '' ? 'query' : field);
  }
});

test('supervision is for coordinators only', async () => {
  for (const u of ['dept-ecology-environment', 'ent-a']) expect((await call(app, 'GET', '/api/supervision', { token: tokens[u] })).status).toBe(403);
  expect((await call(app, 'GET', '/api/supervision?format=xml', { token: tokens.coordinator })).status).toBe(400);
});

test('the OpenAPI document lists the project routes with the command union', async () => {
  const doc = (await call(app, 'GET', '/api/openapi.json')).body;
  for (const path of [
    '/api/projects',
    '/api/projects/{id}',
    '/api/projects/{id}/history',
    '/api/projects/{id}/events',
    '/api/projects/{id}/rating',
    '/api/tasks',
    '/api/supervision',
  ])
    expect(doc.paths[path]).toBeDefined();
  const body = doc.paths['/api/projects/{id}/events'].post.requestBody.content['application/json'].schema;
  expect(JSON.stringify(body)).toContain('approveReview');
});
