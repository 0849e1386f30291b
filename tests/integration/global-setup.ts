/**
 * Starts the real dev server (the CLI built by scripts/setup.sh) on a free port with an
 * in-memory database for the integration layer; global-teardown.ts stops it.
 */
import { SEARCH_ATTRIBUTE_FLAGS } from '../../scripts/search-attribute-flags';
import { createDevServerEnv } from '../helpers/servers';

export default async function globalSetup(): Promise<void> {
  const env = await createDevServerEnv(SEARCH_ATTRIBUTE_FLAGS);
  (globalThis as { __devServer?: unknown }).__devServer = env;
  process.env.TEMPORAL_TEST_DEV_ADDRESS = env.address;
}
