import { boundUpdate } from '../../src/cases/inputs';
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { dateAt, startOfDay, subtractPeriod, type IsoDate } from '../../src/domain/calendar';
import type { Actor } from '../../src/domain/procedure/state';
import type { CaseStatus } from '../../src/domain/schemas/case';
import type { victimCase } from '../../workflows';
import { recordEvent, status } from '../../workflows/messages';
import {
  complaintFiled,
  conviction,
  identityDocumented,
  permanentResidenceGranted,
  YES,
} from '../../test/support/fixtures';
import { waitUntil } from '../stack/wait';
import type { TimeSkippingStack } from './stacks';
import { IMMIGRATION_ACTOR, noticeOf, numberedOpening, rawEvent, rawOpen } from './workload';

export interface LifetimeParams {
  /** Cases taken through the whole lifetime, one after the other. */
  runs: number;
  /** 6-month renewals of the A-card before the conviction. */
  renewals: number;
}

export interface LifetimeRun {
  wallMs: number;
  /** Workflow runs of the case (continue-as-new at each stage change and renewal) and the history length of each. */
  historyLengths: number[];
  mails: number;
  outcome: string;
  /** Server (time-skipped) dates of the case. */
  openedOn: string;
  closedOn: string;
}

export interface LifetimeResult {
  params: LifetimeParams;
  runs: LifetimeRun[];
}

const CENTRE: Actor = { id: 'centre-PAYOKE', role: 'centre', centre: 'PAYOKE' };
const PROSECUTOR: Actor = { id: 'prosecutor-ANTWERPEN', role: 'prosecutor', office: 'ANTWERPEN' };

function answer(client: Client, caseId: string, queryId: string): Promise<CaseStatus> {
  return client.workflow
    .getHandle<typeof victimCase>(caseId)
    .executeUpdate(recordEvent, boundUpdate({ actor: PROSECUTOR, answer: { ...YES, queryId } }));
}

/** Polls the status Query until `ready` holds (the workflow has handled the timers the skip fired). */
async function statusWhen(
  client: Client,
  caseId: string,
  ready: (s: CaseStatus) => boolean,
  what: string,
): Promise<CaseStatus> {
  let last: CaseStatus | undefined;
  const check = async () => {
    last = await client.workflow.getHandle<typeof victimCase>(caseId).query(status);
    return ready(last) && last;
  };
  return waitUntil(what, check, 60_000, 10).catch((err: unknown) => {
    throw new Error(`lifetime: ${what} did not happen (stage ${last?.stage})`, { cause: err });
  });
}

/** Every run of the case, first to last, with its history length, following continue-as-new. */
async function historyOfRuns(client: Client, caseId: string, firstRunId: string): Promise<number[]> {
  const lengths: number[] = [];
  for (let runId: string | undefined = firstRunId; runId;) {
    const history: temporal.api.history.v1.IHistory = await client.workflow.getHandle(caseId, runId).fetchHistory();
    const events: temporal.api.history.v1.IHistoryEvent[] = history.events ?? [];
    lengths.push(events.length);
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return lengths;
}

/**
 * One case from opening through complaint, the prosecutor's positive answer (A-card), six
 * 6-month renewals each preceded by its status query, to a conviction and the Immigration Office's
 * grant of permanent residence, on the time-skipping server: the clock jumps to each query day.
 */
async function oneLifetime(ts: TimeSkippingStack, renewals: number): Promise<LifetimeRun> {
  const { env, client, smtp } = ts;
  const today = async (): Promise<IsoDate> => dateAt(await env.currentTimeMs());
  const moveTo = async (date: IsoDate) => {
    const ms = startOfDay(date) + 3_600_000 - (await env.currentTimeMs());
    if (ms > 0) await env.sleep(ms);
  };
  const mailsBefore = smtp.deliveries.length;
  const t0 = performance.now();
  const d0 = await today();
  const { caseId, firstRunId } = await rawOpen(client, numberedOpening(d0, 0));
  await rawEvent(client, caseId, CENTRE, identityDocumented(d0));
  let st = await rawEvent(client, caseId, CENTRE, complaintFiled(d0));
  st = await answer(client, caseId, st.prosecutorQuery!.queryId);
  if (st.stage !== 'IDENTIFIED_VICTIM') throw new Error(`lifetime: expected the 6-month permit stage, got ${st.stage}`);
  for (let cycle = 1; cycle <= renewals; cycle++) {
    const queryDay = subtractPeriod(st.document!.validUntil!, { months: 1 });
    await moveTo(queryDay);
    st = await statusWhen(
      client,
      caseId,
      (s) => s.prosecutorQuery?.sentOn === queryDay,
      `the status query of ${queryDay}`,
    );
    st = await answer(client, caseId, st.prosecutorQuery!.queryId);
    if (st.document?.renewals !== cycle)
      throw new Error(`lifetime: renewal ${cycle} not applied (renewals ${st.document?.renewals})`);
  }
  const closedOn = await today();
  await rawEvent(client, caseId, PROSECUTOR, conviction(closedOn));
  await rawEvent(client, caseId, IMMIGRATION_ACTOR, permanentResidenceGranted(closedOn));
  const result = (await client.workflow.getHandle(caseId).result()) as CaseStatus;
  const wallMs = performance.now() - t0;
  return {
    wallMs: Math.round(wallMs),
    historyLengths: await historyOfRuns(client, caseId, firstRunId),
    mails: smtp.deliveries.slice(mailsBefore).filter((m) => noticeOf(m.messageId).caseId === caseId).length,
    outcome: result.outcome ?? 'none',
    openedOn: d0,
    closedOn,
  };
}

export async function runLifetime(
  ts: TimeSkippingStack,
  p: LifetimeParams,
  log: (m: string) => void,
): Promise<LifetimeResult> {
  const runs: LifetimeRun[] = [];
  for (let i = 0; i < p.runs; i++) {
    const run = await oneLifetime(ts, p.renewals);
    log(
      `lifetime ${i + 1}/${p.runs}: ${run.wallMs} ms, ${run.historyLengths.length} workflow runs, histories ${run.historyLengths.join('/')}`,
    );
    runs.push(run);
  }
  return { params: p, runs };
}
