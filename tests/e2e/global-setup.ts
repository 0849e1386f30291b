/**
 * The browser layer's own dev server (like tests/integration/global-setup.ts, on another free
 * port): its projects never mix with the integration layer's, whose workers are gone when
 * the supervision statistics query every project. global-teardown.ts stops it.
 */
import { existsSync } from 'node:fs';
import { SEARCH_ATTRIBUTE_FLAGS } from '../../scripts/search-attribute-flags';
import { createDevServerEnv } from '../helpers/servers';
import { CHROMIUM, WEB_DIST_INDEX } from './browser';

export default async function globalSetup(): Promise<void> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run \`npm run setup\` as root (scripts/setup.d/10-chromium.sh installs Debian's chromium)`);
  if (!existsSync(WEB_DIST_INDEX)) throw new Error(`${WEB_DIST_INDEX} is missing: run \`npm run setup\` (scripts/setup.d/20-web.sh builds web/)`);
  const env = await createDevServerEnv(SEARCH_ATTRIBUTE_FLAGS);
  (globalThis as { __e2eDevServer?: unknown }).__e2eDevServer = env;
  process.env.TEMPORAL_E2E_DEV_ADDRESS = env.address;
}
