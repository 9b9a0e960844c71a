/**
 * Graceful shutdown of the real processes (src/run-main.ts): SIGTERM lets the
 * API finish the requests under way while it refuses new connections, and
 * lets the worker finish the activity it is running before it exits.
 */
import type { temporal } from '@temporalio/proto';
import { dateAt } from '../../src/domain/calendar';
import { startProcessStack, type ProcessStack } from '../../tools/stack/process-stack';
import { sleep, waitUntil } from '../../tools/stack/wait';
import { openingBody } from '../support/api-helpers';

jest.setTimeout(180_000);

let stack: ProcessStack;
beforeAll(async () => {
  // Calls to Temporal may wait long: the slow request below waits for a paused worker.
  stack = await startProcessStack({ temporalCallTimeoutMs: 60_000 });
}, 180_000);
afterAll(() => stack?.close());

const today = () => dateAt(Date.now());

async function openCase(): Promise<string> {
  const res = await stack.request('POST', '/v1/cases', {
    token: stack.tokens['centre-PAYOKE'],
    body: openingBody(),
  });
  expect(res.status).toBe(201);
  return (res.body as { caseId: string }).caseId;
}

const mailsOf = (caseId: string) => stack.smtp.deliveries.filter((d) => d.messageId.startsWith(`<${caseId}=2F`));

describe('SIGTERM', () => {
  it('lets the API finish a slow request, refusing new connections meanwhile, then exit 0', async () => {
    const caseId = await openCase();
    await waitUntil('the case-opened mail', () => mailsOf(caseId).length === 1, 30_000);
    // With the worker paused, the Update behind this request waits: a slow request.
    process.kill(stack.worker.pid!, 'SIGSTOP');
    let paused = true;
    try {
      const slow = stack.request('POST', `/v1/cases/${caseId}/events`, {
        token: stack.tokens['centre-PAYOKE'],
        body: { type: 'identity-documented', on: today(), documentKind: 'passport' },
        timeoutMs: 90_000,
      });
      await sleep(1_500);
      const exited = stack.api.exited();
      stack.api.signal('SIGTERM');
      await sleep(500);
      // Draining: no new connection is taken, the process is still there for the request under way.
      const late = await stack.request('GET', '/healthz', { timeoutMs: 5_000 });
      expect(late.status).toBe(0);
      expect(stack.api.running).toBe(true);

      process.kill(stack.worker.pid!, 'SIGCONT');
      paused = false;
      const res = await slow;
      expect(res.status).toBe(200);
      expect((res.body as { history: { type: string }[] }).history.map((h) => h.type)).toContain('identity-documented');
      expect(await exited).toEqual({ code: 0, signal: null });
    } finally {
      if (paused) process.kill(stack.worker.pid!, 'SIGCONT');
    }
    await stack.api.start();
  });

  it('lets the worker finish the activity it runs (a slow SMTP answer), then exit 0; nothing is sent twice', async () => {
    stack.smtp.delayMs = 6_000;
    let caseId: string;
    try {
      caseId = await openCase();
      // The case-opened mail is between its DATA and the relay's (late) answer.
      await waitUntil('a mail mid-send', () => stack.smtp.inData > 0, 30_000, 20);
      const exited = stack.worker.exited();
      const signalledAt = Date.now();
      stack.worker.signal('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      // It waited for the relay's answer: the mail was accepted before the process went.
      expect(mailsOf(caseId)).toHaveLength(1);
      expect(mailsOf(caseId)[0]!.at).toBeGreaterThan(signalledAt);
    } finally {
      stack.smtp.delayMs = 0;
    }

    // The completion reached Temporal: the mail activity completed on its first attempt, no timeout, no retry.
    // (The statistics activity runs beside it, and may have been left for the next worker.) Temporal writes an
    // activity's events once the workflow task in flight ends: the one the leaving worker started after the
    // statistics activity completed ends by its timeout, so the history is read once the mail's completion is in.
    const mailIdsOf = (events: temporal.api.history.v1.IHistoryEvent[]) =>
      new Set(
        events
          .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendNotice')
          .map((e) => String(e.eventId)),
      );
    const events = await waitUntil(
      "the mail activity's completion in the history",
      async () => {
        const all = (await stack.client.workflow.getHandle(caseId).fetchHistory()).events ?? [];
        const mail = mailIdsOf(all);
        return all.some((e) => mail.has(String(e.activityTaskCompletedEventAttributes?.scheduledEventId)))
          ? all
          : undefined;
      },
      30_000,
      500,
    );
    const mailIds = mailIdsOf(events);
    const ofMail = (id: { toString(): string } | null | undefined) => mailIds.has(String(id));
    expect(
      events
        .filter((e) => ofMail(e.activityTaskStartedEventAttributes?.scheduledEventId))
        .map((e) => e.activityTaskStartedEventAttributes!.attempt),
    ).toEqual([1]);
    expect(events.filter((e) => ofMail(e.activityTaskCompletedEventAttributes?.scheduledEventId))).toHaveLength(1);
    expect(
      events.filter(
        (e) =>
          ofMail(e.activityTaskTimedOutEventAttributes?.scheduledEventId) ||
          ofMail(e.activityTaskFailedEventAttributes?.scheduledEventId),
      ),
    ).toHaveLength(0);

    await stack.worker.start();
    const res = await stack.request('POST', `/v1/cases/${caseId}/events`, {
      token: stack.tokens['centre-PAYOKE'],
      body: { type: 'voluntary-return', on: today() },
    });
    expect(res.status).toBe(200);
    await waitUntil('the case-closed mails', () => mailsOf(caseId).length === 3, 60_000);
    await sleep(1_000);
    expect(new Set(mailsOf(caseId).map((m) => m.messageId)).size).toBe(3);
  });
});
