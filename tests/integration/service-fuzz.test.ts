/**
 * A property-based fuzz run of the served OpenAPI document with schemathesis (PyPI, installed
 * by scripts/setup.d/30-schemathesis.sh into .tools/schemathesis): the service listens on a
 * loopback port against the dev server and a worker, and `st run` sends schema-derived valid
 * and invalid requests to every operation as the coordinator, with every `{id}` set to one
 * registered project. No answer may be a 5xx (check not_a_server_error), and the project's
 * history must be the same afterwards: in its first state no decision of a coordinator is
 * possible, so every command sent to it must have been refused without effect. The one
 * exception is a coordinator's calendar refresh, which is allowed in any state: its entries
 * (`calendarReplaced`) are left out of the comparison. The calendar routes write to the
 * stack's temporary data directory.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from '../helpers/service';
import { ROOT } from '../helpers/servers';
import { startServiceStack, type ServiceStack } from '../helpers/service-stack';

const ST = join(ROOT, '.tools', 'schemathesis', 'bin', 'st');
const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };

/** Runs a command without blocking this process (the service under test answers from it). */
function run(command: string, args: string[], opts: { cwd: string; timeoutMs: number }): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGTERM'), opts.timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

let stack: ServiceStack;
beforeAll(async () => {
  if (!existsSync(ST)) throw new Error(`${ST} is missing: run \`npm run setup\` (scripts/setup.d/30-schemathesis.sh) first`);
  stack = await startServiceStack(
    [
      { username: 'coordinator', displayName: '帮办中心', role: 'coordinator' },
      { username: 'ent-fuzz', displayName: '企业', role: 'enterprise', enterpriseId: 'ent-fuzz' },
    ],
    { listen: true },
  );
});
afterAll(async () => {
  await stack?.stop();
});

test('schemathesis finds no 5xx, and the refused commands changed no history', async () => {
  const token = await stack.token('coordinator');
  const created = await call(stack.app, 'POST', '/api/projects', {
    token,
    body: { title: '模糊测试项目', definitionId: 'wuhan-industrial', enterpriseId: 'ent-fuzz', attributes: ATTRIBUTES },
  });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const history = async () =>
    ((await call(stack.app, 'GET', `/api/projects/${id}/history`, { token })).body.entries as { type: string }[]).filter((h) => h.type !== 'calendarReplaced');
  const before = await history();

  const dir = mkdtempSync(join(tmpdir(), 'st-'));
  try {
    const config = join(dir, 'schemathesis.toml');
    // Every {id} path parameter is the registered project (a definition id of that name is a 404).
    writeFileSync(config, `[parameters]\n"path.id" = "${id}"\n`);
    const started = Date.now();
    const result = await run(
      ST,
      [
        '--config-file',
        config,
        'run',
        `${stack.baseUrl}/api/openapi.json`,
        '--checks',
        'not_a_server_error',
        '--header',
        `Authorization: Bearer ${token}`,
        '--phases',
        'examples,coverage,fuzzing',
        '--max-examples',
        '25',
        '--seed',
        '20261128',
        '--workers',
        '1',
        '--request-timeout',
        '20',
        '--no-color',
      ],
      // 56 operations: the coverage phase alone takes over two minutes on a loaded 2-core machine.
      { cwd: dir, timeoutMs: 420_000 },
    );
    const output = result.output;
    const seconds = Math.round((Date.now() - started) / 1000);
    const summary = output
      .split('\n')
      .filter((l) => /passed|failed|error|Test cases|Operations|Seed/i.test(l))
      .slice(-12)
      .join('\n');
    console.log(`schemathesis: exit ${result.status} after ${seconds} s, ${stack.exchanges.length} requests\n${summary}`);
    expect([result.status, result.status === 0 ? '' : output.slice(-4000)]).toEqual([0, '']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const statuses = stack.exchanges.map((e) => e.status);
  expect(stack.exchanges.length).toBeGreaterThan(100);
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
  // Both refusals and successes were seen: the fuzzer reached past validation.
  expect(statuses.some((s) => s < 300) && statuses.some((s) => s >= 400 && s < 500)).toBe(true);
  const refresh = `/api/projects/${id}/calendar/refresh`;
  expect(stack.exchanges.some((e) => e.path === refresh && e.status === 200)).toBe(true);
  const commands = stack.exchanges.filter((e) => e.method === 'POST' && e.path.startsWith(`/api/projects/${id}/`) && e.path !== refresh);
  expect(commands.length).toBeGreaterThan(10);
  expect(commands.filter((e) => e.status < 400)).toEqual([]);
  expect(await history()).toEqual(before);
}, 480_000);
