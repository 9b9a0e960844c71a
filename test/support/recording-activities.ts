import type { CaseActivities } from '../../activities';
import type { Notice, NoticeDelivery } from '../../src/domain/notices';
import type { PendingFact } from '../../src/domain/statistics/facts';

/**
 * Records each notice the workflow sends (the mail activity is tested on its own against a real SMTP server),
 * and each countable fact it records (the statistics store is tested on its own).
 */
export function recordingActivities(): {
  activities: CaseActivities;
  notices: Notice[];
  deliveries: NoticeDelivery[];
  facts: PendingFact[];
  /** Holds the next recordFacts call until the returned function is called; resolves once it is held. */
  holdFacts(): Promise<() => void>;
} {
  const notices: Notice[] = [];
  const deliveries: NoticeDelivery[] = [];
  const facts: PendingFact[] = [];
  let hold: { held: () => void; release: Promise<void> } | undefined;
  return {
    notices,
    deliveries,
    facts,
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
      async sendNotice(delivery) {
        deliveries.push(delivery);
        notices.push(delivery.notice);
        return { notice: delivery.notice.key };
      },
    },
  };
}
