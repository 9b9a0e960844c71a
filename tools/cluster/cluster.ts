/**
 * The production topology, run for real on this machine (npm run cluster, npm run test:cluster): PostgreSQL;
 * Temporal's history, matching, frontend and worker services as four processes on it, with SQL visibility and
 * four history shards; mutual TLS on every connection to and inside Temporal, writes only with the service's
 * certificate; two case workers and two API processes; the development identity provider; and the Temporal UI
 * server, signed in through OIDC, read-only, decoding through the API's codec with the user's access token.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { openCaseIndex, type CaseIndexStore } from '../../src/case-index/case-index-store';
import { openCaseKeys } from '../../src/crypto/case-keys';
import { dataConverterFor } from '../../src/crypto/data-converter';
import { ensureDevPayloadKeys, loadPayloadKeys, type PayloadKeys } from '../../src/crypto/payload-keys';
import { temporalConnectionOptions } from '../../src/temporal/connection-options';
import { ensureDevPrincipals } from '../stack/dev-principals';
import { freePort } from '../stack/free-port';
import { httpRequest, type ApiRequest, type ApiResponse } from '../stack/http';
import { ManagedProcess } from '../stack/managed-process';
import { prepareNamespace } from '../stack/namespace';
import { devIdentityProvider, webUiPermissions } from '../stack/dev-identity-provider';
import { bareEnv, serviceEnv } from '../stack/service-env';
import { SmtpServer, type SmtpServerOptions } from '../stack/smtp-server';
import { PROJECT_ROOT } from '../stack/temporal-binaries';
import { waitUntil } from '../stack/wait';
import { ensureClusterBinaries, TEMPORAL_SERVER_VERSION } from './binaries';
import { certificates, type Certificates } from './certificates';
import { postgres } from './postgres';
import { clusterProcessSpecs, workerSpec, type ClusterLayout } from './process-specs';
import { SERVICES, writeServerConfig, type TemporalService } from './server-config';
import { writeUiServerConfig } from './ui-server-config';

const NAMESPACE = 'default';
const TASK_QUEUE = 'victim-cases';
/** The audience of the Web UI users' access tokens, which the frontend and the codec check. */
const RESOURCE = 'urn:victim-cases:temporal';
const UI_CLIENT_ID = 'temporal-web-ui';
/** More than one, so that the history service's work is spread as in production. */
export const HISTORY_SHARDS = 4;
/** The worker deployment of the case workers (Worker Versioning). */
const DEPLOYMENT = 'victim-cases';

/** The release's build id: the fingerprint of the compiled workflow code the bundle was made from. */
function bundleBuildId(): string {
  const built = JSON.parse(readFileSync(join(PROJECT_ROOT, 'dist', 'workflow-bundle.json'), 'utf8')) as {
    fingerprint: string;
  };
  return `wf-${built.fingerprint.slice(0, 12)}`;
}

export interface ClusterOptions {
  /** The data folder (PostgreSQL, keys, certificates, logs); default a new temporary one, removed by close(). */
  dir?: string;
  /** Fixed ports of what people open (default: free ones). */
  ports?: { frontend?: number; ui?: number; api?: number; codec?: number; oidc?: number };
  /** The build id of the workers' release (Worker Versioning); default: from the workflow bundle's fingerprint. */
  buildId?: string;
  /** How the SMTP server in this process behaves (addresses it refuses, for the fault scenarios). */
  smtp?: SmtpServerOptions;
  /** Variables of the workers and the APIs over the cluster's own (the bench: its rate limit, its sender). */
  env?: Record<string, string>;
  /** Lines about what the cluster does. */
  log?: (line: string) => void;
}

export interface Cluster {
  dir: string;
  namespace: string;
  taskQueue: string;
  frontendAddress: string;
  uiUrl: string;
  apiUrls: string[];
  /** API 1's https port, where the Web UI decodes. */
  codecUrl: string;
  /** Where Prometheus scrapes each worker (the SDK's exporter) and each API (prom-client). */
  metricsUrls: { workers: string[]; apis: string[] };
  oidcIssuer: string;
  certs: Certificates;
  keys: PayloadKeys;
  tokens: Record<string, string>;
  smtp: SmtpServer;
  postgres: ManagedProcess;
  temporal: Record<TemporalService, ManagedProcess>;
  workers: ManagedProcess[];
  apis: ManagedProcess[];
  ui: ManagedProcess;
  /** A client with the codec and the service's certificate. */
  client: Client;
  /** The case index on the service's PostgreSQL, as the lists read it (the fault scenarios verify it). */
  caseIndex: CaseIndexStore;
  /** The environment of the service's processes. */
  serviceEnv: NodeJS.ProcessEnv;
  /** The worker deployment and the build id of the workers started with the cluster. */
  deployment: { name: string; buildId: string };
  /** Starts one more worker, of another release (build id, and the build it runs: default dist/), as a deployment does. */
  startWorker(buildId: string, distDir?: string): Promise<ManagedProcess>;
  /** Makes a release the deployment's current version: new cases, and cases at their next run, go to it. */
  setCurrentVersion(buildId: string): Promise<void>;
  request(api: number, method: string, path: string, req?: ApiRequest): Promise<ApiResponse>;
  close(): Promise<void>;
}

/** Applies the schema of both databases: created and set up on the first run, brought up to date on every run. */
function applySchema(sqlTool: string, schemaDir: string, pg: { port: number; user: string; password: string }): void {
  const base = [
    '--plugin',
    'postgres12',
    '--ep',
    '127.0.0.1',
    '-p',
    String(pg.port),
    '-u',
    pg.user,
    '--pw',
    pg.password,
  ];
  const run = (args: string[]) => execFileSync(sqlTool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  for (const [db, dir] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ] as const) {
    try {
      run([...base, '--db', db, 'create-database']);
      run([...base, '--db', db, 'setup-schema', '-v', '0.0']);
    } catch (err) {
      // A database made by an earlier run: only brought up to date.
      if (!/already exists/.test(String((err as { stderr?: Buffer }).stderr))) throw err;
    }
    run([...base, '--db', db, 'update-schema', '-d', join(schemaDir, dir, 'versioned')]);
  }
}

async function ports(n: number): Promise<number[]> {
  const all: number[] = [];
  while (all.length < n) {
    const p = await freePort();
    if (!all.includes(p)) all.push(p);
  }
  return all;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const say = options.log ?? (() => undefined);
  const bins = ensureClusterBinaries(say);
  for (const built of ['worker.js', 'server.js']) {
    if (!existsSync(join(PROJECT_ROOT, 'dist', built)))
      throw new Error(`dist/${built} is missing: run npm run build (or node scripts/setup.mjs)`);
  }
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'victim-cases-cluster-'));
  const keepDir = options.dir !== undefined;
  mkdirSync(dir, { recursive: true });
  // PostgreSQL's own user must reach its folder inside; it can list nothing else.
  chmodSync(dir, 0o711);
  const logs = join(dir, 'logs');
  mkdirSync(logs, { recursive: true, mode: 0o700 });
  const log = (name: string) => join(logs, `${name}.log`);

  const free = await ports(20);
  const take = () => free.pop()!;
  const frontendPort = options.ports?.frontend ?? take();
  const uiPort = options.ports?.ui ?? take();
  const apiPorts = [options.ports?.api ?? take(), take()];
  // The Web UI sends a user's access token to the codec only over https: API 1 listens with TLS too.
  const codecPort = options.ports?.codec ?? take();
  const oidcPort = options.ports?.oidc ?? take();
  const servicePorts = Object.fromEntries(
    SERVICES.map((s) => [s, { grpc: s === 'frontend' ? frontendPort : take(), membership: take() }]),
  ) as Record<TemporalService, { grpc: number; membership: number }>;
  const frontendAddress = `127.0.0.1:${frontendPort}`;
  const uiUrl = `http://127.0.0.1:${uiPort}`;
  const apiUrls = apiPorts.map((p) => `http://127.0.0.1:${p}`);

  const certs = certificates(join(dir, 'tls'));
  const pg = postgres(join(dir, 'postgresql'), take(), log('postgresql'));
  const smtp = new SmtpServer(options.smtp);
  await smtp.start();

  // The service's processes: the environment of the process stack, with mutual TLS towards the frontend.
  const env: NodeJS.ProcessEnv = {
    ...bareEnv(),
    ...serviceEnv({
      dir,
      temporalAddress: frontendAddress,
      namespace: NAMESPACE,
      taskQueue: TASK_QUEUE,
      smtpPort: smtp.port,
    }),
    TEMPORAL_TLS_CA_FILE: certs.ca,
    TEMPORAL_TLS_CERT_FILE: certs.service.cert,
    TEMPORAL_TLS_KEY_FILE: certs.service.key,
    TEMPORAL_TLS_SERVER_NAME: 'localhost',
    WEB_UI_ORIGIN: uiUrl,
    OIDC_ACCESS_TOKEN_AUDIENCE: RESOURCE,
    TEMPORAL_CALL_TIMEOUT_MS: '5000',
    TEMPORAL_DEPLOYMENT_NAME: DEPLOYMENT,
    TEMPORAL_BUILD_ID: options.buildId ?? bundleBuildId(),
    // The service's database (case keys, statistics) on the cluster's PostgreSQL, shared by both workers and both APIs.
    SERVICE_DATABASE: `postgres://${pg.user}:${pg.password}@127.0.0.1:${pg.port}/victim_statistics`,
    ...options.env,
  };
  ensureDevPayloadKeys(env.PAYLOAD_KEYS_FILE!);
  const keys = loadPayloadKeys(env.PAYLOAD_KEYS_FILE!);
  const { tokens, roles } = ensureDevPrincipals(env.PRINCIPALS_FILE!, join(dir, 'dev-tokens.json'));
  env.PUBLIC_BASE_URL = apiUrls[0];
  const uiClientSecret = randomBytes(24).toString('hex');
  const oidc = await devIdentityProvider(
    {
      oidcPort,
      webUi: {
        clientId: UI_CLIENT_ID,
        clientSecret: uiClientSecret,
        redirectUri: `${uiUrl}/auth/sso/callback`,
        resource: RESOURCE,
        // Read of the cases' namespace for the Immigration Office and admins; nothing for centres and prosecutors.
        permissions: Object.fromEntries(
          Object.entries(roles).map(([account, role]) => [account, webUiPermissions(role, NAMESPACE)]),
        ),
      },
    },
    dir,
    env,
    Object.keys(tokens),
    log,
  );

  const configFile = join(dir, 'temporal.json');
  writeServerConfig({
    file: configFile,
    dynamicConfigFile: join(dir, 'temporal-dynamic.yaml'),
    postgres: pg,
    ports: { ...servicePorts, frontendHttp: take() },
    certs,
    jwksUri: `${oidc.issuer}/jwks`,
    permissionsClaim: 'permissions',
    audience: RESOURCE,
    numHistoryShards: HISTORY_SHARDS,
  });

  const connectionOptions = temporalConnectionOptions({
    TEMPORAL_ADDRESS: frontendAddress,
    TEMPORAL_TLS: true,
    TEMPORAL_TLS_CA_FILE: certs.ca,
    TEMPORAL_TLS_CERT_FILE: certs.service.cert,
    TEMPORAL_TLS_KEY_FILE: certs.service.key,
    TEMPORAL_TLS_SERVER_NAME: 'localhost',
    TEMPORAL_API_KEY: undefined,
  });
  const caseKeys = openCaseKeys(env.SERVICE_DATABASE!, keys, env.KEY_ENCRYPTION_KEYS_FILE);
  const caseIndex = openCaseIndex(env.SERVICE_DATABASE!, caseKeys);
  const client = new Client({
    connection: Connection.lazy(connectionOptions),
    namespace: NAMESPACE,
    dataConverter: dataConverterFor(keys, caseKeys),
  });
  const metricsPorts = { workers: [take(), take()], apis: [take(), take()] };
  const metricsUrl = (port: number) => `http://127.0.0.1:${port}/metrics`;
  const setCurrentVersion = async (buildId: string) => {
    // The version exists once one of its workers has polled.
    await waitUntil(
      `${DEPLOYMENT} ${buildId} to become the current version`,
      async () => {
        await client.workflowService.setWorkerDeploymentCurrentVersion({
          namespace: NAMESPACE,
          deploymentName: DEPLOYMENT,
          buildId,
          identity: 'npm run cluster',
        });
        return true;
      },
      60_000,
      500,
    );
  };
  const extraWorkers: ManagedProcess[] = [];
  const uiRoot = join(dir, 'web-ui');
  writeUiServerConfig({
    root: uiRoot,
    env: 'cluster',
    frontendAddress,
    port: uiPort,
    uiUrl,
    issuer: oidc.issuer,
    clientId: UI_CLIENT_ID,
    clientSecret: uiClientSecret,
    resource: RESOURCE,
    codecEndpoint: `https://127.0.0.1:${codecPort}/codec`,
    namespace: NAMESPACE,
    tls: { ca: certs.ca, ...certs.webUi },
  });
  const layout: ClusterLayout = {
    bins,
    log,
    configFile,
    servicePorts,
    env,
    namespace: NAMESPACE,
    taskQueue: TASK_QUEUE,
    client,
    apiPorts,
    apiUrls,
    codecPort,
    metricsPorts,
    certs,
    uiRoot,
    uiUrl,
  };
  const specs = clusterProcessSpecs(layout);
  const temporal = Object.fromEntries(
    SERVICES.map((service) => [service, new ManagedProcess(specs.temporal[service])]),
  ) as Record<TemporalService, ManagedProcess>;
  const workers = specs.workers.map((spec) => new ManagedProcess(spec));
  const apis = specs.apis.map((spec) => new ManagedProcess(spec));
  const ui = new ManagedProcess(specs.ui);

  let closed: Promise<void> | undefined;
  const cluster: Cluster = {
    dir,
    namespace: NAMESPACE,
    taskQueue: TASK_QUEUE,
    frontendAddress,
    uiUrl,
    apiUrls,
    codecUrl: `https://127.0.0.1:${codecPort}/codec`,
    metricsUrls: { workers: metricsPorts.workers.map(metricsUrl), apis: metricsPorts.apis.map(metricsUrl) },
    oidcIssuer: oidc.issuer,
    certs,
    keys,
    tokens,
    smtp,
    postgres: pg.process,
    temporal,
    workers,
    apis,
    ui,
    client,
    caseIndex,
    serviceEnv: env,
    deployment: { name: DEPLOYMENT, buildId: env.TEMPORAL_BUILD_ID! },
    async startWorker(buildId, distDir) {
      const p = new ManagedProcess(workerSpec(layout, `worker-${buildId}`, { TEMPORAL_BUILD_ID: buildId }, distDir));
      extraWorkers.push(p);
      await p.start();
      return p;
    },
    setCurrentVersion,
    request: (api, method, path, req) => httpRequest(apiUrls[api]!, method, path, req),
    close: () =>
      (closed ??= (async () => {
        const order = [
          ui,
          ...apis,
          ...workers,
          ...extraWorkers,
          temporal.frontend,
          temporal.worker,
          temporal.matching,
          temporal.history,
        ];
        for (const p of [...order, oidc.process, pg.process])
          if (p.running) await p.kill('SIGTERM', 20_000).catch(() => undefined);
        await client.connection.close().catch(() => undefined);
        await caseIndex.close().catch(() => undefined);
        await caseKeys.close().catch(() => undefined);
        await smtp.stop();
        if (!keepDir) rmSync(dir, { recursive: true, force: true });
      })()),
  };
  try {
    say(`PostgreSQL on 127.0.0.1:${pg.port}`);
    await Promise.all([pg.process.start(), oidc.process.start()]);
    applySchema(bins.sqlTool, bins.schemaDir, pg);
    say(`Temporal ${TEMPORAL_SERVER_VERSION}: history, matching, frontend and worker services`);
    // History first: on a new database the first service to start writes the cluster's metadata, alone.
    await temporal.history.start();
    await Promise.all(SERVICES.filter((s) => s !== 'history').map((s) => temporal[s].start()));
    await prepareCasesNamespace(connectionOptions);
    say('two workers, two APIs and the Web UI');
    await Promise.all([...workers.map((w) => w.start()), ...apis.map((a) => a.start()), ui.start()]);
    await setCurrentVersion(env.TEMPORAL_BUILD_ID!);
    // The service's database is made by whichever process first needs it; a cluster is ready when it exists.
    await caseKeys.status();
  } catch (err) {
    await cluster.close().catch(() => undefined);
    throw err;
  }
  writeFileSync(
    join(dir, 'cluster.json'),
    `${JSON.stringify({ frontendAddress, uiUrl, apiUrls, oidc: oidc.issuer }, null, 2)}\n`,
  );
  return cluster;
}

/** The cases' namespace (30 days' retention of closed cases' histories) and its search attributes, once. */
async function prepareCasesNamespace(options: ReturnType<typeof temporalConnectionOptions>): Promise<void> {
  const connection = await waitUntil(
    'the Temporal frontend',
    async () => {
      const c = await Connection.connect({ ...options, connectTimeout: 2_000 });
      try {
        await c.workflowService.getSystemInfo({});
        return c;
      } catch (err) {
        await c.close();
        throw err;
      }
    },
    120_000,
    500,
  );
  try {
    await prepareNamespace(connection, NAMESPACE, { retentionDays: 30, knownWithinMs: 30_000, pollMs: 200 });
  } finally {
    await connection.close();
  }
}
