/**
 * Demo data for `npm run demo` (`scripts/start.ts --demo`): a few projects in different
 * stages, so a newcomer logs in to a living system. Every decision goes through the real
 * update validator (client/scenario.ts). Idempotent: projects that exist are left alone.
 */
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { decide, startProject } from '../client/projects';
import { driveProject, type ScenarioActors } from '../client/scenario';
import type { WorkingCalendar } from '../definitions/calendar/working-calendar';
import type { TProcessDefinition } from '../definitions/process';
import { registrationInput } from '../service/projects/registration';
import { DEMO_ENTERPRISES } from '../service/users/provision';

const COORDINATOR = { userId: 'coordinator', role: 'coordinator' } as const;
const ATTRIBUTES = { floorArea: 30000, investment: 50000, industry: 'manufacturing', eiaCategory: 'form', annualEnergyTce: 2000 };

const DEMO = [
  { projectId: 'demo-registered', title: '汽车零部件扩产项目（已登记）', enterprise: 0, progress: 'registered' },
  { projectId: 'demo-in-review', title: '光电材料生产基地（前期准备审查中）', enterprise: 1, progress: 'in-review' },
  { projectId: 'demo-construction', title: '新能源电池包装线（待开工审批申请）', enterprise: 0, progress: 'one-stage' },
  { projectId: 'demo-complete', title: '精密模具厂房（已完成并评价）', enterprise: 1, progress: 'complete' },
] as const;

function actors(enterpriseId: string): ScenarioActors {
  return {
    coordinator: COORDINATOR,
    enterprise: { userId: enterpriseId, role: 'enterprise', enterpriseId },
    department: (departmentId) => ({ userId: `dept-${departmentId}`, role: 'department', departmentId }),
  };
}

/** @returns the ids of the projects it created */
export async function seedDemo(client: Client, taskQueue: string, definition: TProcessDefinition, calendar: WorkingCalendar): Promise<string[]> {
  const created: string[] = [];
  for (const demo of DEMO) {
    const enterpriseId = DEMO_ENTERPRISES[demo.enterprise].id;
    const input = registrationInput({
      projectId: demo.projectId,
      title: demo.title,
      enterpriseId,
      definition,
      attributes: ATTRIBUTES,
      calendar,
      registeredBy: COORDINATOR,
      now: new Date(),
    });
    try {
      await startProject(client, taskQueue, input);
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) continue;
      throw err;
    }
    created.push(demo.projectId);
    const who = actors(enterpriseId);
    if (demo.progress === 'in-review') {
      const stage = input.spec.stages[0]!;
      const materials = [...new Set(stage.items.flatMap((i) => i.materials.map((m) => m.id)))];
      const form = Object.fromEntries(stage.formFields.map((f) => [f.id, '示例']));
      await decide(client, demo.projectId, who.enterprise, { type: 'submitApplication', stageId: stage.id, form, materials });
      await decide(client, demo.projectId, COORDINATOR, { type: 'decideIntake', stageId: stage.id, decision: 'accept' });
    } else if (demo.progress === 'one-stage') {
      await driveProject(client, demo.projectId, who, { stages: 1, rate: true });
    } else if (demo.progress === 'complete') {
      await driveProject(client, demo.projectId, who, { rate: true });
    }
  }
  return created;
}
