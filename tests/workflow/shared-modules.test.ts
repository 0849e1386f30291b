/**
 * A cached project costs the worker its own state and the workflow bodies, not another copy of
 * the engine (issue 12): the engine's modules load once per workflow thread and are shared by
 * its workflows (workflows/preload.ts). Checked in the SDK's reusable V8 context as a workflow
 * thread builds it, loading the workflows as each new workflow does: into a module cache of its
 * own (node_modules/@temporalio/worker/lib/workflow/reusable-vm.js).
 */
import { runInContext, type Context } from 'node:vm';
import { ReusableVMWorkflowCreator } from '@temporalio/worker/lib/workflow/reusable-vm';
import { workflowBundle } from '../helpers/worker';

/** What each workflow may evaluate for itself: the workflow bodies and the SDK's workflow API. */
const PER_WORKFLOW =
  /^(\.\/workflows\/(index|project|countersign|messages|shared|search-attributes)\.ts|\.\/workflows\/project\/[a-z-]+\.ts|.*node_modules\/@temporalio\/workflow\/.*)$/;

test('a cached workflow evaluates only the workflow bodies; the engine, its schemas, statecharts and calendar are shared', async () => {
  const bundle = await workflowBundle();
  // The bundle's source map is only read for stack traces.
  const creator = await ReusableVMWorkflowCreator.create(
    { ...bundle, filename: 'workflow-bundle.js', sourceMap: { version: 3, file: 'workflow-bundle.js', sources: [], names: [], mappings: '' } },
    10_000,
    new Set(),
  );
  const context = (creator as unknown as { context: Context & { __TEMPORAL_ACTIVATOR__?: unknown } }).context;
  const loadWorkflows = () => {
    const moduleCache = new Map<string, unknown>();
    context.__TEMPORAL_ACTIVATOR__ = { moduleCache };
    try {
      runInContext('__TEMPORAL__.importWorkflows()', context);
    } finally {
      delete context.__TEMPORAL_ACTIVATOR__;
    }
    return [...moduleCache.keys()];
  };
  try {
    const first = loadWorkflows();
    expect(first).toContain('./workflows/project.ts');
    expect(first.filter((id) => !PER_WORKFLOW.test(id))).toEqual([]);
    expect(loadWorkflows()).toEqual(first);
    // The engine was loaded once, before any workflow, and is there for every one of them.
    const shared = (id: string) => (context as unknown as { __webpack_module_cache__: Record<string, unknown> }).__webpack_module_cache__[id] !== undefined;
    expect(
      ['./workflows/engine/project-engine.ts', './workflows/model/commands.ts', './definitions/calendar/working-calendar.ts'].filter((id) => !shared(id)),
    ).toEqual([]);
  } finally {
    await creator.destroy();
  }
});
