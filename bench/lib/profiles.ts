/**
 * Reading the worker's profiles: self time per function from a V8 .cpuprofile, and self size
 * per object kind from a .heapsnapshot (and the difference between two snapshots: what N
 * more cached projects added).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface TSelfTime {
  fn: string;
  where: string;
  ms: number;
  share: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a script URL comes from: an npm package, the workflow bundle, or the project's own path. */
function origin(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url === '') return '(native)';
  const root = join(__dirname, '..', '..');
  return url.replace(/^file:\/\//, '').replace(`${root}/`, '');
}

/** The `top` functions by self time over every file (a process writes one per thread), and self time by origin (package or file). */
export function cpuProfileTop(files: string[], top = 15): { functions: TSelfTime[]; origins: TSelfTime[]; totalMs: number } {
  const self = new Map<string, { fn: string; where: string; us: number }>();
  const byOrigin = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const us = profile.timeDeltas[i] ?? 0;
      const frame = byId.get(id)!.callFrame;
      if (frame.functionName === '(idle)' || frame.functionName === '(program)') return;
      total += us;
      const where = `${origin(frame.url)}:${frame.lineNumber + 1}`;
      const key = `${frame.functionName}@${where}`;
      const entry = self.get(key) ?? { fn: frame.functionName || '(anonymous)', where, us: 0 };
      entry.us += us;
      self.set(key, entry);
      const from = origin(frame.url).split('/').slice(0, 2).join('/').replace(/:\d+$/, '');
      byOrigin.set(from, (byOrigin.get(from) ?? 0) + us);
    });
  }
  const asTimes = (list: { fn: string; where: string; us: number }[]) =>
    list
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => ({ fn: e.fn, where: e.where, ms: e.us / 1000, share: e.us / total }));
  return { functions: asTimes([...self.values()]), origins: asTimes([...byOrigin].map(([o, us]) => ({ fn: o, where: '', us }))), totalMs: total / 1000 };
}

export interface THeapKind {
  kind: string;
  count: number;
  bytes: number;
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Self size and count per kind (constructor name for objects, the V8 type otherwise). */
export function heapByKind(file: string): Map<string, THeapKind> {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = [fields.indexOf('type'), fields.indexOf('name'), fields.indexOf('self_size')];
  const kinds = new Map<string, THeapKind>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!]!;
    const named = type === 'object' || type === 'closure' || type === 'native';
    const kind = named ? `${type === 'object' ? '' : `${type} `}${snap.strings[snap.nodes[i + nameAt]!]!.slice(0, 60)}` : `(${type})`;
    const k = kinds.get(kind) ?? { kind, count: 0, bytes: 0 };
    k.count++;
    k.bytes += snap.nodes[i + sizeAt]!;
    kinds.set(kind, k);
  }
  return kinds;
}

/** Several snapshots' kinds added up (one snapshot per thread). */
export function mergeKinds(all: Map<string, THeapKind>[]): Map<string, THeapKind> {
  const merged = new Map<string, THeapKind>();
  for (const kinds of all) {
    for (const k of kinds.values()) {
      const m = merged.get(k.kind) ?? { kind: k.kind, count: 0, bytes: 0 };
      m.count += k.count;
      m.bytes += k.bytes;
      merged.set(k.kind, m);
    }
  }
  return merged;
}

/** What `after` has more of than `before`, biggest first. */
export function heapGrowth(before: Map<string, THeapKind>, after: Map<string, THeapKind>, top = 15): THeapKind[] {
  return [...after.values()]
    .map((a) => ({ kind: a.kind, count: a.count - (before.get(a.kind)?.count ?? 0), bytes: a.bytes - (before.get(a.kind)?.bytes ?? 0) }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}

/** The files in `dir` ending in `suffix`, oldest first. */
export function filesIn(dir: string, suffix: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(suffix))
      .map((f) => join(dir, f))
      .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  } catch {
    return [];
  }
}
