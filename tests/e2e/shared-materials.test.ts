/**
 * Issue 16 in the browser: the enterprise chooses its fire-design provider from the directory
 * (中介超市) on its project page, and after applying, the geological-hazards report its park's
 * assessment covers (区域评估) is listed as not asked for, "from the park's assessment". The
 * intermediary's time stays apart: beside each stage's government days on the Gantt, and on its
 * own rows in supervision.
 */
import { ENTERPRISE, type Rig, startRig } from './browser';
import { apiAs, apply, parkWithAssessment } from './projects';
import { DEFAULT_ATTRIBUTES } from '../helpers/projects';
import { PARK_DEFINITION_ID, parkRegistry } from '../fixtures/park-definition';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig({ definitions: parkRegistry() });
});
afterAll(async () => {
  await rig?.close();
});

test("a provider chosen on the project page; the park's assessment satisfies the report, shown as such", async () => {
  await rig.run(async () => {
    const coordinator = await apiAs(rig, 'coordinator');
    await coordinator('POST', '/api/providers', { name: '武汉某建筑设计院', qualifications: ['工程设计建筑行业甲级'], serviceTypes: ['fire-design'] });
    const parkId = await parkWithAssessment(rig);
    const { id } = await coordinator<{ id: string }>('POST', '/api/projects', {
      title: '园区光电项目',
      definitionId: PARK_DEFINITION_ID,
      enterpriseId: ENTERPRISE,
      attributes: DEFAULT_ATTRIBUTES,
      parkId,
    });

    const { page } = await rig.loginAs(ENTERPRISE);
    await page.goto(`${rig.baseUrl}/projects/${encodeURIComponent(id)}`);
    const services = page.getByTestId('intermediaries');
    await services.getByText('提前至「前期准备」开展').waitFor();
    const form = services.getByRole('form', { name: '选择中介机构：消防设计' });
    await form.getByLabel('选择中介机构').click();
    await page.getByTitle('武汉某建筑设计院').click();
    await form.getByLabel('约定交付日期').fill('2099-01-15');
    await form.getByRole('button', { name: '选择中介机构' }).click();
    await services.getByTestId('provider-fire-design-service').getByText('已选择中介机构：武汉某建筑设计院 · 约定交付日期 2099-01-15').waitFor();
    // The Gantt's caption: each stage's government working days, the intermediary's counted apart, never in them.
    await page
      .getByTestId('stage-government-days')
      .getByText(/^开工审批：政府审批 \d+ 个工作日（不含中介服务 15 个工作日）$/)
      .waitFor();

    // The application leaves the report out (apply sends Wuhan's materials); it is not missing.
    await apply(rig, id, true);
    await page.reload();
    await page.getByTestId('satisfied-materials').getByText('由园区区域评估满足（光谷生物城，有效期至 2099-12-31）').waitFor();

    // Supervision counts the intermediary's time on its own row: provider, agreed date, and a total for all projects.
    const { page: office } = await rig.loginAs('coordinator');
    await office.goto(`${rig.baseUrl}/supervision`);
    const time = office.getByTestId('intermediary-time');
    await time.getByText('消防设计 · 武汉某建筑设计院 · 约定交付 2099-01-15').waitFor();
    await time.getByText('全部项目').waitFor();
  });
});
