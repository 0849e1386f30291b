/**
 * Issue 15's walk in Debian's Chromium, on the built-in Zhanjiang definition (version 2, whose
 * ecology department signs 承办 → 审核 → 批准): the coordinator issues a 督办 on the EIA review;
 * the department's head assigns the task from the pool, its holder transfers it (away on
 * business), the new holder drafts the approval, the reviewer and the head sign, each seeing the
 * signatures by step name; the stage's results are issued, the enterprise rates the stage 2 of 5,
 * and the bad rating is called back, verified, corrected and closed in time.
 */
import type { Page } from 'playwright-core';
import { getDefinition } from '../../definitions/process';
import { DEFAULT_ATTRIBUTES } from '../helpers/projects';
import { act, ENTERPRISE, type Rig, startRig } from './browser';
import { followUpToClosure, rateStage } from './follow-up';
import { apiAs } from './projects';

const definition = getDefinition('zhanjiang-industrial')!;
const stage = definition.stages[0]!;
const EIA = stage.items.find((i) => i.id === 'eia-form-approval')!;
const CHAIN_DEPARTMENT = EIA.department;

interface View {
  definition: { version: number };
  reviews: { itemId: string; stageId: string; departmentId: string; status: string }[];
  actions: { type: string; stageId?: string }[];
}

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

/**
 * Opens the inbox's tab and waits for the task's button (the inbox reads the read model, which
 * trails a decision by a moment: the page is opened again until it shows).
 */
async function inboxButton(page: Page, tab: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.goto(`${rig.baseUrl}/inbox`);
    await page.getByTestId('inbox-tabs').getByText(tab, { exact: true }).click();
    try {
      await page.getByRole('button', { name, exact: true }).waitFor({ timeout: 4000 });
      return;
    } catch (err) {
      if (attempt >= 8) throw err;
    }
  }
}

/** Picks the colleague `username` in the dialog's 交由 field. */
async function pickColleague(page: Page, dialog: ReturnType<Page['getByRole']>, username: string): Promise<void> {
  await dialog.getByLabel('交由').click();
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: `（${username}）` })
    .click();
}

/** Every other review of the stage decided through the API by its department (the ecology department's through its chain). */
async function decideTheRest(projectId: string): Promise<void> {
  const coordinator = await apiAs(rig, 'coordinator');
  for (let round = 0; round < 10; round++) {
    const view = await coordinator<View>('GET', `/api/projects/${projectId}`);
    const open = view.reviews.filter((r) => r.stageId === stage.id && !['approved', 'approvedWithConditions', 'rejected', 'cancelled'].includes(r.status));
    if (open.length === 0) return;
    for (const r of open.filter((x) => x.status === 'inReview')) {
      const as = (username: string) => apiAs(rig, username);
      if (r.departmentId !== CHAIN_DEPARTMENT) {
        await (
          await as(`dept-${r.departmentId}`)
        )('POST', `/api/projects/${projectId}/events`, { type: 'approveReview', itemId: r.itemId });
        continue;
      }
      await (
        await as(`dept-${CHAIN_DEPARTMENT}`)
      )('POST', `/api/projects/${projectId}/events`, { type: 'draftDecision', itemId: r.itemId, decision: { kind: 'approve' } });
      for (const signer of [`reviewer-${CHAIN_DEPARTMENT}`, `head-${CHAIN_DEPARTMENT}`])
        await (
          await as(signer)
        )('POST', `/api/projects/${projectId}/events`, { type: 'signDecision', itemId: r.itemId });
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${stage.id}'s reviews of ${projectId} are still open`);
}

test('a review passes a three-step chain with a transfer and a 督办; a bad rating of the stage is followed up to closure', async () => {
  await rig.run(async () => {
    const coordinatorApi = await apiAs(rig, 'coordinator');
    const created = await coordinatorApi<{ id: string; definition: { version: number } }>('POST', '/api/projects', {
      title: `签批与督办（浏览器测试 ${Date.now() % 100000}）`,
      definitionId: definition.id,
      enterpriseId: ENTERPRISE,
      attributes: DEFAULT_ATTRIBUTES,
    });
    const id = created.id;
    expect(created.definition.version).toBe(2);
    const enterpriseApi = await apiAs(rig, ENTERPRISE);
    const applicable = new Set((await coordinatorApi<View>('GET', `/api/projects/${id}`)).reviews.map((r) => r.itemId));
    const materials = [...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
    const form = Object.fromEntries(stage.form.fields.map((f) => [f.id, f.type === 'number' ? 50000 : f.type === 'date' ? '2027-03-01' : '示例']));
    await enterpriseApi('POST', `/api/projects/${id}/events`, { type: 'submitApplication', stageId: stage.id, form, materials });
    await coordinatorApi('POST', `/api/projects/${id}/events`, { type: 'decideIntake', stageId: stage.id, decision: 'accept' });

    // 督办: the coordinator sets the EIA review a deadline with a reason.
    const c = (await rig.loginAs('coordinator')).page;
    await c.goto(`${rig.baseUrl}/projects/${id}`);
    await act(c, `督办：${EIA.title.zh}`, async (d) => {
      await d.getByLabel('工作日数').fill('3');
      await d.getByLabel('理由').fill('企业反映环评审批慢，限期办结');
    });

    // The head assigns the task from the department's pool to its handler.
    const head = (await rig.loginAs(`head-${CHAIN_DEPARTMENT}`)).page;
    await inboxButton(head, '本部门待分配', `分派：${EIA.title.zh}`);
    await act(head, `分派：${EIA.title.zh}`, (d) => pickColleague(head, d, `dept-${CHAIN_DEPARTMENT}`));

    // The handler is away: it transfers the task, with the reason, to a colleague.
    const handler = (await rig.loginAs(`dept-${CHAIN_DEPARTMENT}`)).page;
    await inboxButton(handler, '我的', `转办：${EIA.title.zh}`);
    await act(handler, `转办：${EIA.title.zh}`, async (d) => {
      await pickColleague(handler, d, `dept2-${CHAIN_DEPARTMENT}`);
      await d.getByLabel('理由').fill('出差');
    });

    // The new holder finds it under 我的 and drafts the approval (承办).
    const holder = (await rig.loginAs(`dept2-${CHAIN_DEPARTMENT}`)).page;
    await inboxButton(holder, '我的', `转办：${EIA.title.zh}`);
    await holder.goto(`${rig.baseUrl}/projects/${id}`);
    await act(holder, `承办拟办：${EIA.title.zh}`, (d) => d.getByLabel('批准条件').fill('落实环评批复要求'));

    // 审核: the reviewer sees the handler's signature by step name, who and when, and signs.
    const reviewer = (await rig.loginAs(`reviewer-${CHAIN_DEPARTMENT}`)).page;
    await reviewer.goto(`${rig.baseUrl}/projects/${id}`);
    await act(reviewer, `签批：${EIA.title.zh}`, async (d) => {
      await d.getByTestId('signoff-draft').getByText('落实环评批复要求').waitFor();
      await d.getByTestId('signoff-signatures').getByText(`承办 · 生态环境局承办人乙（dept2-${CHAIN_DEPARTMENT}）`, { exact: false }).waitFor();
      await d.getByTestId('signoff-due').getByText('待审核').waitFor();
      await d.getByLabel('说明').fill('同意');
    });

    // 批准: the head sees both signatures and signs last; the decision takes effect.
    await head.goto(`${rig.baseUrl}/projects/${id}`);
    await act(head, `签批：${EIA.title.zh}`, async (d) => {
      const signatures = d.getByTestId('signoff-signatures');
      await signatures.getByText('承办', { exact: true }).waitFor();
      await signatures.getByText(`审核 · 生态环境局审核人（reviewer-${CHAIN_DEPARTMENT}）`, { exact: false }).waitFor();
      await d.getByTestId('signoff-due').getByText('待批准').waitFor();
    });
    const decided = await coordinatorApi<View>('GET', `/api/projects/${id}`);
    expect(decided.reviews.find((r) => r.itemId === EIA.id)?.status).toBe('approvedWithConditions');
    const history = await coordinatorApi<{ entries: { type: string; actor: { userId: string }; reason?: string }[] }>('GET', `/api/projects/${id}/history`);
    const trail = history.entries
      .filter((e) => ['supervisionOrderIssued', 'taskAssigned', 'taskTransferred', 'decisionDrafted', 'decisionSigned'].includes(e.type))
      .map((e) => `${e.type} ${e.actor.userId}${e.reason ? ` ${e.reason}` : ''}`);
    expect(trail).toEqual([
      'supervisionOrderIssued coordinator 企业反映环评审批慢，限期办结',
      `taskAssigned head-${CHAIN_DEPARTMENT}`,
      `taskTransferred dept-${CHAIN_DEPARTMENT} 出差`,
      `decisionDrafted dept2-${CHAIN_DEPARTMENT}`,
      `decisionSigned reviewer-${CHAIN_DEPARTMENT}`,
      `decisionSigned head-${CHAIN_DEPARTMENT}`,
    ]);

    // The stage ends: the other reviews are decided and the coordinator issues the results.
    await decideTheRest(id);
    await coordinatorApi('POST', `/api/projects/${id}/events`, { type: 'issueResults', stageId: stage.id });

    // 好差评: the enterprise rates the stage 2 of 5, which opens a follow-up case.
    const e = (await rig.loginAs(ENTERPRISE)).page;
    await e.goto(`${rig.baseUrl}/projects/${id}`);
    await rateStage(e, stage.title.zh, 2, '环评等待太久');

    // 回访 → 核实 by the coordinator, 整改 by the stage's lead department, 办结 by the coordinator.
    await followUpToClosure(rig, c, id, 2, `dept-${stage.leadDepartment}`, '已安排专人跟进环评审批');
  });
});
