/**
 * Back-fill detection and the definition dry run on the real dev server, worker and service:
 * a decision's stated signing date goes through the workflow into the history; an approval
 * with the handed-in file never opened is listed for the coordinator; and
 * `approvals definitions dry-run` with the modified Wuhan reads the running projects from the
 * read model and Temporal, reports each one (exit 1: one cannot move) and changes nothing.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { getDefinition } from '../../definitions/process';
import type { TPublicUser } from '../../service/users/store';
import { eventually } from '../helpers/eventually';
import { call } from '../helpers/service';
import { type ServiceStack, startServiceStack } from '../helpers/service-stack';
import { modifiedWuhanDocument } from '../fixtures/modified-wuhan';

const execFileAsync = promisify(execFile);
const USERS: TPublicUser[] = [
  { username: 'coordinator', displayName: '帮办中心', role: 'coordinator' },
  { username: 'ent-a', displayName: '企业甲', role: 'enterprise', enterpriseId: 'ent-a' },
  { username: 'dept-ecology-environment', displayName: '生态环境局', role: 'department', departmentId: 'ecology-environment' },
  { username: 'dept-development-reform', displayName: '发展和改革局', role: 'department', departmentId: 'development-reform' },
];
const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const stage = getDefinition('wuhan-industrial')!.stages[0]!;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let stack: ServiceStack;
const ids: string[] = [];
const as = async (username: string, method: string, path: string, body?: unknown) =>
  call(stack.app, method, path, { token: await stack.token(username), body });

beforeAll(async () => {
  stack = await startServiceStack(USERS);
  for (const title of ['补录样本', '节能在审']) {
    const res = await as('coordinator', 'POST', '/api/projects', { title, definitionId: 'wuhan-industrial', enterpriseId: 'ent-a', attributes: ATTRIBUTES });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    ids.push(id);
    const file = new FormData();
    file.set('stageId', stage.id);
    file.set('materialId', 'eia-form');
    file.set('file', new File([new Uint8Array(PDF)], 'eia-form.pdf', { type: 'application/pdf' }));
    expect((await as('ent-a', 'POST', `/api/projects/${id}/materials`, file)).status).toBe(201);
    const reviews = (await as('coordinator', 'GET', `/api/projects/${id}`)).body.reviews as { itemId: string }[];
    const applicable = new Set(reviews.map((r) => r.itemId));
    const materials = [...new Set(stage.items.filter((i) => applicable.has(i.id)).flatMap((i) => i.materials.map((m) => m.id)))];
    const form = Object.fromEntries(stage.form.fields.map((f) => [f.id, '示例']));
    expect((await as('ent-a', 'POST', `/api/projects/${id}/events`, { type: 'submitApplication', stageId: stage.id, form, materials })).status).toBe(200);
    expect((await as('coordinator', 'POST', `/api/projects/${id}/events`, { type: 'decideIntake', stageId: stage.id, decision: 'accept' })).status).toBe(200);
  }
}, 120_000);
afterAll(async () => stack?.stop());

test('a stated signing date reaches the history through the workflow; the approval with its file unopened is flagged for the coordinator', async () => {
  const [id] = ids;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const approve = await as('dept-ecology-environment', 'POST', `/api/projects/${id}/events`, {
    type: 'approveReview',
    itemId: 'eia-form-approval',
    signedOn: today,
  });
  expect(approve.status).toBe(200);
  const history = (await as('coordinator', 'GET', `/api/projects/${id}/history`)).body;
  const entries = (Array.isArray(history) ? history : history.entries) as { type: string; itemId?: string; signedOn?: string }[];
  expect(entries.find((e) => e.type === 'approved' && e.itemId === 'eia-form-approval')?.signedOn).toBe(today);

  const report = await eventually(
    () => as('coordinator', 'GET', '/api/supervision/backfill'),
    (r) => r.status === 200 && r.body.total > 0,
  );
  expect(report.body.flags).toEqual([
    expect.objectContaining({
      rule: 'approvedUnopened',
      itemId: 'eia-form-approval',
      decisions: [expect.objectContaining({ projectId: id, signedOn: today })],
    }),
  ]);
  expect((await as('dept-ecology-environment', 'GET', '/api/supervision/backfill')).status).toBe(403);
});

test('`approvals definitions dry-run` with the modified Wuhan: each running project reported, one cannot move (exit 1), nothing changed', async () => {
  // The second project's energy review runs once the filing is approved: the new version drops that item.
  expect((await as('dept-development-reform', 'POST', `/api/projects/${ids[1]}/events`, { type: 'approveReview', itemId: 'project-filing' })).status).toBe(200);
  await eventually(
    () => stack.readModel.db.selectFrom('projects').select('project_id').where('status', '=', 'active').execute(),
    (rows) => rows.length === 2,
  );
  const views = async () => Promise.all(ids.map(async (id) => (await as('coordinator', 'GET', `/api/projects/${id}/history`)).body));
  const before = await views();
  const file = join(stack.dataDir, 'wuhan-industrial-v5.yaml');
  writeFileSync(file, stringify(modifiedWuhanDocument()));
  const run = await execFileAsync(process.execPath, ['bin/approvals.cjs', 'definitions', 'dry-run', file], {
    cwd: join(__dirname, '../..'),
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: process.env.TEMPORAL_TEST_DEV_ADDRESS,
      TEMPORAL_TASK_QUEUE: stack.gateway.taskQueue,
      DATABASE_URL: stack.databaseUrl,
      APPROVALS_DATA_DIR: stack.dataDir,
    },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
  if (process.env.DRY_RUN_OUTPUT) writeFileSync(process.env.DRY_RUN_OUTPUT, run.stdout);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(
    /^dry run of wuhan-industrial v5 \(\w{12}\) over 2 running project\(s\): 1 can move \(0 unchanged\), 1 cannot; nothing was changed$/m,
  );
  expect(run.stdout).toContain(`${ids[1]} 节能在审 · wuhan-industrial v4`);
  expect(run.stdout).toContain('  ✗ the open review of energy-review (inReview) has no item in the new version');
  expect(run.stdout).toMatch(/ {2}~ due eia-form-approval: promised \S+ → \S+; legal \S+ → \S+/);
  expect(run.stdout).toContain('  + item water-supply-review 供水接入审查 (housing-construction, stage construction-approval)');
  expect(await views()).toEqual(before);
});
