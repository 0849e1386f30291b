/** Schemas of the forecast and "who holds it now" routes (the shapes are the pure modules'). */
import { z } from '@hono/zod-openapi';
import { ZForecast } from '../../workflows/forecast/forecast';
import { ZHolder } from '../../workflows/holders/holders';
import { wholeQuery } from '../openapi';

export const ZForecastAnswer = z.object(ZForecast.shape).openapi('Forecast');
export const ZHolders = z.object({ holders: z.array(ZHolder), asOf: z.string() }).openapi('Holders');

export const ZRiskQuery = z.object({ limit: wholeQuery(1, 200) }).strict();
export const ZRiskList = z
  .object({
    asOf: z.string(),
    /** Active projects forecast (the newest `limit` registered), most likely to miss the ceiling first. */
    projects: z.array(
      z.object({
        projectId: z.string(),
        title: z.string(),
        enterpriseName: z.string().nullable(),
        projectCode: z.string().nullable(),
        stageId: z.string(),
        /** 1 − the probability of finishing within the definition's ceiling. */
        missCeiling: z.number(),
        missPromised: z.number(),
        finish: ZForecast.shape.finish,
        ceiling: ZForecast.shape.ceiling,
      }),
    ),
    /** Active projects in all (more than were forecast when over `limit`). */
    total: z.number().int(),
  })
  .openapi('ForecastRisks');
