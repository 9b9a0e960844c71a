/**
 * The Temporal server's configuration for the cluster, written as JSON (which YAML reads): PostgreSQL for
 * persistence and SQL visibility, four history shards, each service on its own ports, mutual TLS on every
 * connection (internal ports for Temporal's own certificate only), and OIDC access tokens for one audience
 * checked by Temporal's default claim mapper and authorizer.
 */
import { writeFileSync } from 'node:fs';
import type { Certificates } from './certificates';

export const SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type TemporalService = (typeof SERVICES)[number];

export interface ServerConfigOptions {
  file: string;
  dynamicConfigFile: string;
  postgres: { port: number; user: string; password: string };
  /** gRPC and membership port of each service; the frontend's HTTP port. */
  ports: Record<TemporalService, { grpc: number; membership: number }> & { frontendHttp: number };
  certs: Certificates;
  /** Where Temporal finds the identity provider's signing keys (its JWKS). */
  jwksUri: string;
  /** The claim of an access token that lists its Temporal permissions (`namespace:role`). */
  permissionsClaim: string;
  /** The audience an access token must be for. */
  audience: string;
  numHistoryShards: number;
}

export function writeServerConfig(o: ServerConfigOptions): void {
  const sql = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `127.0.0.1:${o.postgres.port}`,
      connectProtocol: 'tcp',
      user: o.postgres.user,
      password: o.postgres.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const server = (pair: { cert: string; key: string }, clientCas: string[]) => ({
    certFile: pair.cert,
    keyFile: pair.key,
    requireClientAuth: true,
    clientCaFiles: clientCas,
  });
  // Internal ports: Temporal's own services only. The frontend: clients of the client CA, and the worker service.
  const internodeClient = { serverName: 'localhost', rootCaFiles: [o.certs.internodeCa] };
  const frontendClient = { serverName: 'localhost', rootCaFiles: [o.certs.ca] };
  const services = Object.fromEntries(
    SERVICES.map((name) => [
      name,
      {
        rpc: {
          grpcPort: o.ports[name].grpc,
          membershipPort: o.ports[name].membership,
          bindOnLocalHost: true,
          ...(name === 'frontend' ? { httpPort: o.ports.frontendHttp } : {}),
        },
      },
    ]),
  );
  const config = {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: o.numHistoryShards,
      datastores: { 'postgres-default': sql('temporal', 20), 'postgres-visibility': sql('temporal_visibility', 4) },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      tls: {
        internode: { server: server(o.certs.internode, [o.certs.internodeCa]), client: internodeClient },
        frontend: { server: server(o.certs.frontend, [o.certs.ca, o.certs.internodeCa]), client: frontendClient },
        systemWorker: { certFile: o.certs.internode.cert, keyFile: o.certs.internode.key, client: frontendClient },
      },
      authorization: {
        jwtKeyProvider: { keySourceURIs: [o.jwksUri], refreshInterval: '1m' },
        permissionsClaimName: o.permissionsClaim,
        audience: o.audience,
        authorizer: 'default',
        claimMapper: 'default',
      },
    },
    services,
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `localhost:${o.ports.frontend.grpc}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: o.dynamicConfigFile, pollInterval: '10s' },
  };
  writeFileSync(o.file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // A retired release is reported drained within seconds, not minutes (the defaults suit a production rhythm).
  const seconds = (n: number) => [{ value: `${n}s`, constraints: {} }];
  const dynamic = {
    'matching.wv.VersionDrainageStatusVisibilityGracePeriod': seconds(5),
    'matching.wv.VersionDrainageStatusRefreshInterval': seconds(5),
    'matching.PollerHistoryTTL': seconds(10),
  };
  writeFileSync(o.dynamicConfigFile, `${JSON.stringify(dynamic, null, 2)}\n`);
}
