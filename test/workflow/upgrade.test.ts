/**
 * A release reaches running cases: a case carried by the code before versions continues under this one
 * (its continue-as-new input is what the stored histories hold), on the real time-skipping server.
 */
import { boundUpdate } from '../../src/cases/inputs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { addPeriod } from '../../src/domain/calendar';
import type { CaseStatus } from '../../src/domain/schemas/case';
import { recordEvent, status } from '../../workflows/messages';
import { waitUntil } from '../../tools/stack/wait';
import { continuedIntoCase } from '../fixtures/plumbing-workflows';
import { carriedByEarlierCode } from '../support/carried-fixtures';
import { prosecutor, YES } from '../support/fixtures';
import { recordingActivities } from '../support/recording-activities';
import { timeSkippingEnv, workflowBundle } from '../support/temporal-env';

let env: TestWorkflowEnvironment;
const recorded = recordingActivities();

beforeAll(async () => {
  env = await timeSkippingEnv();
});
afterAll(() => env?.teardown());

it('continues a stage-2 case carried by the earlier code: its open query takes the answer and stage 3 begins', async () => {
  const { carried } = carriedByEarlierCode()[0]!;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'upgrade',
    workflowBundle: await workflowBundle(),
    activities: recorded.activities,
  });
  // The earlier code's run, which continues as new into this code's with the state it carried.
  const earlier = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'upgrade-earlier',
    workflowsPath: require.resolve('../fixtures/plumbing-workflows'),
  });
  await earlier.runUntil(async () => {
    const first = await env.client.workflow.start(continuedIntoCase, {
      taskQueue: 'upgrade-earlier',
      workflowId: carried.caseId,
      args: [{ carried }, 'upgrade'],
    });
    const run = env.client.workflow.getHandle(carried.caseId, first.firstExecutionRunId);
    await waitUntil(
      'the earlier run to continue as new',
      async () => (await run.describe()).status.name === 'CONTINUED_AS_NEW',
      30_000,
      100,
    );
  });
  await worker.runUntil(async () => {
    const h = env.client.workflow.getHandle(carried.caseId);
    const before = await h.query<CaseStatus>(status);
    expect(before).toMatchObject({
      stage: 'TEMPORARY_RESIDENCE',
      prosecutorQuery: { queryId: carried.query!.queryId },
      withdrawalReview: null,
    });
    const actor = prosecutor(carried.query!.escalatedTo ?? carried.query!.office);
    const after = await h.executeUpdate(
      recordEvent,
      boundUpdate({ actor, answer: { ...YES, queryId: carried.query!.queryId } }),
    );
    expect(after.stage).toBe('IDENTIFIED_VICTIM');
    expect(after.document).toMatchObject({
      type: 'A_CARD',
      validUntil: addPeriod(after.document!.issuedOn, { months: 6 }),
    });
    // What the earlier code had sent is not sent again.
    const sentBefore = new Set(carried.fired);
    expect(recorded.notices.filter((n) => sentBefore.has(n.key))).toEqual([]);
  });
});
