/**
 * The rules of a joint acceptance (联合验收) inside a project: it opens when its stage is
 * accepted (instead of dispatching the items one by one); once every part has passed, each
 * part's review is approved by the department that passed it, so the stage closes and issues
 * its results as any other (统一出件), with the combined conclusion (联合验收意见) among them.
 */
import { jointAcceptanceMachine } from '../machines/joint-acceptance.machine';
import { reviewMachine } from '../machines/review.machine';
import type { TSpecStage } from '../model/spec';
import { SYSTEM } from './history';
import { start, step } from './persisted';
import type { ProjectEngine } from './project-engine';
import type { TJointAcceptanceSnapshot } from './state';

export const jointOf = (engine: ProjectEngine, stageId: string): TJointAcceptanceSnapshot | undefined => engine.raw.joint?.[stageId];

export function putJoint(engine: ProjectEngine, stageId: string, next: TJointAcceptanceSnapshot): void {
  engine.raw.joint = { ...engine.raw.joint, [stageId]: next };
}

/** Opens the stage's joint acceptance once the stage runs, and approves its parts once all passed. Returns whether anything changed. */
export function settleJoint(engine: ProjectEngine, stage: TSpecStage, now: string): boolean {
  const spec = stage.joint;
  if (!spec || engine.stageStatus(stage.id) !== 'inReview') return false;
  const joint = jointOf(engine, stage.id);
  if (!joint) {
    const parts = stage.items.map((i) => ({ itemId: i.id, departmentId: i.departmentId }));
    const { legalLimit, promisedLimit, yellowAt } = spec;
    putJoint(
      engine,
      stage.id,
      start(jointAcceptanceMachine, { stageId: stage.id, enterpriseId: engine.input.enterpriseId, parts, at: now, legalLimit, promisedLimit, yellowAt }),
    );
    engine.record(
      SYSTEM,
      now,
      'jointAcceptanceOpened',
      `joint acceptance opened: ${parts.map((p) => `${p.itemId} (${p.departmentId})`).join(', ')}; promised ${promisedLimit}, legal ${legalLimit} working days`,
      {
        stageId: stage.id,
      },
    );
    engine.notify('coordinator', `${engine.input.title}: ${stage.title}: propose the joint site-visit date`, now);
    for (const p of parts) engine.notify('department', `${engine.input.title}: ${stage.title}: joint acceptance opened (${p.itemId})`, now, p.departmentId);
    return true;
  }
  if (joint.value !== 'passed') return false;
  let changed = false;
  for (const part of joint.context.parts) {
    if (engine.reviewStatus(part.itemId) !== 'pending') continue;
    const passedBy = part.inspections[part.inspections.length - 1]!;
    const actor = { userId: passedBy.by, role: 'department' as const, departmentId: part.departmentId };
    const dispatched = step(reviewMachine, engine.review(part.itemId), { type: 'DISPATCH', at: now, early: false })!;
    engine.raw.reviews[part.itemId] = step(reviewMachine, dispatched, { type: 'APPROVE', actor, at: now })!;
    changed = true;
  }
  return changed;
}

/**
 * The combined conclusion, issued with the stage's results (its item is the stage: it is no one
 * department's), with its document (联合验收意见书) from the stage's lead department.
 */
export function issueJointConclusion(engine: ProjectEngine, stage: TSpecStage, now: string): void {
  const joint = jointOf(engine, stage.id);
  if (!stage.joint || joint?.value !== 'passed') return;
  const { id, title } = stage.joint.result;
  engine.raw.results.push({ resultId: id, title, itemId: stage.id, stageId: stage.id, issuedAt: now, conditions: null });
  const parts = joint.context.parts.map((p) => ({
    title: stage.items.find((i) => i.id === p.itemId)?.title ?? p.itemId,
    departmentId: p.departmentId,
    findings: p.inspections.map((i) => i.findings),
  }));
  const draft = {
    kind: 'jointAcceptanceOpinion' as const,
    stageId: stage.id,
    issuerDepartmentId: stage.leadDepartmentId,
    visitOn: joint.context.visitDate!,
    parts,
    rectifications: joint.context.rectifications.length,
  };
  engine.issueDocument(draft, SYSTEM, now);
}

/** The project ended: an open joint acceptance is cancelled with it. */
export function cancelJoint(engine: ProjectEngine, now: string): void {
  for (const [stageId, j] of Object.entries(engine.raw.joint ?? {})) {
    const next = step(jointAcceptanceMachine, j, { type: 'CANCEL', at: now });
    if (next) putJoint(engine, stageId, next);
  }
}
