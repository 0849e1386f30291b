/**
 * Records full-project histories into tests/histories/*.json (`npm run record-histories`).
 * The suite replays them (tests/workflow/replay.test.ts): a change to workflow code that
 * would break projects already running fails CI. Re-record only on purpose, and keep the
 * old files — they are the running projects.
 */
import { writeFileSync } from 'node:fs';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { join } from 'node:path';
import { actorsFor, registerDefaultProject } from '../helpers/projects';
import { createTimeSkippingEnv } from '../helpers/servers';
import { testWorker } from '../helpers/worker';
import { driveProject } from '../../client/scenario';
import { projectWorkflowId } from '../../workflows/messages';

async function main(): Promise<void> {
  const env = await createTimeSkippingEnv();
  try {
    const { worker, taskQueue } = await testWorker(env);
    await worker.runUntil(async () => {
      for (const scenario of ['default-project-complete'] as const) {
        const { projectId, definition } = await registerDefaultProject(env.client, taskQueue, { projectId: `replay-${scenario}` });
        await driveProject(env.client, projectId, actorsFor(definition), { rate: true, pause: () => env.sleep('1 day') });
        const handle = env.client.workflow.getHandle(projectWorkflowId(projectId));
        await handle.result();
        const history = await handle.fetchHistory();
        const file = join(__dirname, `${scenario}.json`);
        writeFileSync(file, historyToJSON(history));
        console.log(`[record] ${scenario}: ${history.events?.length ?? 0} events → ${file}`);
      }
    });
  } finally {
    await env.teardown();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
