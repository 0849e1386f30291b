/**
 * Statechart snapshots as the engine keeps them in workflow state: plain `{value, context}`
 * JSON, resolved against the machine for every step, so the state survives continue-as-new and
 * replays unchanged.
 */
import { type AnyStateMachine, type SnapshotFrom, initialTransition, transition } from 'xstate';

export interface Persisted<C> {
  value: string;
  context: C;
}

/** The next snapshot after `event`, or null when the machine does not take it in this state. */
export function step<M extends AnyStateMachine>(machine: M, persisted: Persisted<unknown>, event: unknown): Persisted<never> | null {
  const snapshot = machine.resolveState(persisted as never) as SnapshotFrom<M>;
  if (!(snapshot as { can(e: unknown): boolean }).can(event)) return null;
  const [next] = transition(machine, snapshot, event as never);
  const n = next as unknown as { value: string; context: unknown };
  return { value: n.value, context: n.context } as Persisted<never>;
}

export function can<M extends AnyStateMachine>(machine: M, persisted: Persisted<unknown>, event: unknown): boolean {
  const snapshot = machine.resolveState(persisted as never) as unknown as { can(e: unknown): boolean };
  return snapshot.can(event);
}

export function start<M extends AnyStateMachine>(machine: M, input: unknown): Persisted<never> {
  const [snap] = initialTransition(machine, input as never);
  const s = snap as unknown as { value: string; context: unknown };
  return { value: s.value, context: s.context } as Persisted<never>;
}
