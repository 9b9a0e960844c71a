/**
 * Records the histories that test/workflow/replay.test.ts replays: whole cases, each continued run in
 * its own file, named `<release>-<scenario>-run-NN.binpb`. Run it (npm run record:histories) only
 * when a deliberate, versioned change of the workflow makes new histories necessary, with a new
 * RELEASE; keep the older files as long as cases started with them may still be running (the
 * `full-case-run-NN` files are the code before carried-state versions).
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { addDays, addPeriod, subtractPeriod, type IsoDate } from '../../src/domain/calendar';
import type { CaseImportInput } from '../../src/domain/procedure/import';
import type { Actor } from '../../src/domain/procedure/state';
import type { victimCase } from '../../workflows';
import { CaseDriver, CENTRE, IMMIGRATION, opening, prosecutor, YES } from '../support/case-driver';
import { recordingActivities } from '../support/recording-activities';
import { timeSkippingEnv, workflowBundle } from '../support/temporal-env';

const OUT = join(__dirname, '..', 'fixtures', 'histories');
/** The code whose histories these are: issue 12's procedure (carried state version 2). */
const RELEASE = 'v2';
const SECOND_OFFICER: Actor = { id: 'dvz-2', role: 'immigration-office' };

async function runChain(name: string, h: WorkflowHandle, firstRunId: string, client: Client): Promise<string[]> {
  const files: string[] = [];
  for (let runId: string | undefined = firstRunId, n = 1; runId; n++) {
    const history = await client.workflow.getHandle(h.workflowId, runId).fetchHistory();
    // Binary protobuf: the JSON helper trips over two protobufjs copies under jest.
    const file = `${RELEASE}-${name}-run-${String(n).padStart(2, '0')}.binpb`;
    writeFileSync(join(OUT, file), temporal.api.history.v1.History.encode(history).finish());
    files.push(file);
    const last = history.events?.at(-1);
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return files;
}

type Scenario = (
  cases: CaseDriver,
  env: TestWorkflowEnvironment,
) => Promise<WorkflowHandle & { firstExecutionRunId: string }>;

const SCENARIOS: Record<string, Scenario> = {
  /** Stage 3 through renewals; a conviction opens the review; refused once, then granted with the B-card date. */
  'b-card-review': async (cases) => {
    const h = await cases.open();
    const d0 = await cases.today();
    await cases.event(h, CENTRE, { type: 'complaint-filed', on: d0, kind: 'complaint', prosecutorOffice: 'ANTWERPEN' });
    let st = await cases.advanceTo(h, addDays(d0, 16)); // escalated to the Principal Crown Prosecutor
    st = await cases.answer(h, prosecutor('CA-ANTWERPEN'), st.prosecutorQuery!.queryId, YES);
    st = await cases.advanceTo(h, subtractPeriod(st.document!.validUntil!, { months: 1 }));
    await cases.answer(h, prosecutor('ANTWERPEN'), st.prosecutorQuery!.queryId, YES);
    let today = await cases.today();
    await cases.event(h, prosecutor('ANTWERPEN'), {
      type: 'trafficking-retained-in-charges',
      on: today,
      statementsSignificant: true,
    });
    await cases.advanceTo(h, addDays(today, 24)); // the review's reminder
    today = await cases.today();
    await cases.event(h, IMMIGRATION, {
      type: 'permanent-residence-decided',
      on: today,
      grant: false,
      reason: 'identity-not-established',
    });
    await cases.event(h, IMMIGRATION, { type: 'identity-documented', on: today, documentKind: 'passport' });
    await cases.event(h, prosecutor('ANTWERPEN'), {
      type: 'conviction',
      on: today,
      underTraffickingLaw: true,
      appealed: false,
    });
    await cases.event(h, IMMIGRATION, { type: 'permanent-residence-decided', on: today, grant: true, issuedOn: today });
    return h;
  },
  /** Two grounds in one review while a positive answer waits; the second officer decides not to withdraw; later withdrawn. */
  'four-eyes': async (cases) => {
    const h = await cases.open();
    const d0 = await cases.today();
    const st = await cases.event(h, CENTRE, {
      type: 'complaint-filed',
      on: d0,
      kind: 'statement',
      prosecutorOffice: 'LABOUR-GENT',
    });
    await cases.event(h, IMMIGRATION, { type: 'public-order-threat', on: d0 });
    await cases.event(h, CENTRE, { type: 'contact-with-exploiters', on: d0 });
    await cases.answer(h, prosecutor('LABOUR-GENT'), st.prosecutorQuery!.queryId, YES);
    await cases.advanceTo(h, addDays(d0, 12));
    const day = await cases.today();
    await cases.event(h, SECOND_OFFICER, { type: 'withdrawal-decided', on: day, withdraw: false });
    await cases.settled(h);
    await cases.event(h, prosecutor('LABOUR-GENT'), { type: 'fraud-established', on: day, finding: 'fraudulent' });
    await cases.event(h, IMMIGRATION, {
      type: 'withdrawal-decided',
      on: day,
      withdraw: true,
      ground: 'fraud-established',
    });
    return h;
  },
  /** A case imported with its year of history and an open query; answered, then the victim returns. */
  import: async (cases, env) => {
    const importedOn = await cases.today();
    const openedOn = addPeriod(importedOn, { months: -12 });
    const identifiedOn = addDays(openedOn, 20);
    const renewedOn: IsoDate = subtractPeriod(addPeriod(identifiedOn, { months: 6 }), { months: 1 });
    const caseId = `case-${randomUUID()}`;
    const input: CaseImportInput = {
      caseId,
      centre: 'PAYOKE',
      opening: opening(openedOn),
      importedOn,
      importer: IMMIGRATION,
      events: [
        {
          type: 'complaint-filed',
          on: addDays(openedOn, 10),
          kind: 'complaint',
          prosecutorOffice: 'ANTWERPEN',
          by: { role: 'centre' },
        },
        { type: 'status-query-answered', on: identifiedOn, by: { role: 'prosecutor', office: 'ANTWERPEN' }, ...YES },
        { type: 'status-query-answered', on: renewedOn, by: { role: 'prosecutor', office: 'ANTWERPEN' }, ...YES },
        { type: 'support-declined', on: addDays(renewedOn, 40), by: { role: 'centre' } },
      ],
    };
    const h = await env.client.workflow.start<typeof victimCase>('victimCase', {
      taskQueue: 'record',
      workflowId: caseId,
      args: [{ import: input }],
    });
    const st = await cases.settled(h);
    await cases.event(h, IMMIGRATION, { type: 'withdrawal-decided', on: importedOn, withdraw: false });
    await cases.answer(h, prosecutor('ANTWERPEN'), st.prosecutorQuery!.queryId, YES);
    await cases.event(h, CENTRE, { type: 'voluntary-return', on: importedOn });
    return h;
  },
};

it('records the histories of whole cases, one per scenario', async () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    // A new server per scenario: each starts from the same clock.
    const env = await timeSkippingEnv();
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'record',
      workflowBundle: await workflowBundle(),
      activities: recordingActivities().activities,
    });
    await worker.runUntil(async () => {
      const cases = new CaseDriver(env, 'record');
      const h = await scenario(cases, env);
      await h.result();
      const files = await runChain(name, h, h.firstExecutionRunId, env.client);
      expect(files.length).toBeGreaterThan(0);
    });
    await env.teardown();
  }
}, 300_000);
