/**
 * Titles of a project's stages, items, materials and results in the current language.
 * The engine's view carries the Chinese title only; the process definition (GET
 * /api/definitions/:id?version=…) has {zh, en}. The document is fetched once per id+version
 * (cached by DefinitionsProvider) and every lookup falls back to the view's title, then the id.
 */
import { useEffect, useMemo } from 'react';
import type { DefinitionDoc, Task } from './api';
import { useI18n } from './i18n';
import { useDefinitions } from './session';

export interface Titles {
  stage: (stageId: string | null | undefined, fallback?: string | null) => string;
  item: (itemId: string | null | undefined, fallback?: string | null) => string;
  material: (materialId: string | null | undefined, fallback?: string | null) => string;
  result: (resultId: string | null | undefined, fallback?: string | null) => string;
  /** A task (GET /api/tasks): its material and item, its item, or its stage; the service's title as fallback. */
  task: (task: Pick<Task, 'stageId' | 'itemId' | 'materialId' | 'title'>) => string;
}

/**
 * `definition` is the project's { id, version }; without it (lists across projects, e.g. the
 * inbox) ids are looked up in the latest documents of all definitions.
 */
export function useTitles(definition?: { id: string; version?: number } | null): Titles {
  const { text, lang } = useI18n();
  const defs = useDefinitions();
  const id = definition?.id;
  const version = definition?.version;
  useEffect(() => {
    if (id) void defs.load(id, version).catch(() => undefined);
  }, [defs.load, id, version]);
  // The project's version; until it arrives, the latest document of the same definition.
  const doc = id ? (defs.doc(id, version) ?? defs.doc(id)) : undefined;
  const docs = useMemo<DefinitionDoc[]>(() => {
    if (doc) return [doc];
    if (id) return [];
    return defs.list.map((d) => defs.doc(d.id)).filter((d): d is DefinitionDoc => d !== undefined);
  }, [doc, id, defs]);
  return useMemo<Titles>(() => {
    const stages = new Map<string, string>();
    const items = new Map<string, string>();
    const materials = new Map<string, string>();
    const results = new Map<string, string>();
    for (const d of docs)
      for (const s of d.stages) {
        if (!stages.has(s.id)) stages.set(s.id, text(s.title));
        for (const i of s.items) {
          if (!items.has(i.id)) items.set(i.id, text(i.title));
          for (const m of i.materials) if (!materials.has(m.id)) materials.set(m.id, text(m.title));
          for (const r of i.results ?? []) if (!results.has(r.id)) results.set(r.id, text(r.title));
        }
      }
    const lookup = (map: Map<string, string>) => (key: string | null | undefined, fallback?: string | null) =>
      key ? map.get(key) || fallback || key : fallback || '';
    const stage = lookup(stages);
    const item = lookup(items);
    const material = lookup(materials);
    const task: Titles['task'] = (k) => {
      if (k.materialId && k.itemId) return `${item(k.itemId)}: ${material(k.materialId)}`;
      if (k.itemId) return item(k.itemId, k.title);
      if (k.stageId) return stage(k.stageId, k.title);
      return k.title;
    };
    return { stage, item, material, result: lookup(results), task };
    // lang: text() changes with it
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docs, text, lang]);
}
