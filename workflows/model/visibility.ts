/**
 * Who may see a project at all: a coordinator every project, an enterprise its own, a department
 * those where it reviews an item. Anyone else is told the project does not exist (404, the same
 * as an unknown id). One rule for the workflow's validator (from the project's spec), the
 * service's reads (from the view) and a closed workflow (from its search attributes).
 */
import type { TRole } from './actor';

export function mayView(
  actor: { role: TRole; enterpriseId?: string; departmentId?: string },
  project: { enterpriseId: string; departmentIds: readonly string[] },
): boolean {
  switch (actor.role) {
    case 'coordinator':
      return true;
    case 'enterprise':
      return actor.enterpriseId === project.enterpriseId;
    case 'department':
      return actor.departmentId !== undefined && project.departmentIds.includes(actor.departmentId);
  }
}
