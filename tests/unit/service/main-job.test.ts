/**
 * The main job (issue 11, part 5 and 6): a crashed child is restarted with backoff and logged
 * rather than taking everything down, stopping stops it for good; the data folder ends up
 * readable by its owner only, with PostgreSQL's folder still reachable.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessGroup } from '../../../scripts/cluster/processes';
import { restrictDataDir } from '../../../scripts/data-permissions';

const dir = mkdtempSync(join(tmpdir(), 'main-job-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a child that crashes is started again after a delay and the restart reported; after stopAll it stays stopped', async () => {
  const marker = join(dir, 'crashed-once');
  // Crashes the first time (exit code 3), then runs until stopped.
  const script = `const fs = require('fs'); if (!fs.existsSync(${JSON.stringify(marker)})) { fs.writeFileSync(${JSON.stringify(marker)}, ''); process.exit(3); } setInterval(() => {}, 1000);`;
  const restarts: string[] = [];
  const unexpected: string[] = [];
  const group = new ProcessGroup({
    cwd: dir,
    log: () => undefined,
    restart: { initialDelayMs: 100, maxDelayMs: 1000, resetAfterMs: 60_000 },
    onRestart: (child, code, _signal, delayMs, count) => restarts.push(`${child.name} code ${code} in ${delayMs} ms (#${count})`),
    onUnexpectedExit: (child) => unexpected.push(child.name),
    graceMs: 2000,
  });
  const child = group.spawn({ name: 'worker', command: process.execPath, args: ['-e', script], env: {} });
  const firstPid = child.pid;
  await sleep(1500);
  expect(restarts).toEqual(['worker code 3 in 100 ms (#1)']);
  expect(unexpected).toEqual([]);
  expect(child.alive()).toBe(true);
  expect(child.pid).not.toBe(firstPid);
  expect(group.pids()).toEqual([child.pid]);

  await group.stopAll();
  expect(child.alive()).toBe(false);
  await sleep(300);
  expect(restarts).toHaveLength(1);
});

test('a child that keeps crashing is restarted with a doubling delay up to the maximum', async () => {
  const delays: number[] = [];
  const group = new ProcessGroup({
    cwd: dir,
    log: () => undefined,
    restart: { initialDelayMs: 50, maxDelayMs: 200, resetAfterMs: 60_000 },
    onRestart: (_child, _code, _signal, delayMs) => delays.push(delayMs),
  });
  group.spawn({ name: 'service', command: process.execPath, args: ['-e', 'process.exit(1)'], env: {} });
  for (let i = 0; i < 60 && delays.length < 5; i++) await sleep(100);
  await group.stopAll();
  expect(delays.slice(0, 5)).toEqual([50, 100, 200, 200, 200]);
});

test("the data folder: files 0600 and folders 0700 (0711 on the way to PostgreSQL's), PostgreSQL's own folder untouched", () => {
  const data = join(dir, 'data');
  mkdirSync(join(data, 'uploads', 'p1'), { recursive: true });
  mkdirSync(join(data, 'pg'), { recursive: true });
  for (const f of ['temporal.db', 'jwt-secret', join('uploads', 'p1', 'f1')]) writeFileSync(join(data, f), 'x', { mode: 0o644 });
  writeFileSync(join(data, 'pg', 'PG_VERSION'), '15', { mode: 0o644 });
  chmodSync(data, 0o755);
  chmodSync(join(data, 'uploads'), 0o755);
  chmodSync(join(data, 'pg'), 0o750);

  restrictDataDir(data, { postgresDirs: ['pg'], postgresMustTraverse: true });
  const mode = (p: string) => (statSync(join(data, p)).mode & 0o777).toString(8);
  expect([mode('temporal.db'), mode('jwt-secret'), mode('uploads/p1/f1')]).toEqual(['600', '600', '600']);
  expect([mode('uploads'), mode('uploads/p1')]).toEqual(['700', '700']);
  expect(mode('.')).toBe('711');
  expect([mode('pg'), mode('pg/PG_VERSION')]).toEqual(['750', '644']);

  restrictDataDir(data, { postgresDirs: ['pg'], postgresMustTraverse: false });
  expect(mode('.')).toBe('700');
  expect(existsSync(join(data, 'pg', 'PG_VERSION'))).toBe(true);
});
