/**
 * The web app on a phone (390×844, issue 18): the enterprise follows its project on a vertical
 * timeline (not the Gantt) and answers a correction; a department approves a review from its
 * inbox of cards; the header folds into a menu; no page of any role scrolls sideways. The
 * phone views are saved for the README (docs/screenshots/phone-*.png).
 */
import type { Page } from 'playwright-core';
import { act, ENTERPRISE, ENTERPRISE_NAME, PHONE, type Rig, screenshot, startRig } from './browser';
import { accept, apply, askCorrection, preparation, register } from './projects';
import { withCheckCharacter } from '../../service/projects/project-code';

const FILING = preparation.items.find((i) => i.id === 'project-filing')!; // 发改 approves it
const EIA = preparation.items.find((i) => i.id === 'eia-form-approval')!; // 生态环境 asks for a correction

let rig: Rig;
let projectId: string;
// The longest thing a card's line carries (24 characters): it must fit a phone's width too. One per run: a code registers one project.
const PROJECT_CODE = withCheckCharacter(`2611-420100-89-01-${String(Date.now() % 100000).padStart(5, '0')}`);
beforeAll(async () => {
  rig = await startRig();
  await rig.run(async () => {
    projectId = await register(rig, `手机上的项目（浏览器测试 ${Date.now() % 100000}）`, PROJECT_CODE);
    await apply(rig, projectId);
    await accept(rig, projectId);
    await askCorrection(rig, projectId, EIA.id, '环境影响报告表缺少噪声影响分析，请补充后重新提交');
  });
});
afterAll(async () => {
  await rig?.close();
});

/**
 * The page, settled, neither scrolls sideways nor cuts anything off at the right (a header or
 * table wider than the screen inside a clipping box does not scroll, it hides): nothing
 * visible reaches past the screen's edge, except inside a box made to scroll sideways (the
 * coordinator's wide tables). Else the elements that stick out, to read in the failure.
 */
async function expectNoSidewaysScroll(page: Page) {
  await page.waitForFunction(() => document.querySelectorAll('.ant-spin-spinning, [role="status"]').length === 0);
  const { width, wider } = await page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const scrolls = (el: Element) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    const insideScroller = (el: Element) => {
      for (let x = el.parentElement; x && x !== document.body; x = x.parentElement) if (scrolls(x)) return true;
      return false;
    };
    const wider = Array.from(document.querySelectorAll('body *'))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.right > limit + 0.5 && getComputedStyle(el).visibility !== 'hidden' && !insideScroller(el);
      })
      .slice(-5)
      .map((el) => `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} → ${Math.round(el.getBoundingClientRect().right)}px`);
    return { width: document.documentElement.scrollWidth, wider };
  });
  const path = new URL(page.url()).pathname;
  expect({ path, width: Math.max(width, PHONE.width), wider }).toEqual({ path, width: PHONE.width, wider: [] });
}

test('on a phone the enterprise follows its project on a timeline and answers the correction', async () => {
  await rig.run(async () => {
    const { page: e } = await rig.loginAs(ENTERPRISE, PHONE);
    const progress = e.getByTestId(`progress-${projectId}`);
    // The schedule is the vertical timeline, with today on it; the wide Gantt is not drawn.
    const timeline = progress.getByTestId('timeline');
    await timeline.locator(`[data-timeline-item="${FILING.id}"]`).waitFor();
    await timeline.getByTestId('timeline-today').waitFor();
    expect(await timeline.locator(`[data-timeline-item="${EIA.id}"]`).innerText()).toMatch(/计划[\s\S]*实际/);
    expect(await progress.locator('.echarts-for-react').count()).toBe(0);
    await expectNoSidewaysScroll(e);

    // The header is one line with a menu button; the menu holds the navigation, the user and logout.
    expect(await e.getByRole('link', { name: '项目进度' }).count()).toBe(0);
    await e.getByRole('button', { name: '菜单' }).click();
    const menu = e.getByRole('dialog', { name: '菜单' });
    await menu.getByRole('link', { name: '项目进度' }).waitFor();
    await menu.getByTestId('current-user').waitFor();
    await menu.getByRole('button', { name: /退出登录/ }).waitFor();
    await screenshot(e, 'phone-menu');
    await e.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });

    // The correction is on the to-do list; its button opens a form that fits the screen.
    const todo = progress.getByTestId('todo');
    await todo.getByText(`答复“${EIA.title.zh}”的补正要求`).waitFor();
    await progress.getByRole('button', { name: `提交补正：${EIA.title.zh}`, exact: true }).scrollIntoViewIfNeeded();
    await screenshot(e, 'phone-enterprise-progress');
    await act(e, `提交补正：${EIA.title.zh}`, async (d) => {
      await d.getByText('缺少噪声影响分析').waitFor();
      const box = (await d.locator('.ant-modal-content').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      await d.getByLabel('说明').fill('已补充噪声影响分析章节');
      await screenshot(e, 'phone-enterprise-correction');
    });
    await todo.getByText(`答复“${EIA.title.zh}”的补正要求`).waitFor({ state: 'detached' });

    // The project page: the timeline again, the reviews as cards, the running ones (their clocks ticking) before those not yet dispatched.
    await progress.getByRole('link', { name: '打开' }).click();
    await e.getByTestId('timeline').waitFor();
    await e.getByTestId('reviews').locator(`[data-row="${EIA.id}"]`).waitFor();
    expect(await e.locator('main .ant-table').count()).toBe(0);
    const statuses = await e
      .getByTestId('reviews')
      .locator('[data-row] [data-review-status]')
      .evaluateAll((els) => els.map((x) => x.getAttribute('data-review-status')));
    const running = statuses.map((st) => ['inReview', 'correction', 'specialProcedure'].includes(st ?? ''));
    expect(running.indexOf(false)).toBeGreaterThan(0); // some run, some wait (the stage's later items)
    expect(running.slice(running.indexOf(false))).not.toContain(true);
    await expectNoSidewaysScroll(e);
  });
}, 300_000);

test('on a phone a department approves a review from its inbox of cards', async () => {
  await rig.run(async () => {
    const { page: r } = await rig.loginAs('dept-development-reform', PHONE);
    const inbox = r.getByTestId('inbox');
    await inbox.getByText(FILING.title.zh).first().waitFor();
    await inbox.locator('.ant-card').first().waitFor();
    // Each card names the project's enterprise, not its id, and gives the project's code.
    await inbox.locator('.ant-card').first().getByText(ENTERPRISE_NAME).waitFor();
    await inbox.locator('.ant-card').first().getByText(PROJECT_CODE, { exact: true }).waitFor();
    expect(await inbox.innerText()).not.toContain(ENTERPRISE);
    expect(await r.locator('main .ant-table').count()).toBe(0);
    await expectNoSidewaysScroll(r);
    await screenshot(r, 'phone-department-inbox');

    await inbox.getByRole('link', { name: new RegExp(`^审查：${FILING.title.zh}`) }).click();
    await r.getByRole('button', { name: `批准：${FILING.title.zh}`, exact: true }).waitFor();
    await expectNoSidewaysScroll(r);
    await screenshot(r, 'phone-department-review');
    await act(r, `批准：${FILING.title.zh}`);
    await r.getByTestId('reviews').locator(`[data-row="${FILING.id}"] [data-review-status="approved"]`).waitFor();
  });
}, 300_000);

test('no main page of any role scrolls sideways at 390 px', async () => {
  await rig.run(async () => {
    const pages: [string, string[]][] = [
      ['coordinator', ['/workbench', '/register', '/supervision', '/enterprises', `/projects/${projectId}`]],
      [ENTERPRISE, ['/progress', '/enterprise', `/projects/${projectId}`]],
      ['dept-ecology-environment', ['/inbox', `/projects/${projectId}?item=${EIA.id}`]],
    ];
    let last: Page | undefined;
    for (const [who, paths] of pages) {
      const { page } = await rig.loginAs(who, PHONE);
      for (const path of paths) {
        await page.goto(`${rig.baseUrl}${path}`);
        await page.locator('main#main h1').first().waitFor();
        await expectNoSidewaysScroll(page);
      }
      last = page;
    }
    // Logged out (from the menu): the login page.
    await last!.getByRole('button', { name: '菜单' }).click();
    await last!.getByRole('button', { name: /退出登录/ }).click();
    await last!.getByLabel('用户名').waitFor();
    await expectNoSidewaysScroll(last!);
  });
}, 300_000);
