import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type ConnectionLike } from '@temporalio/client';
import { msToNumber } from '@temporalio/common/lib/time';
import { POLICY } from '../domain/policy';

export const KEY_RETENTION_SCHEDULE_ID = 'key-retention';

/**
 * The daily key retention sweep, as a Temporal schedule: one sweep for the whole deployment however many workers
 * run, and it survives any of them. Made by each worker at its start; an existing schedule is kept as it is.
 */
export async function ensureKeyRetentionSchedule(
  connection: ConnectionLike,
  namespace: string,
  taskQueue: string,
): Promise<'created' | 'exists'> {
  const client = new Client({ connection, namespace });
  try {
    await client.schedule.create({
      scheduleId: KEY_RETENTION_SCHEDULE_ID,
      spec: { intervals: [{ every: POLICY.caseKeys.retentionSweepEvery }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      action: { type: 'startWorkflow', workflowType: 'keyRetention', workflowId: KEY_RETENTION_SCHEDULE_ID, taskQueue },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}

/**
 * The day (UTC, YYYY-MM-DD) of the next sweep after `now`. An interval schedule fires at the Unix epoch plus whole
 * intervals: each day at 00:00 UTC.
 */
export function nextKeySweepDay(now: Date): string {
  const every = msToNumber(POLICY.caseKeys.retentionSweepEvery);
  return new Date((Math.floor(now.getTime() / every) + 1) * every).toISOString().slice(0, 10);
}
