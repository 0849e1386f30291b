/**
 * The decisions of a joint acceptance (联合验收, issue 16): the coordinator proposes the site
 * visit, each part's department confirms it or proposes another date and records its findings,
 * the enterprise reports its rectification (整改) done. The statechart decides what is possible
 * (joint-acceptance.machine.ts); these handlers check the dates and limits against the calendar.
 */
import { type JointAcceptanceEvent, jointAcceptanceMachine } from '../../machines/joint-acceptance.machine';
import type { TActor } from '../../model/actor';
import type { TSpecStage } from '../../model/spec';
import { type TOffer, rightfulActor } from '../action';
import { jointOf, putJoint } from '../joint';
import { asker, step } from '../persisted';
import type { ProjectEngine } from '../project-engine';
import { DecisionRefused } from '../refusal';
import type { TJointAcceptanceSnapshot } from '../state';
import type { THandlers } from './handler';

type TJointCommand = 'proposeSiteVisit' | 'confirmSiteVisit' | 'counterSiteVisit' | 'recordInspection' | 'reportRectification';

/** The stage's joint acceptance, refusing a stage that has none or one not opened yet. */
function jointOfStage(engine: ProjectEngine, stage: TSpecStage, path: string): { spec: NonNullable<TSpecStage['joint']>; joint: TJointAcceptanceSnapshot } {
  if (!stage.joint)
    throw new DecisionRefused(`${path}: stage ${stage.id} is not a joint acceptance (联合验收) in this project's definition`, 'INVALID_FIELD', path);
  const joint = jointOf(engine, stage.id);
  if (!joint) throw new DecisionRefused(`the joint acceptance of ${stage.id} has not opened (its application is not accepted yet)`, 'NOT_ALLOWED_NOW', path);
  return { spec: stage.joint, joint };
}

/** A site visit is on a working day, today or later (行政许可法 art. 82 counts working days; nobody inspects on a holiday). */
function assertVisitDate(engine: ProjectEngine, date: string, now: string, path = 'date'): void {
  const calendar = engine.workingCalendar;
  if (date < calendar.dateOf(now)) throw new DecisionRefused(`${path}: ${date} is in the past`, 'INVALID_FIELD', path);
  if (!calendar.isWorkday(date)) throw new DecisionRefused(`${path}: ${date} is not a working day on the official calendar`, 'INVALID_FIELD', path);
}

/**
 * A part recorded on the proposed visit (`confirmsVisit`) needs the visit to have come: the
 * proposed date is today or past on the project's calendar. Whether the statechart takes it is its own say.
 */
function visitCame(engine: ProjectEngine, joint: TJointAcceptanceSnapshot, now: string | undefined): boolean {
  const proposal = joint.context.proposal;
  return proposal !== null && now !== undefined && proposal.date <= engine.workingCalendar.dateOf(now);
}

function send(engine: ProjectEngine, stageId: string, joint: TJointAcceptanceSnapshot, event: JointAcceptanceEvent, path: string): TJointAcceptanceSnapshot {
  const next = step(jointAcceptanceMachine, joint, event);
  if (!next) throw new DecisionRefused(`not possible now (the joint acceptance of ${stageId} is ${joint.value})`, 'NOT_ALLOWED_NOW', path);
  putJoint(engine, stageId, next);
  return next;
}

/**
 * The coordinator proposes the site visit on `date`: by proposeSiteVisit, or with the stage's
 * acceptance (decideIntake's `siteVisitOn`, refused there under `path`).
 */
export function proposeVisit(engine: ProjectEngine, actor: TActor, stage: TSpecStage, date: string, now: string, path: 'stageId' | 'siteVisitOn'): void {
  const { joint } = jointOfStage(engine, stage, path);
  assertVisitDate(engine, date, now, path === 'stageId' ? 'date' : path);
  const next = send(engine, stage.id, joint, { type: 'PROPOSE_VISIT', date, actor, at: now }, path);
  engine.record(actor, now, 'siteVisitProposed', `joint site visit proposed for ${date}`, { stageId: stage.id });
  for (const p of next.context.parts)
    engine.notify(
      'department',
      `${engine.input.title}: joint site visit proposed for ${date}; confirm or propose another date (${p.itemId})`,
      now,
      p.departmentId,
    );
}

export const jointHandlers: THandlers<TJointCommand> = {
  proposeSiteVisit(engine, actor, { stageId, date }, now) {
    proposeVisit(engine, actor, engine.specStage(stageId), date, now, 'stageId');
  },

  confirmSiteVisit(engine, actor, { itemId }, now) {
    const { stage } = engine.specItem(itemId);
    const { joint } = jointOfStage(engine, stage, 'itemId');
    const next = send(engine, stage.id, joint, { type: 'CONFIRM_VISIT', itemId, actor, at: now }, 'itemId');
    engine.record(actor, now, 'siteVisitConfirmed', `site visit on ${next.context.proposal!.date} confirmed`, { itemId });
    if (next.value === 'inspecting') {
      engine.record(actor, now, 'siteVisitAgreed', `every department confirmed: joint site visit on ${next.context.visitDate}`, { stageId: stage.id });
      engine.notify('enterprise', `${stage.title}: joint site visit on ${next.context.visitDate}`, now);
    }
  },

  counterSiteVisit(engine, actor, { itemId, date, reason }, now) {
    const { stage } = engine.specItem(itemId);
    const { joint } = jointOfStage(engine, stage, 'itemId');
    assertVisitDate(engine, date, now);
    send(engine, stage.id, joint, { type: 'COUNTER_VISIT', itemId, date, reason, actor, at: now }, 'itemId');
    engine.record(actor, now, 'siteVisitCountered', `another site-visit date proposed: ${date}`, { itemId, reason });
    engine.notify('coordinator', `${engine.input.title}: ${itemId} proposes the joint site visit on ${date} instead: ${reason}`, now);
  },

  recordInspection(engine, actor, { itemId, outcome, findings, rectifyWithinDays, confirmsVisit }, now) {
    const { stage } = engine.specItem(itemId);
    const { spec, joint } = jointOfStage(engine, stage, 'itemId');
    // Only a record before the date is agreed confirms it; later the flag says what is already so.
    const confirming = confirmsVisit === true && joint.value === 'scheduling';
    if (confirming && !visitCame(engine, joint, now)) {
      throw new DecisionRefused(
        `confirmsVisit: the proposed site visit (${joint.context.proposal?.date ?? 'none proposed'}) has not come yet`,
        'NOT_ALLOWED_NOW',
        'confirmsVisit',
      );
    }
    let rectifyDueAt: string | null = null;
    if (outcome === 'rectify') {
      if (rectifyWithinDays === undefined)
        throw new DecisionRefused('rectifyWithinDays: a rectification order needs its deadline in working days', 'INVALID_FIELD', 'rectifyWithinDays');
      if (rectifyWithinDays > spec.maxRectificationDays) {
        throw new DecisionRefused(
          `rectifyWithinDays: at most ${spec.maxRectificationDays} working days in this definition (got ${rectifyWithinDays})`,
          'INVALID_FIELD',
          'rectifyWithinDays',
        );
      }
      const calendar = engine.workingCalendar;
      rectifyDueAt = calendar.dueInstant(calendar.dateOf(now), rectifyWithinDays);
    }
    const event = { type: 'RECORD_INSPECTION' as const, itemId, outcome, findings, rectifyDueAt, actor, at: now, ...(confirming ? { confirmsVisit } : {}) };
    const next = send(engine, stage.id, joint, event, 'itemId');
    const what = outcome === 'pass' ? 'passed' : `rectification (整改) ordered by ${rectifyDueAt}`;
    const on = confirming ? ` (on the site visit of ${joint.context.proposal!.date}, which this record confirms)` : '';
    engine.record(actor, now, 'inspectionRecorded', `${what}${on}: ${findings}`, { itemId });
    if (confirming && next.value !== 'scheduling') {
      engine.record(actor, now, 'siteVisitAgreed', `every department confirmed: joint site visit on ${next.context.visitDate}`, { stageId: stage.id });
    }
    if (next.value === 'rectifying' && joint.value !== 'rectifying') {
      const round = next.context.rectifications[next.context.rectifications.length - 1]!;
      engine.record(
        actor,
        now,
        'rectificationOrdered',
        `rectification of ${round.items.join(', ')} by ${round.dueAt}; the joint acceptance's clock stops until it is reported done`,
        { stageId: stage.id },
      );
      engine.notify('enterprise', `${stage.title}: rectify (整改) ${round.items.join(', ')} by ${round.dueAt}, then report it done`, now);
    }
    if (next.value === 'passed') {
      engine.record(actor, now, 'jointAcceptancePassed', 'every part passed: the combined conclusion (联合验收意见) is ready to issue', { stageId: stage.id });
    }
  },

  reportRectification(engine, actor, { stageId, note }, now) {
    const stage = engine.specStage(stageId);
    const { joint } = jointOfStage(engine, stage, 'stageId');
    const next = send(engine, stageId, joint, { type: 'REPORT_RECTIFIED', actor, at: now, ...(note !== undefined ? { note } : {}) }, 'stageId');
    engine.record(actor, now, 'rectificationReported', `rectification reported done${note ? `: ${note}` : ''}; the clock runs again`, { stageId });
    for (const p of next.context.parts.filter((x) => x.status === 'reinspect')) {
      engine.notify('department', `${engine.input.title}: rectification reported done; inspect ${p.itemId} again`, now, p.departmentId);
    }
  },
};

/** What the stage's joint acceptance takes now, asked of its statechart with the rightful actors (without `now`, no record on the proposed visit). */
export function jointOffers(engine: ProjectEngine, stage: TSpecStage, now: string | undefined): TOffer[] {
  const joint = stage.joint ? jointOf(engine, stage.id) : undefined;
  if (!joint) return [];
  const ask = asker(jointAcceptanceMachine, joint);
  const at = '';
  const out: TOffer[] = [];
  if (ask({ type: 'PROPOSE_VISIT', date: at, actor: rightfulActor(engine, 'proposeSiteVisit'), at }))
    out.push({ action: { type: 'proposeSiteVisit', stageId: stage.id } });
  for (const { itemId, departmentId } of joint.context.parts) {
    const department = rightfulActor(engine, 'confirmSiteVisit', departmentId);
    if (ask({ type: 'CONFIRM_VISIT', itemId, actor: department, at })) {
      out.push({ action: { type: 'confirmSiteVisit', itemId }, departmentId }, { action: { type: 'counterSiteVisit', itemId }, departmentId });
    }
    const confirmsVisit = joint.value === 'scheduling' && visitCame(engine, joint, now);
    if (ask({ type: 'RECORD_INSPECTION', itemId, outcome: 'pass', findings: 'x', rectifyDueAt: null, confirmsVisit, actor: department, at })) {
      out.push({ action: { type: 'recordInspection', itemId }, departmentId });
    }
  }
  if (ask({ type: 'REPORT_RECTIFIED', actor: rightfulActor(engine, 'reportRectification'), at }))
    out.push({ action: { type: 'reportRectification', stageId: stage.id } });
  return out;
}
