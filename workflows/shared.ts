/**
 * Names that clients, the worker and workflows share: the default task queue and the
 * message definitions (signals, queries, updates), so the service never imports workflow bodies.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';

/** Default task queue; deployments override it with TEMPORAL_TASK_QUEUE (worker/config.ts). */
export const DEFAULT_TASK_QUEUE = 'parallel-approvals';

/** A department signs off on a countersign round (fire-and-forget: a repeated sign-off is harmless). */
export const signOffSignal = defineSignal<[{ department: string; by: string }]>('signOff');
export const countersignStatusQuery = defineQuery<{ signed: string[]; pending: string[] }>('countersignStatus');
