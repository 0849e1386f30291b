/**
 * Materials satisfied once for many (issue 16) on the engine: a 多测合一 survey supplied in
 * preparation serves the construction permit's survey material, a park's assessment satisfies
 * its material at intake and is never asked for, and the enterprise records its intermediary.
 */
import { ProjectEngine } from '../../../workflows/engine/project-engine';
import { satisfiedMaterials } from '../../../workflows/engine/shared-materials';
import { projectView } from '../../../workflows/engine/view';
import { PARK, PARK_PREP, parkProjectInput } from '../../fixtures/park-spec';
import { actors, at, recordedAfter, refusal, run } from './engine-fixture';

function parkProject(park = true): ProjectEngine {
  const { park: _park, ...input } = parkProjectInput('p', '园区项目', at('2026-03-02'));
  return ProjectEngine.create(park ? { ...input, park: PARK } : input, at('2026-03-02'));
}

const submitPrep = (e: ProjectEngine, materials = PARK_PREP) =>
  run(e, actors.enterprise, { type: 'submitApplication', stageId: 'preparation', form: { projectName: 'X' }, materials }, at('2026-03-02'));

/** Preparation accepted, both reviews approved and its results issued: the construction permit takes its application. */
function preparationDone(): ProjectEngine {
  const e = parkProject();
  submitPrep(e);
  run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-02'));
  run(e, actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-04'));
  run(e, actors.environment, { type: 'approveReview', itemId: 'eia' }, at('2026-03-04'));
  run(e, actors.coordinator, { type: 'issueResults', stageId: 'preparation' }, at('2026-03-05'));
  return e;
}

describe('区域评估: the park assessment satisfies its material', () => {
  test('a project in the park is not asked for the geological-hazards report: complete, accepted, labelled "from the park\'s assessment"', () => {
    const e = parkProject();
    const seq = e.snapshot().seq;
    submitPrep(e);
    expect(projectView(e, at('2026-03-02')).stages[0]!.missing).toEqual([]);
    expect(recordedAfter(e, seq)[0]![1]).toBe("application submitted, complete; satisfied: geo-hazard-report (from the park's geological-hazards assessment)");
    run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-02'));
    expect(projectView(e, at('2026-03-02')).satisfied).toContainEqual(
      expect.objectContaining({ forMaterialId: 'geo-hazard-report', source: 'park', parkName: '光谷生物城', assessmentType: 'geological-hazards' }),
    );
  });

  test('a project outside any park must hand the report in (core: it cannot be tolerated)', () => {
    const e = parkProject(false);
    submitPrep(e);
    expect(projectView(e, at('2026-03-02')).stages[0]!.missing).toEqual([{ itemId: 'land-planning', materialId: 'geo-hazard-report', kind: 'core' }]);
    expect(projectView(e, at('2026-03-02')).satisfied?.map((s) => s.source)).toEqual(['survey']);
  });

  test('an assessment no longer valid on the day of the application satisfies nothing', () => {
    const { park: _p, ...input } = parkProjectInput('p', 'x', at('2026-03-02'));
    const expired = { ...PARK, assessments: [{ ...PARK.assessments[0]!, validUntil: '2026-03-01' }] };
    const e = ProjectEngine.create({ ...input, park: expired }, at('2026-03-02'));
    submitPrep(e);
    expect(projectView(e, at('2026-03-02')).stages[0]!.missing.map((m) => m.materialId)).toEqual(['geo-hazard-report']);
  });

  test('a correction never asks for what the park satisfies', () => {
    const e = parkProject();
    submitPrep(e);
    run(e, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' }, at('2026-03-02'));
    expect(
      refusal(e, actors.planning, { type: 'requestCorrection', itemId: 'land-planning', materials: ['geo-hazard-report'], reason: '补充' }, at('2026-03-03')),
    ).toEqual({ message: "materials: satisfied by the park's assessment, never asked for: geo-hazard-report", code: 'INVALID_FIELD', path: 'materials' });
  });
});

describe('多测合一: one survey serves every item that asks for it', () => {
  test('before any survey is supplied the construction permit would ask for its survey; after preparation it does not', () => {
    const fresh = parkProject();
    expect(satisfiedMaterials(fresh, fresh.specStage('construction-permit'), at('2026-03-02')).has('site-survey')).toBe(false);
    const e = preparationDone();
    run(
      e,
      actors.enterprise,
      { type: 'submitApplication', stageId: 'construction-permit', form: {}, materials: ['fire-drawings', 'contract'] },
      at('2026-03-06'),
    );
    const view = projectView(e, at('2026-03-06'));
    expect(view.stages[1]!.missing).toEqual([]);
    expect(view.satisfied).toContainEqual(
      expect.objectContaining({
        forStageId: 'construction-permit',
        forMaterialId: 'site-survey',
        source: 'survey',
        materialId: 'topo-survey',
        at: at('2026-03-02'),
      }),
    );
  });
});

describe('中介服务: the enterprise records its provider', () => {
  const select = {
    type: 'selectIntermediary' as const,
    serviceId: 'fire-design-service',
    providerId: '7',
    providerName: '某建筑设计院',
    deliveryOn: '2026-03-20',
  };

  test('offered from registration (moved into preparation), recorded in the history and shown with the service', () => {
    const e = parkProject();
    expect(e.snapshot().input.spec.stages[1]!.intermediaries![0]!.startsInStageId).toBe('preparation');
    const seq = e.snapshot().seq;
    run(e, actors.enterprise, select, at('2026-03-02'));
    expect(recordedAfter(e, seq)).toEqual([['intermediarySelected', '消防设计: provider 某建筑设计院 (7) chosen, delivery agreed for 2026-03-20']]);
    expect(projectView(e, at('2026-03-02')).intermediaries![0]).toMatchObject({
      serviceId: 'fire-design-service',
      days: 15,
      provider: { providerId: '7', deliveryOn: '2026-03-20' },
      delivered: false,
    });
  });

  test('refused: an unknown service, a past delivery date, another enterprise, and once the deliverable is handed in', () => {
    const e = parkProject();
    expect(refusal(e, actors.enterprise, { ...select, serviceId: 'nope' }, at('2026-03-02')).path).toBe('serviceId');
    expect(refusal(e, actors.enterprise, { ...select, deliveryOn: '2026-03-01' }, at('2026-03-02')).path).toBe('deliveryOn');
    expect(() => e.check(actors.otherEnterprise, select, at('2026-03-02'))).toThrow();
    const done = preparationDone();
    run(
      done,
      actors.enterprise,
      { type: 'submitApplication', stageId: 'construction-permit', form: {}, materials: ['fire-drawings', 'contract'] },
      at('2026-03-06'),
    );
    expect(projectView(done, at('2026-03-06')).intermediaries![0]!.delivered).toBe(true);
    expect(refusal(done, actors.enterprise, select, at('2026-03-06')).code).toBe('NOT_ALLOWED_NOW');
  });
});
