/**
 * Issue 15 in Debian's Chromium: on a project of the Zhanjiang ladder (zhanjiang-industrial) the
 * coordinator issues a 督办 from the project page (reason, working days), and the department
 * sees it on the same project's history with the reason; supervision lists it as open.
 */
import { getDefinition } from '../../definitions/process';
import { DEFAULT_ATTRIBUTES } from '../helpers/projects';
import { PASSWORD } from '../helpers/service';
import { act, ENTERPRISE, type Rig, startRig } from './browser';

const stage = getDefinition('zhanjiang-industrial')!.stages[0]!;
const EIA = stage.items.find((i) => i.id === 'eia-form-approval')!;

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

/** One call to the API as `username` (logged in for it). */
async function call(username: string, method: string, path: string, body?: unknown): Promise<any> {
  const auth = await fetch(`${rig.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const headers = { authorization: `Bearer ${((await auth.json()) as { token: string }).token}`, 'content-type': 'application/json' };
  const res = await fetch(`${rig.baseUrl}${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
  expect([method, path, res.status]).toEqual([method, path, method === 'POST' && path === '/api/projects' ? 201 : 200]);
  return res.json();
}

test('a coordinator issues a 督办 on a running review and the department sees it with its reason', async () => {
  await rig.run(async () => {
    const { id } = await call('coordinator', 'POST', '/api/projects', {
      title: `督办（浏览器测试 ${Date.now() % 100000}）`,
      definitionId: 'zhanjiang-industrial',
      enterpriseId: ENTERPRISE,
      attributes: DEFAULT_ATTRIBUTES,
    });
    const view = await call('coordinator', 'GET', `/api/projects/${id}`);
    const applicable = new Set(view.reviews.map((r: { itemId: string }) => r.itemId));
    const materials = [...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
    const form = Object.fromEntries(stage.form.fields.map((f) => [f.id, f.type === 'number' ? 50000 : f.type === 'date' ? '2027-03-01' : '示例']));
    await call(ENTERPRISE, 'POST', `/api/projects/${id}/events`, { type: 'submitApplication', stageId: stage.id, form, materials });
    await call('coordinator', 'POST', `/api/projects/${id}/events`, { type: 'decideIntake', stageId: stage.id, decision: 'accept' });

    const c = (await rig.loginAs('coordinator')).page;
    await c.goto(`${rig.baseUrl}/projects/${id}`);
    await act(c, `督办：${EIA.title.zh}`, async (d) => {
      await d.getByLabel('工作日数').fill('2');
      await d.getByLabel('理由').fill('群众反映审批进度慢，限期办结');
    });

    const g = (await rig.loginAs('dept-ecology-environment')).page;
    await g.goto(`${rig.baseUrl}/projects/${id}`);
    await g.getByText('群众反映审批进度慢，限期办结').first().waitFor();
    expect(await g.getByText('督办', { exact: true }).count()).toBeGreaterThan(0);
    const supervision = await call('coordinator', 'GET', '/api/supervision');
    expect(supervision.openSupervisionOrders).toContainEqual(expect.objectContaining({ projectId: id, itemId: EIA.id, departmentId: 'ecology-environment' }));
  });
});
