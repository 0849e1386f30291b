/**
 * Agents and follow-up in the browser (issue 15, items 5 and 6): the coordinator records a
 * delegation, picking agent and enterprise by name; the agent (代办) picks the
 * enterprise it acts for, hands in a file for it, withdraws the project and rates it 2 of 5 for the enterprise — the
 * history says "agent for enterprise" —; the bad rating opens a follow-up case that the
 * coordinator calls back and verifies, the stage's lead department corrects, and the coordinator
 * closes, in time.
 */
import { act, ENTERPRISE, ENTERPRISE_NAME, type Rig, startRig } from './browser';
import { followUpToClosure, rateStage } from './follow-up';
import { accept, apply, preparation, register } from './projects';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

test('an agent acts for the enterprise; its bad rating is followed up to closure', async () => {
  await rig.run(async () => {
    const projectId = await register(rig, '代办与回访');
    await apply(rig, projectId);
    await accept(rig, projectId);
    // The coordinator records the enterprise's delegation, picking the agent and the enterprise by name.
    const { page: c } = await rig.loginAs('coordinator');
    await c.goto(`${rig.baseUrl}/delegations`);
    await c.getByLabel('代办人', { exact: true }).click();
    await c.locator('.ant-select-item-option').filter({ hasText: '代办员（agent-e2e）' }).click();
    await c.getByLabel('企业', { exact: true }).fill('东湖光电');
    await c.locator('.ant-select-item-option').filter({ hasText: ENTERPRISE_NAME }).click();
    await c.getByLabel('项目（留空为全部）').fill(projectId);
    await c.getByTestId('delegation-submit').click();
    await c.getByTestId('delegations').getByText(projectId).waitFor();

    const { page: a } = await rig.loginAs('agent-e2e');
    await a.getByRole('heading', { name: '代办项目', level: 1 }).waitFor();
    await a.getByTestId('acting-for').getByText(ENTERPRISE).waitFor();
    await a.getByTestId('agent-projects').getByRole('link', { name: '代办与回访' }).click();
    // It hands in a file for the enterprise on the project page.
    const file = { name: '代办补交材料.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') };
    const material = preparation.items[0]!.materials[0]!.id;
    await a.getByTestId('material-files').locator(`[data-material="${material}"] input[type="file"]`).setInputFiles(file);
    await a.getByTestId('material-files').getByText(file.name).waitFor();
    await act(a, '撤回项目', (d) => d.getByLabel('理由').fill('企业委托代办撤回'));
    await rateStage(a, preparation.title.zh, 2, '等待太久');
    await a.getByText('代办 · 代办员（代表企业 ent-e2e-optics）').first().waitFor();

    await followUpToClosure(rig, c, projectId, 2, `dept-${preparation.leadDepartment}`, '已优化窗口排队');
  });
});
