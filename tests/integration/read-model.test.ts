/**
 * The read model on the real dev server: the rows the workflows publish agree with the
 * workflows themselves, and `approvals read-model rebuild` (from Temporal, the source of truth)
 * reproduces the live tables exactly — including after the tables were lost.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { driveProject } from '../../client/scenario';
import { viewProject } from '../../client/projects';
import { getDefinition } from '../../definitions/process';
import { rebuildReadModel } from '../../db/read-model/rebuild';
import { projectWorkflowId, readModelQuery } from '../../workflows/messages';
import { runApprovalsWith } from '../helpers/cli';
import { eventually } from '../helpers/eventually';
import { actorsFor, registerDefaultProject } from '../helpers/projects';
import { type ServiceStack, startServiceStack } from '../helpers/service-stack';

const execFileAsync = promisify(execFile);
let stack: ServiceStack;
const suffix = randomUUID().slice(0, 6);
const ids = [0, 1, 2].map((i) => `rm-${suffix}-${i}`);

beforeAll(async () => {
  stack = await startServiceStack([{ username: 'coordinator', displayName: '帮办中心', role: 'coordinator' }]);
  const definition = getDefinition('wuhan-industrial')!;
  for (const [i, projectId] of ids.entries()) {
    await registerDefaultProject(stack.env.client, stack.gateway.taskQueue, { projectId, enterpriseId: `ent-${i}` });
  }
  // One project complete and rated, one through its first stage, one just registered.
  await driveProject(stack.env.client, ids[0]!, actorsFor(definition, 'ent-0'), { rate: true });
  await driveProject(stack.env.client, ids[1]!, actorsFor(definition, 'ent-1'), { stages: 1 });
});
afterAll(() => stack?.stop());

/**
 * Waits until every project's stored seq is the one its workflow last published, twice in a
 * row a second apart (a decision's answer comes before the workflow's loop publishes it).
 */
async function settled(): Promise<void> {
  const seqs = async () => {
    const out: string[] = [];
    for (const id of ids) {
      const published = await stack.env.client.workflow.getHandle(projectWorkflowId(id)).query(readModelQuery);
      out.push(`${published.seq}/${await stack.readModel.seqOf(id)}`);
    }
    return out.join(',');
  };
  let last = '';
  await eventually(
    async () => {
      await new Promise((r) => setTimeout(r, 1000));
      const now = await seqs();
      const stable = now === last && now.split(',').every((p) => p.split('/')[0] === p.split('/')[1]);
      last = now;
      return stable;
    },
    (ok) => ok,
    30_000,
  );
}

test('the rows agree with each workflow: status, stage, reviews and ratings', async () => {
  await settled();
  const page = await stack.readModel.listProjects({}, {}, 100);
  for (const id of ids) {
    const view = await viewProject(stack.env.client, id);
    const row = page.projects.find((p) => p.id === id)!;
    expect([row.status, row.stageId, row.worstCard]).toEqual([view.status, view.currentStageId, view.worstCard]);
    const reviews = await stack.readModel.db
      .selectFrom('project_reviews')
      .select(['item_id', 'status'])
      .where('project_id', '=', id)
      .orderBy('item_id')
      .execute();
    expect(reviews.map((r) => `${r.item_id}:${r.status}`)).toEqual(view.reviews.map((r) => `${r.itemId}:${r.status}`).sort());
  }
  expect(page.projects.find((p) => p.id === ids[0])!.status).toBe('complete');
  const report = await stack.readModel.supervision(new Date());
  expect(report.ratings.count).toBe(3);
});

test('a rebuild from Temporal reproduces the live tables, also after they were emptied', async () => {
  await settled();
  const live = await stack.readModel.dump();
  expect(live.projects).toHaveLength(3);
  expect(await rebuildReadModel(stack.gateway, stack.readModel)).toEqual({ projects: 3, removed: 0 });
  expect(await stack.readModel.dump()).toEqual(live);

  await stack.readModel.clear();
  expect((await stack.readModel.listProjects({}, {}, 10)).total).toBe(0);
  // Not spawnSync: the workflows' worker runs in this process and must answer the CLI's queries.
  const cli = await execFileAsync(process.execPath, ['bin/approvals.cjs', 'read-model', 'rebuild'], {
    cwd: join(__dirname, '../..'),
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: process.env.TEMPORAL_TEST_DEV_ADDRESS,
      TEMPORAL_TASK_QUEUE: stack.gateway.taskQueue,
      DATABASE_URL: stack.databaseUrl,
    },
  });
  expect(cli.stderr).toBe('');
  expect(cli.stdout).toMatch(/^rebuilt 3 projects in [\d.]+ s; removed 0 no longer in Temporal$/m);
  expect(await stack.readModel.dump()).toEqual(live);
});

test('rebuild refuses a bad configuration with one line and exit 2', () => {
  const cli = runApprovalsWith({ env: { DATABASE_URL: 'mysql://x' } }, 'read-model', 'rebuild');
  expect(cli.code).toBe(2);
  expect(cli.stderr).toMatch(/DATABASE_URL/);
});
