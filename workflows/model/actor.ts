/**
 * Who makes a decision. Every command carries its actor; the service fills it from the
 * verified token and the workflow's validators check it again against the project.
 */
import { z } from 'zod';
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
    })
    .strict()
    .refine((a) => a.role !== 'department' || a.departmentId, { message: 'a department actor needs departmentId', path: ['departmentId'] })
    .refine((a) => a.role !== 'enterprise' || a.enterpriseId, { message: 'an enterprise actor needs enterpriseId', path: ['enterpriseId'] });
export const ZActor = actorSchema();
export type TActor = z.infer<typeof ZActor>;
/** `ZActor.safeParse` for workflow code (workflow-parser.ts says why it is a copy). */
export const parseActor = workflowParser(actorSchema);
