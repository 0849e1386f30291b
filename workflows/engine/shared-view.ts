/**
 * The project view's part on materials satisfied once for many and intermediary services
 * (issue 16): the park and its assessments, each satisfied material with its source, and each
 * intermediary service with the chosen provider. Absent on projects that have none of them.
 */
import { z } from 'zod';
import { intermediaryServices } from './commands/intermediary';
import type { ProjectEngine } from './project-engine';
import { satisfiedView } from './shared-materials';
import { ZProjectPark } from './state';

export const ZSatisfiedMaterialView = z.object({
  forStageId: z.string(),
  forMaterialId: z.string(),
  source: z.enum(['survey', 'park']),
  /** survey: its type, where and when it was first supplied ("from the survey supplied on …"). */
  surveyType: z.string().optional(),
  stageId: z.string().optional(),
  materialId: z.string().optional(),
  at: z.string().optional(),
  /** park: which assessment ("from the park's assessment"). */
  parkId: z.string().optional(),
  parkName: z.string().optional(),
  assessmentId: z.string().optional(),
  assessmentType: z.string().optional(),
  validUntil: z.string().optional(),
});

export const ZIntermediaryView = z.object({
  serviceId: z.string(),
  title: z.string(),
  stageId: z.string(),
  startsInStageId: z.string().nullable(),
  serviceType: z.string(),
  /** Expected working days of intermediary (not government) time. */
  days: z.number(),
  satisfies: z.array(z.string()),
  provider: z.object({ providerId: z.string(), providerName: z.string(), deliveryOn: z.string(), selectedAt: z.string() }).nullable(),
  /** The deliverable was handed in as the material it satisfies (in an application). */
  delivered: z.boolean(),
});

export const ZSharedView = z.object({
  park: ZProjectPark.optional(),
  satisfied: z.array(ZSatisfiedMaterialView).optional(),
  intermediaries: z.array(ZIntermediaryView).optional(),
});
export type TSharedView = z.infer<typeof ZSharedView>;

export function sharedView(engine: ProjectEngine, now: string): TSharedView {
  const { park } = engine.input;
  const satisfied = satisfiedView(engine, now);
  const services = intermediaryServices(engine);
  const handedIn = new Set(Object.values(engine.raw.forms ?? {}).flatMap((f) => f.materials));
  return {
    ...(park ? { park } : {}),
    ...(satisfied.length > 0 ? { satisfied } : {}),
    ...(services.length > 0
      ? {
          intermediaries: services.map((x) => ({
            serviceId: x.id,
            title: x.title,
            stageId: x.stageId,
            startsInStageId: x.startsInStageId ?? null,
            serviceType: x.serviceType,
            days: x.days,
            satisfies: x.satisfies,
            provider: engine.raw.intermediaries?.[x.id] ?? null,
            delivered: x.satisfies.some((m) => handedIn.has(m)),
          })),
        }
      : {}),
  };
}
