/**
 * The web app (web/, built into web/dist by scripts/setup.d/20-web.sh) served at / on the
 * API's origin: files as they are, every other non-API GET answered with index.html so the
 * app's own routes (/projects/…, /inbox) survive a reload. /api/* is never shadowed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

/** web/dist beside this module's parent (the repository root). */
export const DEFAULT_WEB_ROOT = join(__dirname, '..', 'web', 'dist');

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any app env: this module reads no variables
export function serveWebApp(app: Hono<any>, root: string = DEFAULT_WEB_ROOT): void {
  const files = serveStatic({
    root,
    // Vite names assets by content hash, so they never change under one name; index.html does.
    onFound: (path, c) => c.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.use('*', async (c, next) => {
    if (isApi(c.req.path) || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
    return files(c, next);
  });
  app.get('*', (c) => {
    if (isApi(c.req.path)) return c.notFound();
    const index = join(root, 'index.html');
    if (!existsSync(index)) return c.text('The web app is not built: run `npm run setup` (it builds web/ into web/dist).', 503);
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(index, 'utf8'));
  });
}
