/**
 * Registration of a project: the definition resolved against the project's attributes, the
 * calendar snapshot fixed for its deadlines, and the planned schedule (预排工期), all put
 * into the workflow's input so the running project never depends on later changes.
 */
import type { TCalendarSnapshot } from '../definitions/calendar/snapshot';
import type { TDefinitionRef, TProcessDefinition, TProjectAttributes } from '../definitions/process/schema';
import type { TActor } from '../workflows/model/actor';
import { resolveProjectSpec } from '../workflows/model/resolve-spec';
import type { TProjectInput, TProjectPark } from '../workflows/engine/state';

export interface Registration {
  projectId: string;
  title: string;
  enterpriseId: string;
  /** 项目代码, already checked (service/projects/project-code.ts). */
  projectCode?: string;
  attributes: TProjectAttributes;
  definition: TProcessDefinition;
  ref: TDefinitionRef;
  calendar: TCalendarSnapshot;
  registeredBy: TActor;
  now: string;
  plan?: unknown;
  /** The park the project is located in (区域评估); left out when none, so other inputs stay as they were. */
  park?: TProjectPark;
}

export function buildProjectInput(r: Registration): TProjectInput {
  return {
    projectId: r.projectId,
    title: r.title,
    enterpriseId: r.enterpriseId,
    // Left out when absent, so the input of a project without a code is what it was before codes.
    ...(r.projectCode !== undefined ? { projectCode: r.projectCode } : {}),
    attributes: r.attributes,
    spec: resolveProjectSpec(r.definition, r.ref, r.attributes),
    calendar: r.calendar,
    registeredAt: r.now,
    registeredBy: r.registeredBy,
    ...(r.plan !== undefined ? { plan: r.plan } : {}),
    ...(r.park !== undefined ? { park: r.park } : {}),
  };
}
