/** What every machine event carries: who decided, and when (workflow time, ISO instant). */
import type { TActor } from '../model/actor';

export interface Stamp {
  actor: TActor;
  at: string;
}
/** Events raised by time (the workflow's timers), not by a person. */
export interface TimeStamp {
  at: string;
}
