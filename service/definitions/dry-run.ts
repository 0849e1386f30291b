/**
 * A dry run of a process definition version against running projects: for each project, what
 * would change if it ran under the new version and whether it could move at all
 * (workflows/migration/compare.ts). Pure: nothing is read or written here; the caller brings each
 * project's view and spec (service/definitions/running-projects.ts).
 */
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import type { TDefinitionRef, TProcessDefinition, TProjectAttributes } from '../../definitions/process/schema';
import type { TProjectView } from '../../workflows/engine/view';
import { compareSpecs, type TProjectDryRun } from '../../workflows/migration/compare';
import { resolveProjectSpec } from '../../workflows/model/resolve-spec';
import type { TProjectSpec } from '../../workflows/model/spec';

export type { TDryRunBlocker, TDueChange, TLimitChange, TProjectDryRun } from '../../workflows/migration/compare';

/** The spec a project would run under `next`: the new version resolved with the project's attributes, as at registration. */
export function nextSpecOf(view: Pick<TProjectView, 'attributes'>, next: { definition: TProcessDefinition; ref: TDefinitionRef }): TProjectSpec {
  return resolveProjectSpec(next.definition, next.ref, view.attributes as TProjectAttributes);
}

/**
 * What moving one running project from its spec to `next` would change.
 * @param project the project's view (its state now) and the spec it runs
 * @param next the new definition with its ref (id, version, content hash)
 * @param calendar the calendar to move due dates on (the official one in force)
 */
export function dryRunProject(
  project: { view: TProjectView; spec: TProjectSpec },
  next: { definition: TProcessDefinition; ref: TDefinitionRef },
  calendar: WorkingCalendar,
): TProjectDryRun {
  return compareSpecs(project, nextSpecOf(project.view, next), calendar);
}
