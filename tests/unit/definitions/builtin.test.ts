/**
 * The shipped definitions: the Wuhan three-stage industrial project keeps the seeds' ceiling of
 * 39 working days on its promised critical path (seed 002), and the national four-stage flow
 * validates on the same engine.
 */
import {
  forwardPass,
  nationalFourStage,
  offsetTimeline,
  parseDefinition,
  selectItems,
  validateDefinition,
  wuhanIndustrial,
  type TProcessDefinition,
} from '../../../definitions/process';

const wuhan = parseDefinition(wuhanIndustrial);
const national = parseDefinition(nationalFourStage);
const itemsOf = (d: TProcessDefinition) => d.stages.flatMap((s) => s.items);
/** Critical path of promised limits with every item counted (conditional ones too: the worst case). */
const promisedPath = (d: TProcessDefinition) => forwardPass(offsetTimeline, { definition: d, applicable: new Set(itemsOf(d).map((i) => i.id)), start: 0 });

test('the Wuhan definition has the three stages of the reform, each with a lead department and one form', () => {
  expect(wuhan.stages.map((s) => [s.id, s.title.zh, s.leadDepartment])).toEqual([
    ['preparation', '前期准备', 'development-reform'],
    ['construction-approval', '开工审批', 'housing-construction'],
    ['acceptance', '监管验收', 'housing-construction'],
  ]);
  for (const stage of wuhan.stages) expect(stage.form.fields.length).toBeGreaterThan(0);
});

test('a Wuhan project goes through about 14 items (seed 002: 31 → 14 steps), depending on its attributes', () => {
  const base = { investment: 50000, eiaCategory: 'form', annualEnergyTce: 300, annualElectricityMwh: 2000 };
  const small = selectItems(wuhan, { ...base, floorArea: 8000 });
  const large = selectItems(wuhan, { ...base, floorArea: 12000 });
  expect(small.applicable).toHaveLength(13);
  expect(large.applicable).toHaveLength(15);
  expect(large.skipped).toEqual([
    { itemId: 'eia-report-approval', stageId: 'preparation', reason: 'condition not met: eiaCategory = report' },
    { itemId: 'energy-review', stageId: 'preparation', reason: 'condition not met: annualEnergyTce ≥ 1000 or annualElectricityMwh ≥ 5000' },
  ]);
});

test('the Wuhan promised critical path fits the 39-working-day ceiling, even with every conditional item', () => {
  const schedule = promisedPath(wuhan);
  expect(wuhan.totalBudget).toBe(39);
  expect(schedule.governmentWorkdays).toBeLessThanOrEqual(39);
  expect(schedule.governmentWorkdays).toBe(31);
  expect(schedule.criticalPath).toEqual([
    'land-pre-review',
    'land-use-planning-permit',
    'construction-planning-permit',
    'construction-permit',
    'planning-verification',
    'completion-filing',
    'first-registration',
  ]);
});

test('the legal limits of the same critical path add up to far more than the promise (the law vs the old ~100 days)', () => {
  const byId = new Map(itemsOf(wuhan).map((i) => [i.id, i]));
  const legal = promisedPath(wuhan).criticalPath.reduce((sum, id) => sum + byId.get(id)!.legalLimit, 0);
  // Statutory limits as cited in the file: 20 + 20 + 20 + 7 + 20 + 15 + 30. Seed 002 reports the
  // old process at 100 working days; the law's own limits on this path are looser still.
  expect(legal).toBe(132);
  expect(legal).toBeGreaterThanOrEqual(100);
});

test('every Wuhan item cites where it, its department and its limits come from, and no promise exceeds the law', () => {
  for (const item of itemsOf(wuhan)) {
    expect([item.id, item.source.item.ref.length > 0, item.source.legalLimit.ref.length > 0, item.source.promisedLimit.ref.length > 0]).toEqual([
      item.id,
      true,
      true,
      true,
    ]);
    expect([item.id, item.promisedLimit <= item.legalLimit]).toEqual([item.id, true]);
  }
  for (const department of wuhan.departments) expect([department.id, department.source?.ref]).toEqual([department.id, expect.any(String)]);
});

test('civil air defence review applies only from 10,000 m² of floor area', () => {
  const ids = (floorArea: number) => selectItems(wuhan, { floorArea, eiaCategory: 'form' }).applicable.map((a) => a.item.id);
  expect(ids(9999)).not.toContain('civil-air-defence-design-review');
  expect(ids(10000)).toEqual(expect.arrayContaining(['civil-air-defence-design-review', 'civil-air-defence-acceptance']));
});

test('the national four-stage definition validates and runs on the same engine', () => {
  expect(validateDefinition(nationalFourStage)).toMatchObject({ ok: true });
  expect(national.stages.map((s) => s.title.zh)).toEqual(['立项用地规划许可', '工程建设许可', '施工许可', '竣工验收']);
  const schedule = promisedPath(national);
  expect(schedule.governmentWorkdays).toBeLessThanOrEqual(national.totalBudget);
  // 国办发〔2019〕11号: the whole process within 120 working days.
  expect(national.totalBudget).toBe(120);
});
