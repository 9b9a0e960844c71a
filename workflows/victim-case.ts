import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  makeContinueAsNewFunc,
  currentUpdateInfo,
  log,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ActivityOptions } from '@temporalio/common';
import type { CaseActivities } from '../activities';
import { dateAt, startOfDay } from '../src/domain/calendar';
import { refusedAmong, refuseUnauthentic, UNAUTHENTIC_PAYLOAD } from '../src/domain/refused-payload';
import type { Notice, NoticeReceipt, NoticeRejectedDetails } from '../src/domain/notices';
import { NOTICE_REJECTED } from '../src/domain/notices';
import { applyAnswer, applyEvent } from '../src/domain/procedure/apply';
import { nextClockItem, runDueClockItems } from '../src/domain/procedure/clock';
import { importCase } from '../src/domain/procedure/import';
import { caseSearchAttributes } from '../src/domain/procedure/case-search-attributes';
import {
  caseIndexEntry,
  sameListing,
  type CaseIndexEntry,
  type IndexedSince,
} from '../src/domain/procedure/case-index-entry';
import { runSummary } from '../src/domain/procedure/run-summary';
import { IMMIGRATION_OFFICE, queueNotice, recipientsOnTheDay } from '../src/domain/procedure/outbox';
import { whyAnswerRejected, whyEventRejected } from '../src/domain/procedure/rules';
import type { EarlierRules } from '../src/domain/procedure/earlier-rules';
import type { CaseState } from '../src/domain/procedure/state';
import {
  forgetClosedQueries,
  indexReferences,
  isFinished,
  MAX_REFERENCE_KEYS,
  newCaseState,
} from '../src/domain/procedure/state';
import { toStatus } from '../src/domain/procedure/status';
import { upgradeState } from '../src/domain/procedure/upgrade';
import { wellFormedReferenceKeys } from '../src/domain/reference-keys';
import { refuse, type Refusal } from '../src/domain/refusals';
import type { CaseStatus } from '../src/domain/schemas/case';
import { POLICY } from '../src/domain/policy';
import type { RecordEventInput, RejectionDetails, VictimCaseInput } from './messages';
import { EVENT_REJECTED, indexEntry, PATCHES, recordEvent, status } from './messages';

const NOTICE_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  // The activity heartbeats while it sends: a worker that dies mid-send is noticed within seconds, not after a minute.
  heartbeatTimeout: '10 seconds',
  // Bounded: transient SMTP trouble is retried with back-off for up to two days.
  scheduleToCloseTimeout: '2 days',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: [NOTICE_REJECTED],
  },
};
const { sendNotice } = proxyActivities<CaseActivities>(NOTICE_OPTIONS);
// Unbounded retries: a fact (a case's index row) waits for its store however long it is away, and is counted once. A write
// takes milliseconds: a worker lost mid-write is noticed soon, and a store back after a restart is written within
// half a minute (a case waits for its last facts before it ends).
const { recordFacts, indexCase, claimFirstRun } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

const UNDELIVERED = 'undelivered-after-retries';
/**
 * Under Worker Versioning a case is pinned to the release it runs on; its next run (each stage and renewal cycle)
 * starts on the deployment's current release, so a release reaches every case within one cycle.
 */
const nextRun = (input: VictimCaseInput) =>
  makeContinueAsNewFunc<typeof victimCase>({ initialVersioningBehavior: 'AUTO_UPGRADE' })(input);

/** Workflow time is deterministic; the legal date is its Brussels calendar day. */
const today = () => dateAt(Date.now());

function whyRejected(s: CaseState, input: RecordEventInput): Refusal | null {
  if ('event' in input && !wellFormedReferenceKeys(input.referenceKeys)) return refuse('malformed-reference-keys');
  return 'event' in input
    ? whyEventRejected(s, input.event, input.actor, today())
    : whyAnswerRejected(s, input.answer.queryId, input.actor);
}

function rejection(r: Refusal): ApplicationFailure {
  const details: RejectionDetails = { code: r.code, facts: r.facts };
  return ApplicationFailure.create({
    type: EVENT_REJECTED,
    message: r.message,
    details: [details],
    nonRetryable: true,
  });
}

/** Histories from before permanent-residence reviews replay as they ran: eligibility granted at once there. */
function applyOptions(input: RecordEventInput, rules: EarlierRules): EarlierRules {
  const eligibility =
    'event' in input && (input.event.type === 'conviction' || input.event.type === 'trafficking-retained-in-charges');
  return eligibility ? { ...rules, grantOnEligibility: !patched(PATCHES.permanentResidenceByDecision) } : rules;
}

/**
 * An input made for another Update (a recorded decision sent again under a new id, by someone who can write to
 * Temporal without the key) is refused: only the API binds an input to its Update. Validators never run on replay.
 */
function refuseUnbound(input: RecordEventInput, updateId: string | undefined): void {
  if (typeof input === 'object' && input !== null && updateId !== undefined && input.updateId === updateId) return;
  throw ApplicationFailure.create({
    type: UNAUTHENTIC_PAYLOAD,
    message: 'An event or answer refused: it was not made for this Update. Only the service can act on a case.',
    nonRetryable: true,
  });
}

const refusedStart = (why: string): ApplicationFailure =>
  ApplicationFailure.create({
    type: UNAUTHENTIC_PAYLOAD,
    message: `The start of a case refused: ${why}. Only the service can act on a case.`,
    nonRetryable: true,
  });

/** Before anything happens (not even a patch marker): a start by someone without the payload key ends here. */
function refuseForeignStart(input: VictimCaseInput): void {
  refuseUnauthentic('The start of a case', [input]);
  // The state a run carries on is accepted in the run it continues into, never in a start (a copy from a history).
  if (typeof input === 'object' && input !== null && 'carried' in input && !workflowInfo().continuedFromExecutionRunId)
    throw refusedStart('the state of a case is carried on by the case itself only');
  // The API always starts with one of the three inputs; anything else (no argument, another payload) ends here too.
  const known =
    typeof input === 'object' && input !== null && ('carried' in input || 'import' in input || 'opening' in input);
  if (!known) throw refusedStart('it carried no case');
}

function initialState(input: VictimCaseInput, rules: EarlierRules): CaseState {
  // Read back as the previous run left it, less what only its closed queries needed.
  if ('carried' in input) return forgetClosedQueries(upgradeState(input.carried));
  if ('import' in input) {
    if (!wellFormedReferenceKeys(input.import.referenceKeys, MAX_REFERENCE_KEYS))
      throw rejection(refuse('malformed-reference-keys'));
    const imported = importCase(input.import, rules);
    // The API checks the same import first: a refusal here means a caller bypassed it; the case never runs.
    if ('refusal' in imported) throw rejection(imported.refusal);
    return imported.state;
  }
  // A forged start is refused before anything happens, as an import the API would have refused.
  if (!wellFormedReferenceKeys(input.referenceKeys)) throw rejection(refuse('malformed-reference-keys'));
  const s = newCaseState(input.caseId, input.centre, input.opening, input.referenceKeys, input.openedBy);
  queueNotice(s, 'case-opened', 'opened', [IMMIGRATION_OFFICE], {
    facts: { documentType: s.document?.type ?? '', minor: s.unaccompaniedMinor },
  });
  return s;
}

/** What staff filter by and read in the Web UI, in every run. */
function publish(s: CaseState): void {
  upsertSearchAttributes(caseSearchAttributes(s));
  setCurrentDetails(runSummary(s));
}

/**
 * Who refused a notice, 'undelivered' when its retries ran out (the server says so: retry state TIMEOUT, the
 * schedule-to-close of two days), 'forged' when the outcome is not the worker's: a refusal whose details are not
 * authentic or name nobody, or (since receipts) any other failure that ends the retries, which only someone
 * failing the activity in the worker's place can report.
 */
function failedOutcome(err: unknown): string[] | 'undelivered' | 'forged' {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  if (cause instanceof ApplicationFailure && refusedAmong(cause.details ?? [])) return 'forged';
  if (cause instanceof ApplicationFailure && cause.type === NOTICE_REJECTED) {
    const rejected = (cause.details?.[0] as NoticeRejectedDetails | undefined)?.rejected;
    // The worker names at least one recipient; a refusal naming none came from elsewhere.
    return Array.isArray(rejected) && rejected.length > 0 ? rejected : 'forged';
  }
  const exhausted =
    err instanceof ActivityFailure && (err.retryState === 'TIMEOUT' || err.retryState === 'MAXIMUM_ATTEMPTS_REACHED');
  if (exhausted || !patched(PATCHES.noticeReceipts)) return 'undelivered';
  return 'forged';
}

/** Whether the activity's result is the worker's receipt for this notice (before receipts: any result). */
const authenticReceipt = (notice: Notice, result: NoticeReceipt | undefined): boolean =>
  !refusedAmong([result]) && (result?.notice === notice.key || !patched(PATCHES.noticeReceipts));

function recordUndelivered(s: CaseState, notice: Notice, labels: string[]): void {
  log.warn('notice not delivered', { kind: notice.kind, recipients: labels });
  for (const label of labels)
    if (!s.flags.undeliverableNotices.includes(label)) s.flags.undeliverableNotices.push(label);
  // The Immigration Office is told, unless it is the one that cannot be reached.
  if (notice.kind !== 'delivery-failed' && !labels.includes('immigration-office')) {
    queueNotice(s, 'delivery-failed', notice.key.split('/').slice(1).join('/'), [IMMIGRATION_OFFICE], {
      facts: { noticeKind: notice.kind, recipients: labels.join(', ') },
    });
  }
}

async function deliver(s: CaseState, queued: Notice): Promise<void> {
  // Who it goes to is settled on the day it is sent: the guardian's copies stop when the guardianship ends.
  const notice = { ...queued, recipients: recipientsOnTheDay(s, queued, today()) };
  const options = { ...NOTICE_OPTIONS, summary: `notice: ${notice.kind}${notice.due ? ` (due ${notice.due})` : ''}` };
  for (let sends = 0; sends <= POLICY.resendsAfterForgedOutcome; sends++) {
    let outcome: string[] | 'undelivered' | 'forged';
    try {
      const receipt = await sendNotice.executeWithOptions(options, [{ notice, contacts: s.contacts }]);
      if (authenticReceipt(notice, receipt)) return;
      outcome = 'forged';
    } catch (err) {
      outcome = failedOutcome(err);
    }
    if (outcome !== 'forged') return recordUndelivered(s, notice, outcome === 'undelivered' ? [UNDELIVERED] : outcome);
    log.warn('notice outcome reported without the payload key: sending again', { kind: notice.kind });
  }
  recordUndelivered(s, notice, [UNDELIVERED]);
}

/** Sends every queued notice; handlers may queue more meanwhile, which the next round picks up. */
async function drainOutbox(s: CaseState): Promise<void> {
  while (s.outbox.length > 0) {
    const batch = s.outbox.splice(0, s.outbox.length);
    // Marked handled as it leaves, so a handler cannot queue it again while it is in flight.
    s.noticesDone.push(...batch.map((n) => n.key));
    await Promise.all(batch.map((n) => deliver(s, n)));
  }
}

/** One case of the special residence procedure (PROCEDURE.md), for months or years. */
export async function victimCase(input: VictimCaseInput): Promise<CaseStatus> {
  refuseForeignStart(input);
  // A run begun on the code before issue 25 keeps its rules, so its history replays; its next run takes the new ones.
  const rules: EarlierRules = {
    before25: !patched(PATCHES.procedureDecisions),
    before29: !patched(PATCHES.noWithdrawalNotice),
  };
  const s = initialState(input, rules);
  /** While a new case's run asks whether it is the case's first, events wait (queries answer its opening state). */
  let claimPending = false;
  const renewalsAtStart = s.document?.renewals ?? 0;
  const stageAtStart = s.stage;
  let changed = false;
  // The statistics: recorded beside the case's own work, so a worker lost mid-write delays no notice and no event.
  let statisticsOn: boolean | undefined;
  let factsInFlight: Promise<void> | undefined;
  const factsPending = () => s.factOutbox.length > 0;
  const recordFactsMeanwhile = () => {
    if (factsInFlight || !factsPending()) return;
    // Histories from before the statistics keep their facts queued for their next run.
    statisticsOn ??= patched(PATCHES.statisticsFacts);
    if (!statisticsOn) return;
    factsInFlight = (async () => {
      while (factsPending()) {
        // A copy: an Update may queue more facts into the same array while the activity runs.
        const batch = [...s.factOutbox];
        await recordFacts(batch);
        s.factOutbox = s.factOutbox.slice(batch.length);
      }
    })().finally(() => {
      factsInFlight = undefined;
    });
  };
  /** Every fact queued so far recorded, before the case ends. */
  const settleFacts = async () => {
    for (recordFactsMeanwhile(); factsInFlight; recordFactsMeanwhile()) await factsInFlight;
  };
  // The case index: written beside the case's work too, whenever what a list shows changes (each run writes once
  // at its start). Only one write at a time, each carrying the revision; the store keeps the highest.
  let indexOn: boolean | undefined;
  let indexedSince: IndexedSince | undefined;
  let indexInFlight: Promise<void> | undefined;
  let indexed: CaseIndexEntry | undefined;
  /** The revision last compared with the index: a revision that changed nothing on a list is not written. */
  let indexedRevision: number | undefined;
  const indexStale = () => indexOn === true && !indexInFlight && s.revision !== indexedRevision;
  const indexMeanwhile = () => {
    if (indexInFlight) return;
    // Histories from before the index replay without it; their next run writes it.
    indexOn ??= patched(PATCHES.caseIndex);
    if (!indexStale()) return;
    const entry = caseIndexEntry(s);
    indexedSince ??= {
      reporters: patched(PATCHES.indexedReporters),
      deadlines: patched(PATCHES.indexedDeadlines),
    };
    if (indexed && sameListing(indexed, entry, indexedSince)) {
      indexedRevision = entry.revision;
      return;
    }
    indexInFlight = (async () => {
      await indexCase(entry);
      indexed = entry;
      indexedRevision = entry.revision;
    })().finally(() => {
      indexInFlight = undefined;
    });
  };
  /** The index shows the case as it ends. */
  const settleIndex = async () => {
    for (indexMeanwhile(); indexInFlight; indexMeanwhile()) await indexInFlight;
  };

  const record = (input: RecordEventInput, updateId: string | undefined): CaseStatus => {
    // A retried request (same Idempotency-Key) after continue-as-new: applied once already.
    if (updateId && s.appliedUpdates.includes(updateId)) return toStatus(s, today());
    if ('event' in input) {
      applyEvent(s, input.event, input.actor, today(), applyOptions(input, rules));
      indexReferences(s, input.referenceKeys ?? []);
    } else applyAnswer(s, input.answer, input.actor, today());
    if (updateId) s.appliedUpdates = [...s.appliedUpdates, updateId].slice(-POLICY.rememberedUpdateIds);
    changed = true;
    publish(s);
    return toStatus(s, today());
  };
  setHandler(status, (...args: unknown[]) => {
    refuseUnauthentic('A query', args);
    return toStatus(s, today());
  });
  setHandler(indexEntry, (...args: unknown[]) => {
    refuseUnauthentic('A query', args);
    return caseIndexEntry(s);
  });
  setHandler(
    recordEvent,
    (input) => {
      const updateId = currentUpdateInfo()?.id;
      if (!claimPending) return record(input, updateId);
      // Validated against the state before the claim: checked again against the state it now meets.
      return condition(() => !claimPending).then(() => {
        const refusal = updateId && s.appliedUpdates.includes(updateId) ? null : whyRejected(s, input);
        if (refusal) throw rejection(refusal);
        return record(input, updateId);
      });
    },
    {
      validator: (input: RecordEventInput) => {
        // First: a forged payload reusing an applied update id must not pass as a retry.
        refuseUnauthentic('An event or answer', [input]);
        const updateId = currentUpdateInfo()?.id;
        refuseUnbound(input, updateId);
        if (updateId && s.appliedUpdates.includes(updateId)) return;
        const refusal = whyRejected(s, input);
        if (refusal) throw rejection(refusal);
      },
    },
  );

  // A new case's first run only: its start payload sent again (the case ended, its id reused) ends here, unrun.
  if (!('carried' in input) && patched(PATCHES.firstRunClaim)) {
    claimPending = true;
    if (!(await claimFirstRun(s.caseId))) throw refusedStart('this case has run before');
    claimPending = false;
  }
  for (;;) {
    runDueClockItems(s, today(), rules);
    publish(s);
    recordFactsMeanwhile();
    indexMeanwhile();
    await drainOutbox(s);
    if (isFinished(s)) break;
    const newCycle = (s.document?.renewals ?? 0) !== renewalsAtStart || s.stage !== stageAtStart;
    if (newCycle || workflowInfo().continueAsNewSuggested) {
      // Each stage and renewal cycle starts a fresh history, so a case of many years stays small.
      await condition(allHandlersFinished);
      // Facts still queued (or in flight) go with the state: the next run records them, each once.
      if (s.outbox.length === 0) return nextRun({ carried: s });
      continue;
    }
    changed = false;
    const next = nextClockItem(s, rules);
    const wake = () =>
      changed || s.outbox.length > 0 || (statisticsOn === true && !factsInFlight && factsPending()) || indexStale();
    if (!next) await condition(wake);
    else {
      const ms = startOfDay(next.on) - Date.now();
      if (ms > 0) await condition(wake, ms, { summary: next.label });
    }
  }
  await condition(allHandlersFinished);
  await settleFacts();
  await settleIndex();
  return toStatus(s, today());
}
