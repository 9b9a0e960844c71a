/**
 * The short fault suite: real processes (dev server on SQLite, dist/worker.js,
 * dist/server.js) killed with SIGKILL while cases run through the HTTP API,
 * and an SMTP server that goes away. Each scenario's cases must end exactly as
 * the same scripts end without faults, with every notice delivered once
 * (counted by Message-ID). `npm run reliability` runs the same scenarios with
 * hundreds of cases.
 */
import {
  apiKilled,
  runBaseline,
  serverKilled,
  smtpOutage,
  workerKilled,
  type ScenarioContext,
} from '../../tools/reliability/fault-scenarios';
import { isRefused } from '../../tools/reliability/scripts';
import { startProcessStack, type ProcessStack } from '../../tools/stack/process-stack';
import { faultRows } from '../support/fault-rows';

jest.setTimeout(240_000);

let stack: ProcessStack;
let ctx: ScenarioContext;
const { expectClean, print } = faultRows();

beforeAll(async () => {
  stack = await startProcessStack({ smtp: { rejectRecipients: isRefused } });
  const tag = `f${Date.now().toString(36)}`;
  ctx = { stack, base: await runBaseline(stack, tag), tag, concurrency: 8, settleMs: 120_000 };
  // The reference itself: the refused guardian is flagged on the case and tried once per notice (two).
  expect(ctx.base['rejected-guardian'].state).toContain('"undeliverableNotices":["guardian"]');
  expect(ctx.base['rejected-guardian'].refusedAttempts).toBe(2);
});

afterAll(async () => {
  print();
  await stack?.close();
});

describe('faults with real processes', () => {
  it('worker SIGKILLed mid-send and mid-Update, restarted: same outcomes, each notice once', async () => {
    const row = await workerKilled(ctx, 6, 1);
    expectClean(row);
    expect(row.notes.join('\n')).toMatch(/kill 1: [1-9]\d* mail\(s\) mid-send/);
  });

  it('dev server SIGKILLed and restarted on its SQLite file: 503 meanwhile, recovery by itself, due retries run once', async () => {
    const row = await serverKilled(ctx, 6, 3_000);
    expectClean(row);
    expect(row.notes.join('\n')).toMatch(/API answered 503 \(/);
  });

  it('SMTP server down for a while: notices retry with back-off and arrive once; a 550 is flagged, not retried', async () => {
    const row = await smtpOutage(ctx, 6, 8_000);
    expectClean(row);
    expect(row.notes.join('\n')).toMatch(/pending sends reached attempt [2-9]/);
    // Exponential: 2 s before the second attempt, then 4 s, 8 s...
    expect(row.notes.join('\n')).toMatch(/before attempt [2-9]: ([4-9]|\d{2,}) s/);
  });

  it('API SIGKILLed during requests with Idempotency-Keys, clients retrying: one effect each', async () => {
    const row = await apiKilled(ctx, 6, 2);
    expectClean(row);
  });
});
