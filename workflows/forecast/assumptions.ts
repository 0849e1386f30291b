/**
 * What the forecast assumes where nothing was observed: the spreads it states in its answer.
 * Each is a figure of this project's choosing, to be replaced by observations as they come.
 */

/** Completed reviews of an item (or of its department) needed before they replace the definition's figures. */
export const MIN_OBSERVATIONS = 5;

/**
 * Without observations a review takes a triangular spread over the promised limit: from 40 %
 * to 120 %, most likely 80 % of it. Seed 002 reports 93 % of cases finished early
 * (提前办结率), so most of the mass lies below the promised limit.
 */
export const PROMISED_SPREAD = { min: 0.4, mode: 0.8, max: 1.2 } as const;

/** A running review already past every observation: up to half its promised limit more (at least 1 day). */
export const TAIL_OF_PROMISED = 0.5;

/** The enterprise answering a correction (补正): 1 to 10 working days, uniformly (no observations kept yet). */
export const CORRECTION_DAYS = { min: 1, max: 10 } as const;

/** The enterprise's preparation of a stage application when the plan gives none: 5 to 20 working days. */
export const PREPARATION_DAYS = { min: 5, max: 20 } as const;
/** The plan's own preparation estimate is spread from half to one and a half times itself. */
export const PREPARATION_SPREAD = { min: 0.5, max: 1.5 } as const;

/** A tolerated material supplied late (commitment already expired): 1 to 10 working days from today. */
export const LATE_SUPPLY_DAYS = { min: 1, max: 10 } as const;

/** The department accepting a supplied material, and the coordinator issuing results: 0 or 1 working day. */
export const HANDOVER_DAYS = { min: 0, max: 1 } as const;

/**
 * A department with more open reviews than the average department is slower in proportion, by
 * a quarter of the excess and at most by half (its observed durations already carry its usual load).
 */
export const QUEUE_WEIGHT = 0.25;
export const QUEUE_MAX_FACTOR = 1.5;
