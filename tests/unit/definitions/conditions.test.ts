/** Which items a project goes through: conditions on its attributes, missing attributes counted as unknown. */
import {
  checkAttributes,
  describeCondition,
  evaluateCondition,
  parseAttributeText,
  parseDefinition,
  selectItems,
  wuhanIndustrial,
} from '../../../definitions/process';

const wuhan = parseDefinition(wuhanIndustrial);
const above = { attribute: 'floorArea', op: 'gte', value: 10000 } as const;

test('a comparison is true, false, or unknown when the attribute is not registered yet', () => {
  expect(evaluateCondition(above, { floorArea: 12000 })).toBe('true');
  expect(evaluateCondition(above, { floorArea: 10000 })).toBe('true');
  expect(evaluateCondition(above, { floorArea: 9999 })).toBe('false');
  expect(evaluateCondition(above, {})).toBe('unknown');
  expect(evaluateCondition({ attribute: 'industry', op: 'in', value: ['electronics', 'automotive'] }, { industry: 'automotive' })).toBe('true');
  expect(evaluateCondition({ attribute: 'industry', op: 'neq', value: 'other' }, { industry: 'other' })).toBe('false');
});

test('any is true as soon as one part is, all is false as soon as one part is', () => {
  const energy = {
    any: [{ attribute: 'annualEnergyTce', op: 'gte', value: 1000 } as const, { attribute: 'annualElectricityMwh', op: 'gte', value: 5000 } as const],
  };
  expect(evaluateCondition(energy, { annualElectricityMwh: 6000 })).toBe('true');
  expect(evaluateCondition(energy, { annualEnergyTce: 10, annualElectricityMwh: 10 })).toBe('false');
  expect(evaluateCondition(energy, { annualEnergyTce: 10 })).toBe('unknown');
  const both = { all: [above, { attribute: 'industry', op: 'eq', value: 'electronics' } as const] };
  expect(evaluateCondition(both, { industry: 'other' })).toBe('false');
  expect(describeCondition(both)).toBe('floorArea ≥ 10000 and industry = electronics');
});

test('civil air defence review only above the floor-area threshold; skipped items say why', () => {
  const small = selectItems(wuhan, { floorArea: 3000, eiaCategory: 'form' });
  expect(small.skipped).toEqual(
    expect.arrayContaining([
      { itemId: 'civil-air-defence-design-review', stageId: 'construction-approval', reason: 'condition not met: floorArea ≥ 10000' },
      { itemId: 'civil-air-defence-acceptance', stageId: 'acceptance', reason: 'condition not met: floorArea ≥ 10000' },
    ]),
  );
  const large = selectItems(wuhan, { floorArea: 30000, eiaCategory: 'form' });
  expect(large.applicable.map((a) => a.item.id)).toEqual(expect.arrayContaining(['civil-air-defence-design-review', 'civil-air-defence-acceptance']));
});

test('an item whose condition cannot be decided yet is planned, naming the attributes it assumes', () => {
  const { applicable } = selectItems(wuhan, { eiaCategory: 'registration' });
  const review = applicable.find((a) => a.item.id === 'civil-air-defence-design-review');
  expect(review?.assumed).toEqual(['floorArea']);
  expect(applicable.find((a) => a.item.id === 'project-filing')?.assumed).toEqual([]);
});

test('project attributes are checked against the definition: unknown keys, wrong types, missing required ones', () => {
  expect(checkAttributes(wuhan, { floorArea: '12000', colour: 'red', eiaCategory: 'big' }, { requireAll: true })).toEqual([
    { path: 'attributes.floorArea', message: 'expected a number, got "12000"' },
    { path: 'attributes.colour', message: expect.stringMatching(/^unknown attribute 'colour' \(known: floorArea, /) },
    { path: 'attributes.eiaCategory', message: 'expected one of report, form, registration, got "big"' },
    { path: 'attributes.investment', message: "required attribute 'investment' (总投资) is missing" },
  ]);
  expect(parseAttributeText(wuhan, ['floorArea=12000', 'eiaCategory=form'])).toEqual({ attributes: { floorArea: 12000, eiaCategory: 'form' }, problems: [] });
  expect(parseAttributeText(wuhan, ['floorArea']).problems).toEqual([{ path: 'attributes', message: "expected key=value, got 'floorArea'" }]);
});
