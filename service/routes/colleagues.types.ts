/** Schema of `/api/colleagues`: the people a department's task may be assigned or transferred to. */
import { z } from '@hono/zod-openapi';
import { ZSignoffStep } from '../../definitions/process/signoff';

export const ZColleague = z
  .object({
    username: z.string(),
    displayName: z.string(),
    leader: z.literal(true).optional().openapi({ description: "the department's head (assigns its tasks)" }),
    signoffRoles: z.array(ZSignoffStep).optional().openapi({ description: 'the sign-off steps (承办/审核/批准) the colleague takes' }),
  })
  .openapi('Colleague');

export const ZColleagueList = z.object({ colleagues: z.array(ZColleague) }).openapi('ColleagueList');
