/** Schemas of `/api/enterprises`: the directory's list query, a new entry, a change, one entry. */
import { z } from '@hono/zod-openapi';
import { wholeQuery } from '../openapi';
import { ZContact, ZCreditCode, ZEnterprise, ZEnterpriseDraft, ZEnterpriseId, ZEnterpriseStatus } from '../enterprises/enterprise';
import { readableText } from '../../definitions/text';

export const ZEnterpriseQuery = z
  .object({
    q: readableText().trim().min(1).max(100).optional().openapi({ description: 'part of the name, or the start of the credit code', example: '汉阳' }),
    status: ZEnterpriseStatus.optional(),
    pageSize: wholeQuery(1, 100),
    page: wholeQuery(1, 100_000),
  })
  .strict();

export const ZEnterpriseParams = z.object({
  id: ZEnterpriseId.openapi({ param: { name: 'id', in: 'path' }, example: 'ent-hanyang-auto-parts' }),
});

const creditCode = ZCreditCode.openapi({
  type: 'string',
  description: '统一社会信用代码 (GB 32100-2015): 18 characters with its check character; lower case is taken as upper case',
  example: '91420105MA4K000014',
});
const contacts = ZEnterpriseDraft.shape.contacts.openapi({ description: 'who to call about the enterprise: name, phone and, if any, email' });

export const ZNewEnterprise = ZEnterpriseDraft.extend({
  /** A coordinator may choose the internal id (one that projects or accounts already carry); an enterprise's entry takes its account's. */
  id: ZEnterpriseId.optional().openapi({
    description: "coordinators only: the internal id (default: from the credit code); an enterprise's entry takes its account's",
  }),
  creditCode,
  contacts,
}).openapi('NewEnterprise');

export const ZEnterpriseChange = ZEnterpriseDraft.extend({ creditCode, contacts })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, 'change at least one field')
  .openapi('EnterpriseChange');

export const ZEnterpriseView = ZEnterprise.extend({ contacts: z.array(ZContact.openapi('Contact')) }).openapi('Enterprise');

export const ZEnterpriseList = z
  .object({
    enterprises: z.array(ZEnterpriseView),
    total: z.number().int().openapi({ description: 'every entry matching the query, not just this page' }),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('EnterpriseList');
