/**
 * Issue 16 in the browser, on the default Wuhan (v4): a project in a park with a registered
 * geological-hazard assessment (区域评估) never hands in that report — the page lists it "from the
 * park's assessment"; at acceptance one as-built survey serves planning verification and first
 * registration (多测合一), listed as such. Then 联合验收: the coordinator proposes the site-visit
 * date, the departments confirm it (on a working day the visit is today and the fire department
 * confirms it by its record in its page, issue 12's short path), the fire department orders a
 * rectification on the visit, the enterprise reports it done, the re-inspection passes and the page shows the joint acceptance
 * passed with its rectification round and its clock; the coordinator issues the combined
 * conclusion with the stage's results.
 */
import { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import { getDefinition } from '../../definitions/process';
import { DEFAULT_ATTRIBUTES } from '../helpers/projects';
import { act, ENTERPRISE, type Rig, startRig } from './browser';
import { apiAs, parkWithAssessment } from './projects';

const wuhan = getDefinition('wuhan-industrial')!;
const acceptance = wuhan.stages.find((s) => s.joint)!;
const material = (id: string) => wuhan.stages.flatMap((s) => s.items.flatMap((i) => i.materials)).find((m) => m.id === id)!;
const title = (itemId: string) => acceptance.items.find((i) => i.id === itemId)!.title.zh;
/** What the enterprise does not hand in: the park's assessment covers one, the survey handed in at acceptance the other. */
const PARK_COVERS = 'geo-hazard-assessment';
const SURVEY_COVERS = 'building-survey-report';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

interface TDetail {
  definition: { version: number };
  stages: { stageId: string; status: string }[];
  reviews: { itemId: string; stageId: string; status: string; departmentId: string }[];
  results: { resultId: string }[];
  satisfied?: { forMaterialId: string; source: string; materialId?: string }[];
  joint?: { status: string; parts: { itemId: string; departmentId: string }[] }[];
}

/**
 * Registers a default Wuhan project in `parkId` and walks it through the API to its accepted joint
 * acceptance, applying for each stage without the materials in `leaveOut`; each intake is a plain
 * accept, which the engine refuses while anything is missing.
 */
async function atJointAcceptance(name: string, parkId: string, leaveOut: ReadonlySet<string>): Promise<string> {
  const coordinator = await apiAs(rig, 'coordinator');
  const enterprise = await apiAs(rig, ENTERPRISE);
  const { id } = await coordinator<{ id: string }>('POST', '/api/projects', {
    title: name,
    definitionId: wuhan.id,
    enterpriseId: ENTERPRISE,
    attributes: DEFAULT_ATTRIBUTES,
    parkId,
  });
  const events = `/api/projects/${id}/events`;
  for (const stage of wuhan.stages) {
    let detail = await coordinator<TDetail>('GET', `/api/projects/${id}`);
    const issued = new Set(detail.results.map((r) => r.resultId));
    const applicable = new Set(detail.reviews.map((r) => r.itemId));
    const materials = [
      ...new Set(
        stage.items
          .filter((i) => applicable.has(i.id))
          .flatMap((i) => i.materials.filter((m) => !(m.providedByResult && issued.has(m.providedByResult))).map((m) => m.id)),
      ),
    ].filter((m) => !leaveOut.has(m));
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
  throw new Error('the default Wuhan has no joint acceptance stage');
}

test("a park project passes joint acceptance after one rectification; one survey serves two inspections, the park's assessment one report", async () => {
  await rig.run(async () => {
    const api = await apiAs(rig, 'coordinator');
    const id = await atJointAcceptance('园区联合验收光电一期', await parkWithAssessment(rig), new Set([PARK_COVERS, SURVEY_COVERS]));
    const opened = await api<TDetail>('GET', `/api/projects/${id}`);
    expect(opened.definition.version).toBe(4);
    // Both parts that ask for the as-built survey are served by the one handed in with planning verification.
    const surveyParts = acceptance.items.filter((i) => i.materials.some((m) => m.survey === 'as-built-survey')).map((i) => i.id);
    expect(surveyParts).toEqual(['planning-verification', 'first-registration']);
    expect(opened.satisfied).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ forMaterialId: PARK_COVERS, source: 'park' }),
        expect.objectContaining({ forMaterialId: SURVEY_COVERS, source: 'survey', materialId: 'completion-survey' }),
      ]),
    );
    const page = `${rig.baseUrl}/projects/${encodeURIComponent(id)}`;
    const cal = new WorkingCalendar(buildOfficialSnapshot());
    const today = cal.dateOf(new Date().toISOString());
    // On a working day the visit is today, so the fire department's record on it confirms the date (confirmsVisit).
    const onVisit = cal.isWorkday(today);
    const visit = onVisit ? today : cal.addWorkdays(today, 1).date;

    // The enterprise's page lists both materials it was never asked for, each with where it comes from.
    const { page: enterprise } = await rig.loginAs(ENTERPRISE);
    await enterprise.goto(page);
    const satisfied = enterprise.getByTestId('satisfied-materials');
    await satisfied
      .getByRole('listitem')
      .filter({ hasText: material(PARK_COVERS).title.zh })
      .getByText('由园区区域评估满足（光谷生物城，有效期至 2099-12-31）')
      .waitFor();
    await satisfied
      .getByRole('listitem')
      .filter({ hasText: material(SURVEY_COVERS).title.zh })
      .getByText(/由 \d{4}-\d{2}-\d{2} 提交的测绘成果满足（多测合一）/)
      .waitFor();

    const { page: coordinator } = await rig.loginAs('coordinator');
    await coordinator.goto(page);
    const card = coordinator.getByTestId('joint-acceptance');
    await card.getByTestId('joint-status').getByText('确定验收日期').waitFor();
    await act(coordinator, '提出联合验收日期：监管验收', async (dialog) => {
      await dialog.getByLabel('现场验收日期').fill(visit);
    });

    // Every department confirms the date (each through its own account); on the visit day the fire department's record will.
    const parts = (await api<TDetail>('GET', `/api/projects/${id}`)).joint![0]!.parts;
    for (const p of parts.filter((x) => !onVisit || x.itemId !== 'fire-acceptance')) {
      const department = await apiAs(rig, `dept-${p.departmentId}`);
      await department('POST', `/api/projects/${id}/events`, { type: 'confirmSiteVisit', itemId: p.itemId });
    }

    // On the visit the fire department orders a rectification, in its page (its record confirms the date when it had not).
    const { page: fire } = await rig.loginAs('dept-housing-construction');
    await fire.goto(page);
    await act(fire, `录入验收意见：${title('fire-acceptance')}`, async (dialog) => {
      if (onVisit) await dialog.getByText(/即视为确认该日期/).waitFor();
      await dialog.getByText('限期整改').click();
      await dialog.getByLabel('验收意见').fill('疏散指示标志缺失');
      await dialog.getByLabel('整改期限（工作日）').fill('5');
    });
    for (const p of parts.filter((x) => x.itemId !== 'fire-acceptance')) {
      const department = await apiAs(rig, `dept-${p.departmentId}`);
      await department('POST', `/api/projects/${id}/events`, { type: 'recordInspection', itemId: p.itemId, outcome: 'pass', findings: '符合要求' });
    }
    await fire.reload();
    const fireCard = fire.getByTestId('joint-acceptance');
    await fireCard.getByTestId('joint-status').getByText('企业整改').waitFor();
    await fireCard.getByText('企业整改中，计时暂停').waitFor();

    // The enterprise reports it done.
    await enterprise.reload();
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
    const issued = await api<TDetail>('GET', `/api/projects/${id}`);
    expect(issued.results.map((r) => r.resultId)).toEqual(
      expect.arrayContaining(['planning-verification-opinion', 'building-title-certificate', 'joint-acceptance-opinion']),
    );
    // Never asked for: neither material was handed in with any application.
    const history = await api<{ entries: { type: string; summary: string }[] }>('GET', `/api/projects/${id}/history`);
    const applications = history.entries.filter((h) => h.type === 'submitApplication').map((h) => h.summary);
    expect(applications).toEqual([
      expect.stringMatching(new RegExp(`^application submitted, complete; satisfied: ${PARK_COVERS} \\(from the park's geological-hazards assessment\\)$`)),
      'application submitted, complete',
      expect.stringMatching(new RegExp(`^application submitted, complete; satisfied: ${SURVEY_COVERS} \\(from the as-built-survey survey supplied on `)),
    ]);
  });
});
