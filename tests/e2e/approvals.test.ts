/**
 * The web app in Debian's Chromium, as its three kinds of users would walk one stage: the
 * coordinator registers a project (seeing its planned schedule first) and, once the
 * enterprise has applied without one tolerable material, accepts the stage with tolerance
 * (shortening its supply deadline, which the enterprise then sees in its to-do);
 * one department approves, another asks for a correction; the enterprise sees the correction
 * and answers it, uploading the revised form's file, which the department then sees listed;
 * the coordinator's supervision dashboard shows the change. Each role's main
 * page is saved for the README (docs/screenshots).
 */
import type { Page } from 'playwright-core';
import { defaultCalendar } from '../../definitions/calendar/official';
import { getDefinition } from '../../definitions/process';
import { withCheckCharacter } from '../../service/projects/project-code';
import type { THistoryEntry } from '../../workflows/engine/history';
import { PASSWORD } from '../helpers/service';
import { act, ENTERPRISE, ENTERPRISE_NAME, type Rig, screenshot, startRig } from './browser';

const definition = getDefinition('wuhan-industrial')!;
const preparation = definition.stages[0]!;
const item = (id: string) => preparation.items.find((i) => i.id === id)!;
const material = (itemId: string, id: string) => item(itemId).materials.find((m) => m.id === id)!;
const department = (id: string) => definition.departments.find((d) => d.id === id)!.name.zh;

const FILING = item('project-filing'); // 发改: approves
const EIA = item('eia-form-approval'); // 生态环境: asks for a correction
const EIA_FORM = material('eia-form-approval', 'eia-form');
const DEED_TAX = material('land-title', 'deed-tax-receipt'); // tolerable: left out at application
const DEED_TAX_DAYS = DEED_TAX.kind === 'tolerable' ? DEED_TAX.supplyWithinDays : 0; // the definition's supply deadline
const SUPPLY_DAYS = DEED_TAX_DAYS - 3; // the coordinator shortens it

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

/** A project's history as the coordinator reads it through the API. */
async function historyOf(projectId: string): Promise<THistoryEntry[]> {
  const login = await fetch(`${rig.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'coordinator', password: PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${rig.baseUrl}/api/projects/${encodeURIComponent(projectId)}/history`, { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { entries: THistoryEntry[] }).entries;
}

/** The text of the department's row in the supervision table ('' when it has none yet). */
async function supervisionRow(page: Page, departmentId: string): Promise<string> {
  const row = page
    .getByTestId('supervision-table')
    .getByRole('row')
    .filter({ hasText: department(departmentId) });
  return (await row.count()) > 0 ? ((await row.first().innerText()) ?? '').replace(/\s+/g, ' ').trim() : '';
}

test('coordinator, departments and enterprise walk the first stage in the browser', async () => {
  await rig.run(async () => {
    // The coordinator notes the supervision figures before anything happens.
    const coordinator = await rig.loginAs('coordinator');
    const c = coordinator.page;
    await c.getByRole('link', { name: '电子监察' }).click();
    await c.getByTestId('supervision-table').waitFor();
    const before = { reform: await supervisionRow(c, 'development-reform'), ecology: await supervisionRow(c, 'ecology-environment') };

    // Registration: the planned schedule is shown before the project exists.
    await c.getByRole('link', { name: '登记项目' }).click();
    const title = `光电材料二期（浏览器测试 ${Date.now() % 100000}）`;
    await c.getByLabel('名称', { exact: true }).fill(title);
    // The enterprise is picked from the directory by part of its name (no id is typed or shown).
    await c.getByLabel('企业', { exact: true }).fill('东湖光电');
    await c.locator('.ant-select-item-option').filter({ hasText: ENTERPRISE_NAME }).click();
    await c.getByLabel(/^总建筑面积/).fill('30000');
    await c.getByLabel(/^总投资/).fill('50000');
    await c.getByLabel(/^年综合能源消费量/).fill('2000');
    await c.getByLabel('环评类别').click();
    await c.locator('.ant-select-item-option[title="form"]').click();
    // The project code is checked in the browser with the service's own rule: a wrong part is named on the field.
    // A code per run (the serial from the clock), since a code registers one project.
    const projectCode = withCheckCharacter(`2611-420100-89-01-${String(Date.now() % 100000).padStart(5, '0')}`);
    const codeField = c.getByLabel('项目代码', { exact: true });
    await codeField.fill(projectCode.replace('420100', '4201O0'));
    await c.getByRole('button', { name: '预览预排工期' }).click();
    await c
      .locator('.ant-form-item', { has: codeField })
      .locator('.ant-form-item-explain-error', { hasText: "region (characters 6–11) must be 6 digits, not '4201O0'" })
      .waitFor();
    await codeField.fill(projectCode);
    await c.getByRole('button', { name: '预览预排工期' }).click();
    const plan = c.getByTestId('plan-preview');
    await plan.waitFor();
    expect(await plan.innerText()).toContain(FILING.title.zh);
    await c.getByRole('button', { name: '确认登记' }).click();
    await c.waitForURL(/\/projects\/[^/]+$/);
    const projectUrl = c.url();
    await c.getByRole('heading', { name: title }).waitFor();
    // The project's page names the enterprise; its id appears nowhere a person reads.
    await c.locator('main').getByText(ENTERPRISE_NAME).first().waitFor();
    expect(await c.locator('main').innerText()).not.toContain(ENTERPRISE);
    // …and shows the project code in its header.
    await c.locator('main .ant-descriptions-item', { hasText: '项目代码' }).getByText(projectCode, { exact: true }).waitFor();

    // The enterprise applies for the first stage without the tolerable deed-tax receipt.
    const enterprise = await rig.loginAs(ENTERPRISE);
    const e = enterprise.page;
    await e.getByText(`提交“${preparation.title.zh}”阶段的申请表和材料`).waitFor();
    await act(e, `提交阶段申请：${preparation.title.zh}`, async (d) => {
      for (const field of preparation.form.fields) {
        const value = field.type === 'number' ? '50000' : field.type === 'date' ? '2027-03-01' : '示例';
        await d.getByLabel(field.label.zh).fill(value);
      }
      // The dialog may still re-render its material list as the definition's titles arrive, and
      // a click landing on the old checkbox is lost: uncheck until it stays unchecked.
      const deedTax = d.getByRole('checkbox', { name: new RegExp(DEED_TAX.title.zh) });
      for (let attempt = 0; attempt < 5 && (await deedTax.isChecked()); attempt++) {
        await deedTax.uncheck().catch(() => undefined);
        await e.waitForTimeout(300);
      }
      if (await deedTax.isChecked()) throw new Error('the deed-tax receipt stays checked after five clicks');
    });

    // The coordinator accepts it with tolerance: the missing material is listed with its deadline,
    // which the coordinator shortens; the dialog shows the date it falls on (counted from today).
    // Today is a fixed instant in the browser, so the date does not depend on when the test runs:
    // 07:30 in Beijing on 30 September 2026, still the 29th in UTC. Seven working days from the
    // 30th skip the National Day holiday (1–7 October) and count Saturday 10 October, a make-up
    // working day: 8, 9, 10, 12, 13, 14, 15 October.
    expect(SUPPLY_DAYS).toBe(7);
    await c.clock.setFixedTime(Date.parse('2026-09-30T07:30:00+08:00'));
    await c.goto(projectUrl);
    await act(c, `受理决定：${preparation.title.zh}`, async (d) => {
      await d.getByText(DEED_TAX.title.zh).first().waitFor();
      await d.getByRole('radio', { name: '容缺受理' }).check();
      const days = d.getByLabel(DEED_TAX.title.zh, { exact: true });
      expect(await days.inputValue()).toBe(String(DEED_TAX_DAYS));
      await days.fill(String(SUPPLY_DAYS));
      await d.getByTestId('supply-due').getByText('即 2026/10/15 前补交').waitFor();
    });
    // Time flows again for the rest of the walk (the browser's data goes stale by it).
    await c.clock.setSystemTime(Date.now());
    await c.getByText('容缺受理').first().waitFor();
    // The deadline itself runs from the day the intake was decided, in Beijing, as the engine counts it.
    const calendar = defaultCalendar();
    const intakeAt = (await historyOf(projectUrl.split('/').pop()!)).find((h) => h.type === 'intakeAcceptedWithTolerance')!.at;
    const supplyDue = calendar.addWorkdays(calendar.dateOf(intakeAt), SUPPLY_DAYS).date.replace(/-/g, '/'); // as zh-CN shows it
    await c.getByTestId('reviews').getByText('审查中').first().waitFor();

    // 发改 approves the filing from its inbox.
    const reform = await rig.loginAs('dept-development-reform');
    const r = reform.page;
    await r.getByTestId('inbox').getByText(FILING.title.zh).waitFor();
    await screenshot(r, 'department-inbox');
    await r.getByRole('link', { name: new RegExp(`^审查：${FILING.title.zh}`) }).click();
    await act(r, `批准：${FILING.title.zh}`);
    await r.locator(`[data-review-status="approved"]`).first().waitFor();

    // 生态环境 asks for a correction of the EIA form.
    const ecology = await rig.loginAs('dept-ecology-environment');
    const g = ecology.page;
    await g.getByRole('link', { name: new RegExp(`^审查：${EIA.title.zh}`) }).click();
    await g.getByRole('button', { name: `要求补正：${EIA.title.zh}`, exact: true }).waitFor();
    await screenshot(g, 'department-review');
    await act(g, `要求补正：${EIA.title.zh}`, async (d) => {
      await d.getByRole('checkbox', { name: EIA_FORM.title.zh }).check();
      await d.getByLabel('理由').fill('环境影响报告表缺少噪声影响分析，请补充后重新提交');
    });
    await g.locator(`[data-review-status="correction"]`).first().waitFor();

    // The enterprise sees the correction on its progress page and answers it.
    await e.reload();
    const todo = e.getByTestId('todo');
    await todo.getByText(`答复“${EIA.title.zh}”的补正要求`).waitFor();
    expect(await todo.innerText()).toContain('缺少噪声影响分析');
    // … and the tolerated material is owed by the coordinator's shorter deadline.
    expect(await todo.innerText()).toContain(`在 ${supplyDue} 前补交容缺材料“${DEED_TAX.title.zh}”`);
    await screenshot(e, 'enterprise-progress');
    await act(e, `提交补正：${EIA.title.zh}`, async (d) => {
      await d.getByText('缺少噪声影响分析').waitFor();
      await d.getByLabel('说明').fill('已补充噪声影响分析章节');
    });
    await e.getByText(`答复“${EIA.title.zh}”的补正要求`).waitFor({ state: 'detached' });

    // The enterprise uploads the revised EIA form on the project page; the department sees the file listed.
    await e.goto(projectUrl);
    const upload = { name: '环境影响报告表（补正）.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') };
    await e.getByTestId('material-files').locator(`[data-material="${EIA_FORM.id}"] input[type="file"]`).setInputFiles(upload);
    await e.getByTestId('material-files').getByText(upload.name).waitFor();
    await g.reload();
    await g.getByTestId('material-files').getByText(upload.name).waitFor();

    // Each act left its legal document: the enterprise lists them all and downloads one as a PDF
    // named by title and number; 生态环境 reads the stage's and its own, not 发改's decision.
    const documents = e.getByTestId('legal-documents');
    for (const title of ['受理通知书', '容缺受理承诺书', '准予行政许可决定书', '一次性补正告知书']) await documents.getByText(title, { exact: true }).waitFor();
    const [pdf] = await Promise.all([e.waitForEvent('download'), documents.getByText('受理通知书', { exact: true }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/^受理通知书〔\d{4}〕第\d{5}号\.pdf$/);
    const ecologyDocuments = g.getByTestId('legal-documents');
    await ecologyDocuments.getByText('一次性补正告知书', { exact: true }).waitFor();
    expect(await ecologyDocuments.innerText()).not.toContain('准予行政许可决定书');

    // The coordinator's dashboard moved: 发改 completed one review, 生态环境 has one dispatched.
    await c.getByRole('link', { name: '电子监察' }).click();
    await c.getByTestId('supervision-table').waitFor();
    const after = { reform: await supervisionRow(c, 'development-reform'), ecology: await supervisionRow(c, 'ecology-environment') };
    expect(after.reform).not.toEqual(before.reform);
    expect(after.ecology).not.toEqual(before.ecology);
    // Columns: department, dispatched, completed, …
    expect(after.reform).toMatch(new RegExp(`^${department('development-reform')} \\d+ 1 `));
    expect(after.ecology).toMatch(new RegExp(`^${department('ecology-environment')} 1 0 `));
    await screenshot(c, 'coordinator-supervision');
    await c.getByRole('link', { name: '工作台' }).click();
    await c.getByRole('link', { name: title }).first().waitFor(); // also in the at-risk list
    // The project list and the queue name the enterprise, never its id.
    await c.getByRole('row').filter({ hasText: title }).first().getByText(ENTERPRISE_NAME).waitFor();
    expect(await c.locator('main').innerText()).not.toContain(ENTERPRISE);
    await screenshot(c, 'coordinator-workbench');

    // In English the project page takes stage and item titles from the definition and labels
    // the history by entry type (the engine's English summary as a secondary line).
    await e.goto(projectUrl);
    await e.getByRole('button', { name: 'Language: English' }).click();
    await e.getByTestId('reviews').getByText(EIA.title.en).waitFor();
    await e.locator('[data-history-type="correctionAnswered"]').getByTestId('history-label').getByText('Correction answered', { exact: true }).waitFor();
    await e.locator('[data-history-type="correctionRequested"]').getByText(EIA.title.en).waitFor();
    await e.locator('[data-history-type="intakeAcceptedWithTolerance"]').getByText(preparation.title.en).waitFor();
    await screenshot(e, 'project-english');
  });
}, 600_000);
