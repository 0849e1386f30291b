/**
 * Statechart snapshots as the engine keeps them in workflow state: plain `{value, context}`
 * JSON, resolved against the machine for every step, so the state survives continue-as-new and
 * replays unchanged. Their types come from the machines (`StateValueFrom`, `ContextFrom`).
 */
import { type AnyStateMachine, type ContextFrom, type EventFromLogic, type InputFrom, type StateValueFrom, initialTransition, transition } from 'xstate';

export interface Persisted<M extends AnyStateMachine> {
  value: StateValueFrom<M>;
  context: ContextFrom<M>;
}

interface Resolved {
  value: unknown;
  context: unknown;
  can(event: unknown): boolean;
}

const resolve = (machine: AnyStateMachine, persisted: Persisted<AnyStateMachine>) => machine.resolveState(persisted as never) as unknown as Resolved;
const persist = <M extends AnyStateMachine>(snapshot: { value: unknown; context: unknown }): Persisted<M> =>
  ({ value: snapshot.value, context: snapshot.context }) as Persisted<M>;

/** The next snapshot after `event`, or null when the machine does not take it in this state. */
export function step<M extends AnyStateMachine>(machine: M, persisted: Persisted<M>, event: EventFromLogic<M>): Persisted<M> | null {
  const snapshot = resolve(machine, persisted);
  if (!snapshot.can(event)) return null;
  const [next] = transition(machine, snapshot as never, event);
  return persist<M>(next as unknown as Resolved);
}

export function can<M extends AnyStateMachine>(machine: M, persisted: Persisted<M>, event: EventFromLogic<M>): boolean {
  return resolve(machine, persisted).can(event);
}

export function start<M extends AnyStateMachine>(machine: M, input: InputFrom<M>): Persisted<M> {
  const [snapshot] = initialTransition(machine, input);
  return persist<M>(snapshot as unknown as Resolved);
}

/** A snapshot resolved once and asked several events: what the allowed actions ask of each statechart. */
export function asker<M extends AnyStateMachine>(machine: M, persisted: Persisted<M>): (event: EventFromLogic<M>) => boolean {
  const snapshot = resolve(machine, persisted);
  return (event) => snapshot.can(event);
}
