/**
 * Server state through TanStack Query: each GET is cached under its path's segments
 * (`/api/projects/p1/history` → `['api', 'projects', 'p1', 'history']`), so whatever changes a
 * project refetches all that is shown of it (view, history, files) by that prefix.
 */
import { keepPreviousData, QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from './api';

// No silent retries and no refetch on focus: an error is shown at once with its Retry button,
// and pages change only when asked to (Refresh) or after the user's own decision.
export const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

/** The cache key of a GET path: its segments, then the query string if any. */
export function keyOf(path: string): string[] {
  const [route = '', search] = path.split('?');
  return [...route.split('/').filter(Boolean), ...(search ? [search] : [])];
}

/** GET `path` (null: nothing to load); while a new path loads, the last data stays shown. */
export function useApi<T>(path: string | null) {
  const query = useQuery({
    queryKey: path === null ? ['none'] : keyOf(path),
    queryFn: () => api<T>(path!),
    enabled: path !== null,
    placeholderData: keepPreviousData,
  });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  return { data: query.data, error: query.error ?? undefined, loading: query.isFetching, reload };
}

/**
 * After a decision or an upload: the project's view, history and files and the inboxes are
 * fetched again (the command's own answer is not read). Resolves once the shown ones are back.
 */
export function useProjectChanged(): (projectId: string) => Promise<void> {
  const client = useQueryClient();
  return useCallback(
    async (projectId: string) => {
      await Promise.all([
        client.invalidateQueries({ queryKey: keyOf(`/api/projects/${encodeURIComponent(projectId)}`) }),
        client.invalidateQueries({ queryKey: keyOf('/api/tasks') }),
      ]);
    },
    [client],
  );
}
