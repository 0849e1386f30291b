/** Schemas of `/api/credit-records`: the 告知承诺 credit records, and a coordinator's clearing of one. */
import { z } from '@hono/zod-openapi';
import { readableText } from '../../definitions/text';

export const ZCreditRecordParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,18}$/, 'a record id (digits)')
    .openapi({ param: { name: 'id', in: 'path' }, example: '1' }),
});

export const ZCreditRecordView = z
  .object({
    id: z.string(),
    enterpriseId: z.string(),
    creditCode: z.string().nullable().openapi({ description: '统一社会信用代码 from the directory when the record was written' }),
    projectId: z.string(),
    projectCode: z.string().nullable(),
    itemId: z.string(),
    reason: z.string().openapi({ description: "the department's finding: why the written promise was false" }),
    recordedAt: z.string(),
    clearedAt: z.string().nullable(),
    clearedBy: z.string().nullable(),
    clearReason: z.string().nullable(),
  })
  .openapi('CreditRecord');

export const ZCreditRecordList = z.object({ records: z.array(ZCreditRecordView) }).openapi('CreditRecordList');

export const ZClearCreditRecord = z
  .object({ reason: readableText().trim().min(1, 'a reason is required').max(2000).openapi({ example: '企业已完成整改并经核查' }) })
  .strict()
  .openapi('ClearCreditRecord');
