/** The enterprise directory (企业名录): every enterprise projects and enterprise accounts link to, by its internal id. */
import type { Json } from './service-state';
import type { Timestamp } from './read-model';

export interface EnterprisesTable {
  /** The internal id projects and users carry (`ent-hanyang-auto-parts`); never shown where a person reads. */
  id: string;
  name: string;
  /** 统一社会信用代码, upper case, checked (service/enterprises/credit-code.ts); unique. */
  credit_code: string;
  address: string;
  /** `[{ name, phone, email? }]` (ZContact in service/enterprises/enterprise.ts). */
  contacts: Json<unknown>;
  /** `pending` when an enterprise asked to be listed; `confirmed` once a coordinator checked it. */
  status: 'pending' | 'confirmed';
  created_by: string;
  created_at: Timestamp;
  confirmed_by: string | null;
  confirmed_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface EnterpriseDirectoryTables {
  enterprises: EnterprisesTable;
}
