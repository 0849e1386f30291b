/**
 * The rules that connect the statecharts of one project: dispatch along dependencies (and
 * early, 提前介入), stages closed when their reviews are done, results issued together and
 * carried forward (统一出件, 电子证照), tolerance commitments opened at acceptance and their
 * consequences once expired.
 */
import type { TSpecItem, TSpecStage } from '../model/spec';
import { commitmentMachine } from '../machines/commitment.machine';
import { promiseMachine } from '../machines/promise.machine';
import { REVIEW_DONE, type ReviewStatus, reviewMachine } from '../machines/review.machine';
import { SYSTEM } from './history';
import { commitmentKey } from './intake';
import { start, step } from './persisted';
import type { ProjectEngine } from './project-engine';
import type { TProjectInput, TProjectState } from './state';
import { stageMachine } from '../machines/stage.machine';
import { openDelivery } from './commands/delivery';
import { cancelJoint, issueJointConclusion, settleJoint } from './joint';

export const APPROVED: ReadonlySet<ReviewStatus> = new Set(['approved', 'approvedWithConditions']);

/** A new project's state: every stage locked, every review pending, nothing recorded yet. */
export function initialState(input: TProjectInput, rules: number): TProjectState {
  const stages: TProjectState['stages'] = {};
  const reviews: TProjectState['reviews'] = {};
  for (const stage of input.spec.stages) {
    stages[stage.id] = start(stageMachine, { stageId: stage.id, enterpriseId: input.enterpriseId });
    for (const { id: itemId, departmentId, legalLimit, promisedLimit, yellowAt } of stage.items) {
      reviews[itemId] = start(reviewMachine, { itemId, departmentId, enterpriseId: input.enterpriseId, legalLimit, promisedLimit, yellowAt });
    }
  }
  return { input, calendar: input.calendar, stages, reviews, commitments: {}, results: [], ratings: [], cards: {}, history: [], seq: 0, rules };
}

/** Opens a tolerance commitment (容缺承诺) for each tolerable material missing at acceptance. */
export function onStageAccepted(engine: ProjectEngine, stage: TSpecStage, now: string, deadlines?: Map<string, number>): void {
  const calendar = engine.workingCalendar;
  for (const m of engine.stage(stage.id).context.missing) {
    if (m.kind !== 'tolerable') continue;
    const item = stage.items.find((i) => i.id === m.itemId)!;
    const material = item.materials.find((x) => x.id === m.materialId)!;
    const days = deadlines?.get(commitmentKey(item.id, material.id)) ?? material.supplyWithinDays ?? 0;
    const dueAt = calendar.dueInstant(calendar.dateOf(now), days);
    engine.raw.commitments[commitmentKey(item.id, material.id)] = start(commitmentMachine, {
      itemId: item.id,
      materialId: material.id,
      departmentId: item.departmentId,
      enterpriseId: engine.input.enterpriseId,
      dueAt,
      consequence: material.onExpiry ?? 'withhold-results',
    });
    engine.record(SYSTEM, now, 'commitmentOpened', `tolerance commitment: supply ${material.id} by ${dueAt}`, { itemId: item.id });
    engine.notify('enterprise', `${material.title} (${material.id}) must be supplied by ${dueAt}`, now);
  }
}

/** Results of the approved items issued together, handed over where supervised, and the next stage unlocked. */
export function onStageIssued(engine: ProjectEngine, stage: TSpecStage, now: string): void {
  for (const item of stage.items) {
    if (!APPROVED.has(engine.reviewStatus(item.id))) continue;
    openDelivery(engine, item.id, 'granted', now);
    for (const r of item.results) {
      engine.raw.results.push({
        resultId: r.id,
        title: r.title,
        itemId: item.id,
        stageId: stage.id,
        issuedAt: now,
        conditions: engine.reviewCtx(item.id).conditions,
      });
      if (r.supervisingDepartmentId) {
        engine.handOver({
          kind: 'handover',
          key: `${engine.input.projectId}:handover:${r.id}`,
          result: { resultId: r.id, title: r.title, itemId: item.id, supervisingDepartmentId: r.supervisingDepartmentId, issuedAt: now },
        });
      }
    }
  }
  issueJointConclusion(engine, stage, now);
  engine.notify('enterprise', `${stage.title}: results issued`, now);
  const next = engine.input.spec.stages[engine.input.spec.stages.indexOf(stage) + 1];
  if (next) {
    engine.sendStage(next.id, { type: 'UNLOCK' });
    engine.notify('enterprise', `${next.title}: you can submit the application now`, now);
  }
}

/**
 * 告知承诺 after a decision: a signed promise the department did not approve on (approved on
 * materials, rejected, cancelled) is set aside; an item revoked on a false promise and approved
 * again in a stage whose results are out has its results issued anew. Nothing to do (and nothing
 * recorded) on projects without promises.
 */
function settlePromises(engine: ProjectEngine, now: string): void {
  const promises = engine.raw.promises;
  if (!promises) return;
  for (const [itemId, p] of Object.entries(promises)) {
    if (p.value === 'signed' && REVIEW_DONE.has(engine.reviewStatus(itemId))) {
      engine.sendPromise(itemId, { type: 'CANCEL', at: now }, 'no signed promise');
      engine.record(SYSTEM, now, 'promiseSetAside', `written promise set aside: the review was decided otherwise (${engine.reviewStatus(itemId)})`, { itemId });
    }
    if (p.value !== 'false' || !APPROVED.has(engine.reviewStatus(itemId))) continue;
    const { item, stage } = engine.specItem(itemId);
    if (engine.stageStatus(stage.id) !== 'complete') continue;
    const valid = (resultId: string) => engine.raw.results.some((r) => r.resultId === resultId && !r.revokedAt);
    const reissue = item.results.filter((r) => !valid(r.id));
    if (reissue.length === 0) continue;
    for (const r of reissue) {
      engine.raw.results.push({ resultId: r.id, title: r.title, itemId, stageId: stage.id, issuedAt: now, conditions: engine.reviewCtx(itemId).conditions });
    }
    engine.record(SYSTEM, now, 'resultsReissued', `approved again after the revocation: ${reissue.map((r) => r.id).join(', ')} issued anew`, { itemId });
    engine.notify('enterprise', `${item.title}: approved again, results issued anew`, now);
  }
}

/** Dispatch what became ready, close stages whose reviews are done. Repeats until stable. */
export function settle(engine: ProjectEngine, now: string): void {
  settleLoop(engine, now);
  settlePromises(engine, now);
}

function settleLoop(engine: ProjectEngine, now: string): void {
  const title = engine.input.title;
  for (let changed = true; changed;) {
    changed = false;
    const stages = engine.input.spec.stages;
    for (let i = 0; i < stages.length; i++) {
      const stage = stages[i]!;
      const status = engine.stageStatus(stage.id);
      const previous = i > 0 ? engine.stageStatus(stages[i - 1]!.id) : undefined;
      const previousInReview = previous === 'inReview' || previous === 'readyToIssue';
      // 联合验收: the parts are not dispatched one by one; the joint acceptance runs them together.
      if (stage.joint && settleJoint(engine, stage, now)) changed = true;
      for (const item of stage.joint ? [] : stage.items) {
        if (engine.reviewStatus(item.id) !== 'pending') continue;
        const own = status === 'inReview';
        // 提前介入: technical pre-review of a next-stage item while the previous stage runs.
        const early = !own && item.earlyStart && previousInReview && (status === 'awaitingApplication' || status === 'locked');
        if ((own || early) && dependenciesMet(engine, item, early)) {
          engine.raw.reviews[item.id] = step(reviewMachine, engine.review(item.id), { type: 'DISPATCH', at: now, early })!;
          engine.record(
            SYSTEM,
            now,
            'dispatched',
            early ? `dispatched early as technical pre-review to ${item.departmentId}` : `dispatched to ${item.departmentId}`,
            { itemId: item.id },
          );
          engine.notify('department', `${title}: ${item.title} to review${early ? ' (technical pre-review)' : ''}`, now, item.departmentId);
          changed = true;
        }
      }
      if (status !== 'inReview') continue;
      const rejected = stage.items.find((it) => engine.reviewStatus(it.id) === 'rejected');
      if (rejected) {
        const reason = engine.reviewCtx(rejected.id).reason ?? 'rejected';
        engine.sendStage(stage.id, { type: 'REVIEW_REJECTED', at: now, reason: `${rejected.id}: ${reason}` });
        cancelOpenWork(engine, now, `stage rejected (${rejected.id})`);
        engine.record(SYSTEM, now, 'stageRejected', `stage ended: ${rejected.title} rejected`, { stageId: stage.id, reason });
        engine.notify('enterprise', `${stage.title}: rejected (${rejected.title}): ${reason}`, now);
        changed = true;
      } else if (stage.items.every((it) => APPROVED.has(engine.reviewStatus(it.id)))) {
        engine.sendStage(stage.id, { type: 'REVIEWS_DONE', at: now });
        engine.record(SYSTEM, now, 'reviewsDone', 'every review approved: results ready to issue', { stageId: stage.id });
        engine.notify('coordinator', `${title}: ${stage.title} ready to issue results`, now);
        changed = true;
      }
    }
  }
}

/**
 * An item's own-stage dependencies are approved and the results it requires are there. For an
 * early pre-review (rules ≥ 2) a required result is there once the review that decides it is
 * approved: results are handed to the enterprise together at the end of their stage (统一出件),
 * but the decision exists from the approval, and seed 002 starts the technical reviews "在国土
 * 规划部门批复…后 … 同步进行技术性审查, 提前出具技术性审查结论" (DOMAIN.md: technical reviews
 * run in parallel and early). Waiting for the issue would mean the previous stage has ended,
 * when an early start is no longer possible: 提前介入 could never happen (issue 11).
 */
function dependenciesMet(engine: ProjectEngine, item: TSpecItem, early = false): boolean {
  const issued = engine.issuedResultIds();
  const decided = (resultId: string) => {
    if (!early || engine.rules < 2) return false;
    const by = engine.input.spec.stages.flatMap((s) => s.items).find((i) => i.results.some((r) => r.id === resultId));
    return by !== undefined && APPROVED.has(engine.reviewStatus(by.id));
  };
  return item.dependsOn.every((d) => APPROVED.has(engine.reviewStatus(d))) && item.requiresResults.every((r) => issued.has(r) || decided(r));
}

/** The project ended (rejection, withdrawal): open reviews and commitments are cancelled; later stages stay as they are. */
export function cancelOpenWork(engine: ProjectEngine, now: string, reason: string): void {
  const s = engine.raw;
  for (const [itemId, r] of Object.entries(s.reviews)) {
    if (!REVIEW_DONE.has(r.value)) s.reviews[itemId] = step(reviewMachine, r, { type: 'CANCEL', at: now, reason })!;
  }
  for (const [key, c] of Object.entries(s.commitments)) {
    const next = step(commitmentMachine, c, { type: 'CANCEL', at: now });
    if (next) s.commitments[key] = next;
  }
  for (const [itemId, p] of Object.entries(s.promises ?? {})) {
    const next = step(promiseMachine, p, { type: 'CANCEL', at: now });
    if (next) s.promises = { ...s.promises, [itemId]: next };
  }
  cancelJoint(engine, now);
}

/** Materials whose expired commitment suspends the approval of `itemId` ('suspend-approval'). */
export function suspendingCommitments(engine: ProjectEngine, itemId: string): string[] {
  return Object.values(engine.raw.commitments)
    .filter(({ value, context }) => context.itemId === itemId && context.consequence === 'suspend-approval' && value === 'expired')
    .map(({ context }) => context.materialId);
}

/** Materials whose commitment expired (even if supplied late and not yet accepted) and withholds the stage's results. */
export function withholdingCommitments(engine: ProjectEngine, stage: TSpecStage): string[] {
  const items = new Set(stage.items.map((i) => i.id));
  return Object.values(engine.raw.commitments)
    .filter(({ value, context }) => items.has(context.itemId) && context.consequence === 'withhold-results' && (value === 'expired' || value === 'supplied'))
    .filter(({ value, context }) => value === 'expired' || context.expiredAt !== null)
    .map(({ context }) => context.materialId);
}
