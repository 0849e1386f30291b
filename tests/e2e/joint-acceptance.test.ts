/**
 * 联合验收 in the browser (issue 16): a project on Wuhan v3 reaches its acceptance stage; the
 * coordinator proposes the site-visit date, the departments confirm it, the fire department
 * orders a rectification on the visit, the enterprise reports it done, the re-inspection passes
 * and the page shows the joint acceptance passed with its rectification round and its clock; the
 * coordinator issues the combined conclusion with the stage's results.
 */
import { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import { getDefinition } from '../../definitions/process';
import { DEFAULT_ATTRIBUTES } from '../helpers/projects';
import { act, ENTERPRISE, type Rig, startRig } from './browser';
import { apiAs } from './projects';

const v3 = getDefinition('wuhan-industrial', 3)!;
const acceptance = v3.stages[2]!;
const title = (itemId: string) => acceptance.items.find((i) => i.id === itemId)!.title.zh;

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

interface TDetail {
  stages: { stageId: string; status: string }[];
  reviews: { itemId: string; stageId: string; status: string; departmentId: string }[];
  results: { resultId: string }[];
  joint?: { status: string; parts: { itemId: string; departmentId: string }[] }[];
}

/** Registers a project on v3 and walks it through the API to its accepted acceptance stage. */
async function atJointAcceptance(name: string): Promise<string> {
  const coordinator = await apiAs(rig, 'coordinator');
  const enterprise = await apiAs(rig, ENTERPRISE);
  const { id } = await coordinator<{ id: string }>('POST', '/api/projects', {
    title: name,
    definitionId: v3.id,
    definitionVersion: 3,
    enterpriseId: ENTERPRISE,
    attributes: DEFAULT_ATTRIBUTES,
  });
  const events = `/api/projects/${id}/events`;
  for (const stage of v3.stages) {
    let detail = await coordinator<TDetail>('GET', `/api/projects/${id}`);
    const issued = new Set(detail.results.map((r) => r.resultId));
    const applicable = new Set(detail.reviews.map((r) => r.itemId));
    const materials = [
      ...new Set(
        stage.items
          .filter((i) => applicable.has(i.id))
          .flatMap((i) => i.materials.filter((m) => !(m.providedByResult && issued.has(m.providedByResult))).map((m) => m.id)),
      ),
    ];
    const form = Object.fromEntries(stage.form.fields.map((f) => [f.id, f.type === 'number' ? 50000 : f.type === 'date' ? '2027-03-01' : '示例']));
    await enterprise('POST', events, { type: 'submitApplication', stageId: stage.id, form, materials });
    await coordinator('POST', events, { type: 'decideIntake', stageId: stage.id, decision: 'accept' });
    if (stage.joint) return id;
    for (let guard = 0; guard < 30; guard++) {
      detail = await coordinator<TDetail>('GET', `/api/projects/${id}`);
      const open = detail.reviews.find((r) => r.stageId === stage.id && r.status === 'inReview');
      if (!open) break;
      const department = await apiAs(rig, `dept-${open.departmentId}`);
      await department('POST', events, { type: 'approveReview', itemId: open.itemId });
    }
    await coordinator('POST', events, { type: 'issueResults', stageId: stage.id });
  }
  throw new Error('v3 has no joint acceptance stage');
}

test('a project passes joint acceptance after one rectification', async () => {
  await rig.run(async () => {
    const id = await atJointAcceptance('联合验收光电一期');
    const page = `${rig.baseUrl}/projects/${encodeURIComponent(id)}`;
    const cal = new WorkingCalendar(buildOfficialSnapshot());
    const visit = cal.addWorkdays(cal.dateOf(new Date().toISOString()), 1).date;

    const { page: coordinator } = await rig.loginAs('coordinator');
    await coordinator.goto(page);
    const card = coordinator.getByTestId('joint-acceptance');
    await card.getByTestId('joint-status').getByText('确定验收日期').waitFor();
    await act(coordinator, '提出联合验收日期：监管验收', async (dialog) => {
      await dialog.getByLabel('现场验收日期').fill(visit);
    });

    // Every department confirms the date (each through its own account).
    const detail = await (await apiAs(rig, 'coordinator'))<TDetail>('GET', `/api/projects/${id}`);
    const parts = detail.joint![0]!.parts;
    for (const p of parts) {
      const department = await apiAs(rig, `dept-${p.departmentId}`);
      await department('POST', `/api/projects/${id}/events`, { type: 'confirmSiteVisit', itemId: p.itemId });
    }
    for (const p of parts.filter((x) => x.itemId !== 'fire-acceptance')) {
      const department = await apiAs(rig, `dept-${p.departmentId}`);
      await department('POST', `/api/projects/${id}/events`, { type: 'recordInspection', itemId: p.itemId, outcome: 'pass', findings: '符合要求' });
    }

    // On the visit the fire department orders a rectification, in its page.
    const { page: fire } = await rig.loginAs('dept-housing-construction');
    await fire.goto(page);
    await act(fire, `录入验收意见：${title('fire-acceptance')}`, async (dialog) => {
      await dialog.getByText('限期整改').click();
      await dialog.getByLabel('验收意见').fill('疏散指示标志缺失');
      await dialog.getByLabel('整改期限（工作日）').fill('5');
    });
    const fireCard = fire.getByTestId('joint-acceptance');
    await fireCard.getByTestId('joint-status').getByText('企业整改').waitFor();
    await fireCard.getByText('企业整改中，计时暂停').waitFor();

    // The enterprise reports it done.
    const { page: enterprise } = await rig.loginAs(ENTERPRISE);
    await enterprise.goto(page);
    await enterprise.getByTestId('joint-rectification').getByText('尚未报告整改完成').waitFor();
    await act(enterprise, '报告整改完成：监管验收', async (dialog) => {
      await dialog.getByLabel('说明').fill('已增设疏散指示标志');
    });
    await enterprise.getByTestId('joint-status').getByText('整改复查').waitFor();

    // The re-inspection passes: the joint acceptance has passed, with its round and its clock.
    await fire.reload();
    await act(fire, `录入验收意见：${title('fire-acceptance')}`, async (dialog) => {
      await dialog.getByLabel('验收意见').fill('整改到位');
    });
    await fireCard.getByTestId('joint-status').getByText('验收通过').waitFor();
    await fireCard.getByText(/报告整改完成于/).waitFor();
    await fireCard
      .getByTestId('joint-clock')
      .getByText(/整改 \d+ 个工作日不计入/)
      .waitFor();

    // The coordinator issues the stage's results with the combined conclusion.
    await coordinator.reload();
    await act(coordinator, '统一出件：监管验收');
    const issued = await (await apiAs(rig, 'coordinator'))<TDetail>('GET', `/api/projects/${id}`);
    expect(issued.results.map((r) => r.resultId)).toContain('joint-acceptance-opinion');
  });
});
