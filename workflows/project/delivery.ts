/**
 * How a project's side effects leave the workflow: notifications and hand-overs the engine
 * queued, and the read-model rows. Three generations live side by side, because recorded
 * histories replay with the one they were recorded with:
 * - before patch durable-effects: each effect awaited in turn on the deadline path (`flushInTurn`);
 * - durable-effects: each effect its own activity, not awaited, dead-lettered after its attempts (`deliverEach`);
 * - city-load (issue 12): one local activity per wake carries the rows and every queued effect
 *   (`deliverWake`). A local activity is recorded as one marker in the workflow task that ran it,
 *   not three events and a further workflow task per effect; it runs again if the worker dies
 *   before the task completes, so delivery stays at least once. Should it fail its few quick
 *   attempts (a database outage), the same effects go the durable-effects way.
 * Legal documents (issue 14) travel only with the city-load batch: a project of an older
 * generation drops them, so its recorded history replays unchanged. When a batch falls back,
 * its documents go as their own activity behind patch `documents` (a history recorded before
 * it dropped them there too).
 */
import { ActivityFailure, log, patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { TEffect } from '../engine/effects';
import type { TReadModelRows } from '../read-model/rows';
import { nowIso } from './time';

// Before patch durable-effects: awaited one by one on the deadline path, retried without end.
const { recordNotification, handOverResult } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
// Since durable-effects: started without awaiting, 10 attempts over about 6 minutes, then the
// dead-letter list. A repeated key is a no-op in the outbox, so a retry never delivers twice.
const delivery = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 10 },
});
// The dead-letter list is retried until the database takes it; never on the deadline path either.
const { recordUndelivered } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
// Retried until the database takes it; never awaited on the deadline path.
const { publishProjectRows } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});
// A wake's batch: quick attempts only, since the workflow task waits for a local activity; what
// does not get through in a few seconds goes the durable way above.
const { publishWake } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '5 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumAttempts: 3 },
});

const failure = (err: unknown) => (err instanceof ActivityFailure && err.cause ? err.cause.message : err instanceof Error ? err.message : String(err));

/** A notify effect as the notification outbox takes it. */
const notificationOf = (e: Extract<TEffect, { kind: 'notify' }>) => ({ key: e.key, audience: e.audience, recipient: e.recipient, message: e.message });
/** A credit-record effect (告知承诺) as its activity takes it. Only projects that use promises make one, so no recorded history carries it. */
const creditRecordOf = (e: Extract<TEffect, { kind: 'creditRecord' }>) => ({ key: e.key, ...e.record });

export class Delivery {
  /** Effects queued and not yet delivered (or dead-lettered); carried across continue-as-new. */
  readonly outbox: TEffect[];
  private readonly sending = new Map<string, Promise<void>>();
  private readonly publishing = new Set<Promise<unknown>>();

  constructor(
    private readonly projectId: () => string,
    carried: TEffect[] = [],
    /** Whether this project's generation delivers documents (city-load); older ones drop them. */
    private readonly carriesDocuments = false,
  ) {
    this.outbox = [...carried];
  }

  /** Before durable-effects: each queued effect in turn, awaited. */
  async flushInTurn(): Promise<void> {
    while (this.outbox.length > 0) {
      const effect = this.outbox[0]!;
      if (effect.kind === 'notify') {
        await recordNotification(notificationOf(effect));
      } else if (effect.kind === 'handover') {
        await handOverResult(effect);
      } else if (effect.kind === 'creditRecord') {
        await delivery.writeCreditRecord(creditRecordOf(effect));
      }
      this.outbox.shift();
    }
  }

  /**
   * durable-effects: each queued effect goes to its activity at once and is not awaited, so a
   * slow or broken channel never holds back a timer or a decision. Delivered, or after its last
   * attempt dead-lettered, it leaves the queue.
   */
  deliverEach(): void {
    for (const effect of [...this.outbox]) {
      if (this.sending.has(effect.key)) continue;
      if (effect.kind === 'document' && !(this.carriesDocuments && patched('documents'))) {
        this.dequeue(effect);
        continue;
      }
      const sent: Promise<unknown> =
        effect.kind === 'notify'
          ? delivery.recordNotification(notificationOf(effect))
          : effect.kind === 'handover'
            ? delivery.handOverResult({ key: effect.key, result: effect.result })
            : effect.kind === 'creditRecord'
              ? delivery.writeCreditRecord(creditRecordOf(effect))
              : delivery.issueDocument(effect.document);
      const settled = sent
        .then(
          () => undefined,
          (err: unknown) => this.deadLetter(effect, err),
        )
        .finally(() => {
          this.sending.delete(effect.key);
          this.dequeue(effect);
        });
      this.sending.set(effect.key, settled);
    }
  }

  /** Rows one by one (read-model patch, and the wake batch's fallback): not awaited; rows carry their seq, so writes finishing out of order leave the newest. */
  publishRows(rows: TReadModelRows): void {
    const write: Promise<unknown> = publishProjectRows(rows)
      .catch((err: unknown) => log.error('read-model rows not published', { seq: rows.seq, error: String(err) }))
      .finally(() => this.publishing.delete(write));
    this.publishing.add(write);
  }

  /** city-load: the wake's rows (when they changed) and every effect not already on its way, in one local activity. */
  deliverWake(rows: TReadModelRows | undefined): void {
    const effects = this.outbox.filter((e) => !this.sending.has(e.key));
    if (rows === undefined && effects.length === 0) return;
    const notifications = effects.flatMap((e) => (e.kind === 'notify' ? [notificationOf(e)] : []));
    const handovers = effects.flatMap((e) => (e.kind === 'handover' ? [{ key: e.key, result: e.result }] : []));
    const documents = effects.flatMap((e) => (e.kind === 'document' ? [e.document] : []));
    const creditRecords = effects.flatMap((e) => (e.kind === 'creditRecord' ? [creditRecordOf(e)] : []));
    const batch: Promise<void> = publishWake({
      ...(rows ? { rows } : {}),
      notifications,
      handovers,
      ...(documents.length > 0 ? { documents } : {}),
      ...(creditRecords.length > 0 ? { creditRecords } : {}),
    }).then(
      () => {
        for (const e of effects) this.dequeue(e);
      },
      (err: unknown) => {
        log.warn('wake batch not delivered: falling back to one activity each', { error: failure(err), effects: effects.length });
        if (rows) this.publishRows(rows);
        for (const e of effects) this.sending.delete(e.key);
        this.deliverEach();
      },
    );
    const settled = batch.finally(() => {
      this.publishing.delete(settled);
      for (const e of effects) if (this.sending.get(e.key) === settled) this.sending.delete(e.key);
    });
    this.publishing.add(settled);
    for (const e of effects) this.sending.set(e.key, settled);
  }

  /** Every effect on its way has been delivered or dead-lettered (also those queued meanwhile). */
  async delivered(): Promise<void> {
    while (this.sending.size > 0) await Promise.all([...this.sending.values()]);
  }

  /** Every row write started has finished. */
  async published(): Promise<void> {
    while (this.publishing.size > 0) await Promise.all([...this.publishing]);
  }

  private dequeue(effect: TEffect): void {
    const i = this.outbox.indexOf(effect);
    if (i >= 0) this.outbox.splice(i, 1);
  }

  private async deadLetter(effect: TEffect, err: unknown): Promise<void> {
    const error = failure(err);
    log.error('effect not delivered: dead-lettered', { key: effect.key, error });
    await recordUndelivered({ key: effect.key, projectId: this.projectId(), kind: effect.kind, effect, error, failedAt: nowIso() }).catch((e: unknown) =>
      log.error('dead-letter entry not written', { key: effect.key, error: failure(e) }),
    );
  }
}
