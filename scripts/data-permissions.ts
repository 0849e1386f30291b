/**
 * The main job's data folder readable by its owner only: files 0600, folders 0700 (the Temporal
 * database, uploads, secrets, credentials, calendar files). PostgreSQL's own cluster folders are
 * left to PostgreSQL (owned by the `postgres` user when run as root); the folders above them stay
 * searchable (0711: no listing, no reading) so that user can reach them (db/postgres-server.ts).
 */
import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';

export interface TDataPermissions {
  /** Folders (relative to the data folder) PostgreSQL owns: not touched. */
  postgresDirs: string[];
  /** True when the `postgres` user must reach `postgresDirs` (we run our own PostgreSQL as root). */
  postgresMustTraverse: boolean;
}

/** Tightens `dir` and everything under it; returns how many entries changed mode. */
export function restrictDataDir(dir: string, opts: TDataPermissions): number {
  const skip = new Set(opts.postgresDirs.map((d) => join(dir, d)));
  // The data folder and every folder on the way to a PostgreSQL folder.
  const onTheWay = new Set<string>();
  if (opts.postgresMustTraverse) {
    for (const d of opts.postgresDirs) {
      const parts = d.split(sep).filter(Boolean);
      for (let i = 0; i < parts.length; i++) onTheWay.add(join(dir, ...parts.slice(0, i)));
    }
  }
  let changed = 0;
  const set = (path: string, mode: number, current: number) => {
    if ((current & 0o777) === mode) return;
    chmodSync(path, mode);
    changed += 1;
  };
  const walk = (path: string) => {
    if (skip.has(path)) return;
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      set(path, onTheWay.has(path) ? 0o711 : 0o700, stat.mode);
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if (stat.isFile()) {
      set(path, 0o600, stat.mode);
    }
  };
  walk(dir);
  return changed;
}
