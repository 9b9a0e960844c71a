import type { CaseActivities } from '../../activities';
import type { Notice, NoticeDelivery } from '../../src/domain/notices';

/** Records each notice the workflow sends (the mail activity is tested on its own against a real SMTP server). */
export function recordingActivities(): { activities: CaseActivities; notices: Notice[]; deliveries: NoticeDelivery[] } {
  const notices: Notice[] = [];
  const deliveries: NoticeDelivery[] = [];
  return {
    notices,
    deliveries,
    activities: {
      async sendNotice(delivery) {
        deliveries.push(delivery);
        notices.push(delivery.notice);
        return { notice: delivery.notice.key };
      },
    },
  };
}
