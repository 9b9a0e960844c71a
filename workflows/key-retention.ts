import { proxyActivities } from '@temporalio/workflow';
import type { KeyRetentionActivities } from '../activities';

// A sweep reads the key store and asks Temporal about each live key: minutes for many cases, with a heartbeat
// per page so a lost worker is noticed; a failed sweep is tried again, and tomorrow's sweep finds what it left.
const { eraseKeysOfDeletedCases } = proxyActivities<KeyRetentionActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 minute', maximumInterval: '30 minutes', maximumAttempts: 5 },
});

/** Started each day by the `key-retention` schedule (src/temporal/key-retention-schedule.ts). */
export async function keyRetention(): Promise<number> {
  return eraseKeysOfDeletedCases();
}
