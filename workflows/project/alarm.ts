/**
 * The project's one durable timer, set for the next instant at which time changes something
 * (patch city-load). A decision that leaves that instant where it was keeps the timer, instead
 * of cancelling it and starting the same one again: two history events less per decision.
 */
import { CancellationScope, sleep } from '@temporalio/workflow';
import { nowMs } from './time';

export class Alarm {
  private current: { at: string; scope: CancellationScope; rang: boolean } | undefined;

  /**
   * Rings at `at` (at least a second from now); undefined: no timer. With `keepEarlier` (patch
   * history-200) a timer still pending for an earlier instant stays: it may ring early once and the
   * workflow then sets the right one, but most moves are later (a review done, its deadline gone)
   * and each kept timer saves a cancellation and a start in history.
   */
  set(at: string | undefined, keepEarlier = false): void {
    if (this.current?.at === at && !this.current?.rang) return;
    if (keepEarlier && at !== undefined && this.current && !this.current.rang && Date.parse(this.current.at) < Date.parse(at)) return;
    if (this.current && !this.current.rang) this.current.scope.cancel();
    this.current = undefined;
    if (at === undefined) return;
    const scope = new CancellationScope({ cancellable: true });
    const timer = { at, scope, rang: false };
    scope
      .run(() => sleep(Math.max(1000, Date.parse(at) - nowMs())))
      .then(
        () => (timer.rang = true),
        () => undefined, // cancelled: a newer instant took its place
      );
    this.current = timer;
  }

  /** The timer rang since it was set (the next `set` starts a new one). */
  rang(): boolean {
    return this.current?.rang === true;
  }
}
