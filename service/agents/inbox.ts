/**
 * An agent's inbox (代办): the enterprise tasks of every project its delegations in force cover —
 * all of an enterprise's projects, or the listed ones — across the enterprises it acts for, or
 * only the one `X-On-Behalf-Of` names. Read on every request, so a revocation holds at once.
 */
import type { TInboxScope } from '../../db/read-model/store';
import { inForce } from './delegation';
import type { DelegationStore } from './store';

export async function agentInboxScopes(
  delegations: Pick<DelegationStore, 'ofAgent'>,
  agentUsername: string,
  today: string,
  enterpriseId?: string,
): Promise<TInboxScope[]> {
  const held = (await delegations.ofAgent(agentUsername, enterpriseId)).filter((d) => inForce(d, today));
  const enterprises = [...new Set(held.map((d) => d.enterpriseId))];
  return enterprises.map((id) => {
    const mine = held.filter((d) => d.enterpriseId === id);
    return mine.some((d) => d.projectIds === undefined)
      ? { audience: `enterprise:${id}` }
      : { audience: `enterprise:${id}`, projectIds: [...new Set(mine.flatMap((d) => d.projectIds ?? []))] };
  });
}
