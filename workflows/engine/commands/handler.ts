/** The shape of a command handler: it applies one command to the engine or refuses it (DecisionRefused). */
import type { TActor } from '../../model/actor';
import type { TCommand, TCommandType } from '../../model/commands';
import type { ProjectEngine } from '../project-engine';

export type TCommandOf<K extends TCommandType> = Extract<TCommand, { type: K }>;
export type THandler<K extends TCommandType> = (engine: ProjectEngine, actor: TActor, command: TCommandOf<K>, now: string) => void;
/** Handlers of a group of commands, keyed by command type. */
export type THandlers<K extends TCommandType> = { [P in K]: THandler<P> };
