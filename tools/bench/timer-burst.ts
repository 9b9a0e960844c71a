import { addDays, dateAt, startOfDay } from '../../src/domain/calendar';
import { nextClockItem, runDueClockItems } from '../../src/domain/procedure/clock';
import { newCaseState } from '../../src/domain/procedure/state';
import { ProcSampler } from './proc';
import type { TimeSkippingStack } from './stacks';
import { runPool, summarize, type LatencySummary } from './stats';
import { noticeOf, numberedOpening, rawOpen } from './workload';

export interface BurstParams {
  /** Cases whose reflection period ends on the same day. */
  cases: number;
  /** Starts in flight while opening them. */
  concurrency: number;
}

/** What a burst measures, on either server: mails from the instant the cases fell due, and the processes' CPU. */
export interface BurstFigures {
  openedOn: string;
  openWallMs: number;
  /** Mails accepted by the SMTP server for the burst. */
  mails: number;
  /** From the instant the cases fell due to each mail accepted by the SMTP server. */
  perMailMs: LatencySummary;
  timeToLastMs: number;
  /** Every case completed (REFLECTION_EXPIRED) when the bench checked. */
  allClosed: boolean;
  cpuSeconds: Record<string, number>;
  peakRssMiB: Record<string, number>;
}

export interface BurstResult extends BurstFigures {
  params: BurstParams;
  /** The Brussels midnight at which every case's reflection period is over (server time). */
  deadlineMidnight: string;
  /** From moving the clock to the last mail of each case's notice (a notice is done when all its recipients accepted it). */
  perNoticeMs: LatencySummary;
  /** When env.sleep (the time skip) returned, from the same instant: the test server fires the timers, then waits for the work they start. */
  skipReturnedMs: number;
}

/**
 * In Belgium every deadline of a day falls due at the same midnight. B cases are opened on the
 * time-skipping server 38 days back, so their 45-day reflection periods all end 7 days from now
 * (the 7-day reminder goes out at opening); the clock is then moved past the midnight after the
 * last day, and each case-closed notice is timed to its acceptance by the SMTP server.
 */
export async function runTimerBurst(
  ts: TimeSkippingStack,
  p: BurstParams,
  log: (m: string) => void,
): Promise<BurstResult> {
  const { env, client, smtp } = ts;
  // Stay clear of a Brussels midnight while opening: all cases must be opened on the same day.
  if (dateAt(await env.currentTimeMs()) !== dateAt((await env.currentTimeMs()) + 3 * 3_600_000))
    await env.sleep(4 * 3_600_000);
  const today = dateAt(await env.currentTimeMs());
  const openedOn = addDays(today, -38);

  // The day the first timer of such a case fires, from the procedure's own clock (the workflow's calculation).
  const probe = newCaseState('case-probe', 'PAYOKE', numberedOpening(openedOn, 0));
  runDueClockItems(probe, today);
  const next = nextClockItem(probe);
  if (!next) throw new Error('timer burst: the case has no timer');
  const fireAt = startOfDay(next.on);

  const ids = new Set<string>();
  const mailsBefore = smtp.deliveries.length;
  const opened = await runPool(p.cases, p.concurrency, async (i) => {
    ids.add((await rawOpen(client, numberedOpening(openedOn, i))).caseId);
  });
  if (opened.errors > 0)
    throw new Error(`timer burst: ${opened.errors} cases could not be opened: ${opened.firstError}`);
  // Settled: every case-opened notice accepted and then no mail for a while (the 7-day reminders go with them).
  await smtp.waitForDeliveries(
    (mails) => mails.slice(mailsBefore).filter((m) => noticeOf(m.messageId).kind === 'case-opened').length >= ids.size,
    60_000 + p.cases * 100,
    `the case-opened notices of ${ids.size} cases`,
  );
  for (let count = -1; count !== smtp.deliveries.length;) {
    count = smtp.deliveries.length;
    await new Promise((r) => setTimeout(r, 1_500));
  }
  log(
    `timer burst: ${ids.size} cases opened on ${openedOn} and waiting; moving the clock past ${next.on} 00:00 (${next.label})`,
  );

  const sampler = new ProcSampler(
    { worker: ts.worker.pid!, ...(ts.serverPid ? { 'test-server': ts.serverPid } : {}) },
    undefined,
    250,
  );
  const firstBurstMail = smtp.deliveries.length;
  const skipBy = fireAt - (await env.currentTimeMs()) + 60_000;
  const t0 = performance.now();
  await env.sleep(skipBy);
  const skipReturnedMs = performance.now() - t0;
  // A case completes only after its notice was accepted by every recipient: when all are done, every mail is in.
  const caseIds = [...ids];
  const results = await runPool(caseIds.length, 64, async (i) => {
    const result = (await client.workflow.getHandle(caseIds[i]!).result()) as { outcome?: string };
    if (result.outcome !== 'REFLECTION_EXPIRED') throw new Error(`case ended ${String(result.outcome)}`);
  });
  const totals = sampler.stop();

  const burst = smtp.deliveries.slice(firstBurstMail).filter((m) => {
    const n = noticeOf(m.messageId);
    return n.kind === 'case-closed' && ids.has(n.caseId);
  });
  const perMail = burst.map((m) => m.atMs - t0);
  const lastPerCase = new Map<string, number>();
  for (const m of burst) {
    const id = noticeOf(m.messageId).caseId;
    lastPerCase.set(id, Math.max(lastPerCase.get(id) ?? 0, m.atMs - t0));
  }
  return {
    params: p,
    openedOn,
    deadlineMidnight: new Date(fireAt).toISOString(),
    openWallMs: Math.round(opened.wallMs),
    mails: burst.length,
    perMailMs: summarize(perMail),
    perNoticeMs: summarize([...lastPerCase.values()]),
    timeToLastMs: Math.max(0, ...perMail),
    skipReturnedMs: Math.round(skipReturnedMs),
    allClosed: results.errors === 0 && lastPerCase.size === ids.size,
    cpuSeconds: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, v.cpuSeconds])),
    peakRssMiB: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, v.maxSampledRssMiB])),
  };
}
