/** Schemas of `/api/delegations`: a coordinator's record of an enterprise's delegation to an agent (代办), and its revocation. */
import { z } from '@hono/zod-openapi';
import { ZDelegation } from '../agents/delegation';

export const ZDelegationParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,18}$/, 'a delegation id (digits)')
    .openapi({ param: { name: 'id', in: 'path' }, example: '1' }),
});

export const ZDelegationList = z.object({ delegations: z.array(ZDelegation) }).openapi('DelegationList');

/** One account a delegation may name: an agent (代办), or a coordinator acting as 帮办. */
export const ZDelegate = z.object({ username: z.string(), displayName: z.string(), role: z.enum(['agent', 'coordinator']) }).openapi('Delegate');

export const ZDelegateList = z.object({ delegates: z.array(ZDelegate) }).openapi('DelegateList');
