/**
 * The allowed actions as they were computed before issue 13: every candidate command tried on
 * a copy of the engine. Kept only as the oracle that tests/unit/engine/allowed-actions.test.ts
 * compares the statechart-based list with, and as the "before" of bench/allowed-actions.bench.ts.
 */
import type { TActor } from '../../workflows/model/actor';
import { COMMAND_AUTHORITY, COMMAND_ROLE, type TCommand, type TCommandType } from '../../workflows/model/commands';
import type { TAction } from '../../workflows/engine/action';
import type { TAudience } from '../../workflows/engine/allowed-actions';
import type { ProjectEngine } from '../../workflows/engine/project-engine';

/** One command someone could send now, with the action it stands for. */
interface TCandidate {
  action: TAction;
  command: Record<string, unknown> & { type: TCommandType };
  /** The department whose decision it is (items and commitments), for the audience's actor. */
  departmentId?: string;
}

/** Every command worth trying on this project now; which of them passes is the engine's to say. */
function candidates(engine: ProjectEngine): TCandidate[] {
  const s = engine.raw;
  const out: TCandidate[] = [];
  const reason = 'x';
  for (const stage of s.input.spec.stages) {
    const stageId = stage.id;
    for (const decision of ['accept', 'acceptWithTolerance', 'return'] as const) {
      out.push({ action: { type: 'decideIntake', stageId, options: [decision] }, command: { type: 'decideIntake', stageId, decision, notice: 'x' } });
    }
    out.push({ action: { type: 'refuseIntake', stageId }, command: { type: 'refuseIntake', stageId, reasonCode: 'other', reason } });
    out.push({ action: { type: 'issueResults', stageId }, command: { type: 'issueResults', stageId } });
    out.push({ action: { type: 'rate', stageId }, command: { type: 'rate', stageId, score: 5 } });
    if (stage.joint) out.push(...jointCandidates(stage));
    for (const item of stage.items) {
      const itemId = item.id;
      const departmentId = item.departmentId;
      const commands: Record<string, unknown>[] = [
        { type: 'approveReview', itemId },
        { type: 'rejectReview', itemId, reason },
        ...(item.materials.length > 0 ? [{ type: 'requestCorrection', itemId, materials: item.materials.slice(0, 1).map((m) => m.id), reason }] : []),
        { type: 'answerCorrection', itemId },
        { type: 'startSpecialProcedure', itemId, kind: 'expert-review', days: 1, reason },
        { type: 'endSpecialProcedure', itemId },
        { type: 'grantExtension', itemId, days: 1, reason },
        ...(item.promise
          ? [
              { type: 'signPromise', itemId, conditions: item.promise.conditions },
              { type: 'approveOnPromise', itemId },
              { type: 'verifyPromise', itemId },
              { type: 'findPromiseFalse', itemId, reason },
            ]
          : []),
        { type: 'requestExtension', itemId, days: 1, reason },
        { type: 'decideExtension', itemId, decision: 'approve' },
        { type: 'requestJointExtension', itemId, days: 1, reason },
        { type: 'decideJointExtension', itemId, decision: 'approve' },
        { type: 'issueSupervisionOrder', itemId, days: 1, reason },
      ];
      for (const command of commands) {
        const type = command.type as TCommandType;
        out.push({ action: { type, itemId }, command: { ...command, type }, departmentId });
      }
    }
  }
  for (const c of Object.values(s.commitments)) {
    const ctx = c.context;
    for (const type of ['supplyMaterial', 'acceptSuppliedMaterial', 'rejectSuppliedMaterial'] as const) {
      out.push({
        action: { type, itemId: ctx.itemId, materialId: ctx.materialId },
        command: { type, itemId: ctx.itemId, materialId: ctx.materialId, reason },
        departmentId: ctx.departmentId,
      });
    }
  }
  for (const d of Object.values(s.deliveries ?? {})) {
    const { itemId, departmentId } = d.context;
    out.push({ action: { type: 'deliverResult', itemId }, command: { type: 'deliverResult', itemId, way: 'collected' }, departmentId });
  }
  out.push({ action: { type: 'setProjectCode' }, command: { type: 'setProjectCode', projectCode: '2026-420100-04-01-123456' } });
  out.push({ action: { type: 'withdraw' }, command: { type: 'withdraw', reason } });
  return out;
}

/** 联合验收: a date the walks never pass (a working day), each part's answers and findings, the enterprise's report. */
function jointCandidates(stage: ProjectEngine['input']['spec']['stages'][number]): TCandidate[] {
  const stageId = stage.id;
  const date = '2026-12-31';
  const out: TCandidate[] = [{ action: { type: 'proposeSiteVisit', stageId }, command: { type: 'proposeSiteVisit', stageId, date } }];
  for (const { id: itemId, departmentId } of stage.items) {
    out.push(
      { action: { type: 'confirmSiteVisit', itemId }, command: { type: 'confirmSiteVisit', itemId }, departmentId },
      { action: { type: 'counterSiteVisit', itemId }, command: { type: 'counterSiteVisit', itemId, date, reason: 'x' }, departmentId },
      {
        action: { type: 'recordInspection', itemId },
        command: { type: 'recordInspection', itemId, outcome: 'pass', findings: 'x', confirmsVisit: true },
        departmentId,
      },
    );
  }
  out.push({ action: { type: 'reportRectification', stageId }, command: { type: 'reportRectification', stageId } });
  return out;
}

/** The candidates that pass, as actions; the intake options of one stage merged into one action. */
function passing(
  engine: ProjectEngine,
  now: string,
  found: TCandidate[],
  actorOf: (c: TCandidate) => TActor | undefined,
): { candidate: TCandidate; action: TAction }[] {
  const out: { candidate: TCandidate; action: TAction }[] = [];
  for (const candidate of found) {
    const actor = actorOf(candidate);
    if (!actor) continue;
    try {
      engine.check(actor, candidate.command as unknown as TCommand, now);
    } catch {
      continue;
    }
    const { action } = candidate;
    const intake = action.type === 'decideIntake' ? out.find((o) => o.action.type === 'decideIntake' && o.action.stageId === action.stageId) : undefined;
    if (intake) intake.action.options!.push(...action.options!);
    else out.push({ candidate, action: { ...action, ...(action.options ? { options: [...action.options] } : {}) } });
  }
  return out;
}

/**
 * The commands `actor` may send now. Each candidate is checked by the engine itself on a
 * copy, so the list can never disagree with what the update validator accepts.
 */
export function oracleAllowedActions(engine: ProjectEngine, actor: TActor, now: string): TAction[] {
  const own = actor.role === 'enterprise' && actor.enterpriseId === engine.raw.input.enterpriseId;
  return [...(own ? applications(engine) : []), ...passing(engine, now, candidates(engine), () => actor).map((p) => p.action)];
}

/** The stages waiting for the enterprise's application (the statechart takes it in any state it is sent in). */
function applications(engine: ProjectEngine): TAction[] {
  return engine.raw.input.spec.stages
    .filter((stage) => ['awaitingApplication', 'returned', 'refused'].includes(engine.stageStatus(stage.id)))
    .map((stage) => ({ type: 'submitApplication', stageId: stage.id }));
}

/**
 * Every action open now, grouped by the audience whose decision it is (COMMAND_ROLE), each
 * candidate checked once with that audience's actor: one pass serves every inbox.
 */
export function oracleActionsByAudience(engine: ProjectEngine, now: string): Map<TAudience, TAction[]> {
  const s = engine.raw;
  const enterprise: TActor = { userId: 'read-model', role: 'enterprise', enterpriseId: s.input.enterpriseId };
  const coordinator: TActor = { userId: 'read-model', role: 'coordinator' };
  const byAudience = new Map<TAudience, TAction[]>();
  const add = (audience: TAudience, action: TAction) => byAudience.set(audience, [...(byAudience.get(audience) ?? []), action]);
  for (const action of applications(engine)) add(`enterprise:${s.input.enterpriseId}`, action);
  // The audience of an action holds the authority it needs (a department's head, the government head).
  const actorFor = (c: TCandidate): TActor | undefined => {
    const role = COMMAND_ROLE[c.command.type];
    const authority = COMMAND_AUTHORITY[c.command.type];
    if (role === 'enterprise') return enterprise;
    if (role === 'coordinator') return authority === 'governmentHead' ? { ...coordinator, governmentHead: true } : coordinator;
    return c.departmentId
      ? { userId: 'read-model', role: 'department', departmentId: c.departmentId, ...(authority === 'leader' ? { leader: true as const } : {}) }
      : undefined;
  };
  for (const { candidate, action } of passing(engine, now, candidates(engine), actorFor)) {
    const role = COMMAND_ROLE[candidate.command.type];
    add(role === 'coordinator' ? 'coordinator' : role === 'enterprise' ? `enterprise:${s.input.enterpriseId}` : `department:${candidate.departmentId}`, action);
  }
  return byAudience;
}
