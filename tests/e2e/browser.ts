/**
 * The browser tests' rig: the real service (createApp over a ProjectGateway, serving web/dist)
 * on a free port with a real worker on the e2e dev server, and Debian's Chromium driven by
 * playwright-core (Playwright's own browser download does not work on this machine).
 */
import type { DefinitionRegistry } from '../../definitions/process';
import { mkdtempSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { getDefinition } from '../../definitions/process';
import { ReadModelStore } from '../../db/read-model/store';
import { DocumentArchive } from '../../activities/documents/archive';
import { CreditRecordStore } from '../../db/credit-records';
import { MaterialStore } from '../../service/materials/store';
import { ProjectGateway } from '../../service/projects/gateway';
import type { TPublicUser } from '../../service/users/store';
import { PASSWORD, stateApp, testEnterpriseName, testServiceState } from '../helpers/service';
import { ROOT } from '../helpers/servers';
import { testWorker } from '../helpers/worker';

export const CHROMIUM = '/usr/bin/chromium';
export const WEB_DIST_INDEX = join(ROOT, 'web', 'dist', 'index.html');
/** This machine has no outside network: no background requests, no sandbox as root, no GPU. */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The target screen: a 1366×768 laptop. */
export const VIEWPORT = { width: 1366, height: 768 };
/** A phone (issue 18): 390×844, below antd's `sm` breakpoint, where the app shows cards, timelines and a menu drawer. */
export const PHONE = { width: 390, height: 844 };

export const ENTERPRISE = 'ent-e2e-optics';
const ENTERPRISE_ACCOUNT = '武汉东湖光电（测试）';
/** Its confirmed entry in the rig's enterprise directory (seeded with the users, tests/helpers/service.ts): what people read. */
export const ENTERPRISE_NAME = testEnterpriseName(ENTERPRISE_ACCOUNT);
const definition = getDefinition('wuhan-industrial')!;

/** Every role's users, for a database of the rig's own. */
export function e2eUsers(): TPublicUser[] {
  return [
    { username: 'coordinator', displayName: '帮办中心', role: 'coordinator' },
    { username: ENTERPRISE, displayName: ENTERPRISE_ACCOUNT, role: 'enterprise', enterpriseId: ENTERPRISE },
    // Each department's account is its case handler (承办人), as provisioning makes it.
    ...definition.departments.map((d) => ({
      username: `dept-${d.id}`,
      displayName: d.name.zh,
      role: 'department' as const,
      departmentId: d.id,
      signoffRoles: ['handler' as const],
    })),
    // 行政许可法 art. 42(1): the head of 生态环境 approves its items' extensions; it signs the 批准 step of its sign-off chain.
    {
      username: 'head-ecology-environment',
      displayName: '生态环境局负责人',
      role: 'department',
      departmentId: 'ecology-environment',
      leader: true,
      signoffRoles: ['approver'],
    },
    // The rest of 生态环境's chain (issue 15): a second handler a task is transferred to, and its reviewer (审核人).
    {
      username: 'dept2-ecology-environment',
      displayName: '生态环境局承办人乙',
      role: 'department',
      departmentId: 'ecology-environment',
      signoffRoles: ['handler'],
    },
    {
      username: 'reviewer-ecology-environment',
      displayName: '生态环境局审核人',
      role: 'department',
      departmentId: 'ecology-environment',
      signoffRoles: ['reviewer'],
    },
    // An agent (代办): acts only for the enterprises a coordinator delegated to it.
    { username: 'agent-e2e', displayName: '代办员', role: 'agent' },
  ];
}

export interface Rig {
  baseUrl: string;
  /** A new tab (its own session storage, so its own login) signed in as `username`, on the laptop's screen or `viewport`. */
  loginAs: (username: string, viewport?: { width: number; height: number }) => Promise<{ page: Page }>;
  /** Runs a test's body (the worker polls from start to close); on failure saves each tab's screenshot. */
  run: (body: () => Promise<void>) => Promise<void>;
  /** Stops the browser, the service and the connection (after the test, or after a failed start). */
  close: () => Promise<void>;
}

/** @param opts.definitions the published definitions (the built-in ones by default). */
export async function startRig(opts: { definitions?: DefinitionRegistry } = {}): Promise<Rig> {
  const address = process.env.TEMPORAL_E2E_DEV_ADDRESS;
  if (!address) throw new Error('TEMPORAL_E2E_DEV_ADDRESS is not set: run through jest (the e2e globalSetup starts the dev server)');
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  };
  try {
    const env = await TestWorkflowEnvironment.createFromExistingServer({ address });
    cleanups.push(() => env.teardown());
    const state = await testServiceState(e2eUsers());
    cleanups.push(() => state.drop());
    const readModel = new ReadModelStore(state.db);
    const documents = new DocumentArchive(state.db);
    // Credit records (告知承诺) go to the rig's database, where the service reads them.
    const { worker, taskQueue } = await testWorker(env, undefined, undefined, readModel, { documents, credit: new CreditRecordStore(state.db) });
    // One worker for the rig's life, so that a file may hold several tests (runUntil stops the worker when its body ends).
    const running = worker.run();
    running.catch(() => undefined); // awaited by `run` and at close
    cleanups.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    });
    const uploads = mkdtempSync(join(tmpdir(), 'e2e-uploads-'));
    cleanups.push(() => rmSync(uploads, { recursive: true, force: true }));
    const app = stateApp(state, {
      materials: new MaterialStore(state.db, uploads),
      projects: new ProjectGateway(env.client, taskQueue),
      readModel,
      documents,
      ...(opts.definitions ? { definitions: opts.definitions } : {}),
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // A fresh, empty profile for every run, removed afterwards.
    const profile = mkdtempSync(join(tmpdir(), 'approvals-chromium-'));
    cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
    const context: BrowserContext = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: VIEWPORT,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    cleanups.push(() => context.close());
    context.setDefaultTimeout(30_000);

    const loginAs = async (username: string, viewport = VIEWPORT) => {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      page.on('pageerror', (err) => console.error(`[browser ${username}]`, err.message));
      await page.goto(baseUrl);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      // The signed-in frame's <main> (on a phone the user's name is in the closed menu).
      await page.locator('main#main').waitFor();
      return { page };
    };
    const run = async (body: () => Promise<void>) => {
      try {
        // A worker that dies fails the test at once instead of leaving it waiting.
        await Promise.race([body(), running.then(() => Promise.reject(new Error('the worker stopped while the test ran')))]);
      } catch (err) {
        // What each tab showed when the test failed, to read next to the error.
        for (const [i, page] of context.pages().entries())
          await page.screenshot({ path: join(tmpdir(), `approvals-e2e-failure-${i}.png`), fullPage: true }).catch(() => undefined);
        console.error(`screenshots of the failure: ${join(tmpdir(), 'approvals-e2e-failure-*.png')}`);
        throw err;
      }
    };
    return { baseUrl, loginAs, run, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Opens the action's form (its button is named "<action>：<target>"), fills it, confirms, waits for it to close. */
export async function act(page: Page, name: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void> = async () => undefined) {
  await page.getByRole('button', { name, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: /确\s*认/ }).click();
  await dialog.waitFor({ state: 'hidden' });
}

const SHOTS = join(ROOT, 'docs', 'screenshots');
/**
 * Saves a role's main page for the README: into docs/screenshots when
 * APPROVALS_SCREENSHOTS=update (or when the file is not there yet), otherwise to a temporary
 * folder, so an ordinary test run leaves the work tree as it was.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const target = join(SHOTS, `${name}.png`);
  const update = process.env.APPROVALS_SCREENSHOTS === 'update' || !existsSync(target);
  const path = update ? target : join(tmpdir(), `approvals-${name}.png`);
  mkdirSync(update ? SHOTS : tmpdir(), { recursive: true });
  // The role's tab in front: a background tab runs no animation frames, so antd's motions would stay half done.
  await page.bringToFront();
  // Settled: no spinner, no button still loading.
  await page.waitForFunction(() => document.querySelectorAll('.ant-btn-loading, .ant-spin-spinning, [role="status"]').length === 0);
  await page.waitForTimeout(800); // antd's leave animations (spinners, menu highlight) finish
  await page.screenshot({ path, fullPage: false });
  return path;
}
