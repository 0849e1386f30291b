/**
 * Replays recorded histories of whole projects with the current workflow code: a change that
 * would make running projects non-deterministic fails here, before it reaches them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../helpers/worker';

const dir = join(__dirname, '..', 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

test('there are recorded histories to replay', () => {
  expect(files.length).toBeGreaterThan(0);
});

test.each(files)('%s replays without non-determinism', async (file) => {
  const history = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const results = Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, [{ workflowId: file, history }]);
  for await (const result of results) {
    expect(result.error).toBeUndefined();
  }
});
