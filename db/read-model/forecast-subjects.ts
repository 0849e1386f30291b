/**
 * Active projects as the forecast reads them, from the read model alone (issue 17: the risk
 * list at city scale asks no workflow). Four queries per page of projects, whatever its size.
 * The rows do not keep every stage's status, so it is derived: stages before the current one
 * are complete (issued when their results were), the current one is under review once a review
 * of its own (not a pre-review) has started and awaits its application before, later ones are
 * locked. The spec is the project's definition version (the newest for rows published before the
 * version was kept) narrowed to the items the project has rows for, with the promised limits the rows carry.
 */
import type { TProcessDefinition } from '../../definitions/process/schema';
import { INTAKE_LIMIT_DAYS } from '../../workflows/model/resolve-spec';
import type { TForecastSpec, TForecastView } from '../../workflows/forecast/forecast';
import type { Db } from '../connect';

export interface TForecastSubject {
  view: TForecastView;
  spec: TForecastSpec;
  definition: TProcessDefinition;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The forecast's subjects for these projects (any order); a project whose definition is not
 * loaded, or that has no review rows, is left out.
 */
export async function forecastSubjects(
  db: Db,
  projectIds: readonly string[],
  definitionOf: (id: string, version?: number) => TProcessDefinition | undefined,
): Promise<Map<string, TForecastSubject>> {
  if (projectIds.length === 0) return new Map();
  const ids = [...projectIds];
  const [projects, reviews, commitments, issued] = await Promise.all([
    db
      .selectFrom('projects')
      .select(['project_id', 'definition_id', 'definition_version', 'stage_id', 'registered_at'])
      .where('project_id', 'in', ids)
      .execute(),
    db
      .selectFrom('project_reviews')
      .select(['project_id', 'item_id', 'stage_id', 'department_id', 'status', 'early', 'started_at', 'elapsed', 'promised_limit'])
      .where('project_id', 'in', ids)
      .execute(),
    db.selectFrom('project_commitments').select(['project_id', 'item_id', 'status', 'due_at']).where('project_id', 'in', ids).execute(),
    db
      .selectFrom('project_results')
      .select(['project_id', 'stage_id', (eb) => eb.fn.max('issued_at').as('issued_at')])
      .where('project_id', 'in', ids)
      .where('issued_at', 'is not', null)
      .groupBy(['project_id', 'stage_id'])
      .execute(),
  ]);
  const byProject = <T extends { project_id: string }>(rows: T[]) => {
    const grouped = new Map<string, T[]>();
    for (const r of rows) (grouped.get(r.project_id) ?? grouped.set(r.project_id, []).get(r.project_id)!).push(r);
    return grouped;
  };
  const reviewsOf = byProject(reviews);
  const commitmentsOf = byProject(commitments);
  const issuedOf = byProject(issued);
  const subjects = new Map<string, TForecastSubject>();
  for (const p of projects) {
    const definition = definitionOf(p.definition_id, p.definition_version ?? undefined);
    const rows = reviewsOf.get(p.project_id) ?? [];
    if (!definition || rows.length === 0) continue;
    const row = new Map(rows.map((r) => [r.item_id, r]));
    const kept = definition.stages.flatMap((s) => s.items.filter((i) => row.has(i.id)));
    const issuer = new Map(kept.flatMap((i) => i.results.map((r) => [r.id, i.id] as const)));
    const stages = definition.stages.filter((s) => s.items.some((i) => row.has(i.id)));
    const current = stages.findIndex((s) => s.id === p.stage_id);
    const issuedAt = new Map((issuedOf.get(p.project_id) ?? []).map((r) => [r.stage_id, r.issued_at ? new Date(r.issued_at as Date | string) : null]));
    const spec: TForecastSpec = {
      intakeLimit: INTAKE_LIMIT_DAYS,
      stages: stages.map((s) => ({
        id: s.id,
        title: s.title.zh,
        items: s.items
          .filter((i) => row.has(i.id))
          .map((i) => ({
            id: i.id,
            departmentId: row.get(i.id)!.department_id,
            promisedLimit: row.get(i.id)!.promised_limit,
            dependsOn: i.dependsOn.filter((d) => row.has(d)),
            requiresResults: i.requiresResults.filter((r) => issuer.has(r)),
            earlyStart: i.earlyStart,
            results: i.results.map((r) => ({ id: r.id })),
          })),
      })),
    };
    const view: TForecastView = {
      projectId: p.project_id,
      registeredAt: p.registered_at.toISOString(),
      stages: stages.map((s, k) => {
        const own = rows.filter((r) => r.stage_id === s.id && !r.early && r.started_at);
        const opened = own.length === 0 ? null : new Date(Math.min(...own.map((r) => r.started_at!.getTime())));
        const status = current < 0 || k < current ? 'complete' : k > current ? 'locked' : opened ? 'inReview' : 'awaitingApplication';
        return { stageId: s.id, status, acceptedAt: iso(opened), intakeDueAt: null, issuedAt: status === 'complete' ? iso(issuedAt.get(s.id) ?? null) : null };
      }),
      reviews: rows.map((r) => ({
        itemId: r.item_id,
        status: r.status,
        startedAt: iso(r.started_at),
        clock: r.elapsed === null ? null : { elapsed: r.elapsed },
        // A special procedure's announced end is not in the rows: the forecast then waits none beyond the review's own days.
        special: null,
      })),
      commitments: (commitmentsOf.get(p.project_id) ?? []).map((c) => ({ itemId: c.item_id, status: c.status, dueAt: c.due_at.toISOString() })),
    };
    subjects.set(p.project_id, { view, spec, definition });
  }
  return subjects;
}
