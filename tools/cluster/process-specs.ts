/**
 * The cluster's processes as a list of specs: what each runs, with which environment, where it logs and when it
 * is ready. startCluster (cluster.ts) lays out the ports, files and certificates, turns each spec into a managed
 * process and starts them in order; PostgreSQL and the identity provider come from their own modules.
 */
import { connect } from 'node:net';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { ManagedProcessOptions } from '../stack/managed-process';
import { answersOk, workerPolls } from '../stack/readiness';
import { bareEnv } from '../stack/service-env';
import { PROJECT_ROOT } from '../stack/temporal-binaries';
import { waitUntil } from '../stack/wait';
import { CERTIFICATE_NAMES, type Certificates } from './certificates';
import { SERVICES, type TemporalService } from './server-config';

/** What the specs are made from: the cluster's layout once its ports, files and certificates are known. */
export interface ClusterLayout {
  bins: { server: string; uiServer: string };
  /** The log file of a process by name. */
  log: (name: string) => string;
  /** The Temporal server's configuration file. */
  configFile: string;
  servicePorts: Record<TemporalService, { grpc: number; membership: number }>;
  /** The environment of the service's processes (workers and APIs). */
  env: NodeJS.ProcessEnv;
  namespace: string;
  taskQueue: string;
  /** The client a worker's readiness asks (its pollers). */
  client: Client;
  apiPorts: number[];
  apiUrls: string[];
  /** API 1's https port, where the Web UI decodes. */
  codecPort: number;
  metricsPorts: { workers: number[]; apis: number[] };
  certs: Certificates;
  uiRoot: string;
  uiUrl: string;
}

/** One of Temporal's four services, trusting the service's and the internode certificates' names. */
export const temporalServiceSpec = (l: ClusterLayout, service: TemporalService): ManagedProcessOptions => ({
  name: `temporal-${service}`,
  command: l.bins.server,
  args: ['--config-file', l.configFile, '--services', service],
  env: {
    ...bareEnv(),
    TEMPORAL_TRUSTED_CLIENT_CNS: [CERTIFICATE_NAMES.service, CERTIFICATE_NAMES.internode].join(','),
  },
  output: l.log(`temporal-${service}`),
  ready: () => listening(`the ${service} service`, l.servicePorts[service].grpc),
});

/** A case worker: dist/worker.js (or another release's build), ready once this very process polls. */
export const workerSpec = (
  l: ClusterLayout,
  name: string,
  extra: NodeJS.ProcessEnv,
  distDir = join(PROJECT_ROOT, 'dist'),
): ManagedProcessOptions => ({
  name,
  command: process.execPath,
  args: [join(distDir, 'worker.js')],
  env: { ...l.env, ...extra },
  output: l.log(name),
  ready: (p) => workerPolls(l.client, l.namespace, l.taskQueue, p),
});

/** API `i` (from 0): dist/server.js; API 1 also listens with TLS for the Web UI's codec calls. */
export const apiSpec = (l: ClusterLayout, i: number): ManagedProcessOptions => ({
  name: `api-${i + 1}`,
  command: process.execPath,
  args: [join(PROJECT_ROOT, 'dist', 'server.js')],
  env: {
    ...l.env,
    HTTP_PORT: String(l.apiPorts[i]),
    METRICS_ADDRESS: `127.0.0.1:${l.metricsPorts.apis[i]}`,
    ...(i === 0
      ? { HTTPS_PORT: String(l.codecPort), HTTPS_CERT_FILE: l.certs.codec.cert, HTTPS_KEY_FILE: l.certs.codec.key }
      : {}),
  },
  output: l.log(`api-${i + 1}`),
  ready: () => answersOk(`API ${i + 1}`, l.apiUrls[i]!, '/readyz', 60_000),
});

/** The Temporal UI server, on the configuration written under `uiRoot`. */
export const uiSpec = (l: ClusterLayout): ManagedProcessOptions => ({
  name: 'web-ui',
  command: l.bins.uiServer,
  args: ['--root', l.uiRoot, '--config', 'config', '--env', 'cluster', 'start'],
  env: bareEnv(),
  output: l.log('web-ui'),
  ready: () => answersOk('the Temporal UI server', l.uiUrl, '/healthz', 60_000),
});

/** Every process the cluster runs besides PostgreSQL and the identity provider. */
export function clusterProcessSpecs(l: ClusterLayout): {
  temporal: Record<TemporalService, ManagedProcessOptions>;
  workers: ManagedProcessOptions[];
  apis: ManagedProcessOptions[];
  ui: ManagedProcessOptions;
} {
  return {
    temporal: Object.fromEntries(SERVICES.map((s) => [s, temporalServiceSpec(l, s)])) as Record<
      TemporalService,
      ManagedProcessOptions
    >,
    workers: [1, 2].map((n) =>
      workerSpec(l, `worker-${n}`, { METRICS_ADDRESS: `127.0.0.1:${l.metricsPorts.workers[n - 1]}` }),
    ),
    apis: l.apiPorts.map((_, i) => apiSpec(l, i)),
    ui: uiSpec(l),
  };
}

/** Ready once something accepts TCP connections on the port. */
function listening(what: string, port: number): Promise<void> {
  const accepts = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
  return waitUntil(what, accepts, 120_000, 200).then(() => undefined);
}
