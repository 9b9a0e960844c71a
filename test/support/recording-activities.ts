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
} {
  const notices: Notice[] = [];
  const deliveries: NoticeDelivery[] = [];
  const facts: PendingFact[] = [];
  return {
    notices,
    deliveries,
    facts,
    activities: {
      async recordFacts(batch) {
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
