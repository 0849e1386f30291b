/**
 * The enterprise directory through the API: coordinators list, search, add (confirmed), edit and
 * confirm; an enterprise whose enterprise is not listed asks to be (pending) and reads only its own
 * entry; departments are refused. Bad input is a 400 naming the field (a wrong credit code names
 * the check character expected), a taken credit code 409, an unknown entry 404, never a 500.
 * Registration needs a confirmed entry.
 */
import { MemoryGateway } from '../../helpers/memory-gateway';
import { DEFAULT_ATTRIBUTES } from '../../helpers/projects';
import { call, login, testApp, testCreditCode, testDb } from '../../helpers/service';
import { hashPassword } from '../../../service/users/passwords';
import { userRow } from '../../../service/users/store';
import { ReadModelStore } from '../../../db/read-model/store';

let app: Awaited<ReturnType<typeof testApp>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const db = await testDb();
  // An enterprise account from before the directory: its enterprise is not listed.
  await db
    .insertInto('users')
    .values(
      userRow({
        username: 'ent-new',
        displayName: '新来企业',
        role: 'enterprise',
        enterpriseId: 'ent-new',
        passwordHash: await hashPassword('a long enough secret', { N: 1024, r: 8, p: 1 }),
      }),
    )
    .execute();
  const gateway = new MemoryGateway(undefined, undefined, new ReadModelStore(db));
  app = await testApp({ projects: gateway.asGateway() });
  for (const u of ['coordinator', 'dept-ecology-environment', 'ent-a']) tokens[u] = await login(app, u);
  tokens['ent-new'] = await login(app, 'ent-new', 'a long enough secret');
});

const as = (who: string, method: string, path: string, body?: unknown) => call(app, method, path, { token: tokens[who], body });
const NEW = {
  name: '武汉新来科技有限公司',
  creditCode: testCreditCode('ent-new'),
  address: '湖北省武汉市江汉区建设大道 1 号',
  contacts: [{ name: '周九', phone: '027-8123 4567', email: 'zhoujiu@example.cn' }],
};
const register = (who: string, enterpriseId?: string) =>
  as(who, 'POST', '/api/projects', {
    title: '新来科技厂房',
    definitionId: 'wuhan-industrial',
    ...(enterpriseId ? { enterpriseId } : {}),
    attributes: DEFAULT_ATTRIBUTES,
  });

test('an unlisted enterprise cannot register; it asks to be listed (pending), a coordinator confirms, then it registers', async () => {
  const before = await register('ent-new');
  expect([before.status, before.body.error.code, before.body.error.issues]).toEqual([
    400,
    'VALIDATION',
    [{ path: 'enterpriseId', message: expect.stringMatching(/not in the enterprise directory/) }],
  ]);

  const asked = await as('ent-new', 'POST', '/api/enterprises', NEW);
  expect([asked.status, asked.headers.get('Location')]).toEqual([201, '/api/enterprises/ent-new']);
  expect(asked.body).toMatchObject({ id: 'ent-new', name: NEW.name, creditCode: NEW.creditCode, status: 'pending', createdBy: 'ent-new', confirmedAt: null });
  expect((await as('ent-new', 'GET', '/api/enterprises/ent-new')).body.status).toBe('pending');
  // Asking twice is a conflict, not a second entry.
  expect((await as('ent-new', 'POST', '/api/enterprises', { ...NEW, creditCode: testCreditCode('ent-new-2') })).status).toBe(409);

  const pending = await register('coordinator', 'ent-new');
  expect([pending.status, pending.body.error.issues]).toEqual([409, [{ path: 'enterpriseId', message: 'listed but not yet confirmed by a coordinator' }]]);
  const queue = await as('coordinator', 'GET', '/api/enterprises?status=pending');
  expect(queue.body.enterprises.map((e: { id: string }) => e.id)).toEqual(['ent-new']);

  const confirmed = await as('coordinator', 'POST', '/api/enterprises/ent-new/confirm');
  expect([confirmed.status, confirmed.body.status, confirmed.body.confirmedBy]).toEqual([200, 'confirmed', 'coordinator']);
  expect((await as('coordinator', 'POST', '/api/enterprises/ent-new/confirm')).status).toBe(409);
  const registered = await register('ent-new');
  expect(registered.status).toBe(201);
  // The project's page names the enterprise.
  const detail = await as('ent-new', 'GET', `/api/projects/${registered.body.id}`);
  expect([detail.body.enterpriseId, detail.body.enterpriseName]).toEqual(['ent-new', NEW.name]);
});

test('a coordinator adds (confirmed), searches by name or code, and edits; registration takes the entry at once', async () => {
  const added = await as('coordinator', 'POST', '/api/enterprises', {
    name: '武汉长江精密机械有限公司',
    creditCode: testCreditCode('ent-yangtze').toLowerCase(),
    address: '武汉市青山区',
    contacts: [{ name: '吴十', phone: '13800001111' }],
  });
  expect(added.status).toBe(201);
  // Stored in upper case; without a chosen id, the id follows from the code.
  expect(added.body).toMatchObject({
    id: `ent-${testCreditCode('ent-yangtze').toLowerCase()}`,
    creditCode: testCreditCode('ent-yangtze'),
    status: 'confirmed',
  });
  const chosen = await as('coordinator', 'POST', '/api/enterprises', {
    ...NEW,
    id: 'ent-chosen',
    name: '选定编号有限公司',
    creditCode: testCreditCode('ent-chosen'),
  });
  expect([chosen.status, chosen.body.id]).toEqual([201, 'ent-chosen']);

  const byName = await as('coordinator', 'GET', `/api/enterprises?q=${encodeURIComponent('长江精密')}`);
  expect(byName.body.enterprises.map((e: { name: string }) => e.name)).toEqual(['武汉长江精密机械有限公司']);
  const byCode = await as('coordinator', 'GET', `/api/enterprises?q=${testCreditCode('ent-yangtze').slice(0, 12).toLowerCase()}`);
  expect(byCode.body.enterprises.map((e: { name: string }) => e.name)).toEqual(['武汉长江精密机械有限公司']);
  const paged = await as('coordinator', 'GET', '/api/enterprises?pageSize=1&page=2');
  expect([paged.body.enterprises.length, paged.body.total >= 4, paged.body.page]).toEqual([1, true, 2]);

  const edited = await as('coordinator', 'PATCH', `/api/enterprises/${added.body.id}`, { address: '武汉市青山区和平大道 9 号' });
  expect([edited.status, edited.body.address, edited.body.name]).toEqual([200, '武汉市青山区和平大道 9 号', '武汉长江精密机械有限公司']);
  expect((await register('coordinator', added.body.id)).status).toBe(201);
});

test('an enterprise reads its own entry only; departments have no access to the directory', async () => {
  expect((await as('ent-a', 'GET', '/api/enterprises/ent-a')).body.name).toBe('企业甲有限公司');
  const other = await as('ent-a', 'GET', '/api/enterprises/ent-b');
  const missing = await as('ent-a', 'GET', '/api/enterprises/ent-nobody');
  expect([other.status, other.text.replace('ent-b', 'ID')]).toEqual([missing.status, missing.text.replace('ent-nobody', 'ID')]);
  for (const [method, path, body] of [
    ['GET', '/api/enterprises', undefined],
    ['PATCH', '/api/enterprises/ent-a', { address: '别处' }],
    ['POST', '/api/enterprises/ent-a/confirm', undefined],
    ['POST', '/api/enterprises', { ...NEW, id: 'ent-b', creditCode: testCreditCode('x') }],
  ] as const) {
    expect([method, path, (await as('ent-a', method, path, body)).status]).toEqual([method, path, 403]);
  }
  for (const [method, path, body] of [
    ['GET', '/api/enterprises', undefined],
    ['GET', '/api/enterprises/ent-a', undefined],
    ['POST', '/api/enterprises', { ...NEW, creditCode: testCreditCode('y') }],
    ['PATCH', '/api/enterprises/ent-a', { address: '别处' }],
    ['POST', '/api/enterprises/ent-a/confirm', undefined],
  ] as const) {
    expect([method, path, (await as('dept-ecology-environment', method, path, body)).status]).toEqual([method, path, 403]);
  }
  expect((await call(app, 'GET', '/api/enterprises')).status).toBe(401);
});

test('bad input is a 400 naming the field; a taken credit code 409; an unknown entry 404', async () => {
  const wrongCheck = `${NEW.creditCode.slice(0, 17)}${NEW.creditCode[17] === '0' ? '1' : '0'}`;
  const bad = await as('coordinator', 'POST', '/api/enterprises', { ...NEW, creditCode: wrongCheck });
  expect([bad.status, bad.body.error.issues]).toEqual([
    400,
    [{ path: 'creditCode', message: `check character (position 18) is '${wrongCheck[17]}', expected '${NEW.creditCode[17]}'` }],
  ]);
  const cases: [Record<string, unknown>, string][] = [
    [{ ...NEW, creditCode: 'ABC' }, 'creditCode'],
    [{ ...NEW, creditCode: `${NEW.creditCode.slice(0, 10)}O${NEW.creditCode.slice(11)}` }, 'creditCode'],
    [{ ...NEW, name: '  ' }, 'name'],
    [{ ...NEW, contacts: [] }, 'contacts'],
    [{ ...NEW, contacts: [{ name: '某', phone: 'call me' }] }, 'contacts.0.phone'],
    [{ ...NEW, contacts: [{ name: '某', phone: '027-1234 5678', email: 'not-an-email' }] }, 'contacts.0.email'],
    [{ ...NEW, id: '../x' }, 'id'],
    [{ ...NEW, status: 'confirmed' }, ''],
  ];
  for (const [body, path] of cases) {
    const res = await as('coordinator', 'POST', '/api/enterprises', body);
    expect([JSON.stringify(body).slice(0, 60), res.status, res.body.error.issues.map((i: { path: string }) => i.path)]).toEqual([
      JSON.stringify(body).slice(0, 60),
      400,
      [path],
    ]);
  }
  const taken = await as('coordinator', 'POST', '/api/enterprises', { ...NEW, id: 'ent-copy' });
  expect([taken.status, taken.body.error.issues]).toEqual([409, [{ path: 'creditCode', message: 'already in the directory' }]]);
  const takenId = await as('coordinator', 'POST', '/api/enterprises', { ...NEW, id: 'ent-a', creditCode: testCreditCode('z') });
  expect([takenId.status, takenId.body.error.issues[0].path]).toEqual([409, 'id']);
  const editTaken = await as('coordinator', 'PATCH', '/api/enterprises/ent-a', { creditCode: testCreditCode('ent-b') });
  expect([editTaken.status, editTaken.body.error.issues[0].path]).toEqual([409, 'creditCode']);
  expect((await as('coordinator', 'PATCH', '/api/enterprises/ent-a', {})).status).toBe(400);
  for (const [method, path, body] of [
    ['GET', '/api/enterprises/ent-nobody', undefined],
    ['PATCH', '/api/enterprises/ent-nobody', { address: '某处' }],
    ['POST', '/api/enterprises/ent-nobody/confirm', undefined],
  ] as const) {
    expect([method, (await as('coordinator', method, path, body)).status]).toEqual([method, 404]);
  }
  expect((await as('coordinator', 'GET', '/api/enterprises?status=gone')).status).toBe(400);
  expect((await register('coordinator', 'ent-nobody')).body.error.issues[0].path).toBe('enterpriseId');
});
