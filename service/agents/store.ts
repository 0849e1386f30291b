/**
 * Delegations in PostgreSQL (table `delegations`, migration 0014). Nothing is cached: the agent
 * gate reads them on every request, so a revocation holds on every replica at once.
 */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/connect';
import type { DelegationsTable } from '../../db/tables/agents-and-follow-up';
import type { TDelegation, TDelegationDraft } from './delegation';

const toDelegation = (r: Selectable<DelegationsTable>): TDelegation => ({
  id: String(r.id),
  agentUsername: r.agent_username,
  enterpriseId: r.enterprise_id,
  ...(r.project_ids !== null ? { projectIds: r.project_ids } : {}),
  validFrom: r.valid_from,
  validTo: r.valid_to,
  recordedBy: r.recorded_by,
  recordedAt: new Date(r.recorded_at).toISOString(),
  ...(r.revoked_at !== null ? { revokedAt: new Date(r.revoked_at).toISOString() } : {}),
  ...(r.revoked_by !== null ? { revokedBy: r.revoked_by } : {}),
});

export class DelegationStore {
  constructor(private readonly db: Db) {}

  async record(draft: TDelegationDraft, recordedBy: string, at: Date): Promise<TDelegation> {
    const row = await this.db
      .insertInto('delegations')
      .values({
        agent_username: draft.agentUsername,
        enterprise_id: draft.enterpriseId,
        project_ids: draft.projectIds ?? null,
        valid_from: draft.validFrom,
        valid_to: draft.validTo,
        recorded_by: recordedBy,
        recorded_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDelegation(row);
  }

  /**
   * Revokes a delegation from `at` on; revoking it again keeps the first revocation.
   * @returns the delegation, or undefined when there is none with this id
   */
  async revoke(id: string, revokedBy: string, at: Date): Promise<TDelegation | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    await this.db.updateTable('delegations').set({ revoked_at: at, revoked_by: revokedBy }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    const row = await this.db.selectFrom('delegations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toDelegation(row);
  }

  /** Every delegation, newest first; or those of one agent. */
  async list(filter: { agentUsername?: string } = {}): Promise<TDelegation[]> {
    let q = this.db.selectFrom('delegations').selectAll().orderBy('id', 'desc');
    if (filter.agentUsername !== undefined) q = q.where('agent_username', '=', filter.agentUsername);
    return (await q.execute()).map(toDelegation);
  }

  /** The agent's unrevoked delegations for an enterprise (dates are the caller's to check, with `covers`). */
  async ofAgent(agentUsername: string, enterpriseId?: string): Promise<TDelegation[]> {
    let q = this.db.selectFrom('delegations').selectAll().where('agent_username', '=', agentUsername).where('revoked_at', 'is', null);
    if (enterpriseId !== undefined) q = q.where('enterprise_id', '=', enterpriseId);
    return (await q.execute()).map(toDelegation);
  }
}
