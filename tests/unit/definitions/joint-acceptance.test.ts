/**
 * Joint acceptance (联合验收) in a definition: Wuhan v3 uses it, and v4, the default, with one as-built
 * survey and a park's assessment; a wrong one is refused with every problem at its path.
 */
import { builtinRegistry, getDefinition, validateDefinition } from '../../../definitions/process';
import { wuhanIndustrialV3 } from '../../../definitions/process/builtin/wuhan-industrial-v3';

const problems = (document: unknown) => {
  const v = validateDefinition(document);
  return v.ok ? [] : v.problems;
};

test('Wuhan v3 runs its acceptance stage as one joint acceptance of every acceptance item, none waiting for another', () => {
  const stage = getDefinition('wuhan-industrial', 3)!.stages[2]!;
  expect(stage.joint).toMatchObject({ promisedLimit: 10, legalLimit: 20, result: { id: 'joint-acceptance-opinion' } });
  expect(stage.items.map((i) => i.id)).toEqual([
    'planning-verification',
    'fire-acceptance',
    'civil-air-defence-acceptance',
    'completion-filing',
    'first-registration',
  ]);
  expect(stage.items.every((i) => i.dependsOn.length === 0)).toBe(true);
});

test('the default Wuhan (v4) runs its acceptance as the joint acceptance; one as-built survey serves two parts, the park serves land pre-review', () => {
  expect(builtinRegistry().defaultVersion('wuhan-industrial')).toBe(4);
  const v4 = getDefinition('wuhan-industrial')!;
  const v3 = getDefinition('wuhan-industrial', 3)!;
  expect(v4.stages[2]!.joint).toEqual(v3.stages[2]!.joint);
  const surveyed = v4.stages.flatMap((s) => s.items.flatMap((i) => i.materials.filter((m) => m.survey === 'as-built-survey').map((m) => `${i.id}/${m.id}`)));
  expect(surveyed).toEqual(['planning-verification/completion-survey', 'first-registration/building-survey-report']);
  const byPark = v4.stages.flatMap((s) =>
    s.items.flatMap((i) => i.materials.filter((m) => m.parkAssessment).map((m) => `${i.id}/${m.id}:${m.parkAssessment}`)),
  );
  expect(byPark).toEqual(['land-pre-review/geo-hazard-assessment:geological-hazards']);
});

test('a joint acceptance with one department, parts that wait for each other, a promise above the law or a reused result id is refused', () => {
  const bad = structuredClone(wuhanIndustrialV3) as unknown as {
    stages: { items: { department: string; dependsOn: string[] }[]; joint: { promisedLimit: number; result: { id: string } } }[];
  };
  const acceptance = bad.stages[2]!;
  acceptance.joint.promisedLimit = 25;
  acceptance.joint.result.id = 'fire-acceptance-opinion';
  acceptance.items[4]!.dependsOn = ['completion-filing'];
  expect(problems(bad)).toEqual(
    expect.arrayContaining([
      { path: 'stages[2].joint.promisedLimit', message: expect.stringContaining('above the joint acceptance’s legal limit'.replace('’', "'")) },
      { path: 'stages[2].joint.result.id', message: expect.stringContaining('needs its own id') },
      { path: 'stages[2].items[4].dependsOn', message: expect.stringContaining('inspected on the one site visit') },
    ]),
  );
  for (const item of acceptance.items) item.department = 'housing-construction';
  acceptance.joint.promisedLimit = 10;
  acceptance.joint.result.id = 'joint-acceptance-opinion';
  acceptance.items[4]!.dependsOn = [];
  expect(problems(bad)).toEqual([{ path: 'stages[2].items', message: expect.stringContaining('at least two departments') }]);
});
