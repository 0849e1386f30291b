/**
 * Issue 14 in Debian's Chromium: the coordinator refuses to accept an application (不予受理)
 * with a reason from the list, and the enterprise reads the reasons and its rights of appeal on
 * its project page; a department asks for an extension, which only its head may approve
 * (行政许可法 art. 42(1)), and the approved days move the review's legal due date.
 */
import { getDefinition } from '../../definitions/process';
import type { THistoryEntry } from '../../workflows/engine/history';
import { DEFAULT_ATTRIBUTES } from '../helpers/projects';
import { PASSWORD } from '../helpers/service';
import { act, ENTERPRISE, type Rig, startRig } from './browser';

const definition = getDefinition('wuhan-industrial')!;
const preparation = definition.stages[0]!;
const EIA = preparation.items.find((i) => i.id === 'eia-form-approval')!;

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

/** Calls the API as `username`. */
async function api(username: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const login = await fetch(`${rig.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${rig.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: await res.json() };
}

/** A project registered by the coordinator with its preparation application submitted, complete. */
async function submittedProject(title: string): Promise<string> {
  const created = await api('coordinator', 'POST', '/api/projects', {
    title,
    definitionId: 'wuhan-industrial',
    enterpriseId: ENTERPRISE,
    attributes: DEFAULT_ATTRIBUTES,
  });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const view = (await api('coordinator', 'GET', `/api/projects/${id}`)).body;
  const applicable = new Set(view.reviews.map((r: { itemId: string }) => r.itemId));
  const materials = [...new Set(preparation.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
  const form = Object.fromEntries(preparation.form.fields.map((f) => [f.id, f.type === 'number' ? 50000 : f.type === 'date' ? '2027-03-01' : '示例']));
  expect((await api(ENTERPRISE, 'POST', `/api/projects/${id}/events`, { type: 'submitApplication', stageId: preparation.id, form, materials })).status).toBe(
    200,
  );
  return id;
}

test('a refusal to accept with its reasons and rights; an extension approved by the department head', async () => {
  await rig.run(async () => {
    // 不予受理: the coordinator picks the reason from the list and gives the reasons in words.
    const refused = await submittedProject(`不予受理（浏览器测试 ${Date.now() % 100000}）`);
    const c = (await rig.loginAs('coordinator')).page;
    await c.goto(`${rig.baseUrl}/projects/${refused}`);
    await act(c, `不予受理：${preparation.title.zh}`, async (d) => {
      await d.getByText(/可以自收到本决定书之日起六十日内依法申请行政复议/).waitFor();
      await d.getByRole('radio', { name: '申请事项依法不属于本机关职权范围' }).check();
      await d.getByLabel('理由').fill('本项目由省级投资主管部门核准，请向省政务服务中心申请');
    });
    // The enterprise reads it on its project page, with its rights of appeal.
    const e = (await rig.loginAs(ENTERPRISE)).page;
    await e.goto(`${rig.baseUrl}/projects/${refused}`);
    const refusal = e.locator('.ant-alert', { hasText: '不予受理决定' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('申请事项依法不属于本机关职权范围');
    expect(await refusal.innerText()).toContain('请向省政务服务中心申请');
    expect(await refusal.innerText()).toMatch(/六十日内依法申请行政复议.*六个月内依法向人民法院提起行政诉讼/s);

    // An extension: 生态环境 asks, its head approves (the department's own user is not offered it).
    const extended = await submittedProject(`延期（浏览器测试 ${Date.now() % 100000}）`);
    expect(
      (await api('coordinator', 'POST', `/api/projects/${extended}/events`, { type: 'decideIntake', stageId: preparation.id, decision: 'accept' })).status,
    ).toBe(200);
    const dueBefore = (await api('coordinator', 'GET', `/api/projects/${extended}`)).body.reviews.find((r: { itemId: string }) => r.itemId === EIA.id).clock
      .legalDueAt;
    const g = (await rig.loginAs('dept-ecology-environment')).page;
    await g.goto(`${rig.baseUrl}/projects/${extended}`);
    await act(g, `申请延期（报本机关负责人批准）：${EIA.title.zh}`, async (d) => {
      await d.getByLabel('工作日数').fill('5');
      await d.getByLabel('理由').fill('需现场核查噪声敏感点');
    });
    await g.reload();
    await g.getByRole('button', { name: `申请延期（报本机关负责人批准）：${EIA.title.zh}`, exact: true }).waitFor({ state: 'detached' });
    expect(await g.getByRole('button', { name: `审批延期（机关负责人）：${EIA.title.zh}`, exact: true }).count()).toBe(0);
    const h = (await rig.loginAs('head-ecology-environment')).page;
    await h.goto(`${rig.baseUrl}/projects/${extended}`);
    await act(h, `审批延期（机关负责人）：${EIA.title.zh}`, async (d) => {
      await d.getByText('需现场核查噪声敏感点').waitFor();
      await d.getByRole('radio', { name: '批准', exact: true }).check();
    });
    const history: THistoryEntry[] = (await api('coordinator', 'GET', `/api/projects/${extended}/history`)).body.entries;
    expect(history.find((x) => x.type === 'extensionGranted')).toMatchObject({ itemId: EIA.id, reason: '需现场核查噪声敏感点' });
    const dueAfter = (await api('coordinator', 'GET', `/api/projects/${extended}`)).body.reviews.find((r: { itemId: string }) => r.itemId === EIA.id).clock
      .legalDueAt;
    expect(Date.parse(dueAfter)).toBeGreaterThan(Date.parse(dueBefore));
  });
});
