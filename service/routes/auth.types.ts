/** Request and response schemas of login and `/api/me`. */
import { z } from '@hono/zod-openapi';
import { readableText } from '../../definitions/text';

export const ZLoginRequest = z
  .object({
    username: readableText().min(1).max(64).openapi({ example: 'coordinator' }),
    password: readableText().min(1).max(1024),
  })
  .strict()
  .openapi('LoginRequest');

export const ZUserView = z
  .object({
    username: z.string(),
    displayName: z.string(),
    role: z.enum(['coordinator', 'department', 'enterprise', 'agent']),
    departmentId: z.string().optional(),
    enterpriseId: z.string().optional(),
  })
  .openapi('User');

export const ZLoginResponse = z
  .object({
    token: z.string(),
    tokenType: z.literal('Bearer'),
    expiresAt: z.string().openapi({ description: 'ISO instant after which the token is refused' }),
    user: ZUserView,
  })
  .openapi('LoginResponse');
