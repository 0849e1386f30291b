/**
 * Accessibility (GB/T 37668-2019, which follows WCAG 2.1; issue 18): axe-core finds no serious
 * or critical violation of WCAG 2.1 A/AA on any role's main pages, on the laptop and on a
 * phone; and the coordinator's intake (accepting an application) can be done with the
 * keyboard alone, the focus visible at every step.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { ENTERPRISE, PHONE, type Rig, startRig, VIEWPORT } from './browser';
import { accept, apply, preparation, register } from './projects';

const FILING = preparation.items.find((i) => i.id === 'project-filing')!;

let rig: Rig;
let reviewed: string; // accepted: its reviews run
let applied: string; // applied for, waiting for the coordinator's intake
beforeAll(async () => {
  rig = await startRig();
  await rig.run(async () => {
    reviewed = await register(rig, `无障碍检查（浏览器测试 ${Date.now() % 100000}）`);
    await apply(rig, reviewed);
    await accept(rig, reviewed);
    applied = await register(rig, `键盘受理（浏览器测试 ${Date.now() % 100000}）`);
    await apply(rig, applied);
  });
});
afterAll(async () => {
  await rig?.close();
});

/** The page's data loaded and antd's motions ended (a half-faded colour is no colour to judge, a menu still measuring no place for the focus). */
async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.ant-spin-spinning, [role="status"], .ant-btn-loading').length === 0);
  await page.waitForTimeout(500);
}

/** The serious and critical WCAG 2.1 A/AA violations axe finds on the page as it is now, one readable line per element. */
async function violations(page: Page): Promise<string[]> {
  await settled(page);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const path = new URL(page.url()).pathname;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${path} [${v.impact}] ${v.id}: ${v.help} — ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`));
}

/** Each role's main pages, as its user reaches them. */
const PAGES: { who: string; paths: () => string[] }[] = [
  { who: 'coordinator', paths: () => ['/workbench', '/register', '/supervision', '/enterprises', `/projects/${reviewed}`] },
  { who: 'dept-development-reform', paths: () => ['/inbox', `/projects/${reviewed}?item=${FILING.id}`] },
  { who: ENTERPRISE, paths: () => ['/progress', '/enterprise', `/projects/${reviewed}`] },
];

test.each([
  ['laptop', VIEWPORT],
  ['phone', PHONE],
])(
  'axe finds no serious or critical violation on any role’s main pages (%s)',
  async (_, viewport) => {
    await rig.run(async () => {
      const found: string[] = [];
      let last: Page | undefined;
      for (const { who, paths } of PAGES) {
        const { page } = await rig.loginAs(who, viewport);
        for (const path of paths()) {
          await page.goto(`${rig.baseUrl}${path}`);
          found.push(...(await violations(page)));
        }
        last = page;
      }
      // The login page, after logging out (on a phone from the menu).
      if (viewport === PHONE) await last!.getByRole('button', { name: '菜单' }).click();
      await last!.getByRole('button', { name: /退出登录/ }).click();
      await last!.getByLabel('用户名').waitFor();
      found.push(...(await violations(last!)));
      expect(found).toEqual([]);
    });
  },
  300_000,
);

/** The focused element, and whether it shows a focus indicator (its own outline or shadow, or its label's or styled sibling's, as for antd's radios). */
async function focused(page: Page): Promise<{ text: string; visible: boolean }> {
  return page.evaluate(() => {
    // Focus lost to the page itself: named by the element that had it last, to read in the failure.
    const memory = window as unknown as { lastFocused?: string };
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { text: `the page itself (last on ${memory.lastFocused ?? 'nothing'})`, visible: false };
    const shows = (x: Element | null) => {
      if (!x) return false;
      const s = getComputedStyle(x);
      return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    };
    const visible = [el, el.nextElementSibling, el.parentElement, el.closest('label')].some(shows);
    // What a screen reader would call it: its aria-label, its text, or its <label>'s (a radio, a checkbox).
    const name = el.getAttribute('aria-label') ?? (el.innerText || (el as HTMLInputElement).labels?.[0]?.innerText) ?? '';
    const text = name.replace(/\s+/g, ' ').trim() || `<${el.tagName.toLowerCase()} class="${el.className}">`;
    memory.lastFocused = el.outerHTML.slice(0, 200);
    return { text, visible };
  });
}

/** Presses Tab until the focused element's text matches, asserting the focus is visible at every stop. */
async function tabTo(page: Page, target: RegExp, limit = 60): Promise<void> {
  const path: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    path.push(f.text);
    if (!f.visible) throw new Error(`no visible focus on ${f.text}, after: ${path.join(' → ')}`);
    if (target.test(f.text)) return;
  }
  throw new Error(`${target} not reached in ${limit} presses of Tab; the focus went: ${path.join(' → ')}`);
}

test('the coordinator accepts an application with the keyboard alone, the focus visible at every step', async () => {
  await rig.run(async () => {
    const { page } = await rig.loginAs('coordinator');
    await page.bringToFront(); // the keyboard's tab
    // The workbench opened afresh and settled (the menu measured, the lists loaded), the keyboard starts at the top of the page:
    // the skip link first, then through the page to the project.
    await page.goto(`${rig.baseUrl}/workbench`);
    await settled(page);
    await tabTo(page, /跳到主要内容/);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await tabTo(page, /键盘受理/);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/projects/${applied}$`));
    // The router swaps the page in a transition, after the address: a Tab before it lands would act on the workbench's last links.
    await page.getByRole('heading', { level: 1, name: /键盘受理/ }).waitFor();
    await settled(page);

    // The intake decision: its button, the dialog, the decision by arrow keys, confirm.
    await tabTo(page, new RegExp(`^受理决定：${preparation.title.zh}`));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '关闭', exact: true }).waitFor(); // named in the page's language
    await tabTo(page, /^受理$/);
    // The first option is focused and chosen; the arrows move the choice and back.
    await page.keyboard.press('ArrowDown');
    expect(await dialog.getByRole('radio', { name: '受理', exact: true }).isChecked()).toBe(false);
    await page.keyboard.press('ArrowUp');
    expect(await dialog.getByRole('radio', { name: '受理', exact: true }).isChecked()).toBe(true);
    await tabTo(page, /^确\s*认$/);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    // Accepted: the reviews are dispatched.
    await page.getByTestId('reviews').getByText('审查中').first().waitFor();
  });
}, 300_000);

test('the page declares the language it is shown in, also when the choice is remembered from the last visit', async () => {
  await rig.run(async () => {
    const { page } = await rig.loginAs(ENTERPRISE);
    const lang = () => page.evaluate(() => document.documentElement.lang);
    expect(await lang()).toBe('zh-CN');
    expect(await page.getByRole('button', { name: 'Language: English' }).getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: 'Language: English' }).click();
    await page.getByRole('heading', { level: 1, name: 'My projects' }).waitFor();
    expect(await lang()).toBe('en');
    await page.reload(); // index.html says zh-CN; the remembered English must replace it
    await page.getByRole('heading', { level: 1, name: 'My projects' }).waitFor();
    expect(await lang()).toBe('en');
    await page.getByRole('button', { name: '语言: 中文' }).click(); // the switch speaks the language it offers
    await page.getByRole('heading', { level: 1, name: '我的项目' }).waitFor();
    expect(await lang()).toBe('zh-CN');
  });
}, 120_000);
