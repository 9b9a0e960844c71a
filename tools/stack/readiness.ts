/** When a process of a stack counts as ready: a worker polls its queues, an HTTP server answers. */
import type { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { httpRequest } from './http';
import type { ManagedProcess } from './managed-process';
import { waitUntil } from './wait';

const { TaskQueueType } = proto.api.enums.v1;

/** Ready when this very worker process (its pid is in the poller identity) polls both the workflow and the activity queue. */
export async function workerPolls(
  client: Client,
  namespace: string,
  taskQueue: string,
  p: ManagedProcess,
): Promise<void> {
  await waitUntil(
    'the worker to poll its task queue',
    async () => {
      for (const taskQueueType of [TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY]) {
        const { pollers } = await client.workflowService.describeTaskQueue({
          namespace,
          taskQueue: { name: taskQueue },
          taskQueueType,
        });
        if (!pollers?.some((poller) => poller.identity?.startsWith(`${p.pid}@`))) return false;
      }
      return true;
    },
    180_000,
    250,
  );
}

/** Ready once a GET of `path` answers 200. */
export async function answersOk(what: string, base: string, path: string, timeoutMs: number): Promise<void> {
  await waitUntil(
    what,
    async () => (await httpRequest(base, 'GET', path, { timeoutMs: 1_000 })).status === 200,
    timeoutMs,
    100,
  );
}
