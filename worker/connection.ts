/** Connection options for worker and client from the parsed configuration (TLS, API key). */
import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import type { TWorkerConfig } from './config';

export function tlsFromConfig(config: TWorkerConfig): TLSConfig | boolean | undefined {
  const wantsTls = config.TEMPORAL_TLS === 'true' || config.TEMPORAL_TLS_CERT_PATH !== undefined || config.TEMPORAL_TLS_CA_PATH !== undefined;
  if (!wantsTls) return config.TEMPORAL_API_KEY ? true : undefined;
  return {
    serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME,
    serverRootCACertificate: config.TEMPORAL_TLS_CA_PATH ? readFileSync(config.TEMPORAL_TLS_CA_PATH) : undefined,
    clientCertPair:
      config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH
        ? { crt: readFileSync(config.TEMPORAL_TLS_CERT_PATH), key: readFileSync(config.TEMPORAL_TLS_KEY_PATH) }
        : undefined,
  };
}

export function connectionOptions(config: TWorkerConfig) {
  return { address: config.TEMPORAL_ADDRESS, tls: tlsFromConfig(config), apiKey: config.TEMPORAL_API_KEY };
}
