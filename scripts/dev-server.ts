/**
 * How the project runs the Temporal dev server (the CLI built into .tools/bin by setup): its
 * SQLite file, ports, quiet logs and the product's search attributes. One place for the main
 * job and the benchmarks.
 */
import { join } from 'node:path';
import { SEARCH_ATTRIBUTE_FLAGS } from './search-attribute-flags';

export const TEMPORAL_CLI = join(__dirname, '..', '.tools', 'bin', 'temporal');

/** `temporal server start-dev` arguments; `extra` goes before the search attributes. */
export function devServerArgs(opts: { dbFile: string; port: number; uiPort: number; extra?: string[] }): string[] {
  return [
    'server',
    'start-dev',
    '--db-filename',
    opts.dbFile,
    '--port',
    String(opts.port),
    '--ui-port',
    String(opts.uiPort),
    '--log-level',
    'error',
    ...(opts.extra ?? []),
    ...SEARCH_ATTRIBUTE_FLAGS,
  ];
}
