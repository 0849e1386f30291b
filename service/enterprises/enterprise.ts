/**
 * An enterprise of the directory as the service reads and writes it: zod schemas checked at the
 * API's boundary and again by the store, the types inferred from them. No Node imports, so the
 * web app reads the same types.
 */
import { z } from '@hono/zod-openapi';
import { checkCreditCode } from './credit-code';
import { readableText } from '../../definitions/text';

/** The internal id: the same alphabet as user and project ids (projects and users carry it). */
export const ZEnterpriseId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, ., - and _ (at most 64)');

/** 统一社会信用代码: normalised to upper case, refused with the part that is wrong (GB 32100-2015). */
export const ZCreditCode = z.string().transform((value, ctx) => {
  const checked = checkCreditCode(value);
  if (checked.ok) return checked.code;
  ctx.addIssue({ code: 'custom', message: checked.message });
  return z.NEVER;
});

/** A mainland phone number as people write it: a mobile (11 digits) or a landline with its area code, spaces or dashes allowed. */
const ZPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{5,22}[0-9]$/, 'a phone number: digits, spaces and dashes (e.g. 027-8888 6666 or 138 0000 0000)');

export const ZContact = z
  .object({
    name: readableText().trim().min(1).max(100),
    phone: ZPhone,
    email: z.email().max(200).optional(),
  })
  .strict();
export type TContact = z.infer<typeof ZContact>;

/** What a coordinator or an enterprise fills in; the id and status are the service's to set. */
export const ZEnterpriseDraft = z
  .object({
    name: readableText().trim().min(1).max(200),
    creditCode: ZCreditCode,
    address: readableText().trim().min(1).max(500),
    contacts: z.array(ZContact).min(1, 'at least one contact').max(10),
  })
  .strict();
export type TEnterpriseDraft = z.infer<typeof ZEnterpriseDraft>;

export const ZEnterpriseStatus = z.enum(['pending', 'confirmed']);
export type TEnterpriseStatus = z.infer<typeof ZEnterpriseStatus>;

export const ZEnterprise = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  address: z.string(),
  contacts: z.array(ZContact),
  status: ZEnterpriseStatus,
  createdBy: z.string(),
  createdAt: z.string(),
  confirmedBy: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type TEnterprise = z.infer<typeof ZEnterprise>;
