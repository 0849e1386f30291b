/**
 * An action someone may take on a project now, as views and inboxes list it, and the command
 * handlers' offers of them: each handler module says which of its commands the statecharts
 * and the engine's rules would take, without applying anything.
 */
import { z } from 'zod';
import type { TActor } from '../model/actor';
import { COMMAND_AUTHORITY, COMMAND_ROLE, type TCommandType } from '../model/commands';
import type { ProjectEngine } from './project-engine';

export const ZAction = z.object({
  type: z.string(),
  stageId: z.string().optional(),
  itemId: z.string().optional(),
  materialId: z.string().optional(),
  /** For an intermediary service (中介服务). */
  serviceId: z.string().optional(),
  /** For intake: which decisions are open. */
  options: z.array(z.string()).optional(),
});
export type TAction = z.infer<typeof ZAction>;

/** An action open now and the department whose decision it is (items and commitments), for its audience. */
export interface TOffer {
  action: TAction & { type: TCommandType };
  departmentId?: string;
}

/**
 * The actor a statechart's guard expects for `type` on this project: the project's enterprise,
 * a coordinator, or the item's department, with the authority COMMAND_AUTHORITY asks for (a
 * department's head, the government head). Guards read role, department, enterprise and authority only.
 */
export function rightfulActor(engine: ProjectEngine, type: TCommandType, departmentId?: string): TActor {
  const authority = COMMAND_AUTHORITY[type];
  switch (COMMAND_ROLE[type]) {
    case 'enterprise':
      return { userId: 'offer', role: 'enterprise', enterpriseId: engine.input.enterpriseId };
    case 'department':
      return { userId: 'offer', role: 'department', departmentId: departmentId ?? '', ...(authority === 'leader' ? { leader: true as const } : {}) };
    case 'coordinator':
      return { userId: 'offer', role: 'coordinator', ...(authority === 'governmentHead' ? { governmentHead: true as const } : {}) };
  }
}
