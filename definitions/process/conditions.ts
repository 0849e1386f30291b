/**
 * Which items apply to a project: conditions on its attributes (e.g. 人防 review above a floor
 * area). An attribute not registered yet makes a test unknown, and an unknown item is planned
 * as applicable, because a pre-schedule that forgets a review is worse than a long one.
 */
import type { TAttributeValue, TComparison, TCondition, TItem, TProcessDefinition, TProjectAttributes } from './schema';

/** Three-valued outcome: `unknown` when an attribute the test needs is missing. */
export type TConditionOutcome = 'true' | 'false' | 'unknown';

function compare(a: TAttributeValue, b: TAttributeValue): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Dates 'YYYY-MM-DD' and other strings compare lexicographically, which is chronological for dates.
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

function testComparison(c: TComparison, attributes: TProjectAttributes): TConditionOutcome {
  const actual = attributes[c.attribute];
  if (actual === undefined) return 'unknown';
  const verdict = (ok: boolean): TConditionOutcome => (ok ? 'true' : 'false');
  if (c.op === 'in') return verdict(c.value.some((v) => v === actual));
  if (c.op === 'eq') return verdict(actual === c.value);
  if (c.op === 'neq') return verdict(actual !== c.value);
  const d = compare(actual, c.value);
  if (d === undefined) return 'false';
  return verdict(c.op === 'gt' ? d > 0 : c.op === 'gte' ? d >= 0 : c.op === 'lt' ? d < 0 : d <= 0);
}

/** Evaluates a condition; `all` is false if any part is false, `any` true if any part is true. */
export function evaluateCondition(condition: TCondition, attributes: TProjectAttributes): TConditionOutcome {
  if ('all' in condition) {
    const outcomes = condition.all.map((c) => testComparison(c, attributes));
    return outcomes.includes('false') ? 'false' : outcomes.includes('unknown') ? 'unknown' : 'true';
  }
  if ('any' in condition) {
    const outcomes = condition.any.map((c) => testComparison(c, attributes));
    return outcomes.includes('true') ? 'true' : outcomes.includes('unknown') ? 'unknown' : 'false';
  }
  return testComparison(condition, attributes);
}

const OP_TEXT = { eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', in: 'in' } as const;

/** A condition as a short readable text, e.g. `floorArea ≥ 10000`. */
export function describeCondition(condition: TCondition): string {
  const one = (c: TComparison) => `${c.attribute} ${OP_TEXT[c.op]} ${Array.isArray(c.value) ? `[${c.value.join(', ')}]` : String(c.value)}`;
  if ('all' in condition) return condition.all.map(one).join(' and ');
  if ('any' in condition) return condition.any.map(one).join(' or ');
  return one(condition);
}

/** An item left out of a project, with the reason shown to users. */
export interface TSkippedItem {
  readonly itemId: string;
  readonly stageId: string;
  readonly reason: string;
}

/** An applicable item; `assumed` lists the missing attributes that made its condition unknown. */
export interface TApplicableItem {
  readonly item: TItem;
  readonly stageId: string;
  readonly assumed: readonly string[];
}

function conditionAttributes(condition: TCondition): string[] {
  const parts = 'all' in condition ? condition.all : 'any' in condition ? condition.any : [condition];
  return [...new Set(parts.map((p) => p.attribute))];
}

/** Splits a definition's items into those a project with these attributes goes through and those skipped. */
export function selectItems(definition: TProcessDefinition, attributes: TProjectAttributes): { applicable: TApplicableItem[]; skipped: TSkippedItem[] } {
  const applicable: TApplicableItem[] = [];
  const skipped: TSkippedItem[] = [];
  for (const stage of definition.stages) {
    for (const item of stage.items) {
      const outcome = item.condition ? evaluateCondition(item.condition, attributes) : 'true';
      if (outcome === 'false') {
        skipped.push({ itemId: item.id, stageId: stage.id, reason: `condition not met: ${describeCondition(item.condition!)}` });
      } else {
        const assumed = outcome === 'unknown' ? conditionAttributes(item.condition!).filter((a) => attributes[a] === undefined) : [];
        applicable.push({ item, stageId: stage.id, assumed });
      }
    }
  }
  return { applicable, skipped };
}
