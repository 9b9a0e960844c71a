/**
 * Issue 15 on the production topology (npm run cluster): staff read cases in the Temporal Web UI under their own
 * name, and only the service acts on them. A real browser signs in to the UI server through OIDC, reads a case
 * decrypted through the API's codec (each decode audited under the officer's name and the case), and cannot
 * terminate it, neither from the UI nor with the officer's own token at the frontend. The frontend speaks only
 * mutual TLS, and writes only for the service's certificate. Issue 28: only the Immigration Office and admins
 * read in Temporal (the identity provider's `permissions` claim, for the cases' namespace only): a centre's and a
 * prosecutor's account are refused by the UI server's API, and nobody reads the whole cluster.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Browser, BrowserContext } from 'playwright-core';
import { temporalConnectionOptions } from '../../src/temporal/connection-options';
import { startCluster, type Cluster } from '../../tools/cluster/cluster';
import { waitUntil } from '../../tools/stack/wait';
import { launchChromium } from '../support/chromium';
import { centreEvent, openCaseOn, today } from './cluster-cases';

const PERMISSION_DENIED = 7;
const UNAVAILABLE = 14;

let cluster: Cluster;
let browser: Browser;
let caseId: string;
beforeAll(async () => {
  // The first run on a machine builds the Temporal server and the UI server (minutes).
  [cluster, browser] = await Promise.all([
    startCluster({ log: (line) => process.stdout.write(`cluster: ${line}\n`) }),
    launchChromium(),
  ]);
  caseId = await openCaseOn(cluster, 'Cluster');
}, 30 * 60_000);
afterAll(async () => {
  await browser?.close();
  await cluster?.close();
});

/** Signs in to the Web UI through the development identity provider, as one of its accounts. */
async function signedInToWebUi(login: string): Promise<BrowserContext> {
  // The codec's https port has the cluster CA's certificate, which this browser does not know.
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(`${cluster.uiUrl}/login`);
  await page.getByText('Continue to SSO').click();
  await page.waitForURL((u) => u.href.startsWith(cluster.oidcIssuer));
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'any-password');
  await page.click('button[type=submit]');
  await page.waitForURL((u) => u.href.startsWith(cluster.uiUrl) && !u.pathname.startsWith('/auth'));
  await page.close();
  return context;
}

/**
 * The headers the Web UI sends with its API calls for a signed-in user (the access token, and the ID token in
 * `authorization-extras`, which the UI server checks), taken from the first such call of a workflows page.
 */
async function webUiApiHeaders(context: BrowserContext): Promise<Record<string, string>> {
  const page = await context.newPage();
  try {
    const [call] = await Promise.all([
      page.waitForRequest((r) => r.url().startsWith(`${cluster.uiUrl}/api/v1/`) && !!r.headers().authorization, {
        timeout: 30_000,
      }),
      page.goto(`${cluster.uiUrl}/namespaces/${cluster.namespace}/workflows`),
    ]);
    const headers = await call.allHeaders();
    return Object.fromEntries(
      ['authorization', 'authorization-extras'].flatMap((h) => (headers[h] ? [[h, headers[h]]] : [])),
    );
  } finally {
    await page.close();
  }
}

/** The claims of a JWT (the access token in an Authorization header), unverified. */
const jwtClaims = (authorization: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(authorization.replace(/^Bearer /, '').split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;

/** A connection to the frontend with one of the cluster's client certificates (or none), and a bearer token. */
function frontendAs(cert: 'service' | 'webUi' | null, apiKey?: string): Promise<Connection> {
  const options = temporalConnectionOptions({
    TEMPORAL_ADDRESS: cluster.frontendAddress,
    TEMPORAL_TLS: true,
    TEMPORAL_TLS_CA_FILE: cluster.certs.ca,
    TEMPORAL_TLS_CERT_FILE: cert ? cluster.certs[cert].cert : undefined,
    TEMPORAL_TLS_KEY_FILE: cert ? cluster.certs[cert].key : undefined,
    TEMPORAL_TLS_SERVER_NAME: 'localhost',
    TEMPORAL_API_KEY: apiKey,
  });
  return Connection.connect({ ...options, connectTimeout: 5_000 });
}

/** The gRPC status of a refused call (the client wraps it as the cause of its own error). */
const grpcCode = (err: unknown): number | undefined =>
  (err as { code?: number }).code ?? (err as { cause?: { code?: number } }).cause?.code;

describe('the Temporal Web UI on the cluster', () => {
  let officer: BrowserContext;
  /** The access token the Web UI sends for the officer, as the codec received it. */
  let officerToken: string | undefined;
  beforeAll(async () => {
    officer = await signedInToWebUi('immigration-office');
  });

  it('shows an officer signed in through OIDC the case decrypted, each decode audited under their name', async () => {
    const page = await officer.newPage();
    page.on('request', (r) => {
      if (r.url().startsWith(cluster.codecUrl)) officerToken ??= r.headers().authorization?.replace(/^Bearer /, '');
    });
    await page.goto(`${cluster.uiUrl}/namespaces/default/workflows/${caseId}`);
    // The start's input, decrypted by the API's codec with the officer's access token.
    await page.getByText('caseworker.cluster@payoke.example.org').first().waitFor({ timeout: 30_000 });
    expect(await page.getByText('Codec Server could not connect').count()).toBe(0);

    const audit = () =>
      readFileSync(join(cluster.dir, 'audit.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((r) => r.action === 'codec.decode');
    await waitUntil(
      'the decode of the case to be audited',
      async () => audit().some((r) => r.caseId === caseId),
      10_000,
      200,
    );
    const decodes = audit();
    expect(decodes.length).toBeGreaterThan(0);
    // Every decode names the officer; none is anonymous.
    expect(new Set(decodes.map((r) => r.principalId))).toEqual(new Set(['immigration-office']));
    await page.close();
  });

  it('offers no write action, and the frontend refuses the officer’s own token a terminate', async () => {
    const page = await officer.newPage();
    await page.goto(`${cluster.uiUrl}/namespaces/default/workflows/${caseId}`);
    const cancel = page.getByRole('button', { name: 'Request Cancellation' });
    await cancel.waitFor({ timeout: 30_000 });
    await expect(cancel.isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'More Actions' }).isDisabled()).resolves.toBe(true);
    await page.close();

    // What the UI server forwards: the officer's token, over the UI server's own (untrusted) certificate.
    expect(officerToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const connection = await frontendAs('webUi', officerToken);
    try {
      const client = new Client({ connection, namespace: cluster.namespace });
      // Reading is allowed (the raw call: the payloads stay ciphertext without the key).
      const described = await connection.workflowService.describeWorkflowExecution({
        namespace: cluster.namespace,
        execution: { workflowId: caseId },
      });
      expect(described.workflowExecutionInfo?.execution?.workflowId).toBe(caseId);
      const terminated = await client.workflow
        .getHandle(caseId)
        .terminate('tried by an officer')
        .catch((e: unknown) => e);
      expect(grpcCode(terminated)).toBe(PERMISSION_DENIED);
    } finally {
      await connection.close();
    }
    const status = await cluster.request(1, 'GET', `/v1/cases/${caseId}`, { token: cluster.tokens['centre-PAYOKE'] });
    expect((status.body as { outcome: unknown }).outcome).toBeNull();
  });
});

describe('read rights in the Web UI (issue 28)', () => {
  /** The UI server's API (the grpc-gateway before Temporal's frontend), as a signed-in user's browser calls it. */
  const uiApi = async (headers: Record<string, string>, path: string) => {
    const res = await fetch(`${cluster.uiUrl}/api/v1${path}`, { headers });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
  };
  const listed = (body: Record<string, unknown> | null) =>
    ((body?.executions ?? []) as { execution?: { workflowId?: string } }[]).map((e) => e.execution?.workflowId);
  const headers: Record<string, Record<string, string>> = {};
  const sessions: Record<string, BrowserContext> = {};
  const prosecutor = () => Object.keys(cluster.tokens).find((label) => label.startsWith('prosecutor-'))!;
  beforeAll(async () => {
    for (const login of ['immigration-office', 'admin', 'centre-PAYOKE', prosecutor()]) {
      sessions[login] = await signedInToWebUi(login);
      headers[login] = await webUiApiHeaders(sessions[login]);
    }
  }, 120_000);
  afterAll(async () => {
    for (const context of Object.values(sessions)) await context.close();
  });

  it('lets the Immigration Office and admins list the cases: their token reads the cases’ namespace only', async () => {
    for (const login of ['immigration-office', 'admin']) {
      const list = await uiApi(headers[login]!, `/namespaces/${cluster.namespace}/workflows`);
      expect(list.status).toBe(200);
      expect(listed(list.body)).toContain(caseId);
      // What the Web UI reads before it shows a namespace (allowed to a reader of one namespace).
      expect((await uiApi(headers[login]!, '/cluster-info')).status).toBe(200);
      expect(jwtClaims(headers[login]!.authorization!).permissions).toEqual([`${cluster.namespace}:read`]);
    }
  });

  it('refuses a centre’s and a prosecutor’s account: no list, not even of their own case, and no case', async () => {
    for (const login of ['centre-PAYOKE', prosecutor()]) {
      const list = await uiApi(headers[login]!, `/namespaces/${cluster.namespace}/workflows`);
      expect([login, listed(list.body)]).toEqual([login, []]);
      expect([login, list.status]).toEqual([login, 403]);
      expect(JSON.stringify(list.body)).not.toContain(caseId);
      for (const path of [
        `/namespaces/${cluster.namespace}/workflows/${caseId}`,
        `/namespaces/${cluster.namespace}/workflows/${caseId}/history`,
        `/namespaces/${cluster.namespace}/workflow-count`,
        '/cluster-info',
      ])
        expect([login, path, (await uiApi(headers[login]!, path)).status]).toEqual([login, path, 403]);
      // The identity provider gives them no Temporal permission at all.
      expect(jwtClaims(headers[login]!.authorization!)).not.toHaveProperty('permissions');
    }
    // Without the user's token the UI server forwards nothing to Temporal.
    expect((await uiApi({}, `/namespaces/${cluster.namespace}/workflows`)).status).toBe(401);
    // In the browser, the centre's caseworker opening their own case is sent back to the sign-in page, refused.
    const page = await sessions['centre-PAYOKE']!.newPage();
    try {
      await page.goto(`${cluster.uiUrl}/namespaces/${cluster.namespace}/workflows/${caseId}`);
      await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.has('error'), { timeout: 30_000 });
      expect(new URL(page.url()).searchParams.get('error')).toMatch(/do not have permission/);
      expect(await page.getByText('caseworker.cluster@payoke.example.org').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('gives nobody read of the whole cluster: no account’s token reads temporal-system', async () => {
    for (const login of Object.keys(headers)) {
      const system = await uiApi(headers[login]!, '/namespaces/temporal-system/workflows');
      expect([login, system.status]).toEqual([login, 403]);
    }
    // The officer's own token at the frontend: Temporal's own namespace is closed to it.
    const connection = await frontendAs('webUi', headers['immigration-office']!.authorization!.replace(/^Bearer /, ''));
    try {
      const refused = await connection.workflowService
        .listWorkflowExecutions({ namespace: 'temporal-system', pageSize: 1 })
        .catch((e: unknown) => e);
      expect(grpcCode(refused)).toBe(PERMISSION_DENIED);
    } finally {
      await connection.close();
    }
    // What the identity provider issues, account by account: the cases' namespace, to the two roles only.
    const issued = JSON.parse(readFileSync(join(cluster.dir, 'oidc-web-ui-permissions.json'), 'utf8')) as Record<
      string,
      string[]
    >;
    expect(Object.keys(issued).sort()).toEqual(Object.keys(cluster.tokens).sort());
    for (const [account, permissions] of Object.entries(issued))
      expect([account, permissions]).toEqual([
        account,
        ['immigration-office', 'immigration-office-2', 'admin', 'admin-2'].includes(account)
          ? [`${cluster.namespace}:read`]
          : [],
      ]);
  });
});

describe('the frontend', () => {
  it('speaks only mutual TLS: a client without a certificate is not let in', async () => {
    const refused = await frontendAs(null)
      .then(async (c) => {
        try {
          return await c.workflowService.getSystemInfo({});
        } finally {
          await c.close();
        }
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
    expect([UNAVAILABLE, undefined]).toContain(grpcCode(refused));
  });

  it('lets only the service’s certificate write: another certificate of the same CA cannot terminate or start', async () => {
    const connection = await frontendAs('webUi');
    try {
      const client = new Client({ connection, namespace: cluster.namespace });
      const terminated = await client.workflow
        .getHandle(caseId)
        .terminate('forged')
        .catch((e: unknown) => e);
      expect(grpcCode(terminated)).toBe(PERMISSION_DENIED);
      const started = await client.workflow
        .start('victimCase', { workflowId: `case-${'0'.repeat(8)}-forged`, taskQueue: cluster.taskQueue, args: [{}] })
        .catch((e: unknown) => e);
      expect(grpcCode(started)).toBe(PERMISSION_DENIED);
    } finally {
      await connection.close();
    }
    // The service's own connection (the API) goes on working, through the second API process too.
    const event = await centreEvent(
      cluster,
      caseId,
      { type: 'identity-documented', on: today(), documentKind: 'passport' },
      1,
    );
    expect(event.status).toBe(200);
  });
});
