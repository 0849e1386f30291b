/** The built-in sign-off chain (issue 15): Zhanjiang version 2 signs the ecology department's decisions in three steps. */
import { definitionRef, getDefinition } from '../../../definitions/process';
import { resolveProjectSpec } from '../../../workflows/model/resolve-spec';

const ATTRIBUTES = { floorArea: 5000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };
const chains = (version: number) => {
  const definition = getDefinition('zhanjiang-industrial', version)!;
  const spec = resolveProjectSpec(definition, definitionRef(definition), ATTRIBUTES);
  return Object.fromEntries(spec.stages.flatMap((s) => s.items.map((i) => [i.id, `${i.departmentId}: ${i.signoff?.join(' → ') ?? 'one step'}`])));
};

test('a new Zhanjiang project gets version 2: the ecology department signs 承办 → 审核 → 批准, the others decide in one step', () => {
  expect(getDefinition('zhanjiang-industrial')!.version).toBe(2);
  const v2 = chains(2);
  expect(v2['eia-form-approval']).toBe('ecology-environment: handler → reviewer → approver');
  expect(v2['land-pre-review']).toBe('natural-resources-planning: one step');
  expect(
    Object.values(v2)
      .filter((c) => c.endsWith('approver'))
      .every((c) => c.startsWith('ecology-environment:')),
  ).toBe(true);
});

test('version 1 stays as published (no chain), so the projects running under it keep their hash and their one-step decisions', () => {
  expect(Object.values(chains(1)).every((c) => c.endsWith('one step'))).toBe(true);
  expect(getDefinition('zhanjiang-industrial', 2)!.cardLadder).toEqual(getDefinition('zhanjiang-industrial', 1)!.cardLadder);
});
