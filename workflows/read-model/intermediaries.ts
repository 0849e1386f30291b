/**
 * Supervision's rows of intermediary services (中介服务, issue 16): who was chosen, the agreed
 * delivery date and when the deliverable came in with the stage's application. Dates only, so
 * the rows change when something happens, not as time passes; the service counts the working
 * days (selected → delivered, or still open) apart from government time.
 */
import { z } from 'zod';
import type { ProjectEngine } from '../engine/project-engine';
import type { TProjectView } from '../engine/view';

export const ZIntermediaryRow = z.object({
  serviceId: z.string(),
  stageId: z.string(),
  title: z.string(),
  providerName: z.string().nullable(),
  /** When the enterprise recorded its choice (an instant), and the delivery agreed then ('YYYY-MM-DD'). */
  selectedAt: z.string().nullable(),
  deliveryOn: z.string().nullable(),
  /** The first application of the stage that carried the deliverable. */
  deliveredAt: z.string().nullable(),
});
export type TIntermediaryRow = z.infer<typeof ZIntermediaryRow>;

/** The project's intermediary rows; nothing on a project without services (its rows stay as they were). */
export function intermediaryRows(engine: ProjectEngine, view: TProjectView): { intermediaries?: TIntermediaryRow[] } {
  if (!view.intermediaries?.length) return {};
  const applied = (stageId: string) => engine.raw.history.find((h) => h.type === 'submitApplication' && h.stageId === stageId)?.at ?? null;
  return {
    intermediaries: view.intermediaries.map((x) => ({
      serviceId: x.serviceId,
      stageId: x.stageId,
      title: x.title,
      providerName: x.provider?.providerName ?? null,
      selectedAt: x.provider?.selectedAt ?? null,
      deliveryOn: x.provider?.deliveryOn ?? null,
      deliveredAt: x.delivered ? applied(x.stageId) : null,
    })),
  };
}
