/**
 * Issue 16 on the time-skipping server: one survey (多测合一) supplied in preparation satisfies
 * the construction permit's survey material a stage later, the park's assessment (区域评估)
 * satisfies its material at intake, and the enterprise's intermediary (中介服务) is recorded
 * with its agreed delivery date, its deliverable handed in as the material it satisfies.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startProject } from '../../client/projects';
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { historyQuery, projectWorkflowId } from '../../workflows/messages';
import { driveParkProject, parkProjectInput } from '../fixtures/park-spec';
import { onTimeSkippingServer, serverNow } from '../helpers/time-skipping';
import { testWorker } from '../helpers/worker';

const cal = new WorkingCalendar(buildOfficialSnapshot());
let env: TestWorkflowEnvironment;
onTimeSkippingServer((started) => (env = started));

const nowOnServer = () => serverNow(env);

test('one survey serves two items in two stages, the park assessment satisfies its material, the intermediary is recorded and delivers', async () => {
  const { worker, taskQueue } = await testWorker(env);
  await worker.runUntil(async () => {
    const project = parkProjectInput('sm', '园区项目', await nowOnServer());
    await startProject(env.client, taskQueue, project);
    const deliveryOn = new Date(Date.parse(await nowOnServer()) + 30 * 86_400_000).toISOString().slice(0, 10);
    const { selected, submitted, permit } = await driveParkProject(env.client, project.projectId, deliveryOn, () => env.sleep('1 day'));

    expect(selected.intermediaries![0]).toMatchObject({
      serviceId: 'fire-design-service',
      provider: { providerName: '某建筑设计院', deliveryOn },
      delivered: false,
    });
    // 区域评估: the report the park covers is not missing, and says where it comes from.
    expect(submitted.stages[0]!.missing).toEqual([]);
    expect(submitted.satisfied).toContainEqual(
      expect.objectContaining({ forMaterialId: 'geo-hazard-report', source: 'park', parkName: '光谷生物城', assessmentType: 'geological-hazards' }),
    );
    // 多测合一: the survey of preparation serves the construction permit's item, supplied once.
    const preparationSubmittedAt = submitted.stages[0]!.submittedAt!;
    expect(permit.stages[1]!.missing).toEqual([]);
    expect(permit.satisfied).toContainEqual(
      expect.objectContaining({
        forStageId: 'construction-permit',
        forMaterialId: 'site-survey',
        source: 'survey',
        materialId: 'topo-survey',
        at: preparationSubmittedAt,
      }),
    );
    expect(permit.intermediaries![0]!.delivered).toBe(true);

    const history = await env.client.workflow.getHandle(projectWorkflowId(project.projectId)).query(historyQuery);
    expect(history.find((h) => h.type === 'intermediarySelected')?.summary).toBe(
      `消防设计: provider 某建筑设计院 (7) chosen, delivery agreed for ${deliveryOn}`,
    );
    expect(history.filter((h) => h.type === 'submitApplication').map((h) => h.summary)).toEqual([
      "application submitted, complete; satisfied: geo-hazard-report (from the park's geological-hazards assessment)",
      `application submitted, complete; satisfied: site-survey (from the topographic-survey survey supplied on ${cal.dateOf(preparationSubmittedAt)})`,
    ]);
  });
});
