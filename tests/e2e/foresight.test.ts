/**
 * Foresight in the browser (issue 17): the enterprise's progress page leads with who holds each
 * open thread now (a correction waiting for it, reviews with their departments); the project
 * page shows the forecast above its Gantt; the coordinator's workbench lists projects at risk.
 */
import { ENTERPRISE, type Rig, startRig } from './browser';
import { accept, apply, askCorrection, preparation, register } from './projects';

const EIA = preparation.items.find((i) => i.id === 'eia-form-approval')!;

let rig: Rig;
let projectId: string;
beforeAll(async () => {
  rig = await startRig();
  await rig.run(async () => {
    projectId = await register(rig, `谁在办理（浏览器测试 ${Date.now() % 100000}）`);
    await apply(rig, projectId);
    await accept(rig, projectId);
    await askCorrection(rig, projectId, EIA.id, '缺少噪声影响分析');
  });
});
afterAll(async () => {
  await rig?.close();
});

test("the enterprise's progress page leads with who holds it now; the project page shows the forecast", async () => {
  await rig.run(async () => {
    const { page: e } = await rig.loginAs(ENTERPRISE);
    const card = e.getByTestId(`progress-${projectId}`);
    const holders = card.getByTestId('holders');
    await holders.getByText(`${EIA.title.zh}：生态环境局要求补正`, { exact: false }).waitFor();
    // First in the card's body, before the to-do list and the schedule.
    const first = await card.locator('.ant-card-body .ant-space-item').first().getByTestId('holders').count();
    expect(first).toBe(1);
    expect(await holders.locator('li[data-holder="department"]').count()).toBeGreaterThan(0);

    await card.getByRole('link', { name: '打开' }).click();
    await e.getByTestId('holders').waitFor();
    await e
      .getByTestId('forecast')
      .getByText(/预计办结：P50 \d{4}-\d\d-\d\d，P90 \d{4}-\d\d-\d\d/)
      .waitFor();
  });
}, 300_000);

test("the coordinator's workbench lists projects at risk with the chance to miss the ceiling", async () => {
  await rig.run(async () => {
    const { page: c } = await rig.loginAs('coordinator');
    const risks = c.getByTestId('at-risk');
    await risks.getByRole('row').nth(1).waitFor();
    expect(await risks.getByRole('row').nth(1).innerText()).toMatch(/\d+%/);
  });
}, 300_000);
