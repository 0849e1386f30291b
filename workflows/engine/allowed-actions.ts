/**
 * The actions open on a project now, asked of the statecharts (`can` on the persisted
 * snapshots) through each command group's offers, with the engine's cross-cutting rules: who
 * holds the role (COMMAND_ROLE), the history budget, suspended approvals and withheld results.
 * Nothing is applied, so a project page costs microseconds, not a copy of the engine per
 * candidate (issue 13). tests/unit/engine/allowed-actions.test.ts holds the list equal to
 * trying every command on a copy, at every step of whole processes.
 */
import type { TActor } from '../model/actor';
import { COMMAND_ROLE } from '../model/commands';
import type { TAction, TOffer } from './action';
import { commitmentOffers } from './commands/commitment';
import { deliveryOffers } from './commands/delivery';
import { extensionOffers } from './commands/extension';
import { projectCodeOffers } from './commands/project-code';
import { applicationOffers, intakeOffers } from './commands/intake';
import { jointOffers } from './commands/joint';
import { intermediaryOffers } from './commands/intermediary';
import { promiseOffers } from './commands/promise';
import { ratingsOffers } from './commands/ratings';
import { resultsOffers } from './commands/results';
import { reviewOffers } from './commands/review';
import { supervisionOffers } from './commands/supervision';
import { SIGNED_OFF, signoffOffers } from './commands/signoff';
import { withdrawalOffers } from './commands/withdrawal';
import { historyFull, holdsRole } from './guards';
import type { ProjectEngine } from './project-engine';

/** Every decision open now (applications aside), stage by stage, then commitments, then withdrawal. */
function openOffers(engine: ProjectEngine, now: string | undefined): TOffer[] {
  const out: TOffer[] = [];
  // STATE_BUDGET: with a full history only withdrawal is still recorded.
  if (!historyFull(engine)) {
    for (const stage of engine.input.spec.stages) {
      out.push(...intakeOffers(engine, stage), ...resultsOffers(engine, stage), ...ratingsOffers(engine, stage));
      out.push(...jointOffers(engine, stage, now));
      for (const item of stage.items) {
        const review = item.signoff ? reviewOffers(engine, item).filter((o) => !SIGNED_OFF.has(o.action.type)) : reviewOffers(engine, item);
        out.push(...review, ...promiseOffers(engine, item), ...extensionOffers(engine, item));
        out.push(...supervisionOffers(engine, item));
        // Assignment (claim, assign, transfer) is not listed here: who may take it depends on the task's holder, which the inbox row carries.
        out.push(...signoffOffers(engine, item));
      }
    }
    for (const commitment of Object.values(engine.raw.commitments)) out.push(...commitmentOffers(engine, commitment));
    out.push(...deliveryOffers(engine), ...projectCodeOffers(engine), ...intermediaryOffers(engine));
  }
  out.push(...withdrawalOffers(engine));
  return out;
}

/** The commands `actor` may send now: the ones open whose role the actor holds on this project. */
export function allowedActions(engine: ProjectEngine, actor: TActor, now?: string): TAction[] {
  const own = holdsRole(engine, actor, 'submitApplication');
  const open = openOffers(engine, now).filter((o) => holdsRole(engine, actor, o.action.type, o.departmentId));
  return [...(own ? applicationOffers(engine) : []), ...open].map((o) => o.action);
}

/** Whose inbox an action belongs in: `coordinator`, `department:<id>` or `enterprise:<id>`. */
export type TAudience = string;

/** Every action open now, grouped by the audience whose decision it is (COMMAND_ROLE): one pass serves every inbox. */
export function actionsByAudience(engine: ProjectEngine, now?: string): Map<TAudience, TAction[]> {
  const enterprise = `enterprise:${engine.input.enterpriseId}`;
  const byAudience = new Map<TAudience, TAction[]>();
  const add = (audience: TAudience, action: TAction) => byAudience.set(audience, [...(byAudience.get(audience) ?? []), action]);
  for (const { action } of applicationOffers(engine)) add(enterprise, action);
  for (const { action, departmentId } of openOffers(engine, now)) {
    const role = COMMAND_ROLE[action.type];
    add(role === 'coordinator' ? 'coordinator' : role === 'enterprise' ? enterprise : `department:${departmentId}`, action);
  }
  return byAudience;
}
