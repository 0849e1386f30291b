/**
 * Which items a definition may mark for approval on a written promise (告知承诺制, 国办发〔2020〕42号):
 * only `general` ones; national security, public safety, environment, health, life and property,
 * and this project's core matters (land planning, construction quality) are refused naming the item.
 */
import { wuhanIndustrialV2, energyReviewPromise } from '../../../definitions/process/builtin/wuhan-industrial-v2';
import { definitionRef, getDefinition, parseDefinition, validateDefinition } from '../../../definitions/process';
import { resolveProjectSpec } from '../../../workflows/model/resolve-spec';

const withPromiseOn = (itemId: string, category: string | undefined) => {
  const d = structuredClone(parseDefinition(wuhanIndustrialV2)) as unknown as { stages: { items: Record<string, unknown>[] }[] };
  for (const stage of d.stages)
    for (const item of stage.items) {
      if (item.id !== itemId) continue;
      item.promise = structuredClone(energyReviewPromise.promise);
      if (category === undefined) delete item.category;
      else item.category = category;
    }
  return d;
};

test('Wuhan v2 marks the energy review only, and its projects carry the conditions the enterprise signs', () => {
  const d = getDefinition('wuhan-industrial', 2)!;
  const marked = d.stages.flatMap((s) => s.items.filter((i) => i.promise).map((i) => i.id));
  expect(marked).toEqual(['energy-review']);
  const spec = resolveProjectSpec(d, definitionRef(d), { floorArea: 5000, investment: 1, eiaCategory: 'form', annualEnergyTce: 2000 });
  expect(spec.stages[0]!.items.find((i) => i.id === 'energy-review')!.promise).toEqual({
    postCheckWithinDays: 20,
    conditions: energyReviewPromise.promise.conditions.map((c) => c.zh),
  });
  expect(
    getDefinition('wuhan-industrial', 1)!
      .stages.flatMap((s) => s.items)
      .some((i) => i.promise),
  ).toBe(false);
});

test('an environment item cannot be promise-eligible: the problem names the item and why', () => {
  expect(validateDefinition(withPromiseOn('eia-form-approval', 'environment'))).toEqual({
    ok: false,
    problems: [
      {
        path: 'stages[0].items[4].promise',
        message: expect.stringMatching(
          /^item 'eia-form-approval' cannot be decided on a written promise \(告知承诺\): it is a 'environment' matter; .*excluded \(国办发〔2020〕42号/,
        ),
      },
    ],
  });
});

test.each(['national-security', 'public-safety', 'health', 'life-and-property', 'land-planning', 'construction-quality'])(
  'a %s item is refused too',
  (category) => {
    const result = validateDefinition(withPromiseOn('construction-permit', category));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.path)).toEqual(['stages[1].items[4].promise']);
  },
);

test('an item marked without a category is refused: it must say it is general', () => {
  const result = validateDefinition(withPromiseOn('land-title', undefined));
  expect(!result.ok && result.problems).toEqual([
    {
      path: 'stages[0].items[6].promise',
      message: "item 'land-title' cannot be decided on a written promise (告知承诺): declare its category: only a 'general' item may be promise-eligible",
    },
  ]);
});
