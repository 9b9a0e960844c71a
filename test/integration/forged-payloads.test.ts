/**
 * Issue 15: only the service, which holds the payload key, can act on a case. Tried as an attacker on the
 * network would, against the dev server's frontend: with the temporal CLI and with a client without the codec,
 * and with ciphertext that is tampered or under a key the service does not hold. Nothing of it has an effect,
 * no workflow task fails, and the case goes on answering the API.
 */
import { recordingActivities } from '../support/recording-activities';
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type Payload, type PayloadCodec, type SearchAttributePair } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { Context } from '@temporalio/activity';
import { Worker } from '@temporalio/worker';
import { AesGcmCodec } from '../../src/crypto/aes-gcm-codec';
import { workerDataConverterFor, SANDBOX_CONVERTERS } from '../../src/crypto/data-converter';
import { PayloadKeys } from '../../src/crypto/payload-keys';
import { UNAUTHENTIC_PAYLOAD } from '../../src/domain/refused-payload';
import type { NoticeDelivery } from '../../src/domain/notices';
import type { CaseStatus } from '../../src/domain/schemas/case';
import { randomCaseId } from '../../src/cases/case-ids';
import { caseStart } from '../../src/cases/case-start';
import { temporalCliPath } from '../../tools/stack/temporal-binaries';
import { waitUntil } from '../../tools/stack/wait';
import {
  as,
  caseInTemporaryResidence,
  eventually,
  openCase,
  openingBody,
  recordOk,
  today,
} from '../support/api-helpers';
import type { CaseSummary } from '../../src/domain/schemas/api';
import { SA } from '../../src/domain/search-attribute-keys';
import { YES } from '../support/fixtures';
import { TASK_QUEUE, useServiceStack } from '../support/service-stack';
import { workflowBundle } from '../support/temporal-env';

const stack = useServiceStack();
/** A client as the attacker has one: it sends in clear (it reads with the key, so the test sees why it was refused). */
let keyless: Client;
beforeAll(async () => {
  keyless = sendingWith(async (payloads) => payloads);
});

/** A client that encodes what it sends with `encode`, and decodes with the service's key. */
function sendingWith(encode: PayloadCodec['encode']): Client {
  const reader = new AesGcmCodec(stack.keys, stack.caseKeys);
  return new Client({
    connection: stack.env.connection,
    namespace: stack.env.namespace,
    dataConverter: {
      payloadCodecs: [{ encode, decode: (p, context) => reader.decode(p, context) }],
      ...SANDBOX_CONVERTERS,
    },
  });
}

/** Runs the temporal CLI against the dev server; never throws, so a refusal can be read. */
function cli(...args: string[]): Promise<{ code: number; output: string }> {
  const all = [...args, '--address', stack.env.address, '--namespace', stack.env.namespace ?? 'default'];
  return new Promise((resolve) => {
    execFile(temporalCliPath(), all, { timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

const statusOf = async (caseId: string): Promise<CaseStatus> =>
  (await as(stack.app, 'payoke').get(`/v1/cases/${caseId}`)).body as CaseStatus;

async function historyOf(workflowId: string): Promise<temporal.api.history.v1.IHistoryEvent[]> {
  return (await stack.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
}

/** No workflow task of the case is failing: none pending, or a first attempt. */
async function noFailingTask(caseId: string): Promise<void> {
  await waitUntil(
    'the case to be idle',
    async () => {
      const d = await stack.client.workflow.getHandle(caseId).describe();
      return (d.raw.pendingWorkflowTask?.attempt ?? 0) <= 1 && !d.raw.pendingWorkflowTask;
    },
    10_000,
    100,
  );
}

/** A negative answer to the case's open query, as the prosecutor's office the query went to. */
function forgedAnswer(s: CaseStatus) {
  return {
    actor: { role: 'prosecutor', office: 'ANTWERPEN' },
    answer: { queryId: s.prosecutorQuery!.queryId, ...YES, consideredVictim: false },
  };
}

/** Encrypts with the service's key, then flips a byte of the ciphertext. */
const tampered =
  (keys: PayloadKeys) =>
  async (payloads: Payload[]): Promise<Payload[]> =>
    (await new AesGcmCodec(keys).encode(payloads)).map((p) => {
      const data = Buffer.from(p.data!);
      data[data.length - 20]! ^= 1;
      return { ...p, data };
    });

describe('what the CLI and a client without the payload key can do to a case', () => {
  it('an Update sent in clear with the CLI is rejected with a reason and changes nothing', async () => {
    const s = await caseInTemporaryResidence(stack.app);
    const accepted = async () =>
      (await historyOf(s.caseId)).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
    const acceptedBefore = await accepted();

    const update = await cli(
      'workflow',
      'update',
      'execute',
      '--workflow-id',
      s.caseId,
      '--name',
      'recordEvent',
      '--input',
      JSON.stringify(forgedAnswer(s)),
    );
    expect(update.code).not.toBe(0);
    // The reason's text is encrypted like every failure message; its type says it, to the CLI too.
    expect(update.output).toContain('type: UnauthenticPayload, retryable: false');

    expect(await accepted()).toBe(acceptedBefore);
    const after = await statusOf(s.caseId);
    expect({ stage: after.stage, query: after.prosecutorQuery }).toEqual({ stage: s.stage, query: s.prosecutorQuery });
    // The prosecutor's real answer still goes through.
    const answer = await as(stack.app, 'antwerpen').post(
      `/v1/prosecutor/queries/${s.prosecutorQuery!.queryId}/answer`,
      YES,
    );
    expect(answer.status).toBe(200);
    expect((answer.body as CaseStatus).stage).not.toBe(s.stage);
  });

  it('a signal and a query argument, from the CLI or a client, have no effect, and the case goes on answering', async () => {
    const s = await caseInTemporaryResidence(stack.app);
    const handle = keyless.workflow.getHandle(s.caseId);

    const updated = handle.executeUpdate('recordEvent', { args: [forgedAnswer(s)] });
    await expect(updated).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(updated.catch((e: WorkflowUpdateFailedError) => (e.cause as ApplicationFailure).type)).resolves.toBe(
      UNAUTHENTIC_PAYLOAD,
    );
    await handle.signal('recordEvent', forgedAnswer(s));
    const signalled = await cli(
      'workflow',
      'signal',
      '--workflow-id',
      s.caseId,
      '--name',
      'recordEvent',
      '--input',
      '{}',
    );
    expect(signalled.code).toBe(0);
    // The service's own query with an argument is answered; the same in clear is refused. A query's failure
    // reaches the caller as its message only, which is encrypted like every failure message.
    await expect(stack.client.workflow.getHandle(s.caseId).query('status', { verbose: true })).resolves.toMatchObject({
      caseId: s.caseId,
    });
    await expect(handle.query('status', { verbose: true })).rejects.toThrow('Encoded failure');
    const queried = await cli('workflow', 'query', '--workflow-id', s.caseId, '--type', 'status', '--input', '"x"');
    expect(queried.code).not.toBe(0);
    expect(queried.output).toContain('Encoded failure');

    await noFailingTask(s.caseId);
    const after = await statusOf(s.caseId);
    expect({ stage: after.stage, query: after.prosecutorQuery }).toEqual({ stage: s.stage, query: s.prosecutorQuery });
    const event = await as(stack.app, 'payoke').post(`/v1/cases/${s.caseId}/events`, {
      type: 'identity-documented',
      on: s.openedOn,
      documentKind: 'passport',
    });
    expect(event.status).toBe(200);
  });

  it('ciphertext that fails authentication, under a key id the service does not hold, or of another case, is refused', async () => {
    const s = await caseInTemporaryResidence(stack.app);
    const other = await caseInTemporaryResidence(stack.app);
    const stray = new PayloadKeys('stray', new Map([['stray', randomBytes(32)]]));
    const strayCodec = new AesGcmCodec(stray);
    const genuine = new AesGcmCodec(stack.keys, stack.caseKeys);
    const ofOther = {
      type: 'workflow',
      namespace: stack.env.namespace ?? 'default',
      workflowId: other.caseId,
    } as const;
    const attempts = [
      {
        // The service's own ciphertext, replayed from another case's history: that case's key, not this one's.
        encode: (p: Payload[]) => genuine.encode(p, ofOther),
        reason: 'its ciphertext fails authentication',
      },
      {
        encode: (p: Payload[]) => strayCodec.encode(p),
        reason: 'it is encrypted under a key id the service does not hold',
      },
      { encode: tampered(stack.keys), reason: 'its ciphertext fails authentication' },
    ];
    for (const { encode, reason } of attempts) {
      const client = sendingWith(encode);
      await expect(
        client.workflow.getHandle(s.caseId).executeUpdate('recordEvent', { args: [forgedAnswer(s)] }),
      ).rejects.toThrow(WorkflowUpdateFailedError);
      const failure = await client.workflow
        .getHandle(s.caseId)
        .executeUpdate('recordEvent', { args: [forgedAnswer(s)] })
        .catch((e: WorkflowUpdateFailedError) => e.cause?.message);
      expect(failure).toContain(reason);
    }
    await noFailingTask(s.caseId);
    expect((await statusOf(s.caseId)).prosecutorQuery).toEqual(s.prosecutorQuery);
  });

  it('a case started in clear or with no input, with the CLI or a client, ends at once: it never runs and mails nothing', async () => {
    const input = { caseId: 'ignored', centre: 'PAYOKE', opening: openingBody() };
    /** A start with the CLI, with these arguments after its workflow id. */
    const cliStart = async (...inputArgs: string[]) => {
      const caseId = randomCaseId();
      const args = ['workflow', 'start', '--type', 'victimCase', '--task-queue', TASK_QUEUE, '--workflow-id', caseId];
      expect((await cli(...args, ...inputArgs)).code).toBe(0);
      return caseId;
    };
    const cliCase = await cliStart('--input', JSON.stringify(input));
    const emptyCase = await cliStart();
    const clientCase = randomCaseId();
    await keyless.workflow.start('victimCase', {
      workflowId: clientCase,
      taskQueue: TASK_QUEUE,
      args: [{ ...input, caseId: clientCase }],
    });

    for (const caseId of [cliCase, emptyCase, clientCase]) {
      const failure = await keyless.workflow
        .getHandle(caseId)
        .result()
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      expect(((failure as WorkflowFailedError).cause as ApplicationFailure).type).toBe(UNAUTHENTIC_PAYLOAD);
      const events = await historyOf(caseId);
      expect(events.filter((e) => e.activityTaskScheduledEventAttributes)).toEqual([]);
      expect(events.filter((e) => e.upsertWorkflowSearchAttributesEventAttributes)).toEqual([]);
      expect(events.filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
      expect(stack.smtp.raw.filter((mail) => mail.includes(caseId))).toEqual([]);
    }
  });
});

describe("a notice's outcome reported without the payload key", () => {
  it('is not believed: the notice is sent again, and after the resends it counts as undelivered', async () => {
    const taskQueue = `forged-outcome-${randomUUID()}`;
    const sends: string[] = [];
    const held: (() => void)[] = [];
    const worker = await Worker.create({
      connection: stack.env.nativeConnection,
      namespace: stack.env.namespace,
      taskQueue,
      workflowBundle: await workflowBundle(),
      dataConverter: workerDataConverterFor(stack.keys, stack.caseKeys),
      activities: {
        ...recordingActivities().activities,
        // The sends of the opening's notice hang, so the test can report their outcome in the worker's place.
        async sendNotice(delivery: NoticeDelivery) {
          sends.push(delivery.notice.kind);
          if (delivery.notice.kind === 'case-opened') {
            await new Promise<void>((resolve) => {
              held.push(resolve);
              Context.current().cancelled.catch(() => resolve());
            });
          }
          return { notice: delivery.notice.key };
        },
      },
    });
    const caseId = randomCaseId();
    const { options } = caseStart(caseId, 'PAYOKE', openingBody(), taskQueue);
    await worker.runUntil(async () => {
      try {
        const handle = await stack.client.workflow.start('victimCase', options);
        const pendingActivity = async (send: number) => {
          await waitUntil(`send ${send}`, async () => sends.length === send, 10_000, 50);
          const id = (await handle.describe()).raw.pendingActivities?.[0]?.activityId;
          return { workflowId: caseId, activityId: id! };
        };
        await keyless.activity.complete(await pendingActivity(1), { notice: 'a forged receipt' });
        // A refusal whose details are in clear, then a failure naming no recipient at all.
        await keyless.activity.fail(
          await pendingActivity(2),
          ApplicationFailure.nonRetryable('refused', 'NoticeRejected', { rejected: ['immigration-office'] }),
        );
        await keyless.activity.fail(await pendingActivity(3), ApplicationFailure.nonRetryable('gave up', 'GaveUp'));
        await waitUntil('the Immigration Office to be told', async () => sends.length === 4, 10_000, 50);
        await waitUntil(
          'the notice to be done',
          async () => !(await handle.describe()).raw.pendingActivities?.length,
          10_000,
          100,
        );
        // Sent three times (once and POLICY.resendsAfterForgedOutcome again), never reported by the worker.
        expect(sends).toEqual(['case-opened', 'case-opened', 'case-opened', 'delivery-failed']);
        const s = await handle.query<CaseStatus>('status');
        expect(s.flags.undeliverableNotices).toEqual(['undelivered-after-retries']);
        await handle.terminate('test done');
      } finally {
        held.forEach((release) => release());
      }
    });
  });
});

describe('search attributes a forged start sets', () => {
  it("give no one access: neither to a case of the attacker's making nor, by reusing its id, to another centre's case", async () => {
    const real = await openCase(stack.app, 'payoke');
    await recordOk(stack.app, 'payoke', real.caseId, { type: 'voluntary-return', on: today() });
    await stack.client.workflow.getHandle(real.caseId).result();
    const forgedId = randomCaseId();
    // The attacker names its own centre and office in the attributes, and takes a closed case's id for a new run.
    const claims = [
      { key: SA.centre, value: 'PAG-ASA' },
      { key: SA.prosecutorOffices, value: ['LIEGE'] },
    ] as SearchAttributePair[];
    for (const [workflowId, policy] of [
      [forgedId, 'REJECT_DUPLICATE'],
      [real.caseId, 'ALLOW_DUPLICATE'],
    ] as const) {
      await keyless.workflow.start('victimCase', {
        workflowId,
        taskQueue: TASK_QUEUE,
        args: [{ caseId: workflowId, centre: 'PAG-ASA', opening: openingBody() }],
        workflowIdReusePolicy: policy,
        typedSearchAttributes: claims,
      });
      await keyless.workflow
        .getHandle(workflowId)
        .result()
        .catch(() => undefined);
      const described = await stack.client.workflow.getHandle(workflowId).describe();
      expect(described.typedSearchAttributes.get(SA.centre)).toBe('PAG-ASA');
    }
    for (const who of ['pagasa', 'liege'] as const)
      for (const caseId of [forgedId, real.caseId]) {
        const res = await as(stack.app, who).get(`/v1/cases/${caseId}`);
        expect([caseId, who, res.status]).toEqual([caseId, who, 404]);
      }
    const pagasaList = (await as(stack.app, 'pagasa').get('/v1/cases?pageSize=100')).body as { items: CaseSummary[] };
    expect(pagasaList.items.map((c) => c.caseId)).not.toEqual(expect.arrayContaining([forgedId]));
    expect(pagasaList.items.map((c) => c.caseId)).not.toContain(real.caseId);
    // The centre's own list still shows its case as it ended, from the index its own workflow wrote.
    const payokeList = await eventually(
      async () =>
        ((await as(stack.app, 'payoke').get('/v1/cases?pageSize=100')).body as { items: CaseSummary[] }).items,
      (items) => items.some((c) => c.caseId === real.caseId && c.outcome === 'VOLUNTARY_RETURN'),
    );
    expect(payokeList.find((c) => c.caseId === real.caseId)).toMatchObject({ centre: 'PAYOKE', running: false });
    expect(payokeList.map((c) => c.caseId)).not.toContain(forgedId);
  });
});

describe("a case's own ciphertext sent again by someone without the key", () => {
  /** The input of each Update the case accepted, as its history holds it: ciphertext under the case's key. */
  async function acceptedInputs(caseId: string): Promise<{ updateId: string; input: Payload }[]> {
    const res = await stack.client.workflowService.getWorkflowExecutionHistory({
      namespace: stack.env.namespace ?? 'default',
      execution: { workflowId: caseId },
    });
    return (res.history?.events ?? []).flatMap((e) => {
      const accepted = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
      const input = accepted?.input?.args?.payloads?.[0];
      return input && accepted?.meta?.updateId ? [{ updateId: accepted.meta.updateId, input }] : [];
    });
  }

  it("does not decide a second withdrawal review with the officer's earlier decision, under a new id or its own", async () => {
    const s = await caseInTemporaryResidence(stack.app, 'payoke');
    await recordOk(stack.app, 'payoke', s.caseId, { type: 'support-declined', on: today() });
    await recordOk(stack.app, 'immigration', s.caseId, { type: 'withdrawal-decided', on: today(), withdraw: false });
    const decision = (await acceptedInputs(s.caseId)).find((u) => u.updateId.startsWith('withdrawal-decided/'))!;
    expect(decision).toBeDefined();
    await recordOk(stack.app, 'payoke', s.caseId, { type: 'contact-with-exploiters', on: today() });
    const before = await statusOf(s.caseId);
    expect(before.withdrawalReview).not.toBeNull();

    // The recorded ciphertext, byte for byte, in place of whatever the client would send.
    const replaying = sendingWith(async () => [decision.input]);
    const replayed = (updateId: string) =>
      replaying.workflow
        .getHandle(s.caseId)
        .executeUpdate('recordEvent', { args: [{}], updateId })
        .then(
          () => 'accepted',
          (e: WorkflowUpdateFailedError) => (e.cause as ApplicationFailure | undefined)?.type,
        );
    expect(await replayed(`withdrawal-decided/${randomUUID()}`)).toBe(UNAUTHENTIC_PAYLOAD);
    // Under its own id it is the retry of the Update the case already applied: answered, not applied again.
    expect(await replayed(decision.updateId)).toBe('accepted');
    await noFailingTask(s.caseId);
    const after = await statusOf(s.caseId);
    expect(after.withdrawalReview).toEqual(before.withdrawalReview);
    expect(after.history).toEqual(before.history);
  });
});

describe('an ended case started again from a start its history holds', () => {
  /** The input payload a run of the case started with (its latest, or the one named), ciphertext. */
  async function startOf(caseId: string, runId?: string): Promise<Payload> {
    const res = await stack.client.workflowService.getWorkflowExecutionHistory({
      namespace: stack.env.namespace ?? 'default',
      execution: { workflowId: caseId, ...(runId ? { runId } : {}) },
    });
    return res.history!.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
  }

  /** The failure of a run started under the case's id with `payload`, byte for byte, by a client without the key. */
  async function restartedWith(caseId: string, payload: Payload): Promise<ApplicationFailure> {
    const replaying = sendingWith(async () => [payload]);
    const handle = await replaying.workflow.start('victimCase', {
      workflowId: caseId,
      taskQueue: TASK_QUEUE,
      args: [{}],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
    const failure = await handle.result().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    return (failure as WorkflowFailedError).cause as ApplicationFailure;
  }

  /** The case's own search attributes a run set (the SDK's TemporalChangeVersion, set with a patch, aside). */
  const caseAttributesSet = (events: temporal.api.history.v1.IHistoryEvent[]): string[] =>
    events.flatMap((e) =>
      Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}).filter(
        (name) => name !== 'TemporalChangeVersion',
      ),
    );

  it('never runs: neither its opening nor the state it carried on; nothing is mailed, listed or indexed', async () => {
    const s = await caseInTemporaryResidence(stack.app, 'payoke');
    const firstRunId = (await stack.client.workflow.getHandle(s.caseId).describe()).raw.workflowExecutionInfo
      ?.firstRunId;
    const opening = await startOf(s.caseId, firstRunId ?? undefined);
    await waitUntil(
      'the complaint to continue the case as new',
      async () => (await stack.client.workflow.getHandle(s.caseId).describe()).runId !== firstRunId,
      10_000,
      50,
    );
    await recordOk(stack.app, 'payoke', s.caseId, { type: 'voluntary-return', on: today() });
    await stack.client.workflow.getHandle(s.caseId).result();
    // The complaint continued the case as new: its latest run started with the state it carried.
    const carried = await startOf(s.caseId);
    expect(Buffer.from(carried.data!).equals(Buffer.from(opening.data!))).toBe(false);
    const mailsBefore = stack.smtp.raw.filter((mail) => mail.includes(s.caseId)).length;

    for (const payload of [opening, carried]) {
      const failure = await restartedWith(s.caseId, payload);
      expect(failure.type).toBe(UNAUTHENTIC_PAYLOAD);
      const events = await historyOf(s.caseId);
      // At most the claim of a first run, refused: no mail, no index write, none of the case's search attributes.
      const scheduled = events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
      expect(scheduled.filter((name) => name !== 'claimFirstRun')).toEqual([]);
      expect(caseAttributesSet(events)).toEqual([]);
    }
    expect(stack.smtp.raw.filter((mail) => mail.includes(s.caseId)).length).toBe(mailsBefore);
    expect(await stack.caseIndex.read(s.caseId)).toMatchObject({ outcome: 'VOLUNTARY_RETURN', running: false });
  });
});

describe('a run started under an ended case’s id on a task queue nobody polls', () => {
  it('does not hold its erasure up: the erasure ends it and deletes every run', async () => {
    const s = await openCase(stack.app, 'payoke');
    await recordOk(stack.app, 'payoke', s.caseId, { type: 'voluntary-return', on: today() });
    await stack.client.workflow.getHandle(s.caseId).result();
    await eventually(
      async () => (await stack.caseIndex.accessOf(s.caseId))?.running,
      (running) => running === false,
    );
    await keyless.workflow.start('victimCase', {
      workflowId: s.caseId,
      taskQueue: `nobody-polls-${randomUUID()}`,
      args: [],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
    // Requested while that run is on: its start stands for the case's end, which it follows.
    expect((await as(stack.app, 'admin').post(`/v1/cases/${s.caseId}/erasure`)).status).toBe(202);
    const erased = await as(stack.app, 'admin2').post(`/v1/cases/${s.caseId}/erasure/confirm`);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ caseId: s.caseId, dataKey: 'destroyed' });
    expect(erased.body.runsDeleted).toBeGreaterThanOrEqual(2);
    // A running case of the service's own is still refused.
    const running = await openCase(stack.app, 'payoke');
    expect((await as(stack.app, 'admin').post(`/v1/cases/${running.caseId}/erasure`)).status).toBe(409);
  });
});
