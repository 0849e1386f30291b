/** Once for the whole suite: the throwaway PostgreSQL cluster every layer's tests use (tests/helpers/postgres.ts). */
import { startTestPostgres, TEST_PG_ENV } from './helpers/postgres';

export default async function globalSetup(): Promise<void> {
  const pg = await startTestPostgres();
  (globalThis as { __postgres?: unknown }).__postgres = pg;
  process.env[TEST_PG_ENV] = pg.url;
}
