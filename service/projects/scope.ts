/**
 * What each role's lists and inbox cover, in the read model's terms: an enterprise its own
 * projects, a department those it has an item in (past ones too), a coordinator everything.
 */
import type { TListScope } from '../../db/read-model/store';
import type { TPublicUser } from '../users/store';

export function scopeOf(user: TPublicUser): TListScope {
  if (user.role === 'enterprise') return { enterpriseId: user.enterpriseId!, ...(user.delegatedProjectIds ? { projectIds: user.delegatedProjectIds } : {}) };
  // The agent gate maps every agent request it lets through; should one slip past, it sees nothing.
  if (user.role === 'agent') return { enterpriseId: '', projectIds: [] };
  if (user.role === 'department') return { departmentId: user.departmentId! };
  return {};
}

/** Whose inbox the caller reads (the audiences workflows/read-model/tasks.ts writes). */
export function audienceOf(user: TPublicUser): string {
  if (user.role === 'agent') return 'agent:none';
  if (user.role === 'enterprise') return `enterprise:${user.enterpriseId}`;
  if (user.role === 'department') return `department:${user.departmentId}`;
  return 'coordinator';
}
