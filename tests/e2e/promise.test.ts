/**
 * 告知承诺 in the browser (issue 14 item 6): the enterprise reads the conditions and signs its
 * written promise, the department approves on it and, at the post-check, finds it false; the
 * coordinator sees the credit record it wrote; the enterprise's next project offers no promise
 * while the record stands, and does again once the coordinator clears it with a reason.
 */
import type { Page } from 'playwright-core';
import { energyReviewPromise } from '../../definitions/process/builtin/wuhan-industrial-v2';
import { act, ENTERPRISE, type Rig, startRig } from './browser';
import { accept, apiAs, apply, definition, register } from './projects';

const ENERGY = definition.stages[0]!.items.find((i) => i.id === 'energy-review')!;
const SIGN = `签署告知承诺书：${ENERGY.title.zh}`;

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

/** A project of the rig's enterprise whose energy review runs: applied for, accepted, the filing approved. */
async function energyReviewRunning(title: string): Promise<string> {
  const id = await register(rig, title);
  await apply(rig, id);
  await accept(rig, id);
  const reform = await apiAs(rig, 'dept-development-reform');
  await reform('POST', `/api/projects/${id}/events`, { type: 'approveReview', itemId: 'project-filing' });
  return id;
}

const openProject = (page: Page, id: string) => page.goto(`${rig.baseUrl}/projects/${encodeURIComponent(id)}`);

test('a promise-based approval: signed, approved on it, found false at the post-check; the credit record bars the next promise until cleared', async () => {
  await rig.run(async () => {
    const first = await energyReviewRunning('告知承诺光电一期');
    const { page: enterprise } = await rig.loginAs(ENTERPRISE);
    await openProject(enterprise, first);
    await act(enterprise, SIGN, async (dialog) => {
      // The 承诺书 shows what is promised, and is not signed without the confirmation.
      const conditions = dialog.getByTestId('promise-conditions');
      for (const c of energyReviewPromise.promise.conditions) await conditions.getByText(c.zh).waitFor();
      await dialog.getByRole('button', { name: /确\s*认/ }).click();
      await dialog.getByText('请勾选确认后签署').waitFor();
      await dialog.getByRole('checkbox').check();
    });

    const { page: reform } = await rig.loginAs('dept-development-reform');
    await openProject(reform, first);
    await act(reform, `按承诺批准：${ENERGY.title.zh}`);
    const promises = reform.getByTestId('promises');
    await promises.getByText('待核查').waitFor();
    await act(reform, `核查：承诺不实：${ENERGY.title.zh}`, async (dialog) => {
      await dialog.getByLabel('理由').fill('实际年综合能耗 3200 吨标准煤，超出承诺');
    });
    await promises.getByText('承诺不实（已撤销）').waitFor();

    // The worker writes the record; the coordinator's page shows it.
    const { page: coordinator } = await rig.loginAs('coordinator');
    await coordinator.getByRole('link', { name: '信用记录' }).click();
    const records = coordinator.getByTestId('credit-records');
    for (let i = 0; i < 20 && (await records.getByText('超出承诺').count()) === 0; i++) {
      await coordinator.waitForTimeout(500);
      await coordinator.reload();
    }
    await records.getByText('实际年综合能耗 3200 吨标准煤，超出承诺').waitFor();

    // The enterprise's next project: no promise offered while the record stands.
    const second = await energyReviewRunning('告知承诺光电二期');
    await openProject(enterprise, second);
    await enterprise.getByRole('heading', { name: '告知承诺光电二期' }).waitFor();
    await enterprise.getByText('您现在可以').waitFor();
    expect(await enterprise.getByRole('button', { name: SIGN, exact: true }).count()).toBe(0);

    await act(coordinator, `清除记录：${ENTERPRISE} energy-review`, async (dialog) => {
      await dialog.getByLabel('清除原因').fill('企业已完成整改并经现场核查');
    });
    await records.getByText(/已清除.*企业已完成整改并经现场核查/).waitFor();

    await enterprise.reload();
    await enterprise.getByRole('button', { name: SIGN, exact: true }).waitFor();
  });
});
