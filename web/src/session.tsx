/**
 * Who is logged in (token in sessionStorage, user from GET /api/me) and the process
 * definitions every page names things with (departments, materials, forms).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, setUnauthorizedHandler, tokenStore, type DefinitionDoc, type DefinitionList, type LoginResponse, type Material, type User } from './api';
import { useI18n } from './i18n';

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
  const logout = useCallback(() => {
    tokenStore.clear();
    setUser(null);
  }, []);
  useEffect(() => {
    setUnauthorizedHandler(logout);
    if (!tokenStore.get()) return;
    api<User>('/api/me')
      .then(setUser)
      .catch(() => tokenStore.clear())
      .finally(() => setRestoring(false));
  }, [logout]);
  const login = useCallback(async (username: string, password: string) => {
    const res = await api<LoginResponse>('/api/auth/login', { method: 'POST', body: { username, password } });
    tokenStore.set(res.token);
    setUser(res.user);
    return res.user;
  }, []);
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

export function DefinitionsProvider({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const { text } = useI18n();
  const [list, setList] = useState<DefinitionList['definitions']>([]);
  const [docs, setDocs] = useState<Record<string, DefinitionDoc>>({});
  const pending = useRef(new Map<string, Promise<DefinitionDoc>>());

  useEffect(() => {
    if (!user) return;
    api<DefinitionList>('/api/definitions')
      .then((r) => {
        setList(r.definitions);
        // Every page names stages, items and materials: load the latest documents up front.
        for (const d of r.definitions) void load(d.id).catch(() => undefined);
      })
      .catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [user]);

  const key = (id: string, version?: number) => `${id}@${version ?? 'latest'}`;
  const load = useCallback((id: string, version?: number) => {
    const k = key(id, version);
    let p = pending.current.get(k);
    if (!p) {
      p = api<{ definition: DefinitionDoc }>(`/api/definitions/${encodeURIComponent(id)}${version ? `?version=${version}` : ''}`).then((r) => {
        setDocs((d) => ({ ...d, [k]: r.definition, [key(id, r.definition.version)]: r.definition }));
        return r.definition;
      });
      pending.current.set(k, p);
      p.catch(() => pending.current.delete(k));
    }
    return p;
  }, []);

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
