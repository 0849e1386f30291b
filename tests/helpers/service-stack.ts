/**
 * One service stack for a whole integration test file: a worker on the dev server that
 * global-setup started, the Hono app on a gateway to it, users of every role, and (on request)
 * the app listening on a loopback port for tools outside the process (schemathesis).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { defaultCalendar } from '../../definitions/calendar/official';
import { builtinRegistry } from '../../definitions/process';
import { createApp } from '../../service/app';
import { TokenIssuer } from '../../service/auth/tokens';
import { ProjectGateway } from '../../service/projects/gateway';
import { hashPassword } from '../../service/users/passwords';
import { type TUser, UserStore } from '../../service/users/store';
import { connectToDevServer } from './dev-server';
import { PASSWORD, TEST_COST, TEST_SECRET, login } from './service';
import { testWorker } from './worker';

export interface ServiceStack {
  env: TestWorkflowEnvironment;
  app: ReturnType<typeof createApp>;
  tokens: TokenIssuer;
  /** A bearer token per username (logged in through the API). */
  token: (username: string) => Promise<string>;
  /** Where the app listens, when started with `listen: true`. */
  baseUrl?: string;
  /** Every request that came in over that port, with the status it was answered with. */
  exchanges: { method: string; path: string; status: number }[];
  stop: () => Promise<void>;
}

export async function startServiceStack(users: Omit<TUser, 'passwordHash'>[], opts: { listen?: boolean } = {}): Promise<ServiceStack> {
  const env = await connectToDevServer();
  const { worker, taskQueue } = await testWorker(env);
  const running = worker.run();
  const hash = await hashPassword(PASSWORD, TEST_COST);
  const tokens = new TokenIssuer(TEST_SECRET, 3600);
  const app = createApp({
    users: new UserStore(users.map((u) => ({ ...u, passwordHash: hash }))),
    tokens,
    definitions: builtinRegistry(),
    calendar: defaultCalendar,
    projects: new ProjectGateway(env.client, taskQueue),
    logError: (e) => console.error('[service]', e),
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
    app,
    tokens,
    token,
    baseUrl,
    exchanges,
    stop: async () => {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}
