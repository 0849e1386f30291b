/**
 * Intermediary services (中介服务, issue 16): the enterprise records the provider it chose from
 * the directory (中介超市, seed 001) and the delivery date agreed with it. Not government time:
 * nothing here starts a legal clock; the deliverable comes in as the material it satisfies.
 */
import type { TSpecIntermediary } from '../../model/spec';
import type { TOffer } from '../action';
import type { ProjectEngine } from '../project-engine';
import { DecisionRefused } from '../refusal';
import type { THandlers } from './handler';

/** Every intermediary service of the project with the stage that asks for its deliverable. */
export function intermediaryServices(engine: ProjectEngine): Array<TSpecIntermediary & { stageId: string }> {
  return engine.input.spec.stages.flatMap((stage) => (stage.intermediaries ?? []).map((x) => ({ ...x, stageId: stage.id })));
}

/** A service is open while the project runs and the stage that asks for its deliverable has not taken an application. */
function open(engine: ProjectEngine, service: { stageId: string }): boolean {
  return engine.status() === 'active' && ['locked', 'awaitingApplication', 'returned', 'refused'].includes(engine.stageStatus(service.stageId));
}

export const intermediaryHandlers: THandlers<'selectIntermediary'> = {
  selectIntermediary(engine, actor, command, now) {
    const service = intermediaryServices(engine).find((x) => x.id === command.serviceId);
    if (!service) throw new DecisionRefused(`serviceId: "${command.serviceId}" is not an intermediary service of this project`, 'UNKNOWN_ITEM', 'serviceId');
    if (!open(engine, service))
      throw new DecisionRefused(
        `serviceId: the ${service.title} deliverable is already handed in (stage ${service.stageId} is ${engine.stageStatus(service.stageId)})`,
        'NOT_ALLOWED_NOW',
        'serviceId',
      );
    if (command.deliveryOn < engine.workingCalendar.dateOf(now))
      throw new DecisionRefused('deliveryOn: the agreed delivery date is in the past', 'INVALID_FIELD', 'deliveryOn');
    const { providerId, deliveryOn } = command;
    const providerName = command.providerName ?? providerId;
    engine.raw.intermediaries = { ...(engine.raw.intermediaries ?? {}), [service.id]: { providerId, providerName, deliveryOn, selectedAt: now } };
    engine.record(actor, now, 'intermediarySelected', `${service.title}: provider ${providerName} (${providerId}) chosen, delivery agreed for ${deliveryOn}`, {
      stageId: service.stageId,
    });
  },
};

/** The enterprise may choose (or change) the provider of each service whose deliverable is still to come. */
export function intermediaryOffers(engine: ProjectEngine): TOffer[] {
  return intermediaryServices(engine)
    .filter((x) => open(engine, x))
    .map((x) => ({ action: { type: 'selectIntermediary' as const, stageId: x.stageId, serviceId: x.id } }));
}
