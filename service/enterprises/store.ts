/**
 * The enterprise directory in PostgreSQL (table `enterprises`), shared by every replica: a
 * coordinator lists, adds, edits and confirms entries; an enterprise asks to be listed (a pending
 * entry under its own id); registration reads whether an enterprise is confirmed. Drafts are
 * checked with their zod schema here too, so no path stores an unchecked credit code.
 */
import { type Selectable, sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/connect';
import type { EnterprisesTable } from '../../db/tables/enterprise-directory';
import { type TEnterprise, type TEnterpriseDraft, type TEnterpriseStatus, ZContact, ZEnterpriseDraft } from './enterprise';

/** Refused by `add` or `update`: the id or the credit code is already in the directory. */
export class EnterpriseTaken extends Error {
  constructor(
    readonly field: 'id' | 'creditCode',
    readonly value: string,
  ) {
    super(field === 'id' ? `enterprise '${value}' is already in the directory` : `credit code ${value} is already in the directory`);
  }
}

export interface TEnterpriseQuery {
  /** Part of the name, or the start of the credit code (any case). */
  q?: string;
  status?: TEnterpriseStatus;
  pageSize: number;
  /** 1-based. */
  page: number;
}

type Row = Selectable<EnterprisesTable>;

function enterpriseOf(row: Row): TEnterprise {
  return {
    id: row.id,
    name: row.name,
    creditCode: row.credit_code,
    address: row.address,
    contacts: ZContact.array().parse(row.contacts),
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    confirmedBy: row.confirmed_by,
    confirmedAt: row.confirmed_at ? row.confirmed_at.toISOString() : null,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A new entry's row; confirmed by whoever adds it confirmed. */
function rowOf(id: string, valid: TEnterpriseDraft, status: TEnterpriseStatus, by: string, at: Date) {
  return {
    id,
    name: valid.name,
    credit_code: valid.creditCode,
    address: valid.address,
    contacts: JSON.stringify(valid.contacts),
    status,
    created_by: by,
    created_at: at,
    confirmed_by: status === 'confirmed' ? by : null,
    confirmed_at: status === 'confirmed' ? at : null,
    updated_at: at,
  };
}

/** LIKE's own wildcards in a caller's text are matched literally. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A unique violation's constraint, to tell a taken id from a taken credit code. */
function takenOf(err: unknown, id: string, creditCode: string): EnterpriseTaken | undefined {
  const e = err as { code?: string; constraint?: string };
  if (e.code !== '23505') return undefined;
  return e.constraint === 'enterprises_pkey' ? new EnterpriseTaken('id', id) : new EnterpriseTaken('creditCode', creditCode);
}

export class EnterpriseDirectory {
  constructor(private readonly db: Db) {}

  async get(id: string): Promise<TEnterprise | undefined> {
    const row = await this.db.selectFrom('enterprises').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? enterpriseOf(row) : undefined;
  }

  /** One page by name (pending first when both are listed), with the number of all that match. */
  async list(query: TEnterpriseQuery): Promise<{ enterprises: TEnterprise[]; total: number }> {
    let base = this.db.selectFrom('enterprises');
    if (query.status) base = base.where('status', '=', query.status);
    if (query.q) {
      const q = escapeLike(query.q.trim());
      base = base.where(sql<SqlBool>`(name ilike ${`%${q}%`} or credit_code like ${`${q.toUpperCase()}%`} or id = ${query.q.trim()})`);
    }
    const [rows, count] = await Promise.all([
      base
        .selectAll()
        .orderBy(sql`status = 'confirmed'`)
        .orderBy('name')
        .orderBy('id')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { enterprises: rows.map(enterpriseOf), total: Number(count.n) };
  }

  /**
   * Adds an entry: `confirmed` when a coordinator adds it, `pending` when an enterprise asks.
   * @throws EnterpriseTaken when the id or the credit code is in the directory already
   * @throws ZodError when the draft is malformed
   */
  async add(id: string, draft: TEnterpriseDraft, status: TEnterpriseStatus, by: string, at: Date): Promise<TEnterprise> {
    const valid = ZEnterpriseDraft.parse(draft);
    try {
      const row = await this.db
        .insertInto('enterprises')
        .values(rowOf(id, valid, status, by, at))
        .returningAll()
        .executeTakeFirstOrThrow();
      return enterpriseOf(row);
    } catch (err) {
      throw takenOf(err, id, valid.creditCode) ?? err;
    }
  }

  /**
   * Confirmed entries for those of `entries` not yet listed (by id or credit code), leaving listed ones as they are.
   * Usable inside a transaction (a refused insert would abort it; this one refuses none).
   * @throws ZodError when a draft is malformed
   */
  async listIfAbsent(entries: readonly { id: string; draft: TEnterpriseDraft }[], by: string, at: Date): Promise<void> {
    if (entries.length === 0) return;
    await this.db
      .insertInto('enterprises')
      .values(entries.map(({ id, draft }) => rowOf(id, ZEnterpriseDraft.parse(draft), 'confirmed', by, at)))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /**
   * Changes the fields given; the status stays.
   * @returns undefined when there is no such entry
   * @throws EnterpriseTaken when the new credit code is another entry's
   */
  async update(id: string, change: Partial<TEnterpriseDraft>, at: Date): Promise<TEnterprise | undefined> {
    const valid = ZEnterpriseDraft.partial().parse(change);
    try {
      const row = await this.db
        .updateTable('enterprises')
        .set({
          ...(valid.name !== undefined ? { name: valid.name } : {}),
          ...(valid.creditCode !== undefined ? { credit_code: valid.creditCode } : {}),
          ...(valid.address !== undefined ? { address: valid.address } : {}),
          ...(valid.contacts !== undefined ? { contacts: JSON.stringify(valid.contacts) } : {}),
          updated_at: at,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row ? enterpriseOf(row) : undefined;
    } catch (err) {
      throw takenOf(err, id, valid.creditCode ?? '') ?? err;
    }
  }

  /**
   * Confirms a pending entry.
   * @returns the entry, `already` when it was confirmed before, or undefined when there is none
   */
  async confirm(id: string, by: string, at: Date): Promise<TEnterprise | 'already' | undefined> {
    const row = await this.db
      .updateTable('enterprises')
      .set({ status: 'confirmed', confirmed_by: by, confirmed_at: at, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (row) return enterpriseOf(row);
    return (await this.get(id)) ? 'already' : undefined;
  }
}
