/**
 * Drivers of 好差评 in the browser (issue 15, item 6), shared by the walks that end in a bad rating:
 * the enterprise (or its agent) rates a stage, and the bad rating's case is followed up to closure.
 */
import type { Page } from 'playwright-core';
import type { Rig } from './browser';

/** Rates the stage `score` stars of 5 with a comment, from the project page open on `page`. */
export async function rateStage(page: Page, stageTitle: string, score: number, comment: string): Promise<void> {
  await page.getByRole('button', { name: `评价（好差评）：${stageTitle}` }).click();
  const rating = page.getByRole('dialog');
  await rating
    .locator('.ant-rate-star')
    .nth(score - 1)
    .click();
  await rating.getByLabel('评价内容').fill(comment);
  await rating.getByRole('button', { name: /确\s*认/ }).click();
  await rating.waitFor({ state: 'hidden' });
}

/**
 * The bad rating of `projectId` (rated `score`) through its case: the coordinator (signed in on
 * `coordinator`) calls back and verifies, `department` corrects with `note`, the coordinator closes; closed in time.
 */
export async function followUpToClosure(rig: Rig, coordinator: Page, projectId: string, score: number, department: string, note: string): Promise<void> {
  const c = coordinator;
  await c.getByRole('link', { name: '回访整改' }).click();
  const row = c.getByTestId('follow-up-cases').getByRole('row').filter({ hasText: projectId });
  await row.getByText(`差评 ${score}/5`).waitFor();
  const caseLink = row.getByRole('link').first();
  const caseId = (await caseLink.textContent())!;
  await caseLink.click();
  await c.getByTestId('follow-up-state').getByText('回访').waitFor();
  await c.getByTestId('step-CALL_BACK').click();
  await c.getByTestId('follow-up-state').getByText('核实').waitFor();
  await c.getByTestId('step-VERIFY').click();
  await c.getByTestId('follow-up-state').getByText('整改或说明').waitFor();

  const { page: d } = await rig.loginAs(department);
  await d.goto(`${rig.baseUrl}/follow-up/${caseId}`);
  await d.getByLabel('处理说明').fill(note);
  await d.getByTestId('step-CORRECT').click();
  await d.getByTestId('follow-up-state').getByText('办结').waitFor();

  await c.reload();
  await c.getByTestId('step-CLOSE').click();
  await c.getByTestId('follow-up-state').getByText('已办结').waitFor();
  await c.getByText('按时办结').waitFor();
}
