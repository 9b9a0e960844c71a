/**
 * Issue 16 on the production topology: the reliability harness's scenarios (tools/reliability) while cases are
 * opened, events recorded and notices mailed through the cluster's API: the history service SIGKILLed, one of
 * the two workers SIGKILLed, PostgreSQL restarted. Each scenario's cases end exactly as the same scripts end
 * without faults, every notice delivered once (by Message-ID); the API answers 503 while a part is down and
 * recovers by itself.
 */
import type { FaultStack } from '../../tools/reliability/driving';
import { runBaseline, serverKilled, workerKilled, type ScenarioContext } from '../../tools/reliability/fault-scenarios';
import { isRefused } from '../../tools/reliability/scripts';
import { startCluster, type Cluster } from '../../tools/cluster/cluster';
import { faultRows } from '../support/fault-rows';
import { opening } from '../support/fixtures';

jest.setTimeout(360_000);

let cluster: Cluster;
let ctx: ScenarioContext;
/** A case closed at once (opened in error), whose reads need the history service; settle waits for none. */
let probeCase: string;
const { expectClean, print } = faultRows();

beforeAll(async () => {
  cluster = await startCluster({ smtp: { rejectRecipients: isRefused } });
  // The scenarios drive API 1 and kill worker 1; worker 2 and API 2 stay up throughout.
  const stack: FaultStack = {
    dir: cluster.dir,
    request: (method, path, req) => cluster.request(0, method, path, req),
    client: cluster.client,
    caseIndex: cluster.caseIndex,
    smtp: cluster.smtp,
    tokens: cluster.tokens,
    worker: cluster.workers[0]!,
    temporal: cluster.temporal.history,
    api: cluster.apis[0]!,
  };
  const tag = `c${Date.now().toString(36)}`;
  ctx = { stack, base: await runBaseline(stack, tag), tag, concurrency: 8, settleMs: 180_000 };
  const opened = await stack.request('POST', '/v1/cases', {
    token: cluster.tokens['centre-PAYOKE'],
    body: opening(ctx.base.today, {
      victim: { pseudonym: 'P-probe', language: 'ro' },
      caseworkerEmail: 'cw-probe@example.org',
    }),
  });
  probeCase = (opened.body as { caseId: string }).caseId;
  const closed = await stack.request('POST', `/v1/cases/${probeCase}/events`, {
    token: cluster.tokens['centre-PAYOKE'],
    body: { type: 'opened-in-error', on: ctx.base.today },
  });
  expect(closed.status).toBe(200);
}, 30 * 60_000);

afterAll(async () => {
  print();
  await cluster?.close();
});

const caseRead = (stack: FaultStack) => [
  stack.request('GET', `/v1/cases/${probeCase}`, { token: cluster.tokens['centre-PAYOKE'], timeoutMs: 10_000 }),
];

describe('faults on the cluster', () => {
  it('history service SIGKILLed and restarted: case reads answer 503 meanwhile, then everything goes on', async () => {
    const row = await serverKilled(ctx, 6, 5_000, {
      name: 'history service',
      process: cluster.temporal.history,
      probes: caseRead,
    });
    expectClean(row);
    expect(row.notes.join('\n')).toMatch(/API answered 503 \(/);
  });

  it('one of the two workers SIGKILLed mid-send and restarted: the other goes on, each notice once', async () => {
    const row = await workerKilled(ctx, 6, 1);
    expectClean(row);
  });

  it('PostgreSQL restarted: the API answers 503 meanwhile and recovers by itself', async () => {
    const row = await serverKilled(ctx, 6, 5_000, {
      name: 'PostgreSQL',
      process: cluster.postgres,
      signal: 'SIGINT',
      probes: (stack) => [
        ...caseRead(stack),
        stack.request('GET', '/v1/cases', { token: cluster.tokens.admin, timeoutMs: 10_000 }),
      ],
    });
    expectClean(row);
    expect(row.notes.join('\n')).toMatch(/API answered 503 \(/);
  });
});
