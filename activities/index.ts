import type { NoticeDelivery, NoticeReceipt } from '../src/domain/notices';

/** The activities the case workflow calls; the worker wires the mail implementation. */
export interface CaseActivities {
  /** Delivers a notice once to each recipient; fails non-retryably (NoticeRejected) on a permanent refusal. */
  sendNotice(delivery: NoticeDelivery): Promise<NoticeReceipt>;
}
