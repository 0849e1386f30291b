/**
 * The 项目代码 of a project registered without one, set once by its enterprise: every record is
 * keyed to it, so it never changes afterwards. The service checks the format (GB/T 40058-2021)
 * and that no other project holds it (project_codes) before sending the command.
 */
import type { TOffer } from '../action';
import type { ProjectEngine } from '../project-engine';
import { assertLegalActs, LEGAL_ACTS_RULES } from '../guards';
import { DecisionRefused } from '../refusal';
import type { THandlers } from './handler';

export const projectCodeHandlers: THandlers<'setProjectCode'> = {
  setProjectCode(engine, actor, command, now) {
    assertLegalActs(engine, command.type);
    if (engine.status() !== 'active') throw new DecisionRefused('projectCode: the project has ended', 'NOT_ALLOWED_NOW', 'projectCode');
    if (engine.input.projectCode !== undefined) {
      throw new DecisionRefused(
        `projectCode: the project already has its code ${engine.input.projectCode}; it never changes`,
        'NOT_ALLOWED_NOW',
        'projectCode',
      );
    }
    const projectCode = command.projectCode.trim().toUpperCase();
    engine.raw.input = { ...engine.raw.input, projectCode };
    engine.record(actor, now, 'projectCodeSet', `project code (项目代码) ${projectCode}`);
    engine.notify('coordinator', `${engine.input.title}: project code ${projectCode} set`, now);
  },
};

/** Open to the enterprise while the project has no code and is still running. */
export function projectCodeOffers(engine: ProjectEngine): TOffer[] {
  return engine.rules >= LEGAL_ACTS_RULES && engine.input.projectCode === undefined && engine.status() === 'active'
    ? [{ action: { type: 'setProjectCode' } }]
    : [];
}
