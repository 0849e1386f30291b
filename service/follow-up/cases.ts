/**
 * Follow-up cases in PostgreSQL (table `follow_up_cases`, migration 0014), driven by the service.
 *
 * Why not a workflow: a case outlives its project (a rating comes at the end, a complaint may
 * come after the project's workflow has closed), and its readers (lists across projects,
 * supervision) want rows, not queries to many workflows. So each step stores its due date
 * (FOLLOW_UP_LIMITS working days after the step began, on the official calendar) and the card is
 * computed on read; the reminders and cards that time alone brings are raised by a sweep
 * (service/follow-up/sweep.ts) into `follow_up_notices`, once per step and kind.
 */
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/connect';
import type { FollowUpCasesTable } from '../../db/tables/agents-and-follow-up';
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { step } from '../../workflows/engine/persisted';
import type { TActor } from '../../workflows/model/actor';
import { AppError } from '../errors';
import {
  FOLLOW_UP_LIMITS,
  followUpMachine,
  type TCaseKind,
  type TFollowUpEventType,
  type TFollowUpState,
  type TFollowUpStep,
  type TRemedy,
} from './case.machine';

/**
 * The notices a step due on `dueOn` has earned by `today`: a reminder from the working day before
 * its last day (on the first day of a one-day step) until that day, the yellow card on its last
 * day, the red card after it. A sweep that missed days raises what holds today, not the past.
 */
export function noticesEarned(calendar: WorkingCalendar, dueOn: string, today: string): TNoticeKind[] {
  if (today > dueOn) return ['red'];
  const out: TNoticeKind[] = [];
  if (calendar.addWorkdays(today, 1).date >= dueOn) out.push('reminder');
  if (today === dueOn) out.push('yellow');
  return out;
}

/** A rating of 1 or 2 of 5 is a bad one (差评), 国办发〔2019〕51号. */
export const BAD_RATING_MAX = 2;

export type TCaseCard = 'green' | 'yellow' | 'red';

/** What the sweep raises on a step: a reminder (催办) before its last day, its yellow card on that day, red after it. */
export const NOTICE_KINDS = ['reminder', 'yellow', 'red'] as const;
export type TNoticeKind = (typeof NOTICE_KINDS)[number];

export interface TCaseNotice {
  step: TFollowUpStep;
  kind: TNoticeKind;
  dueOn: string;
  at: string;
}

export interface TCaseEntry {
  type: TFollowUpEventType;
  note: string;
  by: string;
  at: string;
  /** The step it finished, its due date and whether it was done after it. */
  step: TFollowUpStep;
  dueOn: string;
  late: boolean;
}

export interface TFollowUpCase {
  id: string;
  kind: TCaseKind;
  projectId: string;
  enterpriseId: string;
  departmentId: string | null;
  stageId: string | null;
  score: number | null;
  subject: string;
  state: TFollowUpState;
  remedy: TRemedy | null;
  stepStartedOn: string;
  /** null once closed. */
  stepDueOn: string | null;
  /** The open step's card today: yellow on its last day, red after it; null once closed. */
  card: TCaseCard | null;
  openedAt: string;
  closedAt: string | null;
  /** Every step done by its due date (null while open). */
  closedInTime: boolean | null;
  entries: TCaseEntry[];
  /** The reminders and cards raised on its steps, oldest first. */
  notices: TCaseNotice[];
}

export interface TCaseOpening {
  kind: TCaseKind;
  /** One case per source: a rated stage (`rating:<project>:<stage>`) or a complaint's own key. */
  sourceKey: string;
  projectId: string;
  enterpriseId: string;
  departmentId: string | null;
  stageId?: string;
  score?: number;
  subject: string;
}

/** Which cases a caller reads: a coordinator all, a department those concerning it, an enterprise its own. */
export type TCaseScope = { departmentId: string } | { enterpriseId: string } | Record<string, never>;

export interface TFollowUpStats {
  /** Bad ratings followed up, complaints apart. */
  badRatings: { opened: number; closed: number; closedInTime: number; openOverdue: number; rateClosedInTime: number | null };
  complaints: { opened: number; closed: number; closedInTime: number; openOverdue: number };
}

export class FollowUpCases {
  constructor(
    private readonly db: Db,
    private readonly calendar: () => WorkingCalendar,
    private readonly now: () => Date,
  ) {}

  private today(): string {
    return this.calendar().dateOf(this.now().getTime());
  }

  private dueOn(state: TFollowUpState, from: string): string | null {
    return state === 'closed' ? null : this.calendar().addWorkdays(from, FOLLOW_UP_LIMITS[state]).date;
  }

  /** The cases of `rows`, with their notices (one query for all). */
  private async toCases(rows: Selectable<FollowUpCasesTable>[]): Promise<TFollowUpCase[]> {
    const notices =
      rows.length === 0
        ? []
        : await this.db
            .selectFrom('follow_up_notices')
            .selectAll()
            .where(
              'case_id',
              'in',
              rows.map((r) => r.id),
            )
            .orderBy('raised_at')
            .orderBy('step_index')
            .execute();
    return rows.map((r) => ({
      ...this.toCase(r),
      notices: notices
        .filter((n) => String(n.case_id) === String(r.id))
        .map((n) => ({ step: n.step as TFollowUpStep, kind: n.kind, dueOn: n.due_on, at: new Date(n.raised_at).toISOString() })),
    }));
  }

  private toCase(r: Selectable<FollowUpCasesTable>): Omit<TFollowUpCase, 'notices'> {
    const today = this.today();
    const due = r.step_due_on;
    return {
      id: String(r.id),
      kind: r.kind as TCaseKind,
      projectId: r.project_id,
      enterpriseId: r.enterprise_id,
      departmentId: r.department_id,
      stageId: r.stage_id,
      score: r.score,
      subject: r.subject,
      state: r.state as TFollowUpState,
      remedy: r.remedy as TRemedy | null,
      stepStartedOn: r.step_started_on,
      stepDueOn: due,
      card: due === null ? null : today > due ? 'red' : today === due ? 'yellow' : 'green',
      openedAt: new Date(r.opened_at).toISOString(),
      closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
      closedInTime: r.closed_in_time,
      entries: r.events as TCaseEntry[],
    };
  }

  /** Opens a case once per source key; a second opening returns the first case. */
  async open(opening: TCaseOpening): Promise<TFollowUpCase> {
    const today = this.today();
    await this.db
      .insertInto('follow_up_cases')
      .values({
        kind: opening.kind,
        source_key: opening.sourceKey,
        project_id: opening.projectId,
        enterprise_id: opening.enterpriseId,
        department_id: opening.departmentId,
        stage_id: opening.stageId ?? null,
        score: opening.score ?? null,
        subject: opening.subject,
        state: 'callBack',
        remedy: null,
        step_started_on: today,
        step_due_on: this.dueOn('callBack', today),
        opened_at: this.now(),
        events: JSON.stringify([]),
      })
      .onConflict((oc) => oc.column('source_key').doNothing())
      .execute();
    const row = await this.db.selectFrom('follow_up_cases').selectAll().where('source_key', '=', opening.sourceKey).executeTakeFirstOrThrow();
    return (await this.toCases([row]))[0]!;
  }

  async list(scope: TCaseScope): Promise<TFollowUpCase[]> {
    let q = this.db.selectFrom('follow_up_cases').selectAll().orderBy('id', 'desc');
    if ('departmentId' in scope) q = q.where('department_id', '=', scope.departmentId);
    if ('enterpriseId' in scope) q = q.where('enterprise_id', '=', scope.enterpriseId);
    return this.toCases(await q.execute());
  }

  async get(id: string): Promise<TFollowUpCase | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const row = await this.db.selectFrom('follow_up_cases').selectAll().where('id', '=', id).executeTakeFirst();
    return row && (await this.toCases([row]))[0];
  }

  /**
   * Takes one step of the case's statechart.
   * @throws AppError CONFLICT when the statechart does not take it now (wrong step, wrong role, closed), or another step won the race
   */
  async act(current: TFollowUpCase, actor: TActor, type: TFollowUpEventType, note: string): Promise<TFollowUpCase> {
    const at = this.now().toISOString();
    const today = this.today();
    const from = { value: current.state, context: { kind: current.kind, departmentId: current.departmentId, remedy: current.remedy } };
    const next = step(followUpMachine, from, { type, note, actor, at });
    if (!next) {
      throw new AppError(
        'CONFLICT',
        `${type} is not a step ${actor.role === 'coordinator' ? 'the coordinator' : `a ${actor.role}`} takes on a case in step ${current.state}`,
        [{ path: 'type', message: `not allowed in ${current.state}` }],
      );
    }
    const dueOn = current.stepDueOn!;
    const entry: TCaseEntry = { type, note, by: actor.userId, at, step: current.state as TFollowUpStep, dueOn, late: today > dueOn };
    const closed = next.value === 'closed';
    const result = await this.db
      .updateTable('follow_up_cases')
      .set({
        state: next.value,
        remedy: next.context.remedy,
        step_started_on: today,
        step_due_on: this.dueOn(next.value, today),
        events: sql`events || ${JSON.stringify([entry])}::jsonb`,
        ...(closed ? { closed_at: new Date(at), closed_in_time: [...current.entries, entry].every((e) => !e.late) } : {}),
      })
      .where('id', '=', current.id)
      .where('state', '=', current.state)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new AppError('CONFLICT', `case ${current.id} moved on meanwhile: read it again`);
    return (await this.get(current.id))!;
  }

  /**
   * Raises the reminders and cards the open steps have earned by today, each once (a second run,
   * or another replica's, raises nothing new).
   * @returns the notices raised by this call
   */
  async raiseNotices(): Promise<Array<TCaseNotice & { caseId: string }>> {
    const today = this.today();
    const at = this.now();
    const open = await this.db
      .selectFrom('follow_up_cases')
      .select(['id', 'state', 'step_due_on', sql<number>`jsonb_array_length(events)`.as('steps')])
      .where('closed_at', 'is', null)
      .where('step_due_on', 'is not', null)
      .execute();
    const due = open.flatMap((c) =>
      noticesEarned(this.calendar(), c.step_due_on!, today).map((kind) => ({
        case_id: c.id,
        step_index: Number(c.steps),
        step: c.state,
        kind,
        due_on: c.step_due_on!,
        raised_at: at,
      })),
    );
    if (due.length === 0) return [];
    const raised = await this.db
      .insertInto('follow_up_notices')
      .values(due)
      .onConflict((oc) => oc.columns(['case_id', 'step_index', 'kind']).doNothing())
      .returningAll()
      .execute();
    return raised.map((n) => ({
      caseId: String(n.case_id),
      step: n.step as TFollowUpStep,
      kind: n.kind,
      dueOn: n.due_on,
      at: new Date(n.raised_at).toISOString(),
    }));
  }

  /** Supervision's figures (read whole: cases are few beside projects; a read model when they are not): the rate of bad ratings closed in time among those settled (closed, or open past a due date). */
  async stats(): Promise<TFollowUpStats> {
    const all = await this.list({});
    const figures = (kind: TCaseKind) => {
      const mine = all.filter((c) => c.kind === kind);
      const closed = mine.filter((c) => c.closedAt !== null);
      const closedInTime = closed.filter((c) => c.closedInTime === true).length;
      const openOverdue = mine.filter((c) => c.card === 'red' || (c.closedAt === null && c.entries.some((e) => e.late))).length;
      return { opened: mine.length, closed: closed.length, closedInTime, openOverdue };
    };
    const ratings = figures('rating');
    const settled = ratings.closed + ratings.openOverdue;
    return { badRatings: { ...ratings, rateClosedInTime: settled === 0 ? null : ratings.closedInTime / settled }, complaints: figures('complaint') };
  }
}
