/**
 * One service stack for a whole integration test file: a worker on the dev server that
 * global-setup started, the Hono app on a gateway to it, users of every role in a PostgreSQL
 * database of the stack's own (with the throttle, idempotency and material records), a fresh calendar
 * data directory that the app and the worker's `currentCalendar` activity both read (as
 * `npm start` gives both the same APPROVALS_DATA_DIR), and (on request) the app listening on a
 * loopback port for tools outside the process (schemathesis).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { currentCalendarSnapshot } from '../../definitions/calendar/node/store';
import { ReadModelStore } from '../../db/read-model/store';
import { DocumentArchive } from '../../activities/documents/archive';
import type { createApp } from '../../service/app';
import { CalendarData } from '../../service/calendar-data';
import { MaterialStore } from '../../service/materials/store';
import { TokenIssuer } from '../../service/auth/tokens';
import { ProjectGateway } from '../../service/projects/gateway';
import type { TPublicUser } from '../../service/users/store';
import { connectToDevServer } from './dev-server';
import { TEST_SECRET, login, stateApp, testServiceState } from './service';
import { testWorker } from './worker';

export interface ServiceStack {
  env: TestWorkflowEnvironment;
  /** Where the worker publishes and the app reads lists (the stack's own database). */
  readModel: ReadModelStore;
  /** The app's door to the workflows. */
  gateway: ProjectGateway;
  /** The stack's database (users, read model, …). */
  databaseUrl: string;
  app: ReturnType<typeof createApp>;
  tokens: TokenIssuer;
  /** The calendar data directory (removed by `stop`). */
  dataDir: string;
  /** A bearer token per username (logged in through the API). */
  token: (username: string) => Promise<string>;
  /** Where the app listens, when started with `listen: true`. */
  baseUrl?: string;
  /** Every request that came in over that port, with the status it was answered with. */
  exchanges: { method: string; path: string; status: number }[];
  stop: () => Promise<void>;
}

export async function startServiceStack(users: TPublicUser[], opts: { listen?: boolean } = {}): Promise<ServiceStack> {
  const env = await connectToDevServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'approvals-data-'));
  const state = await testServiceState(users);
  // The worker publishes each project's rows where the app's lists read them, as in production.
  const readModel = new ReadModelStore(state.db);
  // The worker stores each act's legal document where the app's document routes read it.
  const documents = new DocumentArchive(state.db);
  const { worker, taskQueue } = await testWorker(env, undefined, () => currentCalendarSnapshot(dataDir), readModel, { documents });
  const gateway = new ProjectGateway(env.client, taskQueue);
  const running = worker.run();
  const tokens = new TokenIssuer(TEST_SECRET, 3600);
  const app = stateApp(state, {
    tokens,
    calendar: new CalendarData(dataDir),
    materials: new MaterialStore(state.db, join(dataDir, 'uploads')),
    projects: gateway,
    readModel,
    documents,
    webRoot: false,
  });
  const cache: Record<string, Promise<string>> = {};
  const token = (username: string) => (cache[username] ??= login(app, username));

  let server: ReturnType<typeof serve> | undefined;
  let baseUrl: string | undefined;
  const exchanges: ServiceStack['exchanges'] = [];
  if (opts.listen) {
    const fetch = async (request: Request) => {
      const response = await app.fetch(request);
      exchanges.push({ method: request.method, path: new URL(request.url).pathname, status: response.status });
      return response;
    };
    server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  return {
    env,
    readModel,
    gateway,
    databaseUrl: state.url,
    app,
    tokens,
    dataDir,
    token,
    baseUrl,
    exchanges,
    stop: async () => {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      worker.shutdown();
      await running;
      await env.teardown();
      await state.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
