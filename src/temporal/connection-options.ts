import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import { ConfigError, type Config } from '../config';

export type TemporalConnectionConfig = Pick<
  Config,
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_TLS'
  | 'TEMPORAL_TLS_CA_FILE'
  | 'TEMPORAL_TLS_CERT_FILE'
  | 'TEMPORAL_TLS_KEY_FILE'
  | 'TEMPORAL_TLS_SERVER_NAME'
  | 'TEMPORAL_API_KEY'
>;

export function pem(variable: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ConfigError(`${variable} ${path}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
}

/** How the worker and the API reach the frontend: plain, or TLS with the CA, client certificate and API key given. */
export function temporalConnectionOptions(c: TemporalConnectionConfig): {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
} {
  const withTls = c.TEMPORAL_TLS || c.TEMPORAL_TLS_CA_FILE || c.TEMPORAL_TLS_CERT_FILE || c.TEMPORAL_API_KEY;
  if (!withTls) return { address: c.TEMPORAL_ADDRESS };
  const tls: TLSConfig = {
    ...(c.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: c.TEMPORAL_TLS_SERVER_NAME } : {}),
    ...(c.TEMPORAL_TLS_CA_FILE ? { serverRootCACertificate: pem('TEMPORAL_TLS_CA_FILE', c.TEMPORAL_TLS_CA_FILE) } : {}),
    ...(c.TEMPORAL_TLS_CERT_FILE && c.TEMPORAL_TLS_KEY_FILE
      ? {
          clientCertPair: {
            crt: pem('TEMPORAL_TLS_CERT_FILE', c.TEMPORAL_TLS_CERT_FILE),
            key: pem('TEMPORAL_TLS_KEY_FILE', c.TEMPORAL_TLS_KEY_FILE),
          },
        }
      : {}),
  };
  return { address: c.TEMPORAL_ADDRESS, tls, ...(c.TEMPORAL_API_KEY ? { apiKey: c.TEMPORAL_API_KEY } : {}) };
}
