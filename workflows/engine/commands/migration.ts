/**
 * A coordinator moves one running project to a newer published version of its definition (issue
 * 17 item 4). The service resolves the version with the project's attributes into a spec; the
 * engine judges it with the dry run's own comparison (workflows/migration/compare.ts) on the
 * project's calendar and refuses with the dry run's reasons, then swaps the spec: reviews of added
 * items wait for their stage, limits of pending and running reviews move with their dues, dropped
 * items that were never decided leave, and decided reviews keep their decisions (and their items).
 */
import { compareSpecs, type TMigrationSubject, type TProjectDryRun } from '../../migration/compare';
import { REVIEW_DONE, reviewMachine } from '../../machines/review.machine';
import { stageMachine } from '../../machines/stage.machine';
import type { TProjectSpec, TSpecItem } from '../../model/spec';
import { readClock } from '../clock';
import { SYSTEM } from '../history';
import { start } from '../persisted';
import type { ProjectEngine } from '../project-engine';
import { DecisionRefused } from '../refusal';
import { updateCards } from '../time';
import type { THandlers } from './handler';

/** The project now, as the comparison reads it: stage and review states and the running reviews' dues on the project's calendar. */
export function migrationSubject(engine: ProjectEngine, now: string): TMigrationSubject {
  const s = engine.raw;
  return {
    projectId: s.input.projectId,
    title: s.input.title,
    currentStageId: engine.currentStageId(),
    stages: s.input.spec.stages.map((stage) => ({ stageId: stage.id, status: engine.stageStatus(stage.id) })),
    reviews: s.input.spec.stages.flatMap((stage) =>
      stage.items.map((item) => {
        const r = s.reviews[item.id]!;
        const reading = r.context.clock ? readClock(r.context.clock, engine.workingCalendar, now, engine.clockRules) : null;
        return {
          itemId: item.id,
          status: r.value,
          clock: reading ? { promisedDueAt: reading.promised.dueAt, legalDueAt: reading.legal.dueAt, provisional: reading.provisional } : null,
        };
      }),
    ),
  };
}

/**
 * The spec the project will run: the new one, with each decided item the new version drops kept in
 * its stage (a decision stands), and items added to a stage already complete left out with the
 * reason (nothing more is asked of a closed stage).
 */
function effectiveSpec(engine: ProjectEngine, next: TProjectSpec): TProjectSpec {
  const before = engine.input.spec;
  const had = new Set(before.stages.flatMap((s) => s.items.map((i) => i.id)));
  const version = `v${next.definition.version}`;
  return {
    ...next,
    stages: next.stages.map((stage) => {
      const old = before.stages.find((s) => s.id === stage.id);
      if (!old) return stage;
      const complete = engine.stageStatus(stage.id) === 'complete';
      const added = complete ? stage.items.filter((i) => !had.has(i.id)) : [];
      const kept = old.items.filter((i) => !stage.items.some((n) => n.id === i.id) && REVIEW_DONE.has(engine.reviewStatus(i.id)));
      return {
        ...stage,
        items: [...stage.items.filter((i) => !added.includes(i)), ...kept],
        skipped: [...stage.skipped, ...added.map((i) => ({ itemId: i.id, reason: `added in ${version} after this stage was complete` }))],
      };
    }),
  };
}

/** The history's sentence of what changed, from → to. */
function summaryOf(report: TProjectDryRun): string {
  const parts = [
    report.itemsAdded.length > 0 && `items added: ${report.itemsAdded.map((i) => i.itemId).join(', ')}`,
    report.itemsDropped.length > 0 && `items dropped: ${report.itemsDropped.map((i) => `${i.itemId} (${i.status})`).join(', ')}`,
    ...report.limitsChanged.map((l) => {
      const due = report.duesMoved.find((d) => d.itemId === l.itemId);
      const dues = due ? `, due ${due.promisedDueAt.from.slice(0, 10)} → ${due.promisedDueAt.to.slice(0, 10)}` : '';
      return `${l.itemId}: promised ${l.promised.from} → ${l.promised.to}, legal ${l.legal.from} → ${l.legal.to} working days${dues}`;
    }),
    report.materialsNewlyRequired.length > 0 &&
      `materials newly required: ${report.materialsNewlyRequired.map((m) => `${m.materialId} (${m.itemId})`).join(', ')}`,
  ].filter((p): p is string => typeof p === 'string');
  const change = parts.length > 0 ? parts.join('; ') : 'nothing else changed';
  return `definition ${report.from.id} v${report.from.version} → v${report.to.version}: ${change}`;
}

/** A review's limits taken from its item: a pending one starts its clock with them, a running one's dues move. */
function moveLimits(engine: ProjectEngine, item: TSpecItem): void {
  const r = engine.review(item.id);
  const { legalLimit, promisedLimit, yellowAt } = item;
  const ctx = r.context;
  if (ctx.legalLimit === legalLimit && ctx.promisedLimit === promisedLimit && ctx.yellowAt === yellowAt && ctx.departmentId === item.departmentId) return;
  const clock = ctx.clock && { ...ctx.clock, legalLimit, promisedLimit, yellowAt };
  engine.raw.reviews[item.id] = { ...r, context: { ...ctx, departmentId: item.departmentId, legalLimit, promisedLimit, yellowAt, clock } };
}

export const migrationHandlers: THandlers<'migrateDefinition'> = {
  migrateDefinition(engine, actor, command, now) {
    if (engine.status() !== 'active') throw new DecisionRefused('migrateDefinition: the project has ended', 'NOT_ALLOWED_NOW');
    const from = engine.input.spec.definition;
    const to = command.spec.definition;
    if (to.id !== from.id) {
      throw new DecisionRefused(`spec: the project runs ${from.id}; it moves only to a version of it (got ${to.id})`, 'INVALID_FIELD', 'spec');
    }
    if (to.version <= from.version) {
      throw new DecisionRefused(
        `spec: the project runs ${from.id} v${from.version}; it moves only to a newer version (got v${to.version})`,
        'INVALID_FIELD',
        'spec',
      );
    }
    const report = compareSpecs({ view: migrationSubject(engine, now), spec: engine.input.spec }, command.spec, engine.workingCalendar);
    if (!report.canMove) {
      throw new DecisionRefused(`migrateDefinition: cannot move to ${to.id} v${to.version}: ${report.blockers.map((b) => b.reason).join('; ')}`);
    }

    const s = engine.raw;
    const spec = effectiveSpec(engine, command.spec);
    const items = new Map(spec.stages.flatMap((stage) => stage.items.map((i) => [i.id, i] as const)));
    for (const stage of spec.stages) {
      s.stages[stage.id] ??= start(stageMachine, { stageId: stage.id, enterpriseId: s.input.enterpriseId });
    }
    for (const stageId of Object.keys(s.stages)) if (!spec.stages.some((st) => st.id === stageId)) delete s.stages[stageId];
    for (const itemId of Object.keys(s.reviews)) if (!items.has(itemId)) delete s.reviews[itemId];
    for (const item of items.values()) {
      const review = s.reviews[item.id];
      if (!review) {
        const { id: itemId, departmentId, legalLimit, promisedLimit, yellowAt } = item;
        s.reviews[item.id] = start(reviewMachine, { itemId, departmentId, enterpriseId: s.input.enterpriseId, legalLimit, promisedLimit, yellowAt });
      } else if (!REVIEW_DONE.has(review.value)) {
        moveLimits(engine, item);
      }
    }
    s.input = { ...s.input, spec };

    engine.record(actor, now, 'definitionMigrated', summaryOf(report), command.reason ? { reason: command.reason } : {});
    engine.notify('enterprise', `${s.input.title}: the project now runs ${to.id} v${to.version}`, now);
    for (const m of report.materialsNewlyRequired.filter((x) => x.stageStatus !== 'locked' && x.stageStatus !== 'awaitingApplication')) {
      // A stage past its application hands the material in afterwards: the department asks for it by correction if it must.
      engine.record(SYSTEM, now, 'materialNewlyRequired', `${m.title} (${m.materialId}) is required by v${to.version} after this stage's application`, {
        stageId: m.stageId,
        itemId: m.itemId,
      });
    }
    for (const d of report.duesMoved) {
      engine.notify(
        'department',
        `${s.input.title}: ${d.title} now due ${d.promisedDueAt.to} (was ${d.promisedDueAt.from})`,
        now,
        items.get(d.itemId)?.departmentId,
      );
    }
    updateCards(engine, now);
  },
};
