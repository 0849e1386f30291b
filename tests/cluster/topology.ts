/**
 * What the cluster layer's global setup hands to its tests (through the environment, since
 * global setup and tests do not share module state): where the replicas listen, the PIDs of
 * workers and replicas (to kill) and how to start them again, and the accounts with their passwords.
 */
import { z } from 'zod';

export const CLUSTER_ENV = 'APPROVALS_TEST_CLUSTER';

/** How to start a process again (the same command and environment). */
const ZSpec = z.object({ name: z.string(), command: z.string(), args: z.array(z.string()), env: z.record(z.string(), z.string()) });

export const ZTestCluster = z.object({
  baseUrls: z.array(z.string()),
  temporalAddress: z.string(),
  workers: z.array(z.object({ name: z.string(), pid: z.number(), spec: ZSpec })),
  services: z.array(z.object({ name: z.string(), pid: z.number(), baseUrl: z.string(), port: z.number(), spec: ZSpec })),
  /** username → password */
  accounts: z.record(z.string(), z.string()),
  enterpriseId: z.string(),
  logFile: z.string(),
  startedInMs: z.number(),
});
export type TTestCluster = z.infer<typeof ZTestCluster>;

export function testCluster(): TTestCluster {
  const raw = process.env[CLUSTER_ENV];
  if (!raw) throw new Error(`${CLUSTER_ENV} is not set: run through jest --selectProjects cluster (its global setup starts the cluster)`);
  return ZTestCluster.parse(JSON.parse(raw));
}
