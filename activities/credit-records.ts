/**
 * 告知承诺 credit records: a promise found false is written against the enterprise (国办发〔2020〕42号:
 * 虚假承诺 goes to its credit file and bars it from promise-based approval until cleared). The
 * workflow hands each to an activity; keyed by the effect's key, so a retried write adds it once.
 * In PostgreSQL it is the `credit_records` table (migration 0008, db/credit-records.ts).
 */
import { z } from 'zod';
import type { KeyedOutbox } from './outbox';

export const ZCreditRecordEntry = z.object({
  /** The effect's key (`<projectId>:credit:<itemId>:<seq>`). */
  key: z.string().min(1),
  enterpriseId: z.string().min(1),
  projectId: z.string().min(1),
  projectCode: z.string().optional(),
  itemId: z.string().min(1),
  reason: z.string().min(1),
  /** When the department found the promise false (workflow time). */
  at: z.string(),
});
export type TCreditRecordEntry = z.infer<typeof ZCreditRecordEntry>;

export type CreditRecordWriter = KeyedOutbox<TCreditRecordEntry>;
