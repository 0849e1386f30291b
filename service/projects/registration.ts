/**
 * Registering a project (帮办 registration with 预排工期): the attributes checked against the
 * definition, the schedule planned on the calendar in force, and the workflow input built
 * with that calendar's snapshot. Used by `POST /api/projects` and the demo data.
 */
import { randomBytes } from 'node:crypto';
import { buildProjectInput } from '../../client/register';
import type { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { checkAttributes, DefinitionError, definitionRef, planSchedule, type TProcessDefinition, type TProjectAttributes } from '../../definitions/process';
import type { TProjectInput, TProjectPark } from '../../workflows/engine/state';
import type { TActor } from '../../workflows/model/actor';
import { recordSizeProblems, REGISTRATION_LIMITS } from '../../definitions/process/limits';
import { AppError } from '../errors';
import { checkProjectCode } from './project-code';

export interface TRegistration {
  projectId?: string;
  title: string;
  enterpriseId: string;
  /** 项目代码 as typed; checked here, stored normalised. */
  projectCode?: string;
  definition: TProcessDefinition;
  attributes: TProjectAttributes;
  preparationDays?: Record<string, number>;
  calendar: WorkingCalendar;
  registeredBy: TActor;
  now: Date;
  /** The park the project is located in, with its assessments (区域评估), already looked up. */
  park?: TProjectPark;
}

export function newProjectId(now: Date): string {
  return `p${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
}

/**
 * The project code normalised, or undefined when none was given. A definition that requires it
 * registers the project all the same: its first intake is refused until the enterprise sets the
 * code (setProjectCode), so a project can be followed before the platform has issued one.
 * @throws AppError VALIDATION on `projectCode`, naming the part that is wrong
 */
function registrationProjectCode(projectCode: string | undefined): string | undefined {
  if (projectCode === undefined || projectCode.trim() === '') return undefined;
  const checked = checkProjectCode(projectCode);
  if (!checked.ok) throw AppError.validation([{ path: 'projectCode', message: checked.message }], 'the project code is not valid');
  return checked.code;
}

/** @throws AppError VALIDATION naming each bad attribute or planning option */
export function registrationInput(r: TRegistration): TProjectInput {
  // The route's schema applies the same limits; demo data and scripts come through here alone.
  const sizeProblems = [
    ...(r.title.length > REGISTRATION_LIMITS.titleChars ? [{ path: 'title', message: `at most ${REGISTRATION_LIMITS.titleChars} characters` }] : []),
    ...recordSizeProblems('attributes', r.attributes, REGISTRATION_LIMITS.attributes, REGISTRATION_LIMITS.attributeKeyChars),
    ...recordSizeProblems('preparationDays', r.preparationDays, REGISTRATION_LIMITS.preparationStages, REGISTRATION_LIMITS.attributeKeyChars),
    ...Object.entries(r.attributes)
      .filter(([, v]) => typeof v === 'string' && v.length > REGISTRATION_LIMITS.attributeValueChars)
      .slice(0, 1)
      .map(([k]) => ({ path: `attributes.${k}`, message: `at most ${REGISTRATION_LIMITS.attributeValueChars} characters` })),
  ];
  if (sizeProblems.length > 0) throw AppError.validation(sizeProblems);
  const projectCode = registrationProjectCode(r.projectCode);
  const attributeProblems = checkAttributes(r.definition, r.attributes, { requireAll: true });
  if (attributeProblems.length > 0) throw AppError.validation(attributeProblems.map(({ path, message }) => ({ path, message })));
  let plan;
  try {
    plan = planSchedule(r.definition, r.attributes, r.calendar.dateOf(r.now.getTime()), r.calendar, { preparationDays: r.preparationDays });
  } catch (err) {
    // PlanError (a DefinitionError) carries every problem with its path, e.g. preparationDays.<stage>.
    if (err instanceof DefinitionError) throw AppError.validation(err.problems.map(({ path, message }) => ({ path, message })));
    throw err;
  }
  return buildProjectInput({
    projectId: r.projectId ?? newProjectId(r.now),
    title: r.title,
    enterpriseId: r.enterpriseId,
    ...(projectCode !== undefined ? { projectCode } : {}),
    attributes: r.attributes,
    definition: r.definition,
    ref: definitionRef(r.definition),
    calendar: r.calendar.snapshot,
    registeredBy: r.registeredBy,
    now: r.now.toISOString(),
    plan,
    ...(r.park ? { park: r.park } : {}),
  });
}
