/**
 * migrateDefinition on the time-skipping server (issue 17 item 4): a running project moved to
 * version 2 of its definition answers with its new dues, records who moved it and what changed,
 * and its timer follows the new due; its search attributes name the added item's department (the red card at the moved instant); the same move is
 * refused once its review has been decided on an item the version drops.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { decide, decideAndView, DecisionError, startProject, viewProject } from '../../client/projects';
import { historyQuery, projectWorkflowId } from '../../workflows/messages';
import { SA } from '../../workflows/search-attributes';
import { acceptPreparation, actors, smallProjectInput } from '../fixtures/small-spec';
import { smallSpecV2 } from '../fixtures/small-spec-v2';
import { onTimeSkippingServer, serverNow } from '../helpers/time-skipping';
import { testWorker } from '../helpers/worker';

const cal = new WorkingCalendar(buildOfficialSnapshot());

let env: TestWorkflowEnvironment;
onTimeSkippingServer((started) => (env = started));

const nowOnServer = () => serverNow(env);

test('a running project moved to v2: the EIA due 10 working days earlier, the move in history, the red card at the new due', async () => {
  const { worker, taskQueue } = await testWorker(env);
  await worker.runUntil(async () => {
    const project = smallProjectInput('migrate', '迁移');
    await startProject(env.client, taskQueue, project);
    const accepted = await acceptPreparation(env.client, project.projectId);
    const eia = accepted.reviews.find((r) => r.itemId === 'eia')!;
    const start = cal.dateOf(eia.startedAt!);
    expect(eia.clock!.promisedDueAt).toBe(cal.dueInstant(start, 15));

    const moved = await decideAndView(env.client, project.projectId, actors.coordinator, {
      type: 'migrateDefinition',
      spec: smallSpecV2(),
      reason: '新版流程',
    });
    expect(moved.definition).toMatchObject({ id: 'test-two-stage', version: 2 });
    const newDue = cal.dueInstant(start, 5);
    expect(moved.reviews.find((r) => r.itemId === 'eia')).toMatchObject({
      promisedLimit: 5,
      legalLimit: 20,
      clock: { promisedDueAt: newDue, legalDueAt: cal.dueInstant(start, 20) },
    });
    expect(moved.reviews.find((r) => r.itemId === 'water-supply')).toMatchObject({ stageId: 'construction-permit', status: 'pending' });
    const handle = env.client.workflow.getHandle(projectWorkflowId(project.projectId));
    const entry = (await handle.query(historyQuery)).at(-1)!;
    expect(entry).toMatchObject({ type: 'definitionMigrated', actor: { userId: actors.coordinator.userId, role: 'coordinator' }, reason: '新版流程' });
    expect(entry.summary).toBe(
      `definition test-two-stage v1 → v2: items added: water-supply; eia: promised 15 → 5, legal 30 → 20 working days, due ${eia.clock!.promisedDueAt.slice(0, 10)} → ${newDue.slice(0, 10)}; materials newly required: water-plan (water-supply)`,
    );

    // Visibility follows: the added item's department now finds the project among its own.
    expect((await handle.describe()).typedSearchAttributes.get(SA.departments)).toContain('water');

    // The workflow's one timer now aims at the moved due: the red card comes at it, not at the old one.
    await env.sleep(Date.parse(newDue) - Date.parse(await nowOnServer()) + 60_000);
    const red = (await handle.query(historyQuery)).find((h) => h.type === 'redCard' && h.itemId === 'eia');
    expect(red?.at).toBe(newDue);
    expect((await viewProject(env.client, project.projectId)).reviews.find((r) => r.itemId === 'eia')!.clock!.card).toBe('red');
  });
});

test('a move the dry run says cannot happen is refused by the workflow with its reason, and changes nothing', async () => {
  const { worker, taskQueue } = await testWorker(env);
  await worker.runUntil(async () => {
    const project = smallProjectInput('migrate-blocked', '迁移受阻');
    await startProject(env.client, taskQueue, project);
    await acceptPreparation(env.client, project.projectId);
    const spec = smallSpecV2();
    spec.stages[0]!.items = spec.stages[0]!.items.filter((i) => i.id !== 'eia');
    const handle = env.client.workflow.getHandle(projectWorkflowId(project.projectId));
    const before = await handle.query(historyQuery);
    const refused = await decide(env.client, project.projectId, actors.coordinator, { type: 'migrateDefinition', spec }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DecisionError);
    expect((refused as DecisionError).message).toBe(
      'migrateDefinition: cannot move to test-two-stage v2: the open review of eia (inReview) has no item in the new version',
    );
    expect(await handle.query(historyQuery)).toEqual(before);
    expect((await viewProject(env.client, project.projectId)).definition.version).toBe(1);
  });
});
