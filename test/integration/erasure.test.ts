/**
 * Issue 18, "erasure by key", against the real dev server: a case's history is readable; an admin requests its
 * erasure and a second admin confirms it (issue 29: four eyes, after a waiting period; or its retention ends and
 * the daily sweep runs); the same stored bytes can no longer be decoded by the
 * codec endpoint or by any process, while other cases still can; the audit trail records the erasure.
 * Issue 28: the erased key's row, as a copy of the database (a WAL segment, a backup) holds it, opens with the
 * service's keys until the sweep rotates the key-encryption key, and with nothing the service holds after.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import Database from 'better-sqlite3';
import { open } from '../../src/crypto/aes-gcm';
import { AesGcmCodec } from '../../src/crypto/aes-gcm-codec';
import { ErasedCaseKeyError, openCaseKeys } from '../../src/crypto/case-keys';
import { openCaseIndex } from '../../src/case-index/case-index-store';
import type { CaseErasureRecord, CaseErasureRequest } from '../../src/domain/schemas/api';
import { addDays } from '../../src/domain/calendar';
import { LANGUAGE_PACKS } from '../../src/i18n';
import { formatLegalDate } from '../../src/i18n/facts';
import {
  ensureKeyRetentionSchedule,
  KEY_RETENTION_SCHEDULE_ID,
  nextKeySweepDay,
} from '../../src/temporal/key-retention-schedule';
import { isNotFound } from '../../src/temporal/not-found';
import { codecJson, decodedTexts } from '../support/codec-json';
import { as, eventually, expectProblem, openCase, recordOk, SECRET, today } from '../support/api-helpers';
import { expectDocumented } from '../support/documented-response';
import { auditRecords, createTestApp, TASK_QUEUE, useServiceStack } from '../support/service-stack';

const stack = useServiceStack();
let raw: Client;
const ids: Record<'erased' | 'kept' | 'running' | 'expired' | 'lapsed', string> = {
  erased: '',
  kept: '',
  running: '',
  expired: '',
  lapsed: '',
};
/** The encoded payloads of each case's first run, as the server stores them (and as a backup would hold them). */
const stored: Partial<Record<keyof typeof ids, Payload[]>> = {};

/** The Web UI's decode call, as an Immigration Office officer. */
const decodeEndpoint = (payloads: Payload[], language = 'en') =>
  as(stack.app, 'immigration', { 'Accept-Language': language }).post('/codec/decode', {
    payloads: payloads.map(codecJson),
  });
const decodedText = (body: unknown): string => decodedTexts(body).join('\n');

function payloadsOf(events: temporal.api.history.v1.IHistoryEvent[]): Payload[] {
  return events.flatMap((e) => [
    ...(e.workflowExecutionStartedEventAttributes?.input?.payloads ?? []),
    ...(e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads ?? []),
  ]);
}
const keyStoreFile = () => join(stack.dir, 'statistics.sqlite');
/** As if the case's key had been made two days ago: the sweep leaves keys younger than a day alone. */
function backdateKey(caseId: string): void {
  const db = new Database(keyStoreFile());
  db.prepare('UPDATE case_keys SET created_at = ? WHERE case_id = ?').run(
    new Date(Date.now() - 2 * 86_400_000).toISOString(),
    caseId,
  );
  db.close();
}
interface KeyRow {
  case_id: string;
  key_id: string;
  wrapped_key: string;
}
/** The case's key row as the database holds it now, and as a copy of the database (its log, a backup) keeps it. */
function keyRow(caseId: string): KeyRow {
  const db = new Database(keyStoreFile(), { readonly: true });
  try {
    return db.prepare('SELECT case_id, key_id, wrapped_key FROM case_keys WHERE case_id = ?').get(caseId) as KeyRow;
  } finally {
    db.close();
  }
}
/** Every key the service holds: those of the key-encryption key file and of the payload key file. */
function keysHeld(): Buffer[] {
  const keysOf = (file: string) =>
    (JSON.parse(readFileSync(join(stack.dir, file), 'utf8')) as { keys: { key: string }[] }).keys.map((k) =>
      Buffer.from(k.key, 'base64'),
    );
  return [...keysOf('key-encryption-keys.json'), ...keysOf('payload-keys.json')];
}
const opensWithAnyHeldKey = (row: KeyRow): boolean =>
  keysHeld().some(
    (key) => open(key, `case-key\0${row.key_id}\0${row.case_id}`, Buffer.from(row.wrapped_key, 'base64')) !== undefined,
  );
/** The erased case's key row, copied before the erasure. */
let copiedBeforeErasure: KeyRow;
/** The confirmation's answer, which every retry gets again. */
let firstAnswer: CaseErasureRecord;

type Who = 'admin' | 'admin2' | 'immigration';
const requestErasure = (caseId: string, who: Who = 'admin', headers: Record<string, string> = {}) =>
  as(stack.app, who, headers).post(`/v1/cases/${caseId}/erasure`);
const confirmErasure = (caseId: string, who: Who = 'admin2', headers: Record<string, string> = {}) =>
  as(stack.app, who, headers).post(`/v1/cases/${caseId}/erasure/confirm`);
const gone = (caseId: string) =>
  eventually(
    () =>
      raw.workflowService
        .describeWorkflowExecution({ namespace: raw.options.namespace, execution: { workflowId: caseId } })
        .then(
          () => false,
          (err: unknown) => {
            if (isNotFound(err)) return true;
            throw err;
          },
        ),
    (g) => g,
    20_000,
  );

beforeAll(async () => {
  raw = new Client({ connection: stack.env.connection, namespace: stack.env.namespace });
  for (const k of Object.keys(ids) as (keyof typeof ids)[]) ids[k] = (await openCase(stack.app, 'payoke')).caseId;
  for (const k of ['erased', 'kept', 'expired', 'lapsed'] as const) {
    await recordOk(stack.app, 'payoke', ids[k], { type: 'opened-in-error', on: today() });
    await stack.client.workflow.getHandle(ids[k]).result();
  }
  for (const k of Object.keys(ids) as (keyof typeof ids)[]) {
    const history = await raw.workflow.getHandle(ids[k]).fetchHistory();
    stored[k] = payloadsOf(history.events ?? []);
  }
}, 120_000);

describe('POST /v1/cases/{caseId}/erasure', () => {
  it("destroys the case's key: the same stored bytes no longer decode, anywhere; other cases still do", async () => {
    const before = await decodeEndpoint(stored.erased!);
    expect(before.status).toBe(200);
    expect(decodedText(before.body)).toContain(SECRET.pseudonym);
    const index = openCaseIndex(keyStoreFile(), stack.caseKeys);
    // The worker wrote the case's index row (beside its work: it may trail the case's end).
    await eventually(
      () => index.read(ids.erased),
      (row) => row?.outcome === 'OPENED_IN_ERROR',
      20_000,
    );

    copiedBeforeErasure = keyRow(ids.erased);
    const dayBefore = nextKeySweepDay(new Date());
    const requested = await requestErasure(ids.erased, 'admin', { 'Idempotency-Key': 'erase-1' });
    expect(requested.status).toBe(202);
    expectDocumented('POST', '/v1/cases/{caseId}/erasure', requested);
    expect(requested.body).toEqual({
      caseId: ids.erased,
      requestedById: 'admin',
      requestedAt: expect.any(String),
    } satisfies Record<keyof CaseErasureRequest, unknown>);
    // A retry, with its Idempotency-Key or without, answers the request on record.
    expect((await requestErasure(ids.erased, 'admin', { 'Idempotency-Key': 'erase-1' })).body).toEqual(requested.body);
    // Nothing is erased yet: the case still reads.
    expect(decodedText((await decodeEndpoint(stored.erased!)).body)).toContain(SECRET.pseudonym);
    // The admin who requested it cannot confirm it.
    const own = await confirmErasure(ids.erased, 'admin');
    expectProblem(own, 409);
    expect(own.body).toMatchObject({ type: 'urn:problem-type:victim-case:secondAdminRequired' });
    expect((own.body as { detail: string }).detail).toMatch(/second administrator must confirm/);
    expect(decodedText((await decodeEndpoint(stored.erased!)).body)).toContain(SECRET.pseudonym);

    const res = await confirmErasure(ids.erased, 'admin2', { 'Idempotency-Key': 'confirm-1' });
    expect(res.status).toBe(200);
    expectDocumented('POST', '/v1/cases/{caseId}/erasure/confirm', res);
    expect(res.body).toEqual({
      caseId: ids.erased,
      requestedById: 'admin',
      requestedAt: (requested.body as CaseErasureRequest).requestedAt,
      confirmedById: 'admin-2',
      erasedAt: expect.any(String),
      dataKey: 'destroyed',
      runsDeleted: expect.any(Number),
      // The day of the next sweep, which rotates the key-encryption key its row was wrapped under.
      effectiveOn: expect.stringMatching(new RegExp(`^(${dayBefore}|${nextKeySweepDay(new Date())})$`)),
    } satisfies Record<keyof CaseErasureRecord, unknown>);
    firstAnswer = res.body as CaseErasureRecord;
    expect(firstAnswer.runsDeleted).toBeGreaterThanOrEqual(1);

    // The Web UI's codec: the officer reads why, in Dutch here.
    const after = await decodeEndpoint(stored.erased!, 'nl');
    expectProblem(after, 410);
    expect(after.body).toMatchObject({ type: 'urn:problem-type:victim-case:caseErased' });
    expect((after.body as { detail: string }).detail).toMatch(/gewist/);
    // A process started now (nothing cached) cannot read the bytes either.
    const caseKeys = openCaseKeys(keyStoreFile(), stack.keys);
    await expect(new AesGcmCodec(stack.keys, caseKeys).decode(stored.erased!)).rejects.toBeInstanceOf(
      ErasedCaseKeyError,
    );
    await caseKeys.close();
    // A copy of its row made before the erasure (a WAL segment, a base backup) still opens, until the sweep.
    expect(opensWithAnyHeldKey(copiedBeforeErasure)).toBe(true);
    // Another closed case, and a running one, are as readable as before.
    const others = await decodeEndpoint([...stored.kept!, ...stored.running!]);
    expect(others.status).toBe(200);
    expect(decodedText(others.body)).toContain(SECRET.pseudonym);
    // One decode of two cases' payloads: an audit line for each case.
    const audited = () =>
      Promise.resolve(
        auditRecords(stack)
          .filter((r) => r.requestId === others.headers['x-request-id'])
          .map((r) => r.caseId)
          .sort(),
      );
    await expect(eventually(audited, (c) => c.length === 2)).resolves.toEqual([ids.kept, ids.running].sort());
    expect((await as(stack.app, 'payoke').get(`/v1/cases/${ids.running}`)).status).toBe(200);

    // The index's rows went with the key; those of the other cases stay.
    await expect(index.read(ids.erased)).resolves.toBeUndefined();
    await expect(
      eventually(
        () => index.read(ids.kept),
        (row) => row !== undefined,
        20_000,
      ),
    ).resolves.toBeDefined();
    await index.close();

    // Temporal's copy is deleted too, and the API knows the case no more.
    await gone(ids.erased);
    expectProblem(await as(stack.app, 'admin').get(`/v1/cases/${ids.erased}`), 404);
    const steps = auditRecords(stack);
    for (const [principalId, action] of [
      ['admin', 'case.erase.request'],
      ['admin', 'case.erase'],
      ['admin-2', 'case.erase'],
    ])
      expect(steps).toContainEqual(expect.objectContaining({ principalId, action, caseId: ids.erased }));
    expect(steps).toContainEqual(
      expect.objectContaining({ principalId: 'admin-2', action: 'case.erase', caseId: ids.erased, result: 200 }),
    );
  });

  it('answers a repeated confirmation, by either admin, with the erasure on record', async () => {
    for (const who of ['admin2', 'admin'] as const) {
      const again = await confirmErasure(ids.erased, who, { 'Idempotency-Key': 'confirm-1' });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(firstAnswer);
    }
    // A request for it answers the request that led to it.
    expect((await requestErasure(ids.erased, 'admin2')).body).toMatchObject({ requestedById: 'admin' });
  });

  it('refuses a request before the waiting period after the end is over, saying from which day', async () => {
    // Another API process on the same database, as deployed: 30 days' wait (ERASURE_WAITING_DAYS).
    const waiting = createTestApp({
      client: stack.client,
      keys: stack.keys,
      caseKeys: stack.caseKeys,
      caseIndex: stack.caseIndex,
      serviceDatabase: keyStoreFile(),
      erasureWaitingDays: 30,
    });
    const from = addDays(today(), 30);
    for (const language of ['en', 'nl'] as const) {
      const early = await as(waiting, 'admin', { 'Accept-Language': language }).post(`/v1/cases/${ids.kept}/erasure`);
      expectProblem(early, 409);
      expect(early.body).toMatchObject({ type: 'urn:problem-type:victim-case:erasureTooEarly' });
      expect((early.body as { detail: string }).detail).toContain(
        formatLegalDate(from, LANGUAGE_PACKS[language].locale),
      );
    }
    // No request was recorded: this API (no wait) sees none to confirm.
    expect((await confirmErasure(ids.kept)).body).toMatchObject({
      type: 'urn:problem-type:victim-case:erasureNotRequested',
    });
  });

  it('lets an admin withdraw a pending request, after which there is nothing to confirm', async () => {
    expect((await requestErasure(ids.kept, 'admin2')).status).toBe(202);
    const withdrawn = await as(stack.app, 'admin').delete(`/v1/cases/${ids.kept}/erasure`);
    expect(withdrawn.status).toBe(204);
    expectProblem(await confirmErasure(ids.kept, 'admin'), 409);
    expectProblem(await as(stack.app, 'admin').delete(`/v1/cases/${ids.kept}/erasure`), 409);
    expect(decodedText((await decodeEndpoint(stored.kept!)).body)).toContain(SECRET.pseudonym);
  });

  it('finds no case Temporal no longer holds (its retention ended): the daily sweep destroys its key', async () => {
    await raw.workflowService.deleteWorkflowExecution({
      namespace: raw.options.namespace,
      workflowExecution: { workflowId: ids.lapsed },
    });
    await gone(ids.lapsed);
    expectProblem(await requestErasure(ids.lapsed), 404);
  });

  it('refuses a running case (409), anyone but an admin (403), and a case that does not exist (404)', async () => {
    const running = await requestErasure(ids.running);
    expectProblem(running, 409);
    expect(running.body).toMatchObject({ type: 'urn:problem-type:victim-case:caseStillRunning' });
    expectProblem(await requestErasure(ids.kept, 'immigration'), 403);
    expectProblem(await confirmErasure(ids.kept, 'immigration'), 403);
    expectProblem(await requestErasure('case-00000000-0000-4000-8000-000000000000'), 404);
    // Nothing to confirm where nothing was requested.
    const unasked = await confirmErasure(ids.running);
    expectProblem(unasked, 409);
    expect(unasked.body).toMatchObject({ type: 'urn:problem-type:victim-case:erasureNotRequested' });
    expect(decodedText((await decodeEndpoint(stored.running!)).body)).toContain(SECRET.pseudonym);
  });
});

describe('the key retention sweep', () => {
  it('destroys the keys of cases Temporal deleted (end of retention), and keeps the others', async () => {
    // Retention, as Temporal applies it: the closed case's history is deleted.
    await raw.workflowService.deleteWorkflowExecution({
      namespace: raw.options.namespace,
      workflowExecution: { workflowId: ids.expired },
    });
    await gone(ids.expired);
    for (const k of ['expired', 'kept', 'running'] as const) backdateKey(ids[k]);

    const erased = await stack.client.workflow.execute('keyRetention', {
      taskQueue: TASK_QUEUE,
      workflowId: `key-retention-test-${Date.now()}`,
    });
    expect(erased).toBe(1);
    expectProblem(await decodeEndpoint(stored.expired!), 410);
    expect((await decodeEndpoint([...stored.kept!, ...stored.running!])).status).toBe(200);
    expect(auditRecords(stack)).toContainEqual(
      expect.objectContaining({ role: 'key-retention', action: 'erase-case-key', caseId: ids.expired }),
    );
  });

  it("rotates the key-encryption key after erasures: the erased key's row copied before opens with nothing the service holds", async () => {
    // The sweep above found the erasures of this file pending and rotated; the copy is useless now.
    expect(opensWithAnyHeldKey(copiedBeforeErasure)).toBe(false);
    expect(auditRecords(stack)).toContainEqual(
      expect.objectContaining({ role: 'key-retention', action: 'rotate-key-encryption-key', caseId: null }),
    );
    // The live cases read on, at the codec endpoint (the API read the rotated file) and in a process started now.
    expect((await decodeEndpoint([...stored.kept!, ...stored.running!])).status).toBe(200);
    const caseKeys = openCaseKeys(keyStoreFile(), stack.keys);
    expect((await new AesGcmCodec(stack.keys, caseKeys).decode(stored.kept!)).length).toBe(stored.kept!.length);
    expect((await caseKeys.status()).erasuresPending).toBe(0);
    await caseKeys.close();
    // A repeated confirmation says the day it took effect: today's sweep.
    const again = await confirmErasure(ids.erased);
    expect(again.body).toMatchObject({
      dataKey: 'destroyed',
      effectiveOn: new Date().toISOString().slice(0, 10),
    });
  });

  it('runs daily as a Temporal schedule, which each worker start makes once', async () => {
    const { namespace } = raw.options;
    expect(await ensureKeyRetentionSchedule(stack.env.connection, namespace, TASK_QUEUE)).toBe('created');
    expect(await ensureKeyRetentionSchedule(stack.env.connection, namespace, TASK_QUEUE)).toBe('exists');
    const schedule = await raw.schedule.getHandle(KEY_RETENTION_SCHEDULE_ID).describe();
    expect(schedule.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'keyRetention',
      taskQueue: TASK_QUEUE,
    });
    expect(schedule.spec.intervals).toMatchObject([{ every: 86_400_000 }]);
    await raw.schedule.getHandle(KEY_RETENTION_SCHEDULE_ID).delete();
  });
});
