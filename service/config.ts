/**
 * Service configuration from the environment, parsed with zod at start-up (a bad value stops
 * the service naming the variable). Temporal's connection uses the worker's variables
 * (worker/config.ts: TEMPORAL_ADDRESS, namespace, task queue, TLS, API key).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { parseWorkerConfig, type TWorkerConfig } from '../worker/config';
import { parseTrustedProxies } from './auth/client-address';

export const ZServiceConfig = z.object({
  APPROVALS_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** 127.0.0.1 on a developer's machine; 0.0.0.0 behind a reverse proxy in production. */
  APPROVALS_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  APPROVALS_DATA_DIR: z.string().min(1).default('data'),
  /** The service's own state (users, login throttle, idempotency records, material records): `postgres://user:password@host:port/database`. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'a postgres:// URL, e.g. postgres://approvals:secret@localhost:5432/approvals'),
  /** A user directory file from before PostgreSQL (default `<data>/users.json`): imported once while the users table is empty. */
  APPROVALS_USERS_FILE: z.string().min(1).optional(),
  /** HS256 signing secret, at least 32 characters; without it a random one is kept in `<data>/jwt-secret`. */
  APPROVALS_JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  APPROVALS_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(8 * 3600),
  /** A worker whose newest poll is older than this is down (health); above Temporal's long poll, 1 min unless configured (npm start: 5 s and 15). */
  APPROVALS_WORKER_STALE_SECONDS: z.coerce.number().int().min(1).max(600).default(70),
  /**
   * The reverse proxies whose X-Forwarded-For is believed, comma-separated IP addresses
   * (e.g. `127.0.0.1,10.0.0.5`); empty: none, the socket's peer is the client.
   */
  APPROVALS_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((list, ctx) => {
      try {
        return parseTrustedProxies(list);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `comma-separated IP addresses: ${(err as Error).message}` });
        return z.NEVER;
      }
    }),
  /** Replaced by APPROVALS_TRUSTED_PROXIES: "true" cannot say which peer may set the header. */
  APPROVALS_TRUST_PROXY: z
    .string()
    .optional()
    .refine((v) => v === undefined, 'replaced by APPROVALS_TRUSTED_PROXIES, the comma-separated addresses of the proxies (e.g. 127.0.0.1)'),
  /** `1`: answers carry a Server-Timing header of their steps (service/step-timing.ts), and the event loop's delay is logged; for benchmarks. */
  APPROVALS_SERVER_TIMING: z.enum(['0', '1']).default('0'),
  /** `production` refuses to start without APPROVALS_JWT_SECRET. */
  NODE_ENV: z.string().optional(),
});

export type TServiceConfig = z.infer<typeof ZServiceConfig> & { usersFile: string; temporal: TWorkerConfig };

/** @throws Error listing every bad variable */
export function parseServiceConfig(env: NodeJS.ProcessEnv): TServiceConfig {
  const parsed = ZServiceConfig.safeParse(env);
  if (!parsed.success) throw new Error(`invalid service configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && !c.APPROVALS_JWT_SECRET) throw new Error('invalid service configuration:\n  APPROVALS_JWT_SECRET: required in production');
  return { ...c, usersFile: c.APPROVALS_USERS_FILE ?? join(c.APPROVALS_DATA_DIR, 'users.json'), temporal: parseWorkerConfig(env) };
}

/** The configured secret, or the development one kept (mode 0600) under the data directory. */
export function tokenSecret(config: TServiceConfig): string {
  if (config.APPROVALS_JWT_SECRET) return config.APPROVALS_JWT_SECRET;
  const file = join(config.APPROVALS_DATA_DIR, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return readFileSync(file, 'utf8').trim();
}
