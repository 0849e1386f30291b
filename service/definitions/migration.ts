/**
 * One project's move to a newer published version of its definition, as the service and the CLI
 * prepare it: the target version (asked for, or the newest above the project's), the dry run of
 * the project against it, and the migrateDefinition command carrying the resolved spec. The
 * workflow judges the command again on its own state (workflows/engine/commands/migration.ts).
 */
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { type DefinitionRegistry, definitionRef, type TProcessDefinition } from '../../definitions/process';
import type { TProjectView } from '../../workflows/engine/view';
import type { TCommand } from '../../workflows/model/commands';
import type { ProjectGateway } from '../projects/gateway';
import { dryRunProject, nextSpecOf, type TProjectDryRun } from './dry-run';

export interface TMigrationPlan {
  /** The version the project would move to; undefined when none is newer than the project's. */
  target?: TProcessDefinition;
  dryRun?: TProjectDryRun;
}

export class UnknownVersion extends Error {
  override readonly name = 'UnknownVersion';
}

/**
 * @param version the target version; left out, the newest published above the project's
 * @throws UnknownVersion when `version` is not published for the project's definition
 */
export async function planMigration(
  deps: { gateway: Pick<ProjectGateway, 'spec'>; definitions: DefinitionRegistry; calendar: WorkingCalendar },
  view: TProjectView,
  version?: number,
): Promise<TMigrationPlan> {
  const { id } = view.definition;
  let target: TProcessDefinition | undefined;
  if (version !== undefined) {
    target = deps.definitions.get(id, version);
    if (!target) throw new UnknownVersion(`process definition '${id}' version ${version}`);
  } else {
    const latest = deps.definitions.get(id);
    target = latest && latest.version > view.definition.version ? latest : undefined;
  }
  if (!target) return {};
  const dryRun = dryRunProject({ view, spec: await deps.gateway.spec(view.projectId) }, { definition: target, ref: definitionRef(target) }, deps.calendar);
  return { target, dryRun };
}

/** The command that moves the project as planned (the plan must have a target). */
export function migrationCommand(view: TProjectView, plan: Required<TMigrationPlan>, reason?: string): Extract<TCommand, { type: 'migrateDefinition' }> {
  return { type: 'migrateDefinition', spec: nextSpecOf(view, { definition: plan.target, ref: plan.dryRun.to }), ...(reason ? { reason } : {}) };
}
