/**
 * The approval engine as a pure object: the stage, review and commitment statecharts of one
 * project, its time and history. Each command is handled by its own module (commands/, one
 * table keyed by command type); the rules that connect the statecharts live in rules.ts and
 * the effects of time in time.ts. The workflow only feeds it commands and time; tests drive it
 * without Temporal.
 */
import { sharedSnapshot, type TInstantDating, WorkingCalendar } from '../../definitions/calendar/working-calendar';
import type { TCalendarSnapshot } from '../../definitions/calendar/snapshot';
import type { TDocumentDraft, TDocumentFacts } from '../../definitions/documents/kinds';
import type { TClockRules } from '../../definitions/clock';
import type { TActor } from '../model/actor';
import type { TCommand } from '../model/commands';
import type { TSpecItem, TSpecStage } from '../model/spec';
import { type CommitmentEvent, commitmentMachine } from '../machines/commitment.machine';
import { POST_CHECK_OPEN, type PromiseEvent, promiseMachine } from '../machines/promise.machine';
import { REVIEW_DONE, type ReviewContext, type ReviewEvent, type ReviewStatus, reviewMachine } from '../machines/review.machine';
import { type StageEvent, type StageStatus, stageMachine } from '../machines/stage.machine';
import { COMMAND_HANDLERS } from './commands';
import { assertNotSignedOff } from './commands/signoff';
import type { TEffect } from './effects';
import { assertWithinBudget, authorise } from './guards';
import { SYSTEM, type THistoryEntry } from './history';
import { commitmentKey } from './intake';
import { step } from './persisted';
import { DecisionRefused } from './refusal';
import { initialState, settle } from './rules';
import type { TProjectInput, TProjectState, TReviewSnapshot, TStageSnapshot } from './state';
import { advanceTime, nextDeliveryCardAt, nextWakeAt, updateCards } from './time';

export { commitmentKey } from './intake';
export { DecisionRefused } from './refusal';
export { MAX_EXTENSION_DAYS, STATE_BUDGET } from './guards';

/**
 * The rules version a new project runs under. 2 (issue 11): an early pre-review (提前介入)
 * starts once the review that decides a result it requires is approved, and a same-day item
 * gets no yellow card within its day. Projects created before keep 1 (`state.rules` absent):
 * the workflow fixes the version at creation behind `patched()`, so recorded histories replay.
 * 3 (issue 14): decisions open a delivery clock (送达, art. 44), and extensions go through the
 * authority art. 42 names instead of a coordinator's grantExtension.
 * 4: an instant is dated in Beijing time inside the workflow too. Before, the workflow sandbox
 * dated it in the worker process's zone (UTC), so an act from 00:00 to 08:00 Beijing time —
 * a deadline's timer at 24:00 among them — counted from the day before.
 */
export const ENGINE_RULES = 4;

/** The rules version from which instants are dated in Beijing time in every process (see ENGINE_RULES). */
const BEIJING_DATING_RULES = 4;
/**
 * Points the state's calendars (the project's and its input's, which differ after a calendar
 * refresh) at the one shared copy of each (`sharedSnapshot`), so the copies parsed from this
 * project's input or continued state can be collected. The state is the engine's own; its input
 * is taken over as a new object, never changed under the caller.
 */
function shareSnapshots(state: TProjectState): void {
  state.calendar = sharedSnapshot(state.calendar);
  const calendar = sharedSnapshot(state.input.calendar);
  if (calendar !== state.input.calendar) state.input = { ...state.input, calendar };
}

const datingOf = (state: TProjectState): TInstantDating => ((state.rules ?? 1) >= BEIJING_DATING_RULES ? 'beijing' : 'tzdate');

type TAudience = 'coordinator' | 'department' | 'enterprise';

export class ProjectEngine {
  private calendar: WorkingCalendar;
  private effects: TEffect[] = [];
  /**
   * Whether a 督办 is offered on a review without a card ladder (issue 15 follow-up; taken on any
   * review either way). Not state: the workflow sets it behind `patched('followup')`, so the
   * actions a recorded decision answered replay as they were.
   */
  offersSupervisionWithoutLadder = true;
  /**
   * Whether a post-check of a written promise gets its yellow card before it is due (post-check.ts).
   * Not state: the workflow sets it behind `patched('legal')`, since the warning is a timer running
   * projects did not take; a fork keeps it, so the validator judges as the handler applies.
   */
  warnsPostCheck = true;

  private constructor(private state: TProjectState) {
    this.calendar = WorkingCalendar.of(state.calendar, datingOf(state));
    shareSnapshots(state);
  }

  /** @param rules the rules version (ENGINE_RULES for a new project; the workflow passes 1 when replaying one created before). */
  static create(input: TProjectInput, now: string, rules: number = ENGINE_RULES): ProjectEngine {
    const engine = new ProjectEngine(initialState(input, rules));
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

  stage(stageId: string): TStageSnapshot {
    return this.state.stages[stageId]!;
  }
  review(itemId: string): TReviewSnapshot {
    return this.state.reviews[itemId]!;
  }
  /** A review's context, refusing an item the project does not have. */
  reviewCtx(itemId: string): ReviewContext {
    this.specItem(itemId);
    return this.review(itemId).context;
  }
  stageStatus(stageId: string): StageStatus {
    return this.stage(stageId).value;
  }
  reviewStatus(itemId: string): ReviewStatus {
    return this.review(itemId).value;
  }
  specStage(stageId: string): TSpecStage {
    const s = this.state.input.spec.stages.find((x) => x.id === stageId);
    if (!s) throw new DecisionRefused(`stageId: unknown stage "${stageId}"`, 'UNKNOWN_ITEM', 'stageId');
    return s;
  }
  specItem(itemId: string): { item: TSpecItem; stage: TSpecStage; index: number } {
    const stages = this.state.input.spec.stages;
    for (let index = 0; index < stages.length; index++) {
      const item = stages[index]!.items.find((i) => i.id === itemId);
      if (item) return { item, stage: stages[index]!, index };
    }
    throw new DecisionRefused(`itemId: "${itemId}" is not an item of this project`, 'UNKNOWN_ITEM', 'itemId');
  }

  /** Project status: the first stage that is not complete decides it. */
  status(): 'active' | 'complete' | 'rejected' | 'withdrawn' {
    for (const stage of this.state.input.spec.stages) {
      const st = this.stageStatus(stage.id);
      if (st === 'rejected') return 'rejected';
      if (st === 'withdrawn') return 'withdrawn';
      if (st !== 'complete') return 'active';
    }
    // 告知承诺: a post-check still owed, or an item revoked on a false promise and not decided again, keeps the project open.
    for (const [itemId, p] of Object.entries(this.state.promises ?? {})) {
      if (POST_CHECK_OPEN.has(p.value) || (p.value === 'false' && !REVIEW_DONE.has(this.reviewStatus(itemId)))) return 'active';
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

  /** Checks a decision without applying it: runs it on a copy. Throws DecisionRefused with the reason. */
  check(actor: TActor, command: TCommand, now: string): void {
    this.fork().apply(actor, command, now);
  }

  /**
   * A copy to try things on. The engine never changes a value in place, it replaces it (a step
   * returns a new snapshot, the clock's functions new objects, an application a new forms
   * object), and writes only into the top-level records and arrays: so the copy takes new
   * records and arrays over the same snapshots, and its cost does not grow with the forms,
   * pauses or reasons a project holds (issue 11). Its history is empty, or with `keepHistory` a
   * new array over the same entries, so that it can be adopted (tryApply).
   */
  fork(keepHistory = false): ProjectEngine {
    const s = this.state;
    const copy = new ProjectEngine({
      ...s,
      stages: { ...s.stages },
      reviews: { ...s.reviews },
      commitments: { ...s.commitments },
      ...(s.promises ? { promises: { ...s.promises } } : {}),
      ...(s.deliveries ? { deliveries: { ...s.deliveries } } : {}),
      ...(s.joint ? { joint: { ...s.joint } } : {}),
      ...(s.signoffs ? { signoffs: { ...s.signoffs } } : {}),
      ...(s.assignments ? { assignments: { ...s.assignments } } : {}),
      cards: { ...s.cards },
      results: [...s.results],
      ratings: [...s.ratings],
      history: keepHistory ? [...s.history] : [],
    });
    copy.warnsPostCheck = this.warnsPostCheck;
    return copy;
  }

  /**
   * "The validator checks once, the handler applies what was checked" (issue 12): advances time
   * to `now` and applies the command on a fork that keeps the history, and returns that fork
   * with its effects pending. The validator calls it; the handler then takes the fork in place
   * of this engine (`adopt`, or keeps the returned object) instead of applying the command
   * again. The original is left unchanged, whether the command passes or is refused.
   * @throws DecisionRefused when the command is refused.
   */
  tryApply(actor: TActor, command: TCommand, now: string): ProjectEngine {
    const next = this.fork(true);
    next.effects = [...this.effects];
    next.advanceTime(now);
    next.apply(actor, command, now);
    return next;
  }

  /** Takes over a fork's state and pending effects (from `tryApply`): as if the command had been applied here. */
  adopt(other: ProjectEngine): void {
    this.state = other.state;
    this.calendar = other.calendar;
    this.effects = other.effects;
  }

  apply(actor: TActor, command: TCommand, now: string): void {
    authorise(this, actor, command);
    assertWithinBudget(this, command);
    assertNotSignedOff(this, command);
    const handle = COMMAND_HANDLERS[command.type] as (engine: ProjectEngine, actor: TActor, command: TCommand, now: string) => void;
    handle(this, actor, command, now);
    settle(this, now);
  }

  // ---- time -----------------------------------------------------------------------------

  /** Applies everything that time has made due by `now`: deemed intake, expiries, cards. */
  advanceTime(now: string): void {
    advanceTime(this, now);
  }

  /** The next instant at which time changes something, for one durable timer. */
  nextWakeAt(now: string): string | undefined {
    return nextWakeAt(this, now);
  }

  /** After the end: the delivery clocks' cards (art. 44) that time has changed by `now`, and when they change next. */
  advanceDeliveryCards(now: string): void {
    updateCards(this, now);
  }
  nextDeliveryCardAt(now: string): string | undefined {
    return nextDeliveryCardAt(this, now);
  }

  /** A coordinator told the project to compute with a newer calendar (a year's notice loaded). */
  replaceCalendar(snapshot: TCalendarSnapshot, actor: TActor, now: string): void {
    if (actor.role !== 'coordinator') throw new DecisionRefused('refreshCalendar: only a coordinator may do this', 'FORBIDDEN_ROLE');
    const before = this.state.calendar.fingerprint;
    this.state.calendar = sharedSnapshot(snapshot);
    this.calendar = WorkingCalendar.of(snapshot, datingOf(this.state));
    this.record(actor, now, 'calendarReplaced', `deadlines recomputed with calendar ${snapshot.fingerprint.slice(0, 12)} (was ${before.slice(0, 12)})`);
    updateCards(this, now);
  }

  // ---- plumbing for the command handlers and rules -------------------------------------------

  /** Steps a stage; refuses with `refusal` and the stage's state when the statechart does not take the event. */
  sendStage(stageId: string, event: StageEvent, refusal = 'not possible in the current state'): void {
    const next = step(stageMachine, this.stage(stageId), event);
    if (!next) throw new DecisionRefused(`${refusal} (stage ${stageId} is ${this.stageStatus(stageId)})`, 'NOT_ALLOWED_NOW', 'stageId');
    this.state.stages[stageId] = next;
  }

  sendReview(itemId: string, event: ReviewEvent, refusal: string): void {
    this.specItem(itemId);
    const next = step(reviewMachine, this.review(itemId), event);
    if (!next) throw new DecisionRefused(`${refusal} (review ${itemId} is ${this.reviewStatus(itemId)})`, 'NOT_ALLOWED_NOW', 'itemId');
    this.state.reviews[itemId] = next;
  }

  sendCommitment(itemId: string, materialId: string, event: CommitmentEvent, refusal: string): void {
    const key = commitmentKey(itemId, materialId);
    const c = this.state.commitments[key];
    if (!c) throw new DecisionRefused(`materialId: no tolerance commitment for ${materialId} on ${itemId}`, 'UNKNOWN_ITEM', 'materialId');
    const next = step(commitmentMachine, c, event);
    if (!next) throw new DecisionRefused(`${refusal} (commitment ${key} is ${c.value})`, 'NOT_ALLOWED_NOW', 'materialId');
    this.state.commitments[key] = next;
  }

  sendPromise(itemId: string, event: PromiseEvent, refusal: string): void {
    this.specItem(itemId);
    const p = this.state.promises?.[itemId];
    if (!p) throw new DecisionRefused(`itemId: no written promise is signed for ${itemId}`, 'NOT_ALLOWED_NOW', 'itemId');
    const next = step(promiseMachine, p, event);
    if (!next) throw new DecisionRefused(`${refusal} (promise ${itemId} is ${p.value})`, 'NOT_ALLOWED_NOW', 'itemId');
    this.state.promises = { ...this.state.promises, [itemId]: next };
  }

  record(
    actor: THistoryEntry['actor'],
    at: string,
    type: string,
    summary: string,
    extra: Pick<THistoryEntry, 'stageId' | 'itemId' | 'reason' | 'signedOn'> = {},
  ): void {
    const a =
      actor.role === 'system'
        ? SYSTEM
        : {
            userId: actor.userId,
            role: actor.role,
            ...(actor.departmentId ? { departmentId: actor.departmentId } : {}),
            ...(actor.enterpriseId ? { enterpriseId: actor.enterpriseId } : {}),
            // An agent's decision (代办): "agent userId for enterprise onBehalfOf". Absent from every older command, so replays are unchanged.
            ...(actor.onBehalfOf ? { onBehalfOf: actor.onBehalfOf } : {}),
          };
    this.state.history.push({ seq: ++this.state.seq, at, actor: a, type, summary, ...extra });
    this.state.historyChars = (this.state.historyChars ?? 0) + summary.length + (extra.reason?.length ?? 0);
  }

  notify(audience: TAudience, message: string, _at: string, recipient?: string): void {
    this.state.effectSeq = (this.state.effectSeq ?? 0) + 1;
    const key = `${this.state.input.projectId}:notify:${this.state.effectSeq}`;
    this.effects.push({
      kind: 'notify',
      key,
      audience,
      recipient: recipient ?? (audience === 'enterprise' ? this.state.input.enterpriseId : undefined),
      message,
    });
  }

  /** 审管联动: an issued result handed to its supervising department. */
  handOver(effect: Extract<TEffect, { kind: 'handover' }>): void {
    this.effects.push(effect);
  }

  /**
   * A legal document for the act just recorded (definitions/documents): keyed by that act's
   * history seq and the kind, so a retried activity stores it once. Issued by the item's
   * department, or by the project assistance centre for a stage's acts, unless the draft names
   * the body.
   */
  issueDocument(draft: TDocumentDraft, actor: THistoryEntry['actor'], now: string): void {
    const { stageId, itemId, ...own } = draft;
    const stage = this.specStage(stageId);
    const item = itemId === undefined ? undefined : this.specItem(itemId).item;
    const { projectId, title, projectCode, enterpriseId } = this.state.input;
    const issuer = own.issuerDepartmentId ?? item?.departmentId;
    const document = {
      ...own,
      key: `${projectId}:document:${this.state.seq}:${draft.kind}`,
      projectId,
      projectTitle: title,
      ...(projectCode ? { projectCode } : {}),
      enterpriseId,
      ...(issuer ? { issuerDepartmentId: issuer } : {}),
      stage: { id: stage.id, title: stage.title },
      ...(item ? { item: { id: item.id, title: item.title } } : {}),
      actorUserId: actor.userId,
      issuedAt: now,
      issuedOn: this.dayOf(now),
    } as TDocumentFacts;
    this.effects.push({ kind: 'document', key: document.key, document });
  }

  /** The official-calendar day of an instant; a deadline (24:00 of its last day) reads as that last day. */
  dayOf(instant: string): string {
    return /T24:00(:00)?/.test(instant) ? instant.slice(0, 10) : this.calendar.dateOf(instant);
  }

  /** 告知承诺: a promise found false, recorded against the project's enterprise (delivered by the wake's activity). */
  writeCreditRecord(record: { itemId: string; reason: string; at: string }): void {
    const { projectId, enterpriseId, projectCode } = this.state.input;
    this.effects.push({
      kind: 'creditRecord',
      key: `${projectId}:credit:${record.itemId}:${this.state.seq}`,
      record: { enterpriseId, projectId, ...(projectCode !== undefined ? { projectCode } : {}), ...record },
    });
  }

  // ---- exposure for handlers, rules and views -------------------------------------------------

  get raw(): TProjectState {
    return this.state;
  }
  get workingCalendar(): WorkingCalendar {
    return this.calendar;
  }
}
