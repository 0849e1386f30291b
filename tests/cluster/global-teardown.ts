/** Stops what global-setup.ts started (newest first, each by its PID) and removes its directory (kept with APPROVALS_KEEP_CLUSTER_DIR=true). */
import { rmSync, type WriteStream } from 'node:fs';
import type { ProcessGroup } from '../../scripts/cluster/processes';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __cluster?: { group: ProcessGroup; dir: string; log: WriteStream } }).__cluster;
  if (!state) return;
  await state.group.stopAll();
  state.log.end();
  if (process.env.APPROVALS_KEEP_CLUSTER_DIR === 'true') return void console.log(`[cluster] kept ${state.dir} (its log: cluster.log)`);
  rmSync(state.dir, { recursive: true, force: true });
}
