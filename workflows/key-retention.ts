import { proxyActivities } from '@temporalio/workflow';
import type { KeyRetentionActivities } from '../activities';

// A sweep reads the key store and asks Temporal about each live key: minutes for many cases, with a heartbeat
// per page so a lost worker is noticed; a failed sweep is tried again, and tomorrow's sweep finds what it left.
// The rotation rewraps every live key: minutes too, with a heartbeat per page.
const { eraseKeysOfDeletedCases, rotateKeyEncryptionKey } = proxyActivities<KeyRetentionActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 minute', maximumInterval: '30 minutes', maximumAttempts: 5 },
});

/**
 * Started each day by the `key-retention` schedule (src/temporal/key-retention-schedule.ts): the keys of the cases
 * Temporal deleted are destroyed, then the key-encryption key is rotated if any erasure (an admin's, or these) is
 * still pending, so that no copy of an erased key opens any more. Answers how many keys the first step destroyed.
 */
export async function keyRetention(): Promise<number> {
  const erased = await eraseKeysOfDeletedCases();
  // After the sweep's first step, so that a sweep in flight at an upgrade replays its history as it ran.
  await rotateKeyEncryptionKey();
  return erased;
}
