/**
 * Issue 15, "readable runs": in the Web UI every run of a case shows the case's summary (the first run its
 * static summary, every run its current details), and each recorded event is recognisable on the timeline by
 * the Update id, which starts with the event type.
 */
import type { temporal } from '@temporalio/proto';
import { waitUntil } from '../../tools/stack/wait';
import { as, caseInTemporaryResidence } from '../support/api-helpers';
import { YES } from '../support/fixtures';
import { useServiceStack } from '../support/service-stack';

const stack = useServiceStack();

/** Every run of the case, first to current, with its events, following continue-as-new from the first. */
async function runsOf(caseId: string): Promise<{ runId: string; events: temporal.api.history.v1.IHistoryEvent[] }[]> {
  const info = (await stack.client.workflow.getHandle(caseId).describe()).raw.workflowExecutionInfo;
  const runs = [];
  for (let runId = info?.firstRunId ?? undefined; runId;) {
    const events = (await stack.client.workflow.getHandle(caseId, runId).fetchHistory()).events ?? [];
    runs.push({ runId, events });
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

it('shows the summary of the case in every run, and each event on the timeline by its type', async () => {
  const s = await caseInTemporaryResidence(stack.app);
  const answered = await as(stack.app, 'antwerpen').post(
    `/v1/prosecutor/queries/${s.prosecutorQuery!.queryId}/answer`,
    YES,
  );
  expect(answered.status).toBe(200);

  // The complaint began stage 2, and with it a new run; wait until the runs settle after the answer.
  let runs: Awaited<ReturnType<typeof runsOf>> = [];
  await waitUntil(
    'the runs to settle',
    async () => {
      runs = await runsOf(s.caseId);
      const current = (await stack.client.workflow.getHandle(s.caseId).describe()).runId;
      return runs.length >= 2 && runs.at(-1)?.runId === current;
    },
    10_000,
    100,
  );
  const first = await stack.client.workflow.getHandle(s.caseId, runs[0]!.runId).describe();
  expect(await first.staticSummary()).toBe(`${s.caseId} · centre PAYOKE · adult track · stage REFLECTION`);

  const current = stack.client.workflow.getHandle(s.caseId);
  const metadata = await current.query<{ currentDetails?: string }>('__temporal_workflow_metadata');
  expect(metadata.currentDetails).toBe(`${s.caseId} · centre PAYOKE · adult track · stage ${answered.body.stage}`);

  const updateIds = runs
    .flatMap((r) => r.events)
    .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId)
    .filter((id): id is string => typeof id === 'string');
  expect(updateIds.map((id) => id.split('/')[0])).toEqual(['complaint-filed', 'status-query-answer']);
});
