/** Broken definitions fail with the right message at the right path, every problem reported. */
import { join } from 'node:path';
import { validateDefinitionFile } from '../../../definitions/process/node/definition-files';
import { isVagueMaterialTitle, validateDefinition } from '../../../definitions/process/validate';
import { nationalFourStage, wuhanIndustrial } from '../../../definitions/process';

const fixture = (name: string) => join(__dirname, '../../fixtures/definitions', name);

function problemsOf(name: string) {
  const result = validateDefinitionFile(fixture(name));
  if (result.ok) throw new Error(`${name} should not validate`);
  return result.problems.map(({ path, message }) => ({ path, message }));
}

test('both built-in definitions validate', () => {
  expect(validateDefinition(wuhanIndustrial)).toMatchObject({ ok: true });
  expect(validateDefinition(nationalFourStage)).toMatchObject({ ok: true });
});

test('the minimal fixture validates (the broken ones each alter it)', () => {
  expect(validateDefinitionFile(fixture('valid-minimal.yaml'))).toMatchObject({ ok: true, definition: { id: 'minimal', version: 1 } });
});

test.each([
  [
    'unknown-department.yaml',
    [
      { path: 'stages[0].items[1].department', message: expect.stringMatching(/department 'fire-brigade' is not a department/) },
      { path: 'stages[1].leadDepartment', message: expect.stringMatching(/lead department 'housing' is not a department/) },
    ],
  ],
  [
    'unknown-reference.yaml',
    [
      { path: 'stages[0].items[1].materials[0].providedByResult', message: expect.stringMatching(/result 'licence-z' that no item issues/) },
      { path: 'stages[1].items[1].dependsOn[0]', message: expect.stringMatching(/depends on unknown item 'review-x'/) },
    ],
  ],
  ['dependency-cycle.yaml', [{ path: 'stages[0].items[0].dependsOn', message: 'dependency cycle: permit-a → permit-b → permit-a' }]],
  [
    'promised-above-legal.json',
    [{ path: 'stages[0].items[1].promisedLimit', message: expect.stringMatching(/promised limit 25 working days is above the legal limit 20/) }],
  ],
  [
    'later-stage-dependency.yaml',
    [
      { path: 'stages[0].items[0].requiresResults[0]', message: expect.stringMatching(/'licence-d' issued only in a later stage 'second'/) },
      { path: 'stages[0].items[1].dependsOn[1]', message: expect.stringMatching(/depends on 'permit-d' of a later stage 'second'/) },
      { path: 'stages[1].items[1].requiresResults[1]', message: expect.stringMatching(/'opinion-c' issued in the same stage by 'review-c': use dependsOn/) },
    ],
  ],
  ['unissued-result.yaml', [{ path: 'stages[1].items[1].requiresResults[0]', message: expect.stringMatching(/'certificate-x' that no item issues/) }]],
  [
    'vague-material.yaml',
    [
      { path: 'stages[0].items[0].materials[1].title', message: expect.stringMatching(/"其他材料" is a vague catch-all/) },
      { path: 'stages[0].items[1].materials[1].title', message: expect.stringMatching(/"有关材料" is a vague catch-all/) },
      { path: 'stages[1].items[0].materials[1].title', message: expect.stringMatching(/"与项目建设相关的材料" is a vague catch-all/) },
    ],
  ],
  [
    'tolerable-core-conflict.yaml',
    [
      {
        path: 'stages[1].items[1].materials[0].kind',
        message: expect.stringMatching(/'drawings' is tolerable here but core for department 'construction' at stages\[1\]\.items\[0\]\.materials\[0\]/),
      },
    ],
  ],
  [
    'budget-too-small.yaml',
    [
      {
        path: 'stages[0].budget',
        message: expect.stringMatching(/budget 6 working days is smaller than its critical path of promised limits, 9 \(permit-a → permit-b\)/),
      },
      { path: 'totalBudget', message: expect.stringMatching(/total budget 12 .* 13 \(permit-a → review-c → permit-d\)/) },
    ],
  ],
  [
    'condition-problems.yaml',
    [
      { path: 'stages[0].items[0].earlyStart', message: expect.stringMatching(/first stage cannot start early/) },
      { path: 'stages[1].items[0].condition.attribute', message: expect.stringMatching(/unknown attribute 'floorSpace' \(known: floorArea\)/) },
    ],
  ],
  [
    'shape-errors.json',
    [
      { path: 'version', message: 'version must be a positive integer' },
      { path: 'title.en', message: expect.any(String) },
      { path: 'stages[0].items[0].results[0].kind', message: expect.stringMatching(/licence.*certificate.*opinion/) },
      { path: 'stages[1].items[0].materials[1].supplyWithinDays', message: expect.stringMatching(/tolerable material needs supplyWithinDays/) },
    ],
  ],
  ['invalid-syntax.yaml', [{ path: '', message: expect.stringMatching(/^invalid YAML: /) }]],
])('%s fails with the right message and path', (name, expected) => {
  expect(problemsOf(name)).toEqual(expected);
});

test('every duplicate id is reported, not only the first problem', () => {
  const problems = problemsOf('duplicate-ids.yaml');
  expect(problems).toEqual(
    expect.arrayContaining([
      { path: 'departments[2].id', message: "duplicate department id 'planning' (first at departments[0].id)" },
      { path: 'stages[1].id', message: "duplicate stage id 'first' (first at stages[0].id)" },
      { path: 'stages[1].items[1].id', message: "duplicate item id 'permit-b' (first at stages[0].items[1].id)" },
      { path: 'stages[0].items[0].materials[1].id', message: "duplicate material id 'site-plan' (first at stages[0].items[0].materials[0].id)" },
      { path: 'stages[0].items[1].results[0].id', message: "duplicate result id 'licence-a' (first at stages[0].items[0].results[0].id)" },
    ]),
  );
});

test('catch-all material titles are recognised, named documents are not', () => {
  for (const zh of ['其他材料', '其它材料', '有关材料', '相关材料', '其他相关资料', '土地证等材料', '其余文件'])
    expect([zh, isVagueMaterialTitle({ zh, en: 'x' })]).toEqual([zh, true]);
  for (const zh of ['总平面图', '施工图设计文件', '有关部门的批复', '消防设计文件'])
    expect([zh, isVagueMaterialTitle({ zh, en: 'Named document' })]).toEqual([zh, false]);
  expect(isVagueMaterialTitle({ zh: '附件', en: 'Other documents' })).toBe(true);
});
