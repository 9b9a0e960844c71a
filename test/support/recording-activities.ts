import { callingRunId } from '../../activities/index-case';
import type { CaseActivities } from '../../activities';
import type { Notice, NoticeDelivery } from '../../src/domain/notices';
import type { CaseIndexEntry } from '../../src/domain/procedure/case-index-entry';
import type { PendingFact } from '../../src/domain/statistics/facts';

/**
 * Records each notice the workflow sends (the mail activity is tested on its own against a real SMTP server),
 * each countable fact it records (the statistics store is tested on its own) and each write to the case index.
 */
export function recordingActivities(): {
  activities: CaseActivities;
  notices: Notice[];
  deliveries: NoticeDelivery[];
  facts: PendingFact[];
  indexed: CaseIndexEntry[];
  /** While away, every write to the case index fails (and is retried), as a database that is down. */
  indexAway(away: boolean): void;
  /** Holds the next recordFacts call until the returned function is called; resolves once it is held. */
  holdFacts(): Promise<() => void>;
} {
  const notices: Notice[] = [];
  const deliveries: NoticeDelivery[] = [];
  const facts: PendingFact[] = [];
  const indexed: CaseIndexEntry[] = [];
  const firstRuns = new Map<string, string>();
  let away = false;
  let hold: { held: () => void; release: Promise<void> } | undefined;
  return {
    notices,
    deliveries,
    facts,
    indexed,
    indexAway: (v) => {
      away = v;
    },
    holdFacts: () =>
      new Promise((resolveHeld) => {
        let release!: () => void;
        const released = new Promise<void>((r) => (release = r));
        hold = { held: () => resolveHeld(release), release: released };
      }),
    activities: {
      async recordFacts(batch) {
        const h = hold;
        if (h) {
          hold = undefined;
          h.held();
          await h.release;
        }
        facts.push(...batch);
        return batch.length;
      },
      async claimFirstRun(caseId) {
        const runId = callingRunId();
        if (!firstRuns.has(caseId)) firstRuns.set(caseId, runId);
        return firstRuns.get(caseId) === runId;
      },
      async indexCase(entry) {
        if (away) throw new Error('the case index is away');
        indexed.push(entry);
        return true;
      },
      async sendNotice(delivery) {
        deliveries.push(delivery);
        notices.push(delivery.notice);
        return { notice: delivery.notice.key };
      },
    },
  };
}
