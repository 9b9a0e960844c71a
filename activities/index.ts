import type { NoticeDelivery, NoticeReceipt } from '../src/domain/notices';
import type { CaseIndexEntry } from '../src/domain/procedure/case-index-entry';
import type { PendingFact } from '../src/domain/statistics/facts';

/** The activities the case workflow calls; the worker wires the mail implementation. */
export interface CaseActivities {
  /** Delivers a notice once to each recipient; fails non-retryably (NoticeRejected) on a permanent refusal. */
  sendNotice(delivery: NoticeDelivery): Promise<NoticeReceipt>;
  /** Records countable facts in the statistics store, each once; answers how many were new. */
  recordFacts(facts: PendingFact[]): Promise<number>;
  /** Records the case in the case index as of its revision; false when the index held that one or a later one. */
  indexCase(entry: CaseIndexEntry): Promise<boolean>;
  /** Whether the calling run is the case's first (see CaseIndexStore.claimFirstRun). */
  claimFirstRun(caseId: string): Promise<boolean>;
}

/** The activity of the daily key retention (workflows/key-retention.ts). */
export interface KeyRetentionActivities {
  /** Destroys the key of every case Temporal no longer holds; answers how many it destroyed. */
  eraseKeysOfDeletedCases(): Promise<number>;
  /**
   * Makes the day's erasures hold for every copy of their keys: the ledger replayed, then the key-encryption key
   * rotated when an erasure is pending (else only keys from before key-encryption keys are wrapped anew).
   */
  rotateKeyEncryptionKey(): Promise<KeyEncryptionKeyRotation>;
}

/** What the sweep's rotation did. */
export interface KeyEncryptionKeyRotation {
  /** Erasures the ledger held and the store did not (a crash between the two, a restored database). */
  replayed: number;
  rotated: boolean;
  rewrapped: number;
  destroyed: number;
}
