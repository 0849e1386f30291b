/** Schema of supervision's intermediary time (中介服务, issue 16): working days apart from government days, late deliveries. */
import { z } from '@hono/zod-openapi';

const ZServiceTime = z.object({
  serviceId: z.string(),
  stageId: z.string(),
  title: z.string(),
  providerName: z.string().nullable(),
  selectedAt: z.string().nullable(),
  deliveryOn: z.string().nullable().openapi({ description: 'the delivery date agreed with the provider (YYYY-MM-DD)' }),
  deliveredAt: z.string().nullable(),
  workdays: z
    .number()
    .int()
    .openapi({ description: 'intermediary working days from the choice to delivery, or to today while open; 0 before a provider is chosen' }),
  status: z.enum(['unselected', 'open', 'delivered']),
  late: z.boolean().openapi({ description: 'delivered after the agreed date, or still open past it' }),
});

const ZTotals = z.object({
  count: z.number().int().openapi({ description: 'intermediary services' }),
  open: z.number().int(),
  delivered: z.number().int(),
  late: z.number().int(),
  workdays: z.number().int().openapi({ description: 'intermediary working days, never part of government working days (the 39)' }),
});

export const ZIntermediaryTime = z
  .object({
    total: ZTotals,
    byProject: z.array(
      ZTotals.extend({
        projectId: z.string(),
        projectTitle: z.string(),
        projectCode: z.string().nullable().openapi({ description: '项目代码 (null for a project registered without one)' }),
        services: z.array(ZServiceTime),
      }),
    ),
  })
  .openapi('IntermediaryTime', { description: "intermediary services' time, counted apart from government time" });
export type TIntermediaryTime = z.infer<typeof ZIntermediaryTime>;
