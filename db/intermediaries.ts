/**
 * The intermediary directory (中介超市, seed 001) and the parks' area-wide assessments (区域评估)
 * in PostgreSQL (migration 0016). Coordinators keep both; the service reads a provider when an
 * enterprise selects it and a park's assessments when a project located there is registered.
 */
import type { Selectable } from 'kysely';
import type { TAssessmentType } from '../definitions/process/schema';
import type { Db } from './connect';
import type { IntermediaryProvidersTable, ParkAssessmentsTable } from './tables/intermediaries';

export interface TProvider {
  id: string;
  name: string;
  qualifications: string[];
  serviceTypes: string[];
  contact: string | null;
  createdAt: string;
}

export interface TParkAssessment {
  id: string;
  parkId: string;
  type: TAssessmentType;
  scope: string;
  validFrom: string;
  validUntil: string;
  registeredAt: string;
  registeredBy: string;
}

export interface TPark {
  id: string;
  name: string;
  assessments: TParkAssessment[];
}

const toProvider = (r: Selectable<IntermediaryProvidersTable>): TProvider => ({
  id: String(r.id),
  name: r.name,
  qualifications: r.qualifications,
  serviceTypes: r.service_types,
  contact: r.contact,
  createdAt: new Date(r.created_at).toISOString(),
});

const toAssessment = (r: Selectable<ParkAssessmentsTable>): TParkAssessment => ({
  id: String(r.id),
  parkId: r.park_id,
  type: r.type as TAssessmentType,
  scope: r.scope,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
  registeredAt: new Date(r.registered_at).toISOString(),
  registeredBy: r.registered_by,
});

export class ProviderDirectory {
  constructor(private readonly db: Db) {}

  async add(p: { name: string; qualifications: string[]; serviceTypes: string[]; contact?: string }, by: string): Promise<TProvider> {
    const row = await this.db
      .insertInto('intermediary_providers')
      .values({
        name: p.name,
        qualifications: JSON.stringify(p.qualifications),
        service_types: JSON.stringify(p.serviceTypes),
        contact: p.contact ?? null,
        created_by: by,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toProvider(row);
  }

  /** Every provider, or those offering `serviceType`, by name. */
  async list(serviceType?: string): Promise<TProvider[]> {
    const rows = await this.db.selectFrom('intermediary_providers').selectAll().orderBy('name').orderBy('id').limit(1000).execute();
    return rows.map(toProvider).filter((p) => serviceType === undefined || p.serviceTypes.includes(serviceType));
  }

  async get(id: string): Promise<TProvider | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const row = await this.db.selectFrom('intermediary_providers').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toProvider(row);
  }

  /** Removes a provider from the directory; false when there was none. Projects keep the choice they recorded. */
  async remove(id: string): Promise<boolean> {
    if (!/^\d{1,18}$/.test(id)) return false;
    const gone = await this.db.deleteFrom('intermediary_providers').where('id', '=', id).executeTakeFirst();
    return gone.numDeletedRows > 0n;
  }
}

export class ParkRegister {
  constructor(private readonly db: Db) {}

  /** Adds a park; false when its id is taken. */
  async addPark(id: string, name: string): Promise<boolean> {
    const added = await this.db
      .insertInto('parks')
      .values({ id, name })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return added !== undefined;
  }

  async parks(): Promise<TPark[]> {
    const parks = await this.db.selectFrom('parks').selectAll().orderBy('id').execute();
    const assessments = await this.db.selectFrom('park_assessments').selectAll().orderBy('id').execute();
    return parks.map((p) => ({ id: p.id, name: p.name, assessments: assessments.filter((a) => a.park_id === p.id).map(toAssessment) }));
  }

  async park(id: string): Promise<TPark | undefined> {
    const p = await this.db.selectFrom('parks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!p) return undefined;
    const assessments = await this.db.selectFrom('park_assessments').selectAll().where('park_id', '=', id).orderBy('id').execute();
    return { id: p.id, name: p.name, assessments: assessments.map(toAssessment) };
  }

  async addAssessment(
    parkId: string,
    a: { type: TAssessmentType; scope: string; validFrom: string; validUntil: string },
    by: string,
    at: Date,
  ): Promise<TParkAssessment> {
    const row = await this.db
      .insertInto('park_assessments')
      .values({ park_id: parkId, type: a.type, scope: a.scope, valid_from: a.validFrom, valid_until: a.validUntil, registered_at: at, registered_by: by })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAssessment(row);
  }
}
