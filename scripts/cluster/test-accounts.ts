/**
 * Accounts for a throwaway topology (the cluster test layer, the soak): one coordinator, one
 * account per department of the Wuhan definition and one enterprise, with cheap scrypt and
 * their passwords collected for the clients. Runs as `beforeServices`, before replicas start.
 */
import { join } from 'node:path';
import { openDatabase } from '../../db/connect';
import { getDefinition } from '../../definitions/process';
import { provisionUsers } from '../../service/users/provision';

/** Cheap scrypt for test accounts (production uses DEFAULT_COST). */
const TEST_COST = { N: 1024, r: 8, p: 1 };

/** @param accounts filled with username → password once the hook has run */
export function provisionTestAccounts(enterprise: { id: string; name: string }, accounts: Record<string, string>) {
  return async ({ databaseUrl, dataDir }: { databaseUrl: string; dataDir: string }): Promise<void> => {
    const db = openDatabase(databaseUrl, { max: 1 });
    try {
      const result = await provisionUsers({
        db,
        credentialsFile: join(dataDir, 'dev-credentials.json'),
        departments: getDefinition('wuhan-industrial')!.departments.map((d) => ({ id: d.id, name: d.name.zh })),
        // Listed in the enterprise directory (registration needs a confirmed entry); a made-up but valid credit code.
        enterprises: [{ ...enterprise, creditCode: '91420100MA4K000032', address: '湖北省武汉市', contacts: [{ name: '测试联系人', phone: '027-8888 6666' }] }],
        cost: TEST_COST,
      });
      if (!result || !('created' in result)) throw new Error('the fresh cluster already had users');
      for (const a of result.created) accounts[a.username] = a.password;
    } finally {
      await db.destroy();
    }
  };
}
