/**
 * What time does to a project: intake deemed accepted at its deadline (行政许可法 art. 32),
 * tolerance commitments expiring, announced special procedures elapsing, yellow and red cards
 * (of the reviews, and of the deliveries of decisions, 行政许可法 art. 44);
 * and the next instant at which any of these happens, for the workflow's one durable timer.
 */
import { commitmentMachine } from '../machines/commitment.machine';
import { promiseMachine } from '../machines/promise.machine';
import { REVIEW_DONE, reviewMachine } from '../machines/review.machine';
import { hasLadder, nextLadderChanges, updateLadderCards } from './card-ladder';
import { readClock } from './clock';
import { issueAcceptance } from './documents';
import { SYSTEM } from './history';
import { step } from './persisted';
import type { ProjectEngine } from './project-engine';
import { nextPostCheckWarnings, warnPostChecks } from './post-check';
import { onStageAccepted, settle } from './rules';

/** Applies everything that time has made due by `now`: deemed intake, expiries, cards. */
export function advanceTime(engine: ProjectEngine, now: string): void {
  const t = Date.parse(now);
  const s = engine.raw;
  for (const stage of s.input.spec.stages) {
    const ctx = engine.stage(stage.id).context;
    if (engine.stageStatus(stage.id) === 'intake' && ctx.intakeDueAt && Date.parse(ctx.intakeDueAt) <= t) {
      engine.sendStage(stage.id, { type: 'INTAKE_DEADLINE', at: ctx.intakeDueAt });
      engine.record(
        SYSTEM,
        ctx.intakeDueAt,
        'intakeDeemedAccepted',
        `intake not decided within ${s.input.spec.intakeLimit} working days: accepted from receipt (行政许可法 art. 32)`,
        { stageId: stage.id },
      );
      engine.notify('coordinator', `${stage.title}: intake deadline passed, application deemed accepted`, ctx.intakeDueAt);
      onStageAccepted(engine, stage, ctx.intakeDueAt);
      issueAcceptance(engine, stage, 'deemed', SYSTEM, ctx.intakeDueAt);
    }
  }
  for (const [key, c] of Object.entries(s.commitments)) {
    const ctx = c.context;
    if (c.value === 'open' && Date.parse(ctx.dueAt) <= t) {
      s.commitments[key] = step(commitmentMachine, c, { type: 'EXPIRE', at: ctx.dueAt })!;
      const what = ctx.consequence === 'withhold-results' ? 'results of the stage are withheld' : `approval of ${ctx.itemId} is suspended`;
      engine.record(SYSTEM, ctx.dueAt, 'commitmentExpired', `tolerated material ${ctx.materialId} not supplied in time: ${what}`, { itemId: ctx.itemId });
      engine.notify('coordinator', `${s.input.title}: commitment for ${ctx.materialId} expired; ${what}`, ctx.dueAt);
      engine.notify('enterprise', `${ctx.materialId} was due ${ctx.dueAt}: ${what} until it is supplied`, ctx.dueAt);
    }
  }
  for (const [itemId, r] of Object.entries(s.reviews)) {
    const ctx = r.context;
    if (r.value === 'specialProcedure' && ctx.special && Date.parse(ctx.special.endsAt) <= t) {
      const at = ctx.special.endsAt;
      s.reviews[itemId] = step(reviewMachine, r, { type: 'SPECIAL_ELAPSED', at })!;
      engine.record(SYSTEM, at, 'specialProcedureElapsed', 'announced special-procedure time elapsed; clock resumed', { itemId });
    }
  }
  for (const [itemId, p] of Object.entries(s.promises ?? {})) {
    const due = p.context.checkDueAt;
    if (p.value === 'pendingCheck' && due && Date.parse(due) <= t) {
      s.promises = { ...s.promises, [itemId]: step(promiseMachine, p, { type: 'OVERDUE', at: due })! };
      // The post-check's card: red once its due instant passes, like a review past its promised limit.
      engine.record(SYSTEM, due, 'postCheckOverdue', `red card: the post-check of the written promise was due ${due}`, { itemId });
      engine.notify('coordinator', `${s.input.title}: red card, post-check of ${itemId} overdue (${p.context.departmentId})`, due);
      engine.notify('department', `${itemId}: red card, the post-check of the written promise is overdue`, due, p.context.departmentId);
    }
  }
  // After the red cards above: a check found overdue on the same wake goes straight to red, as a review's card does.
  warnPostChecks(engine, now);
  updateCards(engine, now);
  settle(engine, now);
}

/** The next instant at which time changes something, for one durable timer. */
export function nextWakeAt(engine: ProjectEngine, now: string): string | undefined {
  const t = Date.parse(now);
  const s = engine.raw;
  const candidates: string[] = [];
  for (const stage of s.input.spec.stages) {
    const ctx = engine.stage(stage.id).context;
    if (engine.stageStatus(stage.id) === 'intake' && ctx.intakeDueAt) candidates.push(ctx.intakeDueAt);
  }
  for (const c of Object.values(s.commitments)) {
    if (c.value === 'open') candidates.push(c.context.dueAt);
  }
  for (const p of Object.values(s.promises ?? {})) {
    if (p.value === 'pendingCheck' && p.context.checkDueAt) candidates.push(p.context.checkDueAt);
  }
  candidates.push(...nextPostCheckWarnings(engine));
  for (const r of Object.values(s.reviews)) {
    const ctx = r.context;
    if (r.value === 'specialProcedure' && ctx.special) candidates.push(ctx.special.endsAt);
    if (r.value === 'inReview' && ctx.clock && !hasLadder(engine, ctx.itemId)) {
      const next = readClock(ctx.clock, engine.workingCalendar, now, engine.clockRules).nextChangeAt;
      if (next) candidates.push(next);
    }
  }
  candidates.push(...nextLadderChanges(engine, now));
  candidates.push(...nextDeliveryChanges(engine, now));
  const future = candidates.filter((c) => Date.parse(c) > t).sort((a, b) => Date.parse(a) - Date.parse(b));
  const due = candidates.some((c) => Date.parse(c) <= t);
  return due ? now : future[0];
}

/** When the open deliveries' cards (art. 44) change next. */
function nextDeliveryChanges(engine: ProjectEngine, now: string): string[] {
  const out: string[] = [];
  for (const d of Object.values(engine.raw.deliveries ?? {})) {
    const next = d.value === 'open' ? readClock(d.context.clock, engine.workingCalendar, now, engine.clockRules).nextChangeAt : null;
    if (next) out.push(next);
  }
  return out;
}

/**
 * After the project ended only the delivery clocks (art. 44) still run: the next instant one of
 * their cards changes, or undefined. The workflow waits for it while the rating window is open
 * (patch `legal`), so the card is recorded and published when it falls, not only seen on read.
 */
export function nextDeliveryCardAt(engine: ProjectEngine, now: string): string | undefined {
  return nextDeliveryChanges(engine, now).sort((a, b) => Date.parse(a) - Date.parse(b))[0];
}

/** Yellow and red cards: notified once per change of colour. */
export function updateCards(engine: ProjectEngine, now: string): void {
  const s = engine.raw;
  for (const [itemId, r] of Object.entries(s.reviews)) {
    const ctx = r.context;
    if (!ctx.clock || REVIEW_DONE.has(r.value) || hasLadder(engine, itemId)) continue;
    const reading = readClock(ctx.clock, engine.workingCalendar, now, engine.clockRules);
    const level = reading.level;
    const before = s.cards[itemId] ?? 'green';
    if (level === before) continue;
    s.cards[itemId] = level;
    if (level === 'green') continue;
    // Recorded at the instant the card took effect, not when a timer happened to fire.
    const at = level === 'red' ? reading.promised.dueAt : reading.yellowFrom;
    const left = level === 'red' ? 'the promised limit has run out' : `${reading.promised.remaining} working days left of the promised limit`;
    engine.record(SYSTEM, at, level === 'red' ? 'redCard' : 'yellowCard', `${level} card: ${left}`, { itemId });
    engine.notify('coordinator', `${s.input.title}: ${level} card on ${itemId} (${ctx.departmentId})`, at);
    engine.notify('department', `${itemId}: ${level} card`, at, ctx.departmentId);
  }
  updateLadderCards(engine, now);
  for (const [itemId, d] of Object.entries(s.deliveries ?? {})) {
    if (d.value !== 'open') continue;
    const reading = readClock(d.context.clock, engine.workingCalendar, now, engine.clockRules);
    const key = deliveryCardKey(itemId);
    const before = s.cards[key] ?? 'green';
    if (reading.level === before) continue;
    s.cards[key] = reading.level;
    if (reading.level === 'green') continue;
    const at = reading.level === 'red' ? reading.promised.dueAt : reading.yellowFrom;
    const left = reading.level === 'red' ? 'the 10 days of 行政许可法 art. 44 have run out' : `${reading.promised.remaining} working days left to deliver`;
    engine.record(SYSTEM, at, reading.level === 'red' ? 'deliveryRedCard' : 'deliveryYellowCard', `${reading.level} card on delivery: ${left}`, { itemId });
    engine.notify('coordinator', `${s.input.title}: ${reading.level} card on the delivery of ${itemId}`, at);
  }
}

/** The key of a delivery's card in `cards`, beside the reviews' item ids. */
export const deliveryCardKey = (itemId: string) => `delivery:${itemId}`;
