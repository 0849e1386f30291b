/**
 * For the statechart tests: the people who send events (one of each role that owns something,
 * and one that does not), instants, and a walk through events on the engine's persisted snapshots.
 */
import type { AnyStateMachine, EventFromLogic } from 'xstate';
import { type Persisted, step } from '../../../workflows/engine/persisted';
import type { TActor } from '../../../workflows/model/actor';

export const ENTERPRISE_ID = 'ent-1';
export const DEPARTMENT_ID = 'ecology-environment';

export const enterprise: TActor = { userId: 'ent-user', role: 'enterprise', enterpriseId: ENTERPRISE_ID };
export const otherEnterprise: TActor = { userId: 'ent-other', role: 'enterprise', enterpriseId: 'ent-2' };
export const coordinator: TActor = { userId: 'coord', role: 'coordinator' };
export const department: TActor = { userId: 'eco-user', role: 'department', departmentId: DEPARTMENT_ID };
export const otherDepartment: TActor = { userId: 'fire-user', role: 'department', departmentId: 'fire-rescue' };

/** Instants on 2026-03-02 (a Monday) in Beijing. */
export const at = (time: string, date = '2026-03-02') => `${date}T${time}:00+08:00`;

/** The snapshot after each event in turn; fails naming the first event the machine refuses. */
export function walk<M extends AnyStateMachine>(machine: M, from: Persisted<M>, events: EventFromLogic<M>[]): Persisted<M> {
  return events.reduce((s, e) => {
    const next = step(machine, s, e);
    if (!next) throw new Error(`${(e as { type: string }).type} refused in ${JSON.stringify(s.value)}`);
    return next;
  }, from);
}
