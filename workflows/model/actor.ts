/**
 * Who makes a decision. Every command carries its actor; the service fills it from the
 * verified token and the workflow's validators check it again against the project.
 */
import { z } from 'zod';
import { SIGNOFF_STEPS } from '../../definitions/process/signoff';
import { workflowParser } from './workflow-parser';

const roleSchema = () => z.enum(['coordinator', 'department', 'enterprise']);
export const ZRole = roleSchema();
export type TRole = z.infer<typeof ZRole>;

const actorSchema = () =>
  z
    .object({
      userId: z.string().min(1),
      role: roleSchema(),
      departmentId: z.string().min(1).optional(),
      enterpriseId: z.string().min(1).optional(),
      /** A department's head (机关负责人): approves its items' extensions (行政许可法 art. 42(1)). */
      leader: z.literal(true).optional(),
      /** The sign-off steps (承办/审核/批准) this department user may take on items with a chain; none: items without one only. */
      signoffRoles: z.array(z.enum(SIGNOFF_STEPS)).min(1).max(SIGNOFF_STEPS.length).optional(),
      /**
       * Approves joint-handling extensions for the local government head (art. 42(2)). A
       * coordinator flag, not a fourth role: the head's approval reaches the project through the
       * government service centre's own accounts, and every other coordinator decision stays open to it.
       */
      governmentHead: z.literal(true).optional(),
      /**
       * Set when an agent (代办) — or a coordinator asked by the enterprise — acts under a delegation:
       * `userId` is the agent, acting as the enterprise named here (always `enterpriseId`). Absent
       * in every entry written before agents existed, so old histories replay unchanged.
       */
      onBehalfOf: z.string().min(1).optional(),
    })
    .strict()
    .refine((a) => a.role !== 'department' || a.departmentId, { message: 'a department actor needs departmentId', path: ['departmentId'] })
    .refine((a) => a.role !== 'enterprise' || a.enterpriseId, { message: 'an enterprise actor needs enterpriseId', path: ['enterpriseId'] })
    .refine((a) => a.onBehalfOf === undefined || (a.role === 'enterprise' && a.onBehalfOf === a.enterpriseId), {
      message: 'an agent acts as the enterprise it acts for',
      path: ['onBehalfOf'],
    })
    .refine((a) => !a.leader || a.role === 'department', { message: 'only a department actor can be its leader', path: ['leader'] })
    .refine((a) => !a.signoffRoles || a.role === 'department', { message: 'only a department actor takes sign-off steps', path: ['signoffRoles'] })
    .refine((a) => !a.governmentHead || a.role === 'coordinator', {
      message: 'only a coordinator actor can approve for the government head',
      path: ['governmentHead'],
    });
export const ZActor = actorSchema();
export type TActor = z.infer<typeof ZActor>;
/** `ZActor.safeParse` for workflow code (workflow-parser.ts says why it is a copy). */
export const parseActor = workflowParser(actorSchema);
