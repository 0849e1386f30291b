/** Registering projects in tests: the built-in default definition on the official calendar. */
import type { Client } from '@temporalio/client';
import { buildOfficialSnapshot } from '../../definitions/calendar/official';
import { WorkingCalendar } from '../../definitions/calendar/working-calendar';
import { definitionRef, getDefinition, planSchedule, type TProcessDefinition } from '../../definitions/process';
import { startProject } from '../../client/projects';
import { buildProjectInput } from '../../client/register';
import type { ScenarioActors } from '../../client/scenario';

export const DEFAULT_ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };

export function actorsFor(_definition: TProcessDefinition, enterpriseId = 'ent-demo'): ScenarioActors {
  return {
    coordinator: { userId: 'coordinator', role: 'coordinator' },
    enterprise: { userId: `${enterpriseId}-user`, role: 'enterprise', enterpriseId },
    department: (departmentId) => ({ userId: `dept-${departmentId}`, role: 'department', departmentId }),
  };
}

export async function registerDefaultProject(
  client: Client,
  taskQueue: string,
  opts: { projectId: string; enterpriseId?: string; projectCode?: string; version?: number },
) {
  const definition = getDefinition('wuhan-industrial', opts.version)!;
  const calendar = buildOfficialSnapshot();
  const now = new Date(Date.now()).toISOString();
  const cal = new WorkingCalendar(calendar);
  const input = buildProjectInput({
    projectId: opts.projectId,
    title: '武汉某工业项目',
    enterpriseId: opts.enterpriseId ?? 'ent-demo',
    ...(opts.projectCode !== undefined ? { projectCode: opts.projectCode } : {}),
    attributes: DEFAULT_ATTRIBUTES,
    definition,
    ref: definitionRef(definition),
    calendar,
    registeredBy: { userId: 'coordinator', role: 'coordinator' },
    now,
    plan: planSchedule(definition, DEFAULT_ATTRIBUTES, cal.dateOf(now), cal),
  });
  await startProject(client, taskQueue, input);
  return { projectId: opts.projectId, definition, input };
}
