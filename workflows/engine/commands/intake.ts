/**
 * Intake (受理): the enterprise submits the stage's one application (一表申请), the coordinator
 * accepts it, accepts it with tolerance (容缺受理), returns it with one complete list (一次告知)
 * or refuses to accept it with reasons and the rights of appeal (不予受理, 行政许可法 arts. 32, 38).
 */
import { appealRights, INTAKE_REFUSAL_REASONS } from '../../../definitions/legal/intake-refusal';
import { stageMachine } from '../../machines/stage.machine';
import type { TSpecStage } from '../../model/spec';
import { type TOffer, rightfulActor } from '../action';
import { missingMaterials, toleranceDeadlines } from '../intake';
import { recordSurveys, satisfiedMaterials, type TSatisfaction } from '../shared-materials';
import { issueAcceptance, issueIntakeCorrection } from '../documents';
import { asker } from '../persisted';
import type { ProjectEngine } from '../project-engine';
import { assertLegalActs, LEGAL_ACTS_RULES } from '../guards';
import { DecisionRefused } from '../refusal';
import { settleJoint } from '../joint';
import { onStageAccepted } from '../rules';
import { proposeVisit } from './joint';
import type { THandlers } from './handler';

/**
 * A definition that requires the 项目代码 accepts nothing until the project has one (cities
 * refuse intake without a valid code, 发改投资〔2020〕1439号); the code is set once, so this
 * holds back only the first acceptance.
 */
export function missingProjectCode(engine: ProjectEngine): string | undefined {
  if (!engine.input.spec.requireProjectCode || engine.input.projectCode !== undefined) return undefined;
  return 'projectCode: this process requires the project code (项目代码) before any intake; the enterprise sets it first (setProjectCode)';
}

export const intakeHandlers: THandlers<'submitApplication' | 'decideIntake' | 'refuseIntake'> = {
  submitApplication(engine, actor, command, now) {
    const stage = engine.specStage(command.stageId);
    // 一表申请: the form has the stage's fields and nothing else, so a client talking to
    // the workflow directly cannot park arbitrary data in the state every view reads.
    const fields = new Set(stage.formFields.map((f) => f.id));
    const unknownField = Object.keys(command.form).find((k) => !fields.has(k));
    if (unknownField !== undefined) {
      throw new DecisionRefused(
        `form.${unknownField}: not a field of the ${stage.title} application form (fields: ${[...fields].join(', ') || 'none'})`,
        'INVALID_FIELD',
        `form.${unknownField}`,
      );
    }
    const missingFields = stage.formFields.filter((f) => f.required && (command.form[f.id] === undefined || command.form[f.id] === ''));
    if (missingFields.length > 0) {
      throw new DecisionRefused(`form: required fields missing: ${missingFields.map((f) => f.id).join(', ')}`, 'INVALID_FIELD', 'form');
    }
    const known = new Set(stage.items.flatMap((i) => i.materials.map((m) => m.id)));
    const unknown = command.materials.filter((m) => !known.has(m));
    if (unknown.length > 0) throw new DecisionRefused(`materials: not asked for in this stage: ${unknown.join(', ')}`, 'INVALID_FIELD', 'materials');
    // 多测合一 and 区域评估: what a survey or the park's assessment satisfies is never asked for.
    const satisfied = satisfiedMaterials(engine, stage, now, command.materials);
    const missing = missingMaterials(stage, new Set([...command.materials, ...satisfied.keys()]), engine.issuedResultIds());
    const calendar = engine.workingCalendar;
    const intakeDueAt = calendar.dueInstant(calendar.dateOf(now), engine.input.spec.intakeLimit);
    engine.sendStage(stage.id, { type: 'SUBMIT', actor, at: now, missing, intakeDueAt }, 'the stage does not take an application now');
    engine.raw.forms = { ...(engine.raw.forms ?? {}), [stage.id]: { form: command.form, materials: command.materials } };
    recordSurveys(engine, stage, command.materials, now);
    const summary =
      (missing.length === 0
        ? 'application submitted, complete'
        : `application submitted, missing: ${missing.map((m) => `${m.materialId} (${m.kind})`).join(', ')}`) +
      satisfiedNote(satisfied, (at) => engine.dayOf(at));
    engine.record(actor, now, command.type, summary, { stageId: stage.id });
    engine.notify('coordinator', `${engine.input.title}: ${stage.title} application waiting for intake (due ${intakeDueAt})`, now);
  },

  decideIntake(engine, actor, command, now) {
    const stage = engine.specStage(command.stageId);
    const { missing } = engine.stage(stage.id).context;
    if (command.decision === 'return') {
      if (command.siteVisitOn !== undefined) throw new DecisionRefused('siteVisitOn: only with an acceptance', 'INVALID_FIELD', 'siteVisitOn');
      // 一次告知: the notice always carries the complete list the engine computed.
      const list = missing.map((m) => `${m.itemId}/${m.materialId}`).join(', ');
      const notice = [command.notice, list ? `missing: ${list}` : ''].filter(Boolean).join('; ');
      if (!notice) throw new DecisionRefused('notice: say what is wrong when returning a complete application', 'INVALID_FIELD', 'notice');
      engine.sendStage(stage.id, { type: 'RETURN', actor, at: now, notice }, 'intake is not open for this stage');
      engine.record(actor, now, 'intakeReturned', `application returned: ${notice}`, { stageId: stage.id });
      engine.notify('enterprise', `${stage.title}: application returned — ${notice}`, now);
      issueIntakeCorrection(engine, stage, command.notice ?? '', actor, now);
      return;
    }
    const accept = command.decision === 'accept';
    const noCode = missingProjectCode(engine);
    if (noCode) throw new DecisionRefused(noCode, 'INVALID_FIELD', 'projectCode');
    const core = missing.filter((m) => m.kind === 'core');
    const why = accept
      ? missing.length > 0
        ? `materials are missing (${missing.map((m) => m.materialId).join(', ')}): accept with tolerance or return`
        : 'intake is not open for this stage'
      : core.length > 0
        ? `core materials are never tolerated: ${core.map((m) => m.materialId).join(', ')}`
        : missing.length === 0
          ? 'nothing is missing: accept without tolerance'
          : 'intake is not open for this stage';
    const deadlines = accept ? undefined : toleranceDeadlines(stage, missing, command.tolerate);
    if (accept && command.tolerate) throw new DecisionRefused('tolerate: only with acceptWithTolerance', 'INVALID_FIELD', 'tolerate');
    engine.sendStage(stage.id, { type: accept ? 'ACCEPT' : 'ACCEPT_WITH_TOLERANCE', actor, at: now }, why);
    const summary = accept ? 'application accepted' : `accepted with tolerance for ${missing.map((m) => m.materialId).join(', ')}`;
    engine.record(actor, now, accept ? 'intakeAccepted' : 'intakeAcceptedWithTolerance', summary, { stageId: stage.id });
    onStageAccepted(engine, stage, now, deadlines);
    issueAcceptance(engine, stage, accept ? 'accept' : 'acceptWithTolerance', actor, now);
    if (command.siteVisitOn !== undefined) {
      // The joint acceptance opens with the stage (as settle would open it next) and takes the proposal at once.
      settleJoint(engine, stage, now);
      proposeVisit(engine, actor, stage, command.siteVisitOn, now, 'siteVisitOn');
    }
  },

  refuseIntake(engine, actor, command, now) {
    assertLegalActs(engine, command.type);
    const stage = engine.specStage(command.stageId);
    const { reasonCode, reason } = command;
    const label = INTAKE_REFUSAL_REASONS[reasonCode];
    engine.sendStage(stage.id, { type: 'REFUSE', actor, at: now, reasonCode, reason }, 'intake is not open for this stage');
    engine.record(actor, now, 'intakeRefused', `application refused (不予受理): ${label}`, { stageId: stage.id, reason });
    // Art. 38: the reasons and the rights of appeal, in writing; a new application stays possible.
    engine.notify('enterprise', `${stage.title}: 不予受理 — ${label}：${reason}。${appealRights()}`, now);
    engine.issueDocument({ kind: 'refusalToAccept', stageId: stage.id, reasons: [label, reason] }, actor, now);
  },
};

/** Names what was satisfied without being handed in; empty when nothing was (so summaries read as before). */
function satisfiedNote(satisfied: ReadonlyMap<string, TSatisfaction>, dayOf: (instant: string) => string): string {
  if (satisfied.size === 0) return '';
  const from = (s: TSatisfaction) =>
    s.source === 'park' ? `the park's ${s.assessmentType} assessment` : `the ${s.surveyType} survey supplied on ${dayOf(s.at)}`;
  return `; satisfied: ${[...satisfied].map(([id, s]) => `${id} (from ${from(s)})`).join(', ')}`;
}

/** The stages waiting for the enterprise's application (also when the history is full: the statechart takes it in either state). */
export function applicationOffers(engine: ProjectEngine): TOffer[] {
  return engine.input.spec.stages
    .filter((stage) => ['awaitingApplication', 'returned', 'refused'].includes(engine.stageStatus(stage.id)))
    .map((stage) => ({ action: { type: 'submitApplication', stageId: stage.id } }));
}

/** The coordinator's open intake decisions on `stage`, as one action with its options. */
export function intakeOffers(engine: ProjectEngine, stage: TSpecStage): TOffer[] {
  const can = asker(stageMachine, engine.stage(stage.id));
  const actor = rightfulActor(engine, 'decideIntake');
  const at = '';
  const acceptable = missingProjectCode(engine) === undefined;
  const options = [
    ...(acceptable && can({ type: 'ACCEPT', actor, at }) ? ['accept'] : []),
    ...(acceptable && can({ type: 'ACCEPT_WITH_TOLERANCE', actor, at }) ? ['acceptWithTolerance'] : []),
    ...(can({ type: 'RETURN', actor, at, notice: 'x' }) ? ['return'] : []),
  ];
  const refuse = engine.rules >= LEGAL_ACTS_RULES && can({ type: 'REFUSE', actor, at, reasonCode: 'other', reason: 'x' });
  return [
    ...(options.length > 0 ? [{ action: { type: 'decideIntake' as const, stageId: stage.id, options } }] : []),
    ...(refuse ? [{ action: { type: 'refuseIntake' as const, stageId: stage.id } }] : []),
  ];
}
