/**
 * The approval engine as a pure object: the stage, review and commitment statecharts of one
 * project, the rules that connect them (dispatch along dependencies, results issued together
 * and carried forward, consequences of expired commitments) and the clocks. The workflow only
 * feeds it commands and time; tests drive it without Temporal.
 */
import type { AnyStateMachine } from 'xstate';
import { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import type { TCalendarSnapshot } from '../../definitions/calendar/snapshot';
import type { TActor } from '../model/actor';
import { COMMAND_ROLE, type TCommand } from '../model/commands';
import type { TProjectSpec, TSpecItem, TSpecStage } from '../model/spec';
import { type CommitmentContext, type CommitmentStatus, commitmentMachine } from '../machines/commitment.machine';
import { type ReviewContext, type ReviewStatus, REVIEW_DONE, reviewMachine } from '../machines/review.machine';
import { type MissingMaterial, type StageContext, type StageStatus, stageMachine } from '../machines/stage.machine';
import type { TEffect } from './effects';
import { SYSTEM, type THistoryEntry } from './history';
import type { TClockRules } from '../../definitions/clock';
import { readClock } from './clock';
import type { TProjectInput, TProjectState } from './state';
import { commitmentKey, missingMaterials, toleranceDeadlines } from './intake';
import { can, type Persisted, start, step } from './persisted';
import { DecisionRefused } from './refusal';

export { commitmentKey } from './intake';
export { DecisionRefused } from './refusal';

const APPROVED: ReadonlySet<ReviewStatus> = new Set(['approved', 'approvedWithConditions']);
/** 行政许可法 art. 42(2): joint or centralised handling may be extended by at most 15 days. */
export const MAX_EXTENSION_DAYS = 15;

/**
 * The rules version a new project runs under. 2 (issue 11): an early pre-review (提前介入)
 * starts once the review that decides a result it requires is approved, and a same-day item
 * gets no yellow card within its day. Projects created before keep 1 (`state.rules` absent):
 * the workflow fixes the version at creation behind `patched()`, so recorded histories replay.
 */
export const ENGINE_RULES = 2;

/**
 * What one project's state may hold (issue 11). Every decision is recorded in `history`, which
 * crosses continue-as-new, so its entries and text are bounded: a decision is refused once
 * either is used up (withdrawal stays possible). The default project records about 100 entries
 * and 6,000 characters; these leave room for 20× that while the state stays well under
 * Temporal's 2 MB payload limit (3 bytes per character). A review's clock keeps every pause
 * with its reason and is read by every view and copied by every allowed-action check, so the
 * pauses of one review (corrections and special procedures) are bounded too: a correction is
 * asked once and in full (一次告知, 行政许可法 art. 32), so 10 is far beyond honest use.
 */
export const STATE_BUDGET = { historyEntries: 2000, historyChars: 400_000, pausesPerReview: 10 } as const;

export class ProjectEngine {
  private calendar: WorkingCalendar;
  private effects: TEffect[] = [];

  private constructor(private state: TProjectState) {
    this.calendar = WorkingCalendar.of(state.calendar);
  }

  /** @param rules the rules version (ENGINE_RULES for a new project; the workflow passes 1 when replaying one created before). */
  static create(input: TProjectInput, now: string, rules: number = ENGINE_RULES): ProjectEngine {
    const stages: TProjectState['stages'] = {};
    const reviews: TProjectState['reviews'] = {};
    for (const stage of input.spec.stages) {
      stages[stage.id] = start(stageMachine, { stageId: stage.id, enterpriseId: input.enterpriseId });
      for (const item of stage.items) {
        reviews[item.id] = start(reviewMachine, {
          itemId: item.id,
          departmentId: item.departmentId,
          enterpriseId: input.enterpriseId,
          legalLimit: item.legalLimit,
          promisedLimit: item.promisedLimit,
          yellowAt: item.yellowAt,
        });
      }
    }
    const engine = new ProjectEngine({
      input,
      calendar: input.calendar,
      stages,
      reviews,
      commitments: {},
      results: [],
      ratings: [],
      cards: {},
      history: [],
      seq: 0,
      rules,
    });
    engine.record(input.registeredBy, now, 'registered', `project registered under ${input.spec.definition.id} v${input.spec.definition.version}`);
    engine.sendStage(input.spec.stages[0]!.id, { type: 'UNLOCK' });
    engine.notify('enterprise', `${input.title}: project registered; submit the ${input.spec.stages[0]!.title} application`, now);
    return engine;
  }

  static restore(state: TProjectState): ProjectEngine {
    return new ProjectEngine(state);
  }

  /** The whole state, for continue-as-new. */
  snapshot(): TProjectState {
    return this.state;
  }

  get input(): TProjectInput {
    return this.state.input;
  }

  /** The rules version this project runs under (see ENGINE_RULES). */
  get rules(): number {
    return this.state.rules ?? 1;
  }

  /** How the legal clock reads this project's reviews: the same for its cards, timers and views. */
  get clockRules(): TClockRules {
    return this.rules < 2 ? { legacySameDayYellow: true } : {};
  }

  get calendarFingerprint(): string {
    return this.state.calendar.fingerprint;
  }

  /** Effects produced since the last drain (notifications, hand-overs). */
  drainEffects(): TEffect[] {
    const out = this.effects;
    this.effects = [];
    return out;
  }

  // ---- lookups ------------------------------------------------------------------------

  stageStatus(stageId: string): StageStatus {
    return this.state.stages[stageId]!.value as StageStatus;
  }
  private stageCtx(stageId: string): StageContext {
    return this.state.stages[stageId]!.context as StageContext;
  }
  reviewStatus(itemId: string): ReviewStatus {
    return this.state.reviews[itemId]!.value as ReviewStatus;
  }
  private reviewCtx(itemId: string): ReviewContext {
    this.specItem(itemId);
    return this.state.reviews[itemId]!.context as ReviewContext;
  }
  private specStage(stageId: string): TSpecStage {
    const s = this.state.input.spec.stages.find((x) => x.id === stageId);
    if (!s) throw new DecisionRefused(`stageId: unknown stage "${stageId}"`);
    return s;
  }
  private specItem(itemId: string): { item: TSpecItem; stage: TSpecStage; index: number } {
    const stages = this.state.input.spec.stages;
    for (let index = 0; index < stages.length; index++) {
      const item = stages[index]!.items.find((i) => i.id === itemId);
      if (item) return { item, stage: stages[index]!, index };
    }
    throw new DecisionRefused(`itemId: "${itemId}" is not an item of this project`);
  }

  /** Project status: the first stage that is not complete decides it. */
  status(): 'active' | 'complete' | 'rejected' | 'withdrawn' {
    for (const stage of this.state.input.spec.stages) {
      const st = this.stageStatus(stage.id);
      if (st === 'rejected') return 'rejected';
      if (st === 'withdrawn') return 'withdrawn';
      if (st !== 'complete') return 'active';
    }
    return 'complete';
  }

  currentStageId(): string {
    const open = this.state.input.spec.stages.find((s) => this.stageStatus(s.id) !== 'complete');
    return (open ?? this.state.input.spec.stages[this.state.input.spec.stages.length - 1]!).id;
  }

  /** Results issued so far: later stages never ask again for what these provide (电子证照). */
  issuedResultIds(): Set<string> {
    return new Set(this.state.results.filter((r) => r.issuedAt !== null).map((r) => r.resultId));
  }

  // ---- commands -------------------------------------------------------------------------

  /**
   * Checks a decision without applying it: runs it on a copy. Throws DecisionRefused with the
   * reason. Used by the update validator, so a refused decision never reaches history.
   */
  check(actor: TActor, command: TCommand, now: string): void {
    this.fork().apply(actor, command, now);
  }

  /**
   * A copy to try things on, sharing what it can: the engine never changes a value in place,
   * it replaces it — a statechart step returns a new snapshot (xstate's `assign`, the clock's
   * functions return new objects), an application replaces the forms object, the calendar is
   * swapped — and only the top-level records and arrays are written into. So the copy takes
   * new records and arrays over the same snapshots and an empty history: its cost does not
   * grow with the forms, pauses or reasons a project holds (issue 11: a deep copy per
   * candidate action let one large form stall every view). tests/unit/engine/bounded-input
   * checks that trying every action leaves the original unchanged.
   */
  fork(): ProjectEngine {
    const s = this.state;
    return new ProjectEngine({
      ...s,
      stages: { ...s.stages },
      reviews: { ...s.reviews },
      commitments: { ...s.commitments },
      cards: { ...s.cards },
      results: [...s.results],
      ratings: [...s.ratings],
      history: [],
    });
  }

  apply(actor: TActor, command: TCommand, now: string): void {
    this.authorise(actor, command);
    this.assertWithinBudget(command);
    switch (command.type) {
      case 'submitApplication': {
        const stage = this.specStage(command.stageId);
        // 一表申请: the form has the stage's fields and nothing else, so a client talking to
        // the workflow directly cannot park arbitrary data in the state every view reads.
        const fields = new Set(stage.formFields.map((f) => f.id));
        const unknownField = Object.keys(command.form).find((k) => !fields.has(k));
        if (unknownField !== undefined) {
          throw new DecisionRefused(`form.${unknownField}: not a field of the ${stage.title} application form (fields: ${[...fields].join(', ') || 'none'})`);
        }
        const missingFields = stage.formFields.filter((f) => f.required && (command.form[f.id] === undefined || command.form[f.id] === ''));
        if (missingFields.length > 0) {
          throw new DecisionRefused(`form: required fields missing: ${missingFields.map((f) => f.id).join(', ')}`);
        }
        const known = new Set(stage.items.flatMap((i) => i.materials.map((m) => m.id)));
        const unknown = command.materials.filter((m) => !known.has(m));
        if (unknown.length > 0) throw new DecisionRefused(`materials: not asked for in this stage: ${unknown.join(', ')}`);
        const missing = missingMaterials(stage, new Set(command.materials), this.issuedResultIds());
        const intakeDueAt = this.calendar.dueInstant(this.calendar.dateOf(now), this.state.input.spec.intakeLimit);
        this.sendStage(stage.id, { type: 'SUBMIT', actor, at: now, missing, intakeDueAt }, 'the stage does not take an application now');
        this.state.forms = { ...(this.state.forms ?? {}), [stage.id]: { form: command.form, materials: command.materials } };
        const summary = missing.length === 0 ? 'application submitted, complete' : `application submitted, missing: ${missing.map((m) => `${m.materialId} (${m.kind})`).join(', ')}`;
        this.record(actor, now, command.type, summary, { stageId: stage.id });
        this.notify('coordinator', `${this.state.input.title}: ${stage.title} application waiting for intake (due ${intakeDueAt})`, now);
        break;
      }
      case 'decideIntake': {
        const stage = this.specStage(command.stageId);
        const ctx = this.stageCtx(stage.id);
        if (command.decision === 'return') {
          // 一次告知: the notice always carries the complete list the engine computed.
          const list = ctx.missing.map((m) => `${m.itemId}/${m.materialId}`).join(', ');
          const notice = [command.notice, list ? `missing: ${list}` : ''].filter(Boolean).join('; ');
          if (!notice) throw new DecisionRefused('notice: say what is wrong when returning a complete application');
          this.sendStage(stage.id, { type: 'RETURN', actor, at: now, notice }, 'intake is not open for this stage');
          this.record(actor, now, 'intakeReturned', `application returned: ${notice}`, { stageId: stage.id });
          this.notify('enterprise', `${stage.title}: application returned — ${notice}`, now);
          break;
        }
        const event = command.decision === 'accept' ? 'ACCEPT' : 'ACCEPT_WITH_TOLERANCE';
        const why =
          command.decision === 'accept'
            ? ctx.missing.length > 0
              ? `materials are missing (${ctx.missing.map((m) => m.materialId).join(', ')}): accept with tolerance or return`
              : 'intake is not open for this stage'
            : ctx.missing.some((m) => m.kind === 'core')
              ? `core materials are never tolerated: ${ctx.missing.filter((m) => m.kind === 'core').map((m) => m.materialId).join(', ')}`
              : ctx.missing.length === 0
                ? 'nothing is missing: accept without tolerance'
                : 'intake is not open for this stage';
        const deadlines = command.decision === 'acceptWithTolerance' ? toleranceDeadlines(stage, ctx.missing, command.tolerate) : undefined;
        if (command.decision === 'accept' && command.tolerate) throw new DecisionRefused('tolerate: only with acceptWithTolerance');
        this.sendStage(stage.id, { type: event, actor, at: now }, why);
        this.record(actor, now, command.decision === 'accept' ? 'intakeAccepted' : 'intakeAcceptedWithTolerance', command.decision === 'accept' ? 'application accepted' : `accepted with tolerance for ${ctx.missing.map((m) => m.materialId).join(', ')}`, { stageId: stage.id });
        this.onStageAccepted(stage, now, deadlines);
        break;
      }
      case 'approveReview': {
        const suspended = this.suspendingCommitments(command.itemId);
        if (suspended.length > 0) {
          throw new DecisionRefused(`approval suspended: tolerated material ${suspended.join(', ')} was not supplied in time`);
        }
        this.sendReview(command.itemId, { type: 'APPROVE', actor, at: now, conditions: command.conditions }, 'this review cannot be approved now');
        this.record(actor, now, command.conditions ? 'approvedWithConditions' : 'approved', command.conditions ? `approved with conditions: ${command.conditions}` : 'approved', { itemId: command.itemId });
        break;
      }
      case 'rejectReview':
        this.sendReview(command.itemId, { type: 'REJECT', actor, at: now, reason: command.reason }, 'this review cannot be rejected now');
        this.record(actor, now, 'rejected', 'rejected', { itemId: command.itemId, reason: command.reason });
        break;
      case 'requestCorrection': {
        const { item } = this.specItem(command.itemId);
        this.assertPauseBudget(command.itemId);
        const unknown = command.materials.filter((m) => !item.materials.some((x) => x.id === m));
        if (unknown.length > 0) throw new DecisionRefused(`materials: not materials of ${item.id}: ${unknown.join(', ')}`);
        this.sendReview(command.itemId, { type: 'REQUEST_CORRECTION', actor, at: now, materials: command.materials, reason: command.reason }, 'correction can only be requested while the review runs');
        this.record(actor, now, 'correctionRequested', `correction requested: ${command.materials.join(', ')}; clock paused`, { itemId: command.itemId, reason: command.reason });
        this.notify('enterprise', `${item.title}: correction requested (${command.materials.join(', ')}): ${command.reason}`, now);
        break;
      }
      case 'answerCorrection':
        this.sendReview(command.itemId, { type: 'ANSWER_CORRECTION', actor, at: now }, 'no correction is open on this review');
        this.record(actor, now, 'correctionAnswered', `correction answered${command.note ? `: ${command.note}` : ''}; clock resumed`, { itemId: command.itemId });
        this.notify('department', `${command.itemId}: the enterprise answered the correction`, now, this.reviewCtx(command.itemId).departmentId);
        break;
      case 'startSpecialProcedure': {
        this.assertPauseBudget(command.itemId);
        const endsAt = this.calendar.dueInstant(this.calendar.dateOf(now), command.days);
        this.sendReview(command.itemId, { type: 'START_SPECIAL', actor, at: now, kind: command.kind, days: command.days, reason: command.reason, endsAt }, 'a special procedure can only start while the review runs');
        this.record(actor, now, 'specialProcedureStarted', `${command.kind} for ${command.days} working days (until ${endsAt}); clock paused`, { itemId: command.itemId, reason: command.reason });
        this.notify('enterprise', `${command.itemId}: ${command.kind} of ${command.days} working days, not counted in the time limit`, now);
        break;
      }
      case 'endSpecialProcedure':
        this.sendReview(command.itemId, { type: 'END_SPECIAL', actor, at: now }, 'no special procedure is running on this review');
        this.record(actor, now, 'specialProcedureEnded', 'special procedure ended; clock resumed', { itemId: command.itemId });
        break;
      case 'grantExtension': {
        const clock = this.reviewCtx(command.itemId).clock;
        const granted = clock ? clock.extensions.reduce((sum, e) => sum + e.days, 0) : 0;
        if (granted + command.days > MAX_EXTENSION_DAYS) {
          throw new DecisionRefused(`days: at most ${MAX_EXTENSION_DAYS} working days of extension in all (行政许可法 art. 42); ${granted} already granted`);
        }
        this.sendReview(command.itemId, { type: 'EXTEND', actor, at: now, days: command.days, reason: command.reason }, 'only a running review can be extended');
        this.record(actor, now, 'extensionGranted', `extended by ${command.days} working days`, { itemId: command.itemId, reason: command.reason });
        this.notify('enterprise', `${command.itemId}: time limit extended by ${command.days} working days: ${command.reason}`, now);
        break;
      }
      case 'supplyMaterial':
        this.sendCommitment(command.itemId, command.materialId, { type: 'SUPPLY', actor, at: now }, 'nothing is owed for this material');
        this.record(actor, now, 'materialSupplied', `tolerated material ${command.materialId} supplied`, { itemId: command.itemId });
        this.notify('department', `${command.itemId}: tolerated material ${command.materialId} supplied, please check it`, now, this.reviewCtx(command.itemId).departmentId);
        break;
      case 'acceptSuppliedMaterial':
        this.sendCommitment(command.itemId, command.materialId, { type: 'ACCEPT_SUPPLY', actor, at: now }, 'no supplied material waits for acceptance');
        this.record(actor, now, 'materialAccepted', `tolerated material ${command.materialId} accepted: commitment fulfilled`, { itemId: command.itemId });
        break;
      case 'rejectSuppliedMaterial':
        this.sendCommitment(command.itemId, command.materialId, { type: 'REJECT_SUPPLY', actor, at: now, reason: command.reason }, 'no supplied material waits for acceptance');
        this.record(actor, now, 'materialRefused', `supplied material ${command.materialId} refused`, { itemId: command.itemId, reason: command.reason });
        this.notify('enterprise', `${command.itemId}: supplied material ${command.materialId} refused: ${command.reason}`, now);
        break;
      case 'issueResults': {
        const stage = this.specStage(command.stageId);
        const withheld = this.withholdingCommitments(stage);
        if (this.stageStatus(stage.id) === 'readyToIssue' && withheld.length > 0) {
          throw new DecisionRefused(`results withheld: tolerated material ${withheld.join(', ')} not supplied before its deadline`);
        }
        this.sendStage(stage.id, { type: 'ISSUE', actor, at: now, withheld: withheld.length > 0 }, 'results can be issued only when every review of the stage is approved');
        this.onStageIssued(stage, now);
        this.record(actor, now, 'resultsIssued', `results issued together: ${stage.items.flatMap((i) => i.results.map((r) => r.id)).join(', ') || 'none'}`, { stageId: stage.id });
        break;
      }
      case 'withdraw': {
        const stageId = this.currentStageId();
        this.sendStage(stageId, { type: 'WITHDRAW', actor, at: now, reason: command.reason }, 'the project can no longer be withdrawn');
        this.cancelOpenWork(now, 'project withdrawn');
        this.record(actor, now, 'withdrawn', 'project withdrawn', { stageId, reason: command.reason });
        this.notify('coordinator', `${this.state.input.title}: withdrawn by the enterprise: ${command.reason}`, now);
        break;
      }
      case 'rate': {
        const st = this.stageStatus(this.specStage(command.stageId).id);
        if (!['complete', 'rejected', 'withdrawn'].includes(st)) throw new DecisionRefused('stageId: a stage can be rated once it has ended');
        if (this.state.ratings.some((r) => r.stageId === command.stageId)) throw new DecisionRefused('stageId: this stage is already rated');
        this.state.ratings.push({ stageId: command.stageId, score: command.score, comment: command.comment ?? '', at: now, by: actor.userId });
        this.record(actor, now, 'rated', `rated ${command.score}/5${command.comment ? `: ${command.comment}` : ''}`, { stageId: command.stageId });
        if (command.score <= 2) this.notify('coordinator', `${this.state.input.title}: bad rating (${command.score}/5) to follow up`, now);
        break;
      }
    }
    this.settle(now);
  }

  /** STATE_BUDGET: refuses a decision once the history is full (withdrawal excepted: the enterprise can always end it). */
  private assertWithinBudget(command: TCommand): void {
    if (command.type === 'withdraw') return;
    const chars = this.state.historyChars ?? 0;
    if (this.state.seq >= STATE_BUDGET.historyEntries || chars >= STATE_BUDGET.historyChars) {
      throw new DecisionRefused(
        `${command.type}: this project's history is full (${this.state.seq} of ${STATE_BUDGET.historyEntries} entries, ${chars} of ${STATE_BUDGET.historyChars} characters); no further decision can be recorded — the coordinator must take it up outside the system`,
      );
    }
  }

  private assertPauseBudget(itemId: string): void {
    const pauses = this.reviewCtx(itemId).clock?.pauses.length ?? 0;
    if (pauses >= STATE_BUDGET.pausesPerReview) {
      throw new DecisionRefused(`itemId: review ${itemId} has been paused ${pauses} times, the most one review may be (corrections are asked once and in full, 行政许可法 art. 32); decide on it`);
    }
  }

  /** Role and ownership, before any state is consulted: the same answer for every state. */
  private authorise(actor: TActor, command: TCommand): void {
    switch (COMMAND_ROLE[command.type]) {
      case 'enterprise':
        if (actor.role !== 'enterprise' || actor.enterpriseId !== this.state.input.enterpriseId) {
          throw new DecisionRefused(`${command.type}: only the project's enterprise may do this`);
        }
        return;
      case 'department': {
        const itemId = (command as { itemId: string }).itemId;
        const { item } = this.specItem(itemId);
        if (actor.role !== 'department' || actor.departmentId !== item.departmentId) {
          throw new DecisionRefused(`${command.type}: only department ${item.departmentId} may decide on ${itemId}`);
        }
        return;
      }
      case 'coordinator':
        if (actor.role !== 'coordinator') throw new DecisionRefused(`${command.type}: only a coordinator may do this`);
    }
  }


  // ---- time -----------------------------------------------------------------------------

  /** Applies everything that time has made due by `now`: deemed intake, expiries, cards. */
  advanceTime(now: string): void {
    const t = Date.parse(now);
    for (const stage of this.state.input.spec.stages) {
      const ctx = this.stageCtx(stage.id);
      if (this.stageStatus(stage.id) === 'intake' && ctx.intakeDueAt && Date.parse(ctx.intakeDueAt) <= t) {
        this.sendStage(stage.id, { type: 'INTAKE_DEADLINE', at: ctx.intakeDueAt });
        this.record(SYSTEM, ctx.intakeDueAt, 'intakeDeemedAccepted', `intake not decided within ${this.state.input.spec.intakeLimit} working days: accepted from receipt (行政许可法 art. 32)`, { stageId: stage.id });
        this.notify('coordinator', `${stage.title}: intake deadline passed, application deemed accepted`, ctx.intakeDueAt);
        this.onStageAccepted(stage, ctx.intakeDueAt);
      }
    }
    for (const [key, c] of Object.entries(this.state.commitments)) {
      const ctx = c.context as CommitmentContext;
      if (c.value === 'open' && Date.parse(ctx.dueAt) <= t) {
        this.state.commitments[key] = step(commitmentMachine, c, { type: 'EXPIRE', at: ctx.dueAt })!;
        const what = ctx.consequence === 'withhold-results' ? 'results of the stage are withheld' : `approval of ${ctx.itemId} is suspended`;
        this.record(SYSTEM, ctx.dueAt, 'commitmentExpired', `tolerated material ${ctx.materialId} not supplied in time: ${what}`, { itemId: ctx.itemId });
        this.notify('coordinator', `${this.state.input.title}: commitment for ${ctx.materialId} expired; ${what}`, ctx.dueAt);
        this.notify('enterprise', `${ctx.materialId} was due ${ctx.dueAt}: ${what} until it is supplied`, ctx.dueAt);
      }
    }
    for (const [itemId, r] of Object.entries(this.state.reviews)) {
      const ctx = r.context as ReviewContext;
      if (r.value === 'specialProcedure' && ctx.special && Date.parse(ctx.special.endsAt) <= t) {
        const at = ctx.special.endsAt;
        this.state.reviews[itemId] = step(reviewMachine, r, { type: 'SPECIAL_ELAPSED', at })!;
        this.record(SYSTEM, at, 'specialProcedureElapsed', 'announced special-procedure time elapsed; clock resumed', { itemId });
      }
    }
    this.updateCards(now);
    this.settle(now);
  }

  /** The next instant at which time changes something, for one durable timer. */
  nextWakeAt(now: string): string | undefined {
    const t = Date.parse(now);
    const candidates: string[] = [];
    for (const stage of this.state.input.spec.stages) {
      const ctx = this.stageCtx(stage.id);
      if (this.stageStatus(stage.id) === 'intake' && ctx.intakeDueAt) candidates.push(ctx.intakeDueAt);
    }
    for (const c of Object.values(this.state.commitments)) {
      if (c.value === 'open') candidates.push((c.context as CommitmentContext).dueAt);
    }
    for (const r of Object.values(this.state.reviews)) {
      const ctx = r.context as ReviewContext;
      if (r.value === 'specialProcedure' && ctx.special) candidates.push(ctx.special.endsAt);
      if (r.value === 'inReview' && ctx.clock) {
        const next = readClock(ctx.clock, this.calendar, now, this.clockRules).nextChangeAt;
        if (next) candidates.push(next);
      }
    }
    const future = candidates.filter((c) => Date.parse(c) > t).sort((a, b) => Date.parse(a) - Date.parse(b));
    const due = candidates.some((c) => Date.parse(c) <= t);
    return due ? now : future[0];
  }

  /** A coordinator told the project to compute with a newer calendar (a year's notice loaded). */
  replaceCalendar(snapshot: TCalendarSnapshot, actor: TActor, now: string): void {
    if (actor.role !== 'coordinator') throw new DecisionRefused('refreshCalendar: only a coordinator may do this');
    const before = this.state.calendar.fingerprint;
    this.state.calendar = snapshot;
    this.calendar = WorkingCalendar.of(snapshot);
    this.record(actor, now, 'calendarReplaced', `deadlines recomputed with calendar ${snapshot.fingerprint.slice(0, 12)} (was ${before.slice(0, 12)})`);
    this.updateCards(now);
  }

  // ---- rules between machines ---------------------------------------------------------------

  private onStageAccepted(stage: TSpecStage, now: string, deadlines?: Map<string, number>): void {
    const ctx = this.stageCtx(stage.id);
    for (const m of ctx.missing) {
      if (m.kind !== 'tolerable') continue;
      const item = stage.items.find((i) => i.id === m.itemId)!;
      const material = item.materials.find((x) => x.id === m.materialId)!;
      const days = deadlines?.get(commitmentKey(item.id, material.id)) ?? material.supplyWithinDays ?? 0;
      const dueAt = this.calendar.dueInstant(this.calendar.dateOf(now), days);
      this.state.commitments[commitmentKey(item.id, material.id)] = start(commitmentMachine, {
        itemId: item.id,
        materialId: material.id,
        departmentId: item.departmentId,
        enterpriseId: this.state.input.enterpriseId,
        dueAt,
        consequence: material.onExpiry ?? 'withhold-results',
      });
      this.record(SYSTEM, now, 'commitmentOpened', `tolerance commitment: supply ${material.id} by ${dueAt}`, { itemId: item.id });
      this.notify('enterprise', `${material.title} (${material.id}) must be supplied by ${dueAt}`, now);
    }
  }

  private onStageIssued(stage: TSpecStage, now: string): void {
    for (const item of stage.items) {
      if (!APPROVED.has(this.reviewStatus(item.id))) continue;
      for (const r of item.results) {
        this.state.results.push({ resultId: r.id, title: r.title, itemId: item.id, stageId: stage.id, issuedAt: now, conditions: this.reviewCtx(item.id).conditions });
        if (r.supervisingDepartmentId) {
          this.effects.push({
            kind: 'handover',
            key: `${this.state.input.projectId}:handover:${r.id}`,
            result: { resultId: r.id, title: r.title, itemId: item.id, supervisingDepartmentId: r.supervisingDepartmentId, issuedAt: now },
          });
        }
      }
    }
    this.notify('enterprise', `${stage.title}: results issued`, now);
    const next = this.state.input.spec.stages[this.state.input.spec.stages.indexOf(stage) + 1];
    if (next) {
      this.sendStage(next.id, { type: 'UNLOCK' });
      this.notify('enterprise', `${next.title}: you can submit the application now`, now);
    }
  }

  /** Dispatch what became ready, close stages whose reviews are done. Repeats until stable. */
  private settle(now: string): void {
    for (let changed = true; changed; ) {
      changed = false;
      const stages = this.state.input.spec.stages;
      for (let i = 0; i < stages.length; i++) {
        const stage = stages[i]!;
        const status = this.stageStatus(stage.id);
        const previousInReview = i > 0 && ['inReview', 'readyToIssue'].includes(this.stageStatus(stages[i - 1]!.id));
        for (const item of stage.items) {
          if (this.reviewStatus(item.id) !== 'pending') continue;
          const own = status === 'inReview';
          // 提前介入: technical pre-review of a next-stage item while the previous stage runs.
          const early = !own && item.earlyStart && previousInReview && ['awaitingApplication', 'locked'].includes(status);
          if ((own || early) && this.dependenciesMet(item, early)) {
            this.state.reviews[item.id] = step(reviewMachine, this.state.reviews[item.id]!, { type: 'DISPATCH', at: now, early })!;
            this.record(SYSTEM, now, 'dispatched', early ? `dispatched early as technical pre-review to ${item.departmentId}` : `dispatched to ${item.departmentId}`, { itemId: item.id });
            this.notify('department', `${this.state.input.title}: ${item.title} to review${early ? ' (technical pre-review)' : ''}`, now, item.departmentId);
            changed = true;
          }
        }
        if (status === 'inReview') {
          const rejected = stage.items.find((it) => this.reviewStatus(it.id) === 'rejected');
          if (rejected) {
            const reason = (this.reviewCtx(rejected.id).reason ?? 'rejected') as string;
            this.sendStage(stage.id, { type: 'REVIEW_REJECTED', at: now, reason: `${rejected.id}: ${reason}` });
            this.cancelOpenWork(now, `stage rejected (${rejected.id})`);
            this.record(SYSTEM, now, 'stageRejected', `stage ended: ${rejected.title} rejected`, { stageId: stage.id, reason });
            this.notify('enterprise', `${stage.title}: rejected (${rejected.title}): ${reason}`, now);
            changed = true;
          } else if (stage.items.every((it) => APPROVED.has(this.reviewStatus(it.id)))) {
            this.sendStage(stage.id, { type: 'REVIEWS_DONE', at: now });
            this.record(SYSTEM, now, 'reviewsDone', 'every review approved: results ready to issue', { stageId: stage.id });
            this.notify('coordinator', `${this.state.input.title}: ${stage.title} ready to issue results`, now);
            changed = true;
          }
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
  private dependenciesMet(item: TSpecItem, early = false): boolean {
    const issued = this.issuedResultIds();
    const decided = (resultId: string) => {
      if (!early || this.rules < 2) return false;
      const by = this.state.input.spec.stages.flatMap((s) => s.items).find((i) => i.results.some((r) => r.id === resultId));
      return by !== undefined && APPROVED.has(this.reviewStatus(by.id));
    };
    return item.dependsOn.every((d) => APPROVED.has(this.reviewStatus(d))) && item.requiresResults.every((r) => issued.has(r) || decided(r));
  }

  private cancelOpenWork(now: string, reason: string): void {
    for (const [itemId, r] of Object.entries(this.state.reviews)) {
      if (!REVIEW_DONE.has(r.value as ReviewStatus)) this.state.reviews[itemId] = step(reviewMachine, r, { type: 'CANCEL', at: now, reason })!;
    }
    for (const [key, c] of Object.entries(this.state.commitments)) {
      const next = step(commitmentMachine, c, { type: 'CANCEL', at: now });
      if (next) this.state.commitments[key] = next;
    }
    for (const stage of this.state.input.spec.stages) {
      if (this.stageStatus(stage.id) === 'locked' || this.stageStatus(stage.id) === 'awaitingApplication') {
        // Later stages stay as they are; the project's status tells that it ended.
      }
    }
  }

  private suspendingCommitments(itemId: string): string[] {
    return Object.values(this.state.commitments)
      .map((c) => ({ status: c.value as CommitmentStatus, ctx: c.context as CommitmentContext }))
      .filter(({ status, ctx }) => ctx.itemId === itemId && ctx.consequence === 'suspend-approval' && status === 'expired')
      .map(({ ctx }) => ctx.materialId);
  }

  private withholdingCommitments(stage: TSpecStage): string[] {
    const items = new Set(stage.items.map((i) => i.id));
    return Object.values(this.state.commitments)
      .map((c) => ({ status: c.value as CommitmentStatus, ctx: c.context as CommitmentContext }))
      .filter(({ status, ctx }) => items.has(ctx.itemId) && ctx.consequence === 'withhold-results' && (status === 'expired' || status === 'supplied'))
      .filter(({ status, ctx }) => status === 'expired' || ctx.expiredAt !== null)
      .map(({ ctx }) => ctx.materialId);
  }

  /** Yellow and red cards: notified once per change of colour. */
  private updateCards(now: string): void {
    for (const [itemId, r] of Object.entries(this.state.reviews)) {
      const ctx = r.context as ReviewContext;
      if (!ctx.clock || REVIEW_DONE.has(r.value as ReviewStatus)) continue;
      const reading = readClock(ctx.clock, this.calendar, now, this.clockRules);
      const level = reading.level;
      const before = this.state.cards[itemId] ?? 'green';
      if (level === before) continue;
      this.state.cards[itemId] = level;
      if (level === 'green') continue;
      // Recorded at the instant the card took effect, not when a timer happened to fire.
      const at = level === 'red' ? reading.promised.dueAt : reading.yellowFrom;
      const left = level === 'red' ? 'the promised limit has run out' : `${reading.promised.remaining} working days left of the promised limit`;
      this.record(SYSTEM, at, level === 'red' ? 'redCard' : 'yellowCard', `${level} card: ${left}`, { itemId });
      this.notify('coordinator', `${this.state.input.title}: ${level} card on ${itemId} (${ctx.departmentId})`, at);
      this.notify('department', `${itemId}: ${level} card`, at, ctx.departmentId);
    }
  }

  // ---- plumbing ---------------------------------------------------------------------------

  private sendStage(stageId: string, event: Parameters<typeof stageMachine.transition>[1] | { type: string; [k: string]: unknown }, refusal = 'not possible in the current state'): void {
    const next = step(stageMachine, this.state.stages[stageId]!, event);
    if (!next) throw new DecisionRefused(`${refusal} (stage ${stageId} is ${this.stageStatus(stageId)})`);
    this.state.stages[stageId] = next;
  }

  private sendReview(itemId: string, event: { type: string; [k: string]: unknown }, refusal: string): void {
    this.specItem(itemId);
    const next = step(reviewMachine, this.state.reviews[itemId]!, event);
    if (!next) throw new DecisionRefused(`${refusal} (review ${itemId} is ${this.reviewStatus(itemId)})`);
    this.state.reviews[itemId] = next;
  }

  private sendCommitment(itemId: string, materialId: string, event: { type: string; [k: string]: unknown }, refusal: string): void {
    const key = commitmentKey(itemId, materialId);
    const c = this.state.commitments[key];
    if (!c) throw new DecisionRefused(`materialId: no tolerance commitment for ${materialId} on ${itemId}`);
    const next = step(commitmentMachine, c, event);
    if (!next) throw new DecisionRefused(`${refusal} (commitment ${key} is ${c.value})`);
    this.state.commitments[key] = next;
  }

  private record(actor: THistoryEntry['actor'], at: string, type: string, summary: string, extra: { stageId?: string; itemId?: string; reason?: string } = {}): void {
    const a = actor.role === 'system' ? SYSTEM : { userId: actor.userId, role: actor.role, ...(actor.departmentId ? { departmentId: actor.departmentId } : {}), ...(actor.enterpriseId ? { enterpriseId: actor.enterpriseId } : {}) };
    this.state.history.push({ seq: ++this.state.seq, at, actor: a, type, summary, ...extra });
    this.state.historyChars = (this.state.historyChars ?? 0) + summary.length + (extra.reason?.length ?? 0);
  }

  private notify(audience: 'coordinator' | 'department' | 'enterprise', message: string, _at: string, recipient?: string): void {
    this.state.effectSeq = (this.state.effectSeq ?? 0) + 1;
    const key = `${this.state.input.projectId}:notify:${this.state.effectSeq}`;
    this.effects.push({ kind: 'notify', key, audience, recipient: recipient ?? (audience === 'enterprise' ? this.state.input.enterpriseId : undefined), message });
  }

  // ---- exposure for views ---------------------------------------------------------------

  get raw(): TProjectState {
    return this.state;
  }
  get workingCalendar(): WorkingCalendar {
    return this.calendar;
  }
  machineCan(kind: 'stage' | 'review' | 'commitment', key: string, event: unknown): boolean {
    const persisted = kind === 'stage' ? this.state.stages[key] : kind === 'review' ? this.state.reviews[key] : this.state.commitments[key];
    if (!persisted) return false;
    const machine = kind === 'stage' ? stageMachine : kind === 'review' ? reviewMachine : commitmentMachine;
    return can(machine as AnyStateMachine, persisted, event);
  }
}
