import { sql } from 'kysely';
import { migrateToLatest } from '../../../db/connect';
import { MIGRATIONS } from '../../../db/migrations';
import { type TestDatabase, testDatabase } from '../../helpers/postgres';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.drop());

test('every migration is applied once; running them again applies nothing', async () => {
  const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(t.db);
  expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS).sort());
  expect(await migrateToLatest(t.db)).toEqual([]);
});
