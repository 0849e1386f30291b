/**
 * The workflow's clock. Inside a workflow the Temporal SDK replaces `Date` with the time of the
 * workflow task being processed, recorded in history, so these read deterministic time, and
 * replay reads the same. They are the only place in workflows/ that reads the clock: the engine
 * is given `now` as an argument.
 */
// eslint-disable-next-line no-restricted-syntax -- the workflow sandbox's deterministic Date (see above)
export const nowMs = (): number => Date.now();
export const nowIso = (): string => new Date(nowMs()).toISOString();
