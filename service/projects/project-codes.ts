/**
 * Each 项目代码 registers one project: a code is taken before the workflow starts (a row of
 * `project_codes`, migration 0006), so two registrations of one code cannot both pass on any
 * replica; it is given back when the start fails.
 */
import type { Db } from '../../db/connect';
import { AppError } from '../errors';

export class ProjectCodeRegister {
  constructor(private readonly db: Db) {}

  /** @throws AppError CONFLICT (409) on `projectCode` when another project has the code */
  async take(code: string, projectId: string, at: Date): Promise<void> {
    const taken = await this.db
      .insertInto('project_codes')
      .values({ code, project_id: projectId, registered_at: at })
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('code')
      .executeTakeFirst();
    if (taken) return;
    // The same project taking its own code again (a retried setProjectCode) is not a conflict.
    const holder = await this.db.selectFrom('project_codes').select('project_id').where('code', '=', code).executeTakeFirst();
    if (holder?.project_id === projectId) return;
    // Not which project has it: an enterprise could learn another's project ids by trying codes.
    throw new AppError('CONFLICT', `project code ${code} is already registered`, [{ path: 'projectCode', message: 'already registered for another project' }]);
  }

  async release(code: string, projectId: string): Promise<void> {
    await this.db.deleteFrom('project_codes').where('code', '=', code).where('project_id', '=', projectId).execute();
  }
}
