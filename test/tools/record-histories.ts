/**
 * Records the histories that test/workflow/replay.test.ts replays: a full
 * multi-year case, each continued run in its own file. Run it (npm run
 * record:histories) only when a deliberate, versioned change of the workflow
 * makes new histories necessary; keep the old files as long as cases started
 * with them may still be running.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { addDays, subtractPeriod } from '../../src/domain/calendar';
import { CaseDriver, CENTRE, IMMIGRATION, prosecutor, YES } from '../support/case-driver';
import { recordingActivities } from '../support/recording-activities';
import { timeSkippingEnv, workflowBundle } from '../support/temporal-env';

const OUT = join(__dirname, '..', 'fixtures', 'histories');

async function runChain(h: WorkflowHandle, firstRunId: string, client: Client): Promise<string[]> {
  const files: string[] = [];
  for (let runId: string | undefined = firstRunId, n = 1; runId; n++) {
    const history = await client.workflow.getHandle(h.workflowId, runId).fetchHistory();
    // Binary protobuf: the JSON helper trips over two protobufjs copies under jest.
    const file = `full-case-run-${String(n).padStart(2, '0')}.binpb`;
    writeFileSync(join(OUT, file), temporal.api.history.v1.History.encode(history).finish());
    files.push(file);
    const last = history.events?.at(-1);
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return files;
}

it('records the histories of a full multi-year case', async () => {
  const env = await timeSkippingEnv();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'record',
    workflowBundle: await workflowBundle(),
    activities: recordingActivities().activities,
  });
  await worker.runUntil(async () => {
    const cases = new CaseDriver(env, 'record');
    const h = await cases.open({ openedOn: await cases.today() });
    const d0 = await cases.today();
    await cases.event(h, CENTRE, { type: 'contact-with-exploiters', on: d0 });
    await cases.event(h, IMMIGRATION, { type: 'withdrawal-decided', on: d0, withdraw: false, ground: 'contact-with-exploiters' });
    await cases.event(h, CENTRE, { type: 'complaint-filed', on: d0, kind: 'complaint', prosecutorOffice: 'ANTWERPEN' });
    let st = await cases.advanceTo(h, addDays(d0, 16)); // escalated to the Principal Crown Prosecutor
    st = await cases.answer(h, prosecutor('CA-ANTWERPEN'), st.prosecutorQuery!.queryId, YES);
    for (let cycle = 0; cycle < 3; cycle++) {
      st = await cases.advanceTo(h, subtractPeriod(st.document!.validUntil!, { months: 1 }));
      st = await cases.answer(h, prosecutor('ANTWERPEN'), st.prosecutorQuery!.queryId, YES);
    }
    const today = await cases.today();
    await cases.event(h, IMMIGRATION, { type: 'identity-documented', on: today, documentKind: 'passport' });
    await cases.event(h, prosecutor('ANTWERPEN'), { type: 'conviction', on: today, underTraffickingLaw: true, appealed: false });
    await h.result();
    const files = await runChain(h, h.firstExecutionRunId, env.client);
    expect(files.length).toBeGreaterThan(3);
  });
  await env.teardown();
});
