/**
 * Who is logged in (token in sessionStorage, user from GET /api/me) and the process
 * definitions every page names things with (departments, materials, forms).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setUnauthorizedHandler, tokenStore, type DefinitionDoc, type DefinitionList, type LoginResponse, type Material, type User } from './api';
import { useI18n } from './i18n';
import { keyOf } from './queries';

interface Session {
  user: User | null;
  /** True while the stored token is being checked at start-up. */
  restoring: boolean;
  login: (username: string, password: string) => Promise<User>;
  logout: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [restoring, setRestoring] = useState(() => tokenStore.get() !== null);
  const queries = useQueryClient();
  // Cached answers are the last user's view: a new session starts with none.
  const logout = useCallback(() => {
    tokenStore.clear();
    queries.clear();
    setUser(null);
  }, [queries]);
  useEffect(() => {
    setUnauthorizedHandler(logout);
    if (!tokenStore.get()) return;
    api<User>('/api/me')
      .then(setUser)
      .catch(() => tokenStore.clear())
      .finally(() => setRestoring(false));
  }, [logout]);
  const login = useCallback(
    async (username: string, password: string) => {
      const res = await api<LoginResponse>('/api/auth/login', { method: 'POST', body: { username, password } });
      tokenStore.set(res.token);
      queries.clear();
      setUser(res.user);
      return res.user;
    },
    [queries],
  );
  const value = useMemo(() => ({ user, restoring, login, logout }), [user, restoring, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

interface Definitions {
  list: DefinitionList['definitions'];
  /** The definition document (loaded once per id/version). */
  doc: (id: string, version?: number) => DefinitionDoc | undefined;
  load: (id: string, version?: number) => Promise<DefinitionDoc>;
  departmentName: (id: string | null | undefined) => string;
  material: (definitionId: string, materialId: string) => Material | undefined;
  materialTitle: (definitionId: string, materialId: string) => string;
  itemTitle: (definitionId: string, itemId: string) => string;
  stageTitle: (definitionId: string, stageId: string) => string;
}

const DefinitionsContext = createContext<Definitions | null>(null);
const NO_DEFINITIONS: DefinitionList['definitions'] = [];

export function DefinitionsProvider({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const { text } = useI18n();
  const queries = useQueryClient();
  // Definitions change only by a new version (a new id@version): fetched once per session.
  const list =
    useQuery({ queryKey: keyOf('/api/definitions'), queryFn: () => api<DefinitionList>('/api/definitions'), enabled: user !== null, staleTime: Infinity }).data
      ?.definitions ?? NO_DEFINITIONS;
  const [docs, setDocs] = useState<Record<string, DefinitionDoc>>({});

  const key = (id: string, version?: number) => `${id}@${version ?? 'latest'}`;
  const load = useCallback(
    async (id: string, version?: number) => {
      const path = `/api/definitions/${encodeURIComponent(id)}${version ? `?version=${version}` : ''}`;
      // One request per document however many pages ask at once (the query cache shares it).
      const { definition } = await queries.fetchQuery({ queryKey: keyOf(path), queryFn: () => api<{ definition: DefinitionDoc }>(path), staleTime: Infinity });
      setDocs((d) => (d[key(id, version)] === definition ? d : { ...d, [key(id, version)]: definition, [key(id, definition.version)]: definition }));
      return definition;
    },
    [queries],
  );

  useEffect(() => {
    // Every page names stages, items and materials: load the latest documents up front.
    for (const d of list) void load(d.id).catch(() => undefined);
  }, [list, load]);

  const value = useMemo<Definitions>(() => {
    const all = Object.values(docs);
    const departments = new Map<string, string>();
    for (const d of list) for (const v of d.versions) for (const dep of v.departments) departments.set(dep.id, text(dep.name));
    const findDoc = (id: string) => all.find((d) => d.id === id);
    const material = (definitionId: string, materialId: string) => {
      for (const s of findDoc(definitionId)?.stages ?? []) for (const i of s.items) for (const m of i.materials) if (m.id === materialId) return m;
      return undefined;
    };
    return {
      list,
      doc: (id, version) => docs[key(id, version)],
      load,
      departmentName: (id) => (id ? (departments.get(id) ?? id) : '—'),
      material,
      materialTitle: (definitionId, materialId) => text(material(definitionId, materialId)?.title, materialId),
      itemTitle: (definitionId, itemId) => {
        for (const s of findDoc(definitionId)?.stages ?? []) for (const i of s.items) if (i.id === itemId) return text(i.title);
        return itemId;
      },
      stageTitle: (definitionId, stageId) => text(findDoc(definitionId)?.stages.find((s) => s.id === stageId)?.title, stageId),
    };
  }, [docs, list, load, text]);
  return <DefinitionsContext.Provider value={value}>{children}</DefinitionsContext.Provider>;
}

export function useDefinitions(): Definitions {
  const v = useContext(DefinitionsContext);
  if (!v) throw new Error('useDefinitions outside DefinitionsProvider');
  return v;
}
