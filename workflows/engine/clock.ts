/**
 * The engine's view of the legal clock (definitions/clock) and calendar: the one place that
 * adapts their API to the statecharts' needs, so the machines stay small.
 */
export { startClock, pauseClock, resumeClock, extendClock, stopClock, readClock } from '../../definitions/clock';
export type { TClockState, TClockReading } from '../../definitions/clock';
