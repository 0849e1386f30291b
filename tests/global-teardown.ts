/** Stops the suite's PostgreSQL by its PID and removes its directory. */
import { stopTestPostgres } from './helpers/postgres';

export default async function globalTeardown(): Promise<void> {
  await stopTestPostgres((globalThis as { __postgres?: Parameters<typeof stopTestPostgres>[0] }).__postgres);
}
