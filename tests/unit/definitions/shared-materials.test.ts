/**
 * The definition schema's shared materials (issue 16): survey and park-assessment tags on
 * materials, intermediary services on stages, each mistake reported at its path.
 */
import { validateDefinition } from '../../../definitions/process/validate';
import { wuhanIndustrial } from '../../../definitions/process';
import { resolveProjectSpec } from '../../../workflows/model/resolve-spec';
import type { TProcessDefinitionInput } from '../../../definitions/process/schema';

/** Wuhan with a topographic survey asked by the land-use permit, and an intermediary writing the EIA report, moved to the first stage. */
function withShared(change: (d: any) => void = () => undefined): TProcessDefinitionInput {
  const d = structuredClone(wuhanIndustrial) as any;
  const [prep] = d.stages;
  const item = prep.items.find((i: any) => i.materials.length > 0);
  item.materials.push({ id: 'topo-survey', title: { zh: '地形测绘成果', en: 'Topographic survey' }, kind: 'core', survey: 'topographic-survey' });
  item.materials.push({
    id: 'quake-report',
    title: { zh: '地震安全性评价报告', en: 'Earthquake safety report' },
    kind: 'core',
    parkAssessment: 'earthquake-safety',
  });
  prep.intermediaries = [
    { id: 'survey-service', title: { zh: '测绘服务', en: 'Survey service' }, serviceType: 'surveying', days: 10, satisfies: ['topo-survey'] },
  ];
  d.stages[1].intermediaries = [
    {
      id: 'drawings-service',
      title: { zh: '施工图设计', en: 'Construction drawings' },
      serviceType: 'design',
      days: 20,
      satisfies: ['topo-survey'],
      startsIn: d.stages[0].id,
    },
  ];
  change(d);
  return d;
}

const problems = (d: TProcessDefinitionInput) => {
  const r = validateDefinition(d);
  return r.ok ? [] : r.problems;
};

test('a definition with survey tags, a park assessment and intermediary services validates, and its spec carries them', () => {
  const r = validateDefinition(withShared((d) => (d.stages[1].intermediaries = [])));
  expect(r).toMatchObject({ ok: true });
  if (!r.ok) return;
  const spec = resolveProjectSpec(
    r.definition,
    { id: r.definition.id, version: r.definition.version, hash: '0'.repeat(64) },
    {
      floorArea: 5000,
      investment: 50000,
      industry: 'manufacturing',
      eiaCategory: 'form',
      annualEnergyTce: 2000,
    },
  );
  const materials = spec.stages[0]!.items.flatMap((i) => i.materials);
  expect(materials.find((m) => m.id === 'topo-survey')).toMatchObject({ survey: 'topographic-survey' });
  expect(materials.find((m) => m.id === 'quake-report')).toMatchObject({ parkAssessment: 'earthquake-safety' });
  expect(spec.stages[0]!.intermediaries).toEqual([{ id: 'survey-service', title: '测绘服务', serviceType: 'surveying', days: 10, satisfies: ['topo-survey'] }]);
  // A stage without services keeps the spec it had (recorded projects' specs stay the same shape).
  expect(spec.stages[2]).not.toHaveProperty('intermediaries');
});

test('a deliverable for a material asked only in an earlier stage, an unknown material, and a move to a later stage are refused at their paths', () => {
  const found = problems(
    withShared((d) => {
      d.stages[0].intermediaries[0].satisfies = ['nothing-like-this'];
      d.stages[0].intermediaries[0].startsIn = d.stages[1].id;
    }),
  );
  expect(found).toEqual(
    expect.arrayContaining([
      { path: 'stages[0].intermediaries[0].satisfies[0]', message: "intermediary service 'survey-service' satisfies unknown material 'nothing-like-this'" },
      { path: 'stages[0].intermediaries[0].startsIn', message: expect.stringMatching(/may only move earlier/) },
      { path: 'stages[1].intermediaries[0].satisfies[0]', message: expect.stringMatching(/asked for only before stage/) },
    ]),
  );
});

test('an unknown assessment type is refused by the schema, naming the field', () => {
  const found = problems(withShared((d) => (d.stages[0].items.find((i: any) => i.materials.length > 0).materials.at(-1).parkAssessment = 'noise')));
  expect(found.map((p) => p.path)).toContainEqual(expect.stringMatching(/^stages\[0\]\.items\[\d+\]\.materials\[\d+\]\.parkAssessment$/));
});

test('one material naming both a survey and a park assessment is refused', () => {
  const found = problems(withShared((d) => (d.stages[0].items.find((i: any) => i.materials.length > 0).materials.at(-1).survey = 'topographic-survey')));
  expect(found).toContainEqual({
    path: expect.stringMatching(/materials\[\d+\]$/),
    message: "material 'quake-report' names both a survey and a park assessment: one source satisfies it",
  });
});
