/**
 * "The validator checks once, the handler applies what was checked" (issue 12): a command
 * applied on a fork that keeps the history, then adopted, leaves the engine exactly as applying
 * it on the original would — same snapshot, same effects in the same order — and a refused one
 * leaves the original untouched.
 */
import { DecisionRefused } from '../../../workflows/engine/project-engine';
import type { TActor } from '../../../workflows/model/actor';
import type { TCommand } from '../../../workflows/model/commands';
import { actors, at, inReview } from './engine-fixture';

const steps: Array<[string, TActor, TCommand, string]> = [
  ['a correction', actors.planning, { type: 'requestCorrection', itemId: 'land-planning', materials: ['site-plan'], reason: '红线不清' }, at('2026-03-03')],
  // Two weeks later: the commitments expired and cards turned before the decision (time applied on the fork too).
  ['an approval after deadlines passed', actors.environment, { type: 'rejectReview', itemId: 'eia', reason: '不符合' }, at('2026-03-20')],
];

describe.each(steps)('%s', (_name, actor, command, now) => {
  test('adopting the checked fork = applying on the original (snapshot JSON and drained effects)', () => {
    const applied = inReview(['site-plan', 'eia-report']);
    const adopted = inReview(['site-plan', 'eia-report']);
    applied.advanceTime(now);
    applied.apply(actor, command, now);
    const before = JSON.stringify(adopted.snapshot());
    const fork = adopted.tryApply(actor, command, now);
    expect(JSON.stringify(adopted.snapshot())).toBe(before);
    adopted.adopt(fork);
    expect(JSON.stringify(adopted.snapshot())).toBe(JSON.stringify(applied.snapshot()));
    expect(adopted.drainEffects()).toEqual(applied.drainEffects());
    expect(adopted.snapshot().history.length).toBeGreaterThan(5);
  });
});

test('a refused command leaves the original and its pending effects as they were', () => {
  const e = inReview();
  const before = JSON.stringify(e.snapshot());
  const pending = e.drainEffects();
  e.adopt(e.tryApply(actors.planning, { type: 'approveReview', itemId: 'land-planning' }, at('2026-03-03')));
  const after = JSON.stringify(e.snapshot());
  expect(() => e.tryApply(actors.fire, { type: 'approveReview', itemId: 'eia' }, at('2026-03-03'))).toThrow(DecisionRefused);
  expect(JSON.stringify(e.snapshot())).toBe(after);
  expect(after).not.toBe(before);
  expect(pending.length).toBeGreaterThan(0);
});
