/**
 * The service process: `npm run service`, or started by `npm start`. Reads its configuration
 * (service/config.ts), opens PostgreSQL (its own state; migrated at start) and the calendar data, connects lazily to Temporal
 * (so it starts, and reports itself degraded, while Temporal is still coming up) and serves
 * the API. SIGINT/SIGTERM close the server and the connection.
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Client, Connection } from '@temporalio/client';
import type { Context } from 'hono';
import { join } from 'node:path';
import { migrateToLatest, openDatabase } from '../db/connect';
import { formatFileProblems, loadDefinitionRegistry } from '../definitions/process/node/definition-files';
import { connectionOptions } from '../worker/connection';
import { createApp } from './app';
import { DelegationStore } from './agents/store';
import { CalendarData } from './calendar-data';
import { clientAddressOf } from './auth/client-address';
import { LoginThrottle } from './auth/rate-limit';
import { TokenIssuer } from './auth/tokens';
import { parseServiceConfig, tokenSecret } from './config';
import { IdempotencyStore } from './idempotency';
import type { TDecisionResult } from '../workflows/decision-result';
import { MaterialStore } from './materials/store';
import { DocumentArchive } from '../activities/documents/archive';
import { backfillThresholdsFrom } from './audit/thresholds';
import { QuotaStore } from './quotas';
import { ProjectCodeRegister } from './projects/project-codes';
import { ParkRegister, ProviderDirectory } from '../db/intermediaries';
import { CreditRecordStore } from '../db/credit-records';
import { ProjectGateway } from './projects/gateway';
import { ReadModelStore } from '../db/read-model/store';
import { importUsersFile } from './users/provision';
import { UserDirectory } from './users/store';
import { EnterpriseDirectory } from './enterprises/store';
import { FollowUpCases } from './follow-up/cases';
import { FollowUpSweep, startFollowUpSweep } from './follow-up/sweep';
import { logEventLoopDelay } from './step-timing';

async function main(): Promise<void> {
  // Uploads, calendar files and the dev secret it writes are readable by the owner only.
  process.umask(0o077);
  const config = parseServiceConfig(process.env);
  // One pool for the service's state (users, throttle, idempotency, material records); the schema is brought up to date first.
  const db = openDatabase(config.DATABASE_URL, { applicationName: 'approvals-service' });
  await migrateToLatest(db);
  const imported = await importUsersFile(db, config.usersFile);
  if (imported !== undefined) console.log(`[service] imported ${imported} users from ${config.usersFile} into PostgreSQL (the file is no longer read)`);
  const users = new UserDirectory(db);
  const materials = new MaterialStore(db, join(config.APPROVALS_DATA_DIR, 'uploads'));
  await materials.importSidecars();
  // The built-ins plus the files of APPROVALS_DEFINITIONS_DIR (as the definitions CLI reads them).
  const definitions = loadDefinitionRegistry(process.env.APPROVALS_DEFINITIONS_DIR || undefined);
  if (definitions.problems.length > 0) throw new Error(`invalid process definitions:\n${formatFileProblems(definitions.problems)}`);
  const connection = Connection.lazy(connectionOptions(config.temporal));
  const client = new Client({ connection, namespace: config.temporal.TEMPORAL_NAMESPACE });
  const clientAddress = (c: Context) => clientAddressOf(getConnInfo(c).remote.address, c.req.header('x-forwarded-for'), config.APPROVALS_TRUSTED_PROXIES);

  const calendar = new CalendarData(config.APPROVALS_DATA_DIR);
  const idempotency = new IdempotencyStore<TDecisionResult>(db);
  const projects = new ProjectGateway(client, config.temporal.TEMPORAL_TASK_QUEUE, { workerStaleMs: config.APPROVALS_WORKER_STALE_SECONDS * 1000 });
  const app = createApp({
    users,
    enterprises: new EnterpriseDirectory(db),
    tokens: new TokenIssuer(tokenSecret(config), config.APPROVALS_TOKEN_TTL_SECONDS),
    definitions: definitions.registry,
    // The worker reads the same directory (npm start gives both the same APPROVALS_DATA_DIR).
    calendar,
    materials,
    throttle: new LoginThrottle(db),
    idempotency,
    quotas: new QuotaStore(db),
    projectCodes: new ProjectCodeRegister(db),
    credit: new CreditRecordStore(db),
    delegations: new DelegationStore(db),
    followUpDb: db,
    providers: new ProviderDirectory(db),
    parks: new ParkRegister(db),
    projects,
    readModel: new ReadModelStore(db),
    documents: new DocumentArchive(db),
    backfillThresholds: backfillThresholdsFrom(process.env),
    clientAddress,
    serverTiming: config.APPROVALS_SERVER_TIMING === '1',
  });
  const stopLoopLog = config.APPROVALS_SERVER_TIMING === '1' ? logEventLoopDelay((line) => console.error(line)) : () => undefined;
  // Reminders and cards of follow-up cases, and the cases of ratings answered 202, without a page load.
  const cases = new FollowUpCases(
    db,
    () => calendar.calendar(),
    () => new Date(),
  );
  const stopSweep = startFollowUpSweep(new FollowUpSweep({ db, cases, projects }), (line) => console.log(line));
  const userCount = await users.count();
  const server = serve({ fetch: app.fetch, port: config.APPROVALS_HTTP_PORT, hostname: config.APPROVALS_HTTP_HOST }, (info) => {
    console.log(`[service] API on http://${config.APPROVALS_HTTP_HOST}:${info.port}/api (OpenAPI: /api/openapi.json); ${userCount} users`);
  });
  const stop = () => {
    stopSweep();
    stopLoopLog();
    // Answers already given are recorded before the pool closes.
    server.close(() => void Promise.allSettled([connection.close(), idempotency.recorded().then(() => db.destroy())]).finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`[service] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
