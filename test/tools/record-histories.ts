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
import { addDays, addPeriod } from '../../src/domain/calendar';
import type { CaseImportInput } from '../../src/domain/procedure/import';
import type { Actor } from '../../src/domain/procedure/state';
import type { victimCase } from '../../workflows';
import { CaseDriver } from '../support/case-driver';
import { CENTRE, complaintFiled, IMMIGRATION, opening, prosecutor, YES } from '../support/fixtures';
import { recordingActivities } from '../support/recording-activities';
import { timeSkippingEnv, workflowBundle } from '../support/temporal-env';

const OUT = join(__dirname, '..', 'fixtures', 'histories');
/** The code whose histories these are: the case index of issue 27 (carried state version 5). */
const RELEASE = 'v5';
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
  /** A minor found to be an adult, then given a later date of birth; identified, then returns home. */
  'age-determination': async (cases) => {
    const d0 = await cases.today();
    const h = await cases.open({
      unaccompaniedMinor: true,
      victim: { pseudonym: 'X', dateOfBirth: addPeriod(d0, { years: -16 }), language: 'ro' },
      guardian: { name: 'G. Voogd', email: 'voogd@example.org', language: 'fr' },
    });
    const st = await cases.event(h, CENTRE, complaintFiled(d0));
    await cases.event(h, CENTRE, { type: 'age-determined', on: d0, adult: true });
    await cases.settled(h);
    await cases.event(h, IMMIGRATION, { type: 'age-determined', on: d0, dateOfBirth: addPeriod(d0, { years: -15 }) });
    await cases.answer(h, prosecutor('ANTWERPEN'), st.prosecutorQuery!.queryId, YES);
    await cases.settled(h);
    await cases.event(h, CENTRE, { type: 'voluntary-return', on: d0 });
    return h;
  },
  /** A conviction kept while a yes waits for the review; no withdrawal: stage 3 opens the B-card review; granted. */
  'kept-conviction': async (cases) => {
    const h = await cases.open();
    const d0 = await cases.today();
    const st = await cases.event(h, CENTRE, complaintFiled(d0));
    await cases.event(h, CENTRE, { type: 'contact-with-exploiters', on: d0 });
    await cases.answer(h, prosecutor('ANTWERPEN'), st.prosecutorQuery!.queryId, YES);
    await cases.event(h, prosecutor('ANTWERPEN'), {
      type: 'conviction',
      on: d0,
      offence: 'trafficking',
      appealed: true,
    });
    await cases.event(h, SECOND_OFFICER, { type: 'withdrawal-decided', on: d0, withdraw: false });
    await cases.settled(h);
    await cases.event(h, CENTRE, { type: 'identity-documented', on: d0, documentKind: 'passport' });
    await cases.event(h, IMMIGRATION, { type: 'permanent-residence-decided', on: d0, grant: true });
    return h;
  },
  /** A victim of aggravated smuggling: identified, convicted, the B-card granted. */
  'smuggling-b-card': async (cases) => {
    const h = await cases.open({ exploitation: 'aggravated-smuggling' });
    const d0 = await cases.today();
    const st = await cases.event(h, CENTRE, complaintFiled(d0));
    await cases.answer(h, prosecutor('ANTWERPEN'), st.prosecutorQuery!.queryId, YES);
    await cases.settled(h);
    await cases.event(h, prosecutor('ANTWERPEN'), {
      type: 'conviction',
      on: d0,
      offence: 'aggravated-smuggling',
      appealed: false,
    });
    await cases.event(h, IMMIGRATION, { type: 'identity-documented', on: d0, documentKind: 'national-identity-card' });
    await cases.event(h, IMMIGRATION, { type: 'permanent-residence-decided', on: d0, grant: true });
    return h;
  },
  /** Imported a fortnight before its expiry with an escalated query never answered: not closed; not renewed. */
  'import-open-query': async (cases, env) => {
    const importedOn = await cases.today();
    const recordedOn = addPeriod(addDays(importedOn, 14), { months: -3 });
    const caseId = `case-${randomUUID()}`;
    const input: CaseImportInput = {
      caseId,
      centre: 'PAYOKE',
      opening: opening(addDays(recordedOn, -10)),
      importedOn,
      importer: IMMIGRATION,
      events: [{ ...complaintFiled(recordedOn), by: { role: 'centre' } }],
    };
    const h = await env.client.workflow.start<typeof victimCase>('victimCase', {
      taskQueue: 'record',
      workflowId: caseId,
      args: [{ import: input }],
    });
    const st = await cases.advanceTo(h, addDays(importedOn, 15)); // the day after the expiry: awaiting a decision
    await cases.event(h, IMMIGRATION, { type: 'not-renewed', on: await cases.today() });
    expect(st.outcome).toBeNull();
    return h;
  },
  /** A yes waits for the review at the 3-month expiry; not withdrawn: stage 3 from the decision; then returns home. */
  'pending-yes-at-expiry': async (cases) => {
    const h = await cases.open();
    const d0 = await cases.today();
    const st = await cases.event(h, CENTRE, complaintFiled(d0));
    const expiry = st.document!.validUntil!;
    await cases.advanceTo(h, addDays(expiry, -5));
    const day = await cases.today();
    await cases.event(h, CENTRE, { type: 'contact-with-exploiters', on: day });
    await cases.answer(h, prosecutor('ANTWERPEN'), st.prosecutorQuery!.queryId, YES);
    await cases.advanceTo(h, addDays(expiry, 2));
    await cases.event(h, SECOND_OFFICER, { type: 'withdrawal-decided', on: await cases.today(), withdraw: false });
    await cases.settled(h);
    await cases.event(h, CENTRE, { type: 'voluntary-return', on: await cases.today() });
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
