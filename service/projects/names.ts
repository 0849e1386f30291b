/**
 * Names where a person reads: the acting user's display name and the department's name beside
 * the ids the engine records (the web links and filters by id, and shows the names).
 */
import type { DefinitionRegistry, TProcessDefinition } from '../../definitions/process';
import type { THistoryEntry } from '../../workflows/engine/history';
import type { UserDirectory } from '../users/store';

export type TNamedHistoryEntry = THistoryEntry & { actorName: string | null; departmentName: string | null };

/** Department names (Chinese, the names on the notices) by id, over every published definition; the newest spelling wins. */
export function departmentNames(definitions: DefinitionRegistry): Map<string, string> {
  const names = new Map<string, string>();
  for (const { definition } of definitions.list()) for (const d of definition.departments) names.set(d.id, d.name.zh);
  return names;
}

/**
 * The entries with who acted by name: the user's display name (null for the system, or a user no
 * longer in the directory) and, for a department, its name in the project's definition.
 */
export async function namedHistory(
  entries: THistoryEntry[],
  from: { users: UserDirectory; definition: TProcessDefinition | undefined },
): Promise<TNamedHistoryEntry[]> {
  const people = await from.users.displayNames(entries.filter((e) => e.actor.role !== 'system').map((e) => e.actor.userId));
  const departments = new Map((from.definition?.departments ?? []).map((d) => [d.id, d.name.zh]));
  return entries.map((e) => {
    const departmentId = e.actor.role === 'department' ? e.actor.departmentId : undefined;
    return {
      ...e,
      actorName: e.actor.role === 'system' ? null : (people.get(e.actor.userId) ?? null),
      departmentName: departmentId ? (departments.get(departmentId) ?? null) : null,
    };
  });
}
