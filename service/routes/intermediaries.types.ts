/** Schemas of `/api/providers` (中介超市, the intermediary directory) and `/api/parks` (区域评估). */
import { z } from '@hono/zod-openapi';
import { ASSESSMENT_TYPES } from '../../definitions/process/schema';
import { readableText } from '../../definitions/text';

const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a kebab-case id such as "eia-report"');
const day = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date YYYY-MM-DD')
  .openapi({ example: '2026-01-01' });
const words = (max: number) => readableText().trim().min(1, 'required').max(max);

export const ZProviderView = z
  .object({
    id: z.string(),
    name: z.string(),
    qualifications: z.array(z.string()),
    serviceTypes: z.array(z.string()).openapi({ description: "service types as process definitions name them (an intermediary service's serviceType)" }),
    contact: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('IntermediaryProvider');
export const ZProviderList = z.object({ providers: z.array(ZProviderView) }).openapi('IntermediaryProviderList');
export const ZProviderQuery = z.object({ serviceType: kebab.optional().openapi({ param: { name: 'serviceType', in: 'query' } }) }).strict();
export const ZProviderParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,18}$/, 'a provider id (digits)')
    .openapi({ param: { name: 'id', in: 'path' }, example: '1' }),
});
export const ZNewProvider = z
  .object({
    name: words(200).openapi({ example: '武汉某建筑设计研究院' }),
    qualifications: z
      .array(words(200))
      .min(1, 'at least one qualification')
      .max(20)
      .openapi({ example: ['工程设计建筑行业甲级'] }),
    serviceTypes: z
      .array(kebab)
      .min(1, 'at least one service type')
      .max(20)
      .openapi({ example: ['fire-design'] }),
    contact: readableText().trim().max(200).optional(),
  })
  .strict()
  .openapi('NewIntermediaryProvider');

export const ZAssessmentView = z
  .object({
    id: z.string(),
    parkId: z.string(),
    type: z.enum(ASSESSMENT_TYPES),
    scope: z.string(),
    validFrom: z.string(),
    validUntil: z.string(),
    registeredAt: z.string(),
    registeredBy: z.string(),
  })
  .openapi('ParkAssessment');
export const ZParkView = z.object({ id: z.string(), name: z.string(), assessments: z.array(ZAssessmentView) }).openapi('Park');
export const ZParkList = z.object({ parks: z.array(ZParkView) }).openapi('ParkList');
export const ZParkParams = z.object({ parkId: kebab.openapi({ param: { name: 'parkId', in: 'path' }, example: 'optics-valley' }) });
export const ZNewPark = z
  .object({ id: kebab.max(64).openapi({ example: 'optics-valley' }), name: words(200).openapi({ example: '光谷生物城' }) })
  .strict()
  .openapi('NewPark');
export const ZNewAssessment = z
  .object({
    type: z.enum(ASSESSMENT_TYPES).openapi({ description: '区域评估: environment, energy, geological hazards, earthquake safety, water, cultural relics' }),
    scope: words(2000).openapi({ example: '园区规划范围内全部工业用地' }),
    validFrom: day,
    validUntil: day,
  })
  .strict()
  .refine((a) => a.validFrom <= a.validUntil, { path: ['validUntil'], message: 'validUntil is before validFrom' })
  .openapi('NewParkAssessment');
