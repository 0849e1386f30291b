/**
 * What moving a running project to another spec would change (items added or dropped, limits and
 * the due instants of running reviews moved, materials newly required) and what stops it. Pure, no
 * I/O: the service's dry run (service/definitions/dry-run.ts) and the workflow's migrateDefinition
 * (commands/migration.ts) judge with the same function, so a refusal says what the dry run said.
 */
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import type { TDefinitionRef } from '../../definitions/process/schema';
import { REVIEW_DONE, type ReviewStatus } from '../machines/review.machine';
import type { TProjectSpec, TSpecItem } from '../model/spec';

/** Review states in which a department is working on the item now. */
const RUNNING = new Set(['inReview', 'correction', 'specialProcedure']);
/** Stage states past the application: its items were dispatched from one intake. */
const PAST_APPLICATION = new Set(['intake', 'inReview', 'readyToIssue']);

export interface TDryRunBlocker {
  stageId?: string;
  itemId?: string;
  reason: string;
}

export interface TLimitChange {
  itemId: string;
  title: string;
  promised: { from: number; to: number };
  legal: { from: number; to: number };
}

export interface TDueChange {
  itemId: string;
  title: string;
  promisedDueAt: { from: string; to: string };
  legalDueAt: { from: string; to: string };
  /** A due falls in a year whose holiday notice is not loaded yet: it may still move (DOMAIN: the working-day calendar). */
  provisional: boolean;
}

export interface TProjectDryRun {
  projectId: string;
  title: string;
  from: TDefinitionRef;
  to: TDefinitionRef;
  currentStageId: string;
  /** False when one of `blockers` holds: the project cannot be moved to the new version. */
  canMove: boolean;
  blockers: TDryRunBlocker[];
  itemsAdded: { stageId: string; itemId: string; title: string; departmentId: string }[];
  itemsDropped: { stageId: string; itemId: string; title: string; status: string }[];
  limitsChanged: TLimitChange[];
  duesMoved: TDueChange[];
  materialsNewlyRequired: { stageId: string; itemId: string; materialId: string; title: string; kind: string; stageStatus: string }[];
  /** Nothing would change (same items, limits and materials). */
  unchanged: boolean;
}

/**
 * What the comparison reads of a project now: its stages' and reviews' states and the running
 * reviews' dues. A project view (engine/view.ts) is one; the engine builds one without the view.
 */
export interface TMigrationSubject {
  projectId: string;
  title: string;
  currentStageId: string;
  stages: { stageId: string; status: string }[];
  reviews: { itemId: string; status: string; clock: { promisedDueAt: string; legalDueAt: string; provisional: boolean } | null }[];
}

type TPlaced = { item: TSpecItem; stageId: string };

function itemsOf(spec: TProjectSpec): Map<string, TPlaced> {
  return new Map(spec.stages.flatMap((s) => s.items.map((item) => [item.id, { item, stageId: s.id }] as const)));
}

/** The end of a working day `n` working days before `due` (`YYYY-MM-DDT24:00:00+08:00`), or after it for negative n. */
function shiftDue(due: string, by: number, calendar: WorkingCalendar): string {
  const date = due.slice(0, 10);
  if (by >= 0) return calendar.dueInstant(date, by);
  let day = date;
  for (let back = 0; back < -by;) {
    day = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    if (calendar.isWorkday(day)) back++;
  }
  return calendar.dueInstant(day, 0);
}

/**
 * What moving one running project from its spec to `nextSpec` would change, and what stops it.
 * @param project the project's state now (its view, or the engine's subject) and the spec it runs
 * @param nextSpec the spec the project would run: the new version resolved with the project's attributes
 * @param calendar the calendar to move due dates on (the dry run: the official one in force; a migration: the project's own)
 */
export function compareSpecs(project: { view: TMigrationSubject; spec: TProjectSpec }, nextSpec: TProjectSpec, calendar: WorkingCalendar): TProjectDryRun {
  const { view, spec } = project;
  const to = nextSpec.definition;
  const before = itemsOf(spec);
  const after = itemsOf(nextSpec);
  const reviews = new Map(view.reviews.map((r) => [r.itemId, r]));
  const stageStatus = new Map(view.stages.map((s) => [s.stageId, s.status]));
  const blockers: TDryRunBlocker[] = [];

  if (!nextSpec.stages.some((s) => s.id === view.currentStageId)) {
    blockers.push({ stageId: view.currentStageId, reason: `the current stage ${view.currentStageId} is not in ${to.id} v${to.version}` });
  } else {
    // The stages a project has reached keep their places: only stages still ahead of it may come or go.
    const reached = spec.stages.slice(0, spec.stages.findIndex((s) => s.id === view.currentStageId) + 1).map((s) => s.id);
    const kept = nextSpec.stages.slice(0, reached.length).map((s) => s.id);
    if (kept.join() !== reached.join()) {
      blockers.push({
        stageId: view.currentStageId,
        reason: `the stages up to the current one (${reached.join(', ')}) are not the same in ${to.id} v${to.version} (${kept.join(', ')})`,
      });
    }
  }

  const itemsDropped: TProjectDryRun['itemsDropped'] = [];
  for (const [itemId, { item, stageId }] of before) {
    const review = reviews.get(itemId);
    const status = review?.status ?? 'pending';
    const moved = after.get(itemId);
    if (!moved) {
      itemsDropped.push({ stageId, itemId, title: item.title, status });
      if (RUNNING.has(status)) blockers.push({ stageId, itemId, reason: `the open review of ${itemId} (${status}) has no item in the new version` });
      // A decided review keeps its decision, in its stage: the stage must still be there.
      if (REVIEW_DONE.has(status as ReviewStatus) && !nextSpec.stages.some((s) => s.id === stageId)) {
        blockers.push({ stageId, itemId, reason: `the review of ${itemId} was decided (${status}) in stage ${stageId}, which ${to.id} v${to.version} drops` });
      }
      continue;
    }
    if (RUNNING.has(status) && moved.stageId !== stageId) {
      blockers.push({ stageId, itemId, reason: `the open review of ${itemId} would move from stage ${stageId} to ${moved.stageId}` });
    }
    if (RUNNING.has(status) && moved.item.departmentId !== item.departmentId) {
      blockers.push({ stageId, itemId, reason: `the open review of ${itemId} would pass from ${item.departmentId} to ${moved.item.departmentId}` });
    }
  }

  const itemsAdded: TProjectDryRun['itemsAdded'] = [];
  for (const [itemId, { item, stageId }] of after) {
    if (before.has(itemId)) continue;
    itemsAdded.push({ stageId, itemId, title: item.title, departmentId: item.departmentId });
    const status = stageStatus.get(stageId);
    if (status && PAST_APPLICATION.has(status)) {
      blockers.push({ stageId, itemId, reason: `stage ${stageId} is past its application (${status}): the added item ${itemId} has no intake behind it` });
    }
  }

  const limitsChanged: TLimitChange[] = [];
  const duesMoved: TDueChange[] = [];
  const materialsNewlyRequired: TProjectDryRun['materialsNewlyRequired'] = [];
  for (const [itemId, { item: now, stageId }] of after) {
    const was = before.get(itemId)?.item;
    if (was && (was.promisedLimit !== now.promisedLimit || was.legalLimit !== now.legalLimit)) {
      limitsChanged.push({
        itemId,
        title: now.title,
        promised: { from: was.promisedLimit, to: now.promisedLimit },
        legal: { from: was.legalLimit, to: now.legalLimit },
      });
      const review = reviews.get(itemId);
      if (review?.clock && RUNNING.has(review.status)) {
        const { promisedDueAt, legalDueAt } = review.clock;
        const promisedTo = shiftDue(promisedDueAt, now.promisedLimit - was.promisedLimit, calendar);
        const legalTo = shiftDue(legalDueAt, now.legalLimit - was.legalLimit, calendar);
        const dates = [promisedDueAt, legalDueAt, promisedTo, legalTo].map((d) => d.slice(0, 10)).sort();
        duesMoved.push({
          itemId,
          title: now.title,
          promisedDueAt: { from: promisedDueAt, to: promisedTo },
          legalDueAt: { from: legalDueAt, to: legalTo },
          provisional: review.clock.provisional || calendar.spanProvisional(dates[0]!, dates.at(-1)!),
        });
      }
    }
    // A stage already complete asks for nothing more.
    if (stageStatus.get(stageId) === 'complete') continue;
    const asked = new Set((was?.materials ?? []).filter((m) => !m.providedByResult).map((m) => m.id));
    for (const m of now.materials) {
      if (m.providedByResult || asked.has(m.id)) continue;
      materialsNewlyRequired.push({ stageId, itemId, materialId: m.id, title: m.title, kind: m.kind, stageStatus: stageStatus.get(stageId) ?? 'locked' });
    }
  }

  return {
    projectId: view.projectId,
    title: view.title,
    from: spec.definition,
    to,
    currentStageId: view.currentStageId,
    canMove: blockers.length === 0,
    blockers,
    itemsAdded,
    itemsDropped,
    limitsChanged,
    duesMoved,
    materialsNewlyRequired,
    unchanged: itemsAdded.length + itemsDropped.length + limitsChanged.length + materialsNewlyRequired.length === 0,
  };
}
