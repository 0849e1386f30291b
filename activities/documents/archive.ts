/**
 * Where legal documents are kept (PostgreSQL, migration 0007). `issue` is idempotent by the
 * effect's key: the first call numbers the document (per issuing body and year), renders it and
 * stores its bytes with their sha256; a retry returns what was stored and renders nothing. A
 * correction is a new act, so a new key and a new document: nothing here ever replaces one.
 */
import { createHash, randomUUID } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/connect';
import type { DocumentsTable } from '../../db/tables/documents';
import { ASSISTANCE_CENTRE, DOCUMENT_TITLES, type TDocumentFacts, type TDocumentKind } from '../../definitions/documents/kinds';
import { renderDocument } from './render';

/** A stored document without its bytes (the listing). */
export interface TStoredDocument {
  id: string;
  key: string;
  projectId: string;
  kind: TDocumentKind;
  title: string;
  number: string;
  /** The issuing department's id, or `centre`. */
  issuer: string;
  stageId: string;
  itemId: string | null;
  issuedAt: string;
  sha256: string;
  size: number;
}

/** The issuer column's value for the project assistance centre. */
export const CENTRE = 'centre';

/** 〔2026〕第00012号: the year and the body's serial of that year. */
export const documentNumber = (year: number, serial: number) => `〔${year}〕第${String(serial).padStart(5, '0')}号`;

class AlreadyIssued extends Error {}

export class DocumentArchive {
  constructor(
    private readonly db: Db,
    /** Department names by id (the definitions'), for the seal; a department not named here is printed by its id. The service, which only reads, needs none. */
    private readonly departmentNames: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** Stores the act's document once. @returns the stored one (also when it was stored before) */
  async issue(facts: TDocumentFacts): Promise<TStoredDocument> {
    const stored = await this.byKey(facts.key);
    if (stored) return stored;
    const issuer = facts.issuerDepartmentId ?? CENTRE;
    const year = Number(facts.issuedOn.slice(0, 4));
    const enterprise = await this.db.selectFrom('enterprises').select('name').where('id', '=', facts.enterpriseId).executeTakeFirst();
    try {
      return await this.db.transaction().execute(async (trx) => {
        // The counter row stays locked until commit: serials of one body and year never repeat or skip.
        const { last } = await trx
          .insertInto('document_numbers')
          .values({ issuer, year, last: 1 })
          .onConflict((oc) => oc.columns(['issuer', 'year']).doUpdateSet({ last: sql<number>`document_numbers.last + 1` }))
          .returning('last')
          .executeTakeFirstOrThrow();
        const number = documentNumber(year, last);
        const content = await renderDocument(facts, {
          number,
          issuer: facts.issuerDepartmentId ? (this.departmentNames.get(facts.issuerDepartmentId) ?? facts.issuerDepartmentId) : ASSISTANCE_CENTRE,
          enterprise: enterprise?.name ?? facts.enterpriseId,
        });
        const row = await trx
          .insertInto('documents')
          .values({
            id: randomUUID(),
            key: facts.key,
            project_id: facts.projectId,
            kind: facts.kind,
            title: DOCUMENT_TITLES[facts.kind],
            number,
            issuer,
            year,
            serial: last,
            stage_id: facts.stage.id,
            item_id: facts.item?.id ?? null,
            issued_at: facts.issuedAt.replace(/T24:00(:00)?/, 'T23:59:59'),
            sha256: createHash('sha256').update(content).digest('hex'),
            size: content.length,
            content,
          })
          .onConflict((oc) => oc.column('key').doNothing())
          .returningAll()
          .executeTakeFirst();
        // Another worker stored this key meanwhile: give the serial back (rollback) and return theirs.
        if (!row) throw new AlreadyIssued();
        return toStored(row);
      });
    } catch (err) {
      if (!(err instanceof AlreadyIssued)) throw err;
      return (await this.byKey(facts.key))!;
    }
  }

  /** The project's documents, in the order they were issued. */
  async list(projectId: string): Promise<TStoredDocument[]> {
    const rows = await this.db.selectFrom('documents').select(COLUMNS).where('project_id', '=', projectId).orderBy('issued_at').orderBy('created_at').execute();
    return rows.map(toStored);
  }

  /** One document of the project with its bytes. */
  async get(projectId: string, id: string): Promise<{ document: TStoredDocument; content: Buffer } | undefined> {
    const row = await this.db.selectFrom('documents').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
    return row ? { document: toStored(row), content: row.content } : undefined;
  }

  private async byKey(key: string): Promise<TStoredDocument | undefined> {
    const row = await this.db.selectFrom('documents').select(COLUMNS).where('key', '=', key).executeTakeFirst();
    return row ? toStored(row) : undefined;
  }
}

const COLUMNS = ['id', 'key', 'project_id', 'kind', 'title', 'number', 'issuer', 'stage_id', 'item_id', 'issued_at', 'sha256', 'size'] as const;

function toStored(row: Pick<Selectable<DocumentsTable>, (typeof COLUMNS)[number]>): TStoredDocument {
  return {
    id: row.id,
    key: row.key,
    projectId: row.project_id,
    kind: row.kind as TDocumentKind,
    title: row.title,
    number: row.number,
    issuer: row.issuer,
    stageId: row.stage_id,
    itemId: row.item_id,
    issuedAt: row.issued_at.toISOString(),
    sha256: row.sha256,
    size: row.size,
  };
}
