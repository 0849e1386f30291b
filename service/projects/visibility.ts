/**
 * Project lists as Temporal visibility queries on the engine's search attributes
 * (workflows/search-attributes.ts). Filter values are checked by pattern before they are put
 * into the query, so nothing a caller sends can change the query's shape.
 */
import type { TPublicUser } from '../users/store';
import { SA } from '../../workflows/search-attributes';

export interface TProjectFilter {
  stage?: string;
  status?: string;
  card?: string;
  department?: string;
  enterprise?: string;
  text?: string;
}

/** Ids and enum values: letters, digits, `-`, `_`, `.` only (checked by the route schema too). */
const SAFE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function literal(value: string): string {
  if (!SAFE.test(value)) throw new Error(`unsafe visibility value ${JSON.stringify(value)}`);
  return `'${value}'`;
}

/** Text goes in quoted, with the quote and backslash (refused by the schema) never present. */
function text(value: string): string {
  if (/['"\\]/.test(value)) throw new Error('unsafe visibility text');
  return `'${value}'`;
}

/** The caller's scope: an enterprise its own projects, a department those it has an item in (past ones too). */
export function scopeOf(user: TPublicUser): string[] {
  if (user.role === 'enterprise') return [`${SA.enterprise.name} = ${literal(user.enterpriseId!)}`];
  if (user.role === 'department') return [`${SA.departments.name} = ${literal(user.departmentId!)}`];
  return [];
}

export function whereOf(user: TPublicUser, filter: TProjectFilter): string[] {
  const where = scopeOf(user);
  if (filter.stage) where.push(`${SA.stage.name} = ${literal(filter.stage)}`);
  if (filter.status) where.push(`${SA.status.name} = ${literal(filter.status)}`);
  if (filter.card) where.push(`${SA.worstCard.name} = ${literal(filter.card)}`);
  if (filter.department) where.push(`${SA.pendingDepartments.name} = ${literal(filter.department)}`);
  if (filter.enterprise) where.push(`${SA.enterprise.name} = ${literal(filter.enterprise)}`);
  if (filter.text) where.push(`${SA.title.name} = ${text(filter.text)}`);
  return where;
}
