/**
 * A stricter rule shipped while projects run: new decisions meet it (the update validator), and
 * decisions already in history are applied as they were accepted — the handler does not judge
 * them again on replay, so running projects neither fail nor change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import webpack from 'webpack';
import { DecisionError, decide, decideAndView, startProject } from '../../client/projects';
import { PRELOAD_MODULES, WORKFLOWS_PATH } from '../../worker/create-worker';
import { actors, smallProjectInput } from '../fixtures/small-spec';
import { withTimeSkippingServer } from '../helpers/time-skipping';
import { testWorker } from '../helpers/worker';

const workflowsDir = join(__dirname, '..', '..', 'workflows');
const stricter = join(__dirname, 'fixtures', 'stricter-commands.ts');
const noop = () => undefined;

/** The workflow code with the stricter command schema in place of today's (for the workflow's decision handlers, workflows/project/decisions.ts). */
let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
function stricterBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    preloadModules: PRELOAD_MODULES,
    logger: { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop },
    webpackConfigHook: (config) => ({
      ...config,
      plugins: [
        ...(config.plugins ?? []),
        new webpack.NormalModuleReplacementPlugin(/[\\/]model[\\/]commands$/, (resource: { context: string; request: string }) => {
          if (resource.context === join(workflowsDir, 'project')) resource.request = stricter;
        }),
      ],
    }),
  });
  return bundle;
}

test("a recorded project whose decisions today's stricter rule would refuse still replays", async () => {
  // detours-complete asks for a correction with the reason "红线不清" (4 characters) and more like it.
  const history = JSON.parse(readFileSync(join(__dirname, '..', 'histories', 'detours-complete.json'), 'utf8'));
  const payloads: string[] = [];
  JSON.stringify(history, (key, value: unknown) => {
    if (key === 'data' && typeof value === 'string') payloads.push(Buffer.from(value, 'base64').toString('utf8'));
    return value;
  });
  expect(payloads.some((p) => p.includes('"reason":"红线不清"'))).toBe(true);
  const results = Worker.runReplayHistories({ workflowBundle: await stricterBundle() }, [{ workflowId: 'detours-complete', history }]);
  for await (const result of results) expect(result.error).toBeUndefined();
});

test('the stricter rule applies to every new decision', async () => {
  await withTimeSkippingServer(async (env) => {
    const { worker, taskQueue } = await testWorker(env, undefined, undefined, undefined, { workflowBundle: await stricterBundle() });
    await worker.runUntil(async () => {
      const input = smallProjectInput('strict', '规则收紧');
      const projectId = input.projectId;
      await startProject(env.client, taskQueue, input);
      await decide(env.client, projectId, actors.enterprise, {
        type: 'submitApplication',
        stageId: 'preparation',
        form: { projectName: 'X' },
        materials: ['site-plan', 'bank-letter', 'eia-report', 'public-notice-proof'],
      });
      await decide(env.client, projectId, actors.coordinator, { type: 'decideIntake', stageId: 'preparation', decision: 'accept' });
      await expect(
        decide(env.client, projectId, actors.planning, { type: 'requestCorrection', itemId: 'land-planning', materials: ['site-plan'], reason: '红线不清' }),
      ).rejects.toThrow(new DecisionError('command: reason: a reason of at least 10 characters is required'));
      const view = await decideAndView(env.client, projectId, actors.planning, {
        type: 'requestCorrection',
        itemId: 'land-planning',
        materials: ['site-plan'],
        reason: '用地红线与规划条件不一致，请补正',
      });
      expect(view.reviews.find((r) => r.itemId === 'land-planning')!.status).toBe('correction');
    });
  });
});
