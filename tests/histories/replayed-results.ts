/**
 * Workflow interceptors for the replay test: they report what the workflow code of today
 * returns, on replay, from each update handler and from the workflow itself, so the test can
 * compare it with what the recorded history says the running project answered at the time.
 * Runs in the workflow sandbox: imports nothing but @temporalio/workflow.
 */
import { proxySinks, type Sinks, type WorkflowInterceptorsFactory } from '@temporalio/workflow';

/** Values travel as JSON text, as the default payload converter would write them (undefined stays undefined). */
export interface ReplayedResultSinks extends Sinks {
  replayed: {
    update(updateId: string, name: string, outcome: { json: string | undefined } | { failure: string }): void;
    result(json: string | undefined): void;
  };
}

const { replayed } = proxySinks<ReplayedResultSinks>();

// Each hook hands back the very promise the workflow's own handler returned: one more `await`
// here would complete an update a microtask later, after a command the main loop issues
// meanwhile (a notification's activity), and the replay would no longer match the history.
export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      handleUpdate(input, next) {
        const handled = next(input);
        handled.then(
          (result) => replayed.update(input.updateId, input.name, { json: JSON.stringify(result) }),
          (err: unknown) => replayed.update(input.updateId, input.name, { failure: err instanceof Error ? err.message : String(err) }),
        );
        return handled;
      },
      execute(input, next) {
        const ran = next(input);
        // A run that continues as new rejects here and reports nothing: its history has no result either.
        ran.then(
          (result) => replayed.result(JSON.stringify(result)),
          () => undefined,
        );
        return ran;
      },
    },
  ],
});
