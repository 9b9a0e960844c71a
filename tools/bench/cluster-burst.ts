import type { Client } from '@temporalio/client';
import { addDays, dateAt } from '../../src/domain/calendar';
import { runDueClockItems } from '../../src/domain/procedure/clock';
import { newCaseState } from '../../src/domain/procedure/state';
import type { SmtpServer } from '../stack/smtp-server';
import { ProcSampler } from './proc';
import { runPool, summarize, type LatencySummary } from './stats';
import type { BurstFigures } from './timer-burst';
import { noticeOf, numberedOpening, rawOpen } from './workload';

/**
 * The timer burst on the cluster. A real server's clock cannot be moved and a case's deadlines all fall at a
 * Brussels midnight, so the cases are started with a start delay that ends at the same instant for all of them:
 * the history service holds B durable timers in its timer queue, as it holds the cases' deadlines, and fires them
 * together. The cases were opened 46 days before that day: their first run finds the reflection period over, mails
 * the case-opened and the case-closed notices and completes (REFLECTION_EXPIRED). That is more work than a
 * deadline of a running, cached case (one notice), so the CPU per case it measures is an upper bound.
 */

export interface ClusterBurstParams {
  /** B: cases falling due at the same instant. */
  cases: number;
  /** Starts in flight while opening them. */
  concurrency: number;
  /** Raw-client opens per second measured just before, to plan the instant after the last opening. */
  openRatePerSec: number;
}

export interface ClusterBurstResult extends BurstFigures {
  params: ClusterBurstParams;
  /** The instant every case's first task fell due. */
  dueAt: string;
  /** How long before the instant the last case was opened (nothing of the openings overlaps the burst). */
  quietBeforeMs: number;
  /** From the instant to the last mail of each case: the case's work done. */
  perCaseMs: LatencySummary;
  /** The same for one case due alone (the median of three, before the burst): the path's latency when nothing waits. */
  unloadedCaseMs: number;
  /** CPU per case in ms of each process, from the instant to the last mail. */
  cpuMsPerCase: Record<string, number>;
}

export interface ClusterBurstTarget {
  client: Client;
  taskQueue: string;
  smtp: SmtpServer;
  pids: Record<string, number>;
  trees: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One case due alone, three times: from its instant to its last mail, the median. */
async function unloadedLatency(t: ClusterBurstTarget): Promise<number> {
  const took: number[] = [];
  for (let i = 0; i < 3; i++) {
    const delayMs = 2_000;
    const dueAt = performance.now() + delayMs;
    const openedOn = addDays(dateAt(Date.now() + delayMs), -46);
    const { caseId } = await rawOpen(t.client, numberedOpening(openedOn, i), {
      taskQueue: t.taskQueue,
      startDelayMs: delayMs,
    });
    await t.client.workflow.getHandle(caseId).result();
    // The workflow completes after its last notice was accepted: every mail of the case is in.
    const mails = t.smtp.deliveries.filter((m) => noticeOf(m.messageId).caseId === caseId);
    took.push(Math.max(...mails.map((m) => m.atMs)) - dueAt);
  }
  return took.sort((a, b) => a - b)[1]!;
}

export async function runClusterBurst(
  t: ClusterBurstTarget,
  p: ClusterBurstParams,
  log: (m: string) => void,
): Promise<ClusterBurstResult> {
  // After the openings at the rate just measured, twice over, with a margin.
  const leadMs = 15_000 + Math.ceil((2 * p.cases * 1000) / Math.max(1, p.openRatePerSec));
  let dueAtMs = Date.now() + leadMs;
  // Stay clear of a Brussels midnight: the opening date is counted back from the day of the instant.
  if (dateAt(dueAtMs) !== dateAt(dueAtMs + 120_000)) dueAtMs += 180_000;
  const openedOn = addDays(dateAt(dueAtMs), -46);
  const probe = newCaseState('case-probe', 'PAYOKE', numberedOpening(openedOn, 0));
  runDueClockItems(probe, dateAt(dueAtMs));
  if (probe.outcome !== 'REFLECTION_EXPIRED')
    throw new Error(`cluster burst: a case opened on ${openedOn} would not close on ${dateAt(dueAtMs)}`);

  const unloadedCaseMs = await unloadedLatency(t);
  const ids = new Set<string>();
  const opened = await runPool(p.cases, p.concurrency, async (i) => {
    ids.add(
      (
        await rawOpen(t.client, numberedOpening(openedOn, i), {
          taskQueue: t.taskQueue,
          startDelayMs: dueAtMs - Date.now(),
        })
      ).caseId,
    );
  });
  if (opened.errors > 0)
    throw new Error(`cluster burst: ${opened.errors} cases could not be opened: ${opened.firstError}`);
  const quietBeforeMs = dueAtMs - Date.now();
  if (quietBeforeMs < 2_000)
    throw new Error(`cluster burst: opening ${p.cases} cases took until ${-quietBeforeMs} ms before the instant`);
  log(`cluster burst: ${ids.size} cases opened on ${openedOn}, all due in ${Math.round(quietBeforeMs / 1000)} s`);

  const firstMail = t.smtp.deliveries.length;
  await sleep(dueAtMs - Date.now());
  const t0 = performance.now() - (Date.now() - dueAtMs);
  const sampler = new ProcSampler(t.pids, undefined, 250, t.trees);

  // Done when every case mailed its case-closed notice and then nothing came for 2 s (its last recipients).
  const closedCases = new Set<string>();
  let scanned = firstMail;
  const allCaseClosedIn = () => {
    for (; scanned < t.smtp.deliveries.length; scanned++) {
      const n = noticeOf(t.smtp.deliveries[scanned]!.messageId);
      if (n.kind === 'case-closed' && ids.has(n.caseId)) closedCases.add(n.caseId);
    }
    return closedCases.size === ids.size;
  };
  await t.smtp.waitForDeliveries(
    allCaseClosedIn,
    120_000 + p.cases * 200,
    `the case-closed notices of ${ids.size} cases`,
  );
  for (let count = -1; count !== t.smtp.deliveries.length;) {
    count = t.smtp.deliveries.length;
    await sleep(2_000);
  }
  const totals = sampler.stop();

  const burst = t.smtp.deliveries.slice(firstMail).filter((m) => ids.has(noticeOf(m.messageId).caseId));
  const lastPerCase = new Map<string, number>();
  for (const m of burst) {
    const id = noticeOf(m.messageId).caseId;
    lastPerCase.set(id, Math.max(lastPerCase.get(id) ?? 0, m.atMs - t0));
  }
  const caseIds = [...ids];
  const results = await runPool(caseIds.length, 32, async (i) => {
    const result = (await t.client.workflow.getHandle(caseIds[i]!).result()) as { outcome?: string };
    if (result.outcome !== 'REFLECTION_EXPIRED') throw new Error(`case ended ${String(result.outcome)}`);
  });
  const cpuSeconds = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, v.cpuSeconds]));
  const perMail = burst.map((m) => m.atMs - t0);
  return {
    params: p,
    openedOn,
    dueAt: new Date(dueAtMs).toISOString(),
    openWallMs: Math.round(opened.wallMs),
    quietBeforeMs: Math.round(quietBeforeMs),
    mails: burst.length,
    perMailMs: summarize(perMail),
    perCaseMs: summarize([...lastPerCase.values()]),
    unloadedCaseMs: Math.round(unloadedCaseMs),
    timeToLastMs: Math.max(0, ...perMail),
    allClosed: results.errors === 0 && lastPerCase.size === ids.size,
    cpuSeconds,
    cpuMsPerCase: Object.fromEntries(
      Object.entries(cpuSeconds).map(([k, v]) => [k, Math.round((v * 1000 * 100) / ids.size) / 100]),
    ),
    peakRssMiB: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, v.maxSampledRssMiB])),
  };
}
