/** Schemas of the forecast and "who holds it now" routes (the shapes are the pure modules'). */
import { z } from '@hono/zod-openapi';
import { ZForecast } from '../../workflows/forecast/forecast';
import { ZHolder } from '../../workflows/holders/holders';
import { AppError } from '../errors';
import { wholeQuery } from '../openapi';
import { ZPageToken } from './projects.types';

export const ZForecastAnswer = z.object(ZForecast.shape).openapi('Forecast');
export const ZHolders = z.object({ holders: z.array(ZHolder), asOf: z.string() }).openapi('Holders');

/** Where a page of the risk list ended (the project list's order: newest registered first), as an opaque token. */
const ZRiskPage = z.object({ registeredAt: z.string().max(40), projectId: z.string().max(64) }).strict();
export const encodeRiskPage = (after: z.infer<typeof ZRiskPage>) => Buffer.from(JSON.stringify(after)).toString('base64url');
export function decodeRiskPage(token: string): z.infer<typeof ZRiskPage> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const page = ZRiskPage.safeParse(parsed);
  if (!page.success || Number.isNaN(Date.parse(page.data.registeredAt))) {
    throw AppError.validation([{ path: 'query.pageToken', message: 'not a nextPageToken of this list: start from the first page' }]);
  }
  return page.data;
}

export const ZRiskQuery = z.object({ limit: wholeQuery(1, 200), pageToken: ZPageToken.optional() }).strict();
export const ZRiskList = z
  .object({
    asOf: z.string(),
    /** This page's active projects forecast (the next `limit` by registration, newest first), most likely to miss the ceiling first. */
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
    /** The next page's token; absent on the last page. */
    nextPageToken: z.string().optional(),
  })
  .openapi('ForecastRisks');
