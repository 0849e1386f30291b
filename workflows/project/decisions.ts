/**
 * Human decisions as Workflow Updates. The validator judges a decision on a copy of the engine
 * with time applied; a refused one never reaches history. The handler then takes the copy the
 * validator judged instead of applying the command again (issue 12: one application per
 * decision). On replay validators do not run, so the handler applies what history says was
 * accepted, and never judges again: a stricter schema or rule shipped later must not refuse, or
 * change, a decision already in history.
 */
import { ApplicationFailure, currentUpdateInfo, setHandler } from '@temporalio/workflow';
import { parseActor, type TActor } from '../model/actor';
import { parseCommand, type TCommand } from '../model/commands';
import type { ProjectEngine } from '../engine/project-engine';
import { DecisionRefused, type TRefusalDetails } from '../engine/refusal';
import { projectView, type TProjectView } from '../engine/view';
import { decisionResult, seesProject, type TDecisionResult } from '../decision-result';
import { DECISION_REJECTED, decideUpdate, refreshCalendarUpdate } from '../messages';
import { nowIso } from './time';

/** What the decision handlers need of the workflow around them. */
export interface DecisionHost {
  engine(): ProjectEngine;
  /** The engine changed: queue its effects and wake the main loop. */
  changed(): void;
  /** Since patch city-load: a decision answers what it changed, not the whole view. */
  smallResults: boolean;
  currentCalendar(): Promise<Parameters<ProjectEngine['replaceCalendar']>[0]>;
}

function refuse(message: string, details?: TRefusalDetails): never {
  throw ApplicationFailure.create({ type: DECISION_REJECTED, message, nonRetryable: true, ...(details ? { details: [details] } : {}) });
}

function refuseFrom(err: unknown): never {
  if (err instanceof DecisionRefused) refuse(err.message, err.details);
  throw err;
}

export function registerDecisionHandlers(host: DecisionHost): void {
  /** The copy the validator judged, for the handler of the same update in the same activation. */
  let judged: { updateId: string; state: ProjectEngine['raw']; at: string; probe: ProjectEngine; args: { actor: TActor; command: TCommand } } | undefined;

  const parsed = (actor: unknown, command: unknown): { actor: TActor; command: TCommand } => {
    const a = parseActor(actor);
    if (!a.success) refuse(`actor: ${a.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { code: 'INVALID_FIELD', path: 'actor' });
    const c = parseCommand(command);
    if (!c.success) {
      const first = c.error.issues[0];
      refuse(`command: ${c.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`, {
        code: 'INVALID_FIELD',
        path: first ? first.path.join('.') : '',
      });
    }
    return { actor: a.data, command: c.data };
  };

  /** What the handler applies on replay: the decision as the validator accepted it, normalised (trimmed reasons) where today's schema still parses it. */
  const accepted = (actor: unknown, command: unknown): { actor: TActor; command: TCommand } => {
    const a = parseActor(actor);
    const c = parseCommand(command);
    return { actor: a.success ? a.data : (actor as TActor), command: c.success ? c.data : (command as TCommand) };
  };

  setHandler(
    decideUpdate,
    ({ actor, command }): TProjectView | TDecisionResult => {
      const at = nowIso();
      const engine = host.engine();
      const version = engine.raw.seq;
      const updateId = currentUpdateInfo()?.id;
      // The same update, on the same state, at the same instant as judged: take what was judged, as the validator parsed it.
      const same = judged && judged.updateId === updateId && judged.state === engine.raw && judged.at === at ? judged : undefined;
      const args = same?.args ?? accepted(actor, command);
      if (same) {
        engine.adopt(same.probe);
      } else {
        engine.advanceTime(at);
        try {
          engine.apply(args.actor, args.command, at);
        } catch (err) {
          refuseFrom(err);
        }
      }
      judged = undefined;
      host.changed();
      return host.smallResults ? decisionResult(engine, version, args.actor, at) : projectView(engine, at);
    },
    {
      validator: ({ actor, command }) => {
        judged = undefined;
        const args = parsed(actor, command);
        const base = host.engine();
        if (!seesProject(base, args.actor)) refuse(`project '${base.raw.input.projectId}' not found`, { code: 'NOT_VISIBLE', path: 'id' });
        const at = nowIso();
        try {
          judged = { updateId: currentUpdateInfo()?.id ?? '', state: base.raw, at, probe: base.tryApply(args.actor, args.command, at), args };
        } catch (err) {
          refuseFrom(err);
        }
      },
    },
  );

  setHandler(
    refreshCalendarUpdate,
    async ({ actor }) => {
      const snapshot = await host.currentCalendar();
      host.engine().replaceCalendar(snapshot, accepted(actor, undefined).actor, nowIso());
      host.changed();
      return projectView(host.engine(), nowIso());
    },
    {
      validator: ({ actor }) => {
        const a = parseActor(actor);
        if (!a.success || a.data.role !== 'coordinator') refuse('refreshCalendar: only a coordinator may do this', { code: 'FORBIDDEN_ROLE', path: 'actor' });
      },
    },
  );
}
