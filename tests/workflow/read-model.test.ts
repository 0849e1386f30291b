/**
 * The read model kept current by the workflow itself, on the time-skipping server and a real
 * PostgreSQL: a card that turns yellow on a timer (no request at all) reaches the rows, and
 * so do decisions after continue-as-new, each write with a higher seq than the last.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { decide, startProject } from '../../client/projects';
import { ReadModelStore } from '../../db/read-model/store';
import { acceptPreparation, actors, smallProjectInput } from '../fixtures/small-spec';
import { eventually } from '../helpers/eventually';
import { type TestDatabase, testDatabase } from '../helpers/postgres';
import { onTimeSkippingServer } from '../helpers/time-skipping';
import { testWorker } from '../helpers/worker';

let env: TestWorkflowEnvironment;
let t: TestDatabase;
let store: ReadModelStore;
beforeAll(async () => {
  t = await testDatabase();
  store = new ReadModelStore(t.db);
});
afterAll(() => t.drop());
onTimeSkippingServer((started) => (env = started));

const input = () => smallProjectInput('rm', '读模型项目');

const fireReview = async (projectId: string) =>
  (await t.db.selectFrom('project_reviews').selectAll().where('project_id', '=', projectId).where('item_id', '=', 'fire-design').executeTakeFirst()) ?? null;

test('a card turning yellow on its timer, with no request, reaches the lists and the inbox', async () => {
  const { worker, taskQueue } = await testWorker(env, undefined, undefined, store);
  await worker.runUntil(async () => {
    const project = input();
    await startProject(env.client, taskQueue, project);
    const listed = await eventually(
      () => store.listProjects({}, {}, 10),
      (p) => p.projects.some((x) => x.id === project.projectId),
    );
    expect(listed.projects.find((x) => x.id === project.projectId)).toMatchObject({ status: 'active', stageId: 'preparation', worstCard: 'green' });

    const view = await acceptPreparation(env.client, project.projectId);
    const fire = view.reviews.find((r) => r.itemId === 'fire-design')!;
    expect(
      (
        await eventually(
          () => fireReview(project.projectId),
          (r) => r?.status === 'inReview',
        )
      )?.card,
    ).toBe('green');

    // Past the yellow instant (2 of 5 working days left), and nobody sends anything.
    const yellowAt = Date.parse(fire.clock!.promisedDueAt) - 3 * 24 * 3600_000;
    await env.sleep(Math.max(0, yellowAt - Number(await env.currentTimeMs())) + 2 * 24 * 3600_000);
    const row = await eventually(
      () => fireReview(project.projectId),
      (r) => r?.card !== 'green',
    );
    expect(row).toMatchObject({ card: 'yellow', yellow_cards: 1, red_cards: 0 });
    const summary = (await store.listProjects({}, { card: 'yellow' }, 10)).projects;
    expect(summary.map((p) => p.id)).toEqual([project.projectId]);
    const inbox = await store.tasks('department:fire', 10);
    expect(inbox.tasks.find((x) => x.itemId === 'fire-design')).toMatchObject({ card: 'yellow', kind: 'approveReview' });
  });
});

test('after continue-as-new the next run publishes with a higher seq, and its decisions reach the rows', async () => {
  const { worker, taskQueue } = await testWorker(env, undefined, undefined, store);
  await worker.runUntil(async () => {
    const project = input();
    const { firstExecutionRunId } = await startProject(env.client, taskQueue, project, { maxEventsPerRun: 20 });
    await acceptPreparation(env.client, project.projectId);
    await decide(env.client, project.projectId, actors.coordinator, { type: 'requestJointExtension', itemId: 'eia', days: 3, reason: '情况复杂' });
    await decide(
      env.client,
      project.projectId,
      { userId: 'gov-head', role: 'coordinator' as const, governmentHead: true as const },
      { type: 'decideJointExtension', itemId: 'eia', decision: 'approve' },
    );
    await env.sleep('3 days');
    const handle = env.client.workflow.getHandle(`project-${project.projectId}`);
    expect((await handle.describe()).runId).not.toBe(firstExecutionRunId);
    const before = (await store.seqOf(project.projectId))!;
    await decide(env.client, project.projectId, actors.planning, { type: 'approveReview', itemId: 'land-planning' });
    const planning = await eventually(
      () =>
        t.db
          .selectFrom('project_reviews')
          .select('status')
          .where('project_id', '=', project.projectId)
          .where('item_id', '=', 'land-planning')
          .executeTakeFirst(),
      (r) => r?.status === 'approved',
    );
    expect(planning?.status).toBe('approved');
    expect((await store.seqOf(project.projectId))!).toBeGreaterThan(before);
  });
});
