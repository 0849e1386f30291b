/**
 * Worker configuration from the environment, parsed with zod at start-up so a typo fails
 * loudly before the worker connects. The same worker serves the embedded dev server
 * (the defaults) or a production cluster (address, namespace, TLS or API key).
 */
import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '../workflows/shared';

const optionalPath = z.string().min(1).optional();

export const ZWorkerConfig = z
  .object({
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port, e.g. localhost:7233')
      .default('localhost:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
    /** mTLS client certificate and key (PEM files), e.g. for a self-hosted cluster. */
    TEMPORAL_TLS_CERT_PATH: optionalPath,
    TEMPORAL_TLS_KEY_PATH: optionalPath,
    /** CA bundle for servers with a private CA. */
    TEMPORAL_TLS_CA_PATH: optionalPath,
    TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
    /** Turn TLS on without client certificates (e.g. Temporal Cloud with an API key). */
    TEMPORAL_TLS: z.enum(['true', 'false']).optional(),
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    /** Where the worker reads the calendar data (notices and overrides loaded by coordinators). */
    APPROVALS_DATA_DIR: z.string().min(1).default('data'),
    /** The outbox (notifications, results handed to supervision): `postgres://user:password@host:port/database`. */
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'a postgres:// URL, e.g. postgres://approvals:secret@localhost:5432/approvals'),
    /**
     * How many project workflows the worker keeps in memory (sticky cache). The SDK's default
     * grows with the heap limit (≈2,300 on a 4 GB heap), so with thousands of open projects the
     * worker would keep growing towards the heap limit. A cached project costs about 0.3 MB of
     * RSS since the engine's modules are shared (workflows/preload.ts; 1.85 MB before), so
     * 1,000 bounds it to about 300 MB: far more than the projects in flight at once (a project
     * sees a decision every few days), and a project outside the cache costs one replay of its
     * short history on its next task. 0 turns the cache off. (bench/scale.ts measures the RSS.)
     */
    APPROVALS_WORKER_MAX_CACHED_WORKFLOWS: z
      .string()
      .regex(/^\d{1,6}$/, 'a whole number of workflows, e.g. 1000 (0: no cache)')
      .transform(Number)
      .default(1000),
    /**
     * Workflow threads (the SDK's `workflowThreadPoolSize`). Each thread has its own heap and its
     * own garbage collector, and holds its share of the cached projects (the SDK places a workflow
     * on the thread with the fewest), so the cache's heap is split and a full GC of one thread
     * walks only its share: with thousands of open projects that is what bounds the longest pause
     * (issue 12: 10,000 open projects in one thread's 1.5 GB heap paused it 2.8 s). Each thread
     * loads the engine's modules once (workflows/preload.ts, a few MB). Unset, one thread per
     * PROJECTS_PER_THREAD cached projects: 1 for the default cache of 1,000 (the SDK's own default
     * with its reused V8 context), 4 for a worker sized for 10,000.
     */
    APPROVALS_WORKER_WORKFLOW_THREADS: z
      .string()
      .regex(/^([1-9]|1[0-6])$/, 'a whole number of threads from 1 to 16, e.g. 2')
      .transform(Number)
      .optional(),
  })
  .refine((c) => Boolean(c.TEMPORAL_TLS_CERT_PATH) === Boolean(c.TEMPORAL_TLS_KEY_PATH), {
    message: 'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be given together',
    path: ['TEMPORAL_TLS_KEY_PATH'],
  })
  .transform((c) => ({ ...c, APPROVALS_WORKER_WORKFLOW_THREADS: c.APPROVALS_WORKER_WORKFLOW_THREADS ?? threadsFor(c.APPROVALS_WORKER_MAX_CACHED_WORKFLOWS) }));
export type TWorkerConfig = z.infer<typeof ZWorkerConfig>;

/**
 * Cached projects per workflow thread when the thread count is not set. Below about 3,000 projects
 * (≈ 450 MiB of one thread's heap) no GC pause passed 200 ms in any run; 4 threads × 2,500 held
 * 10,000 open projects with none over 100 ms; 1 thread × 8,000 paused 435 ms (BENCHMARKS.md, issue 12).
 */
export const PROJECTS_PER_THREAD = 3000;
const threadsFor = (cached: number) => Math.min(16, Math.max(1, Math.ceil(cached / PROJECTS_PER_THREAD)));

/** Parses the environment; throws an Error listing every bad variable. */
export function parseWorkerConfig(env: NodeJS.ProcessEnv): TWorkerConfig {
  const parsed = ZWorkerConfig.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid worker configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
