/**
 * Issue 6, against the real dev server: what Temporal stores for a case is ciphertext, keys rotate mid-case,
 * the codec endpoint answers only to whom it should, nothing personal leaks into search attributes, ids, logs,
 * mails or error responses, and every request on a case leaves one audit record.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import request from 'supertest';
import { AesGcmCodec, ENCRYPTED_ENCODING, METADATA_CASE_KEY_ID, METADATA_KEY_ID } from '../../src/crypto/aes-gcm-codec';
import { openCaseKeys } from '../../src/crypto/case-keys';
import { dataConverterFor } from '../../src/crypto/data-converter';
import { addAndActivateKey, loadPayloadKeys } from '../../src/crypto/payload-keys';
import { addPeriod, dateAt } from '../../src/domain/calendar';
import { caseOfQuery } from '../../src/domain/schemas/api';
import type { CaseStatus } from '../../src/domain/schemas/case';
import { sha256 } from '../../src/identity/principals';
import { codecJson } from '../support/codec-json';
import { auditRecords, TOKENS, useServiceStack } from '../support/service-stack';
import { complaintFiled } from '../support/fixtures';
import { waitUntil } from '../../tools/stack/wait';
import { PATCHES } from '../../workflows/messages';

// Recognisable personal data: each string is unique enough that any occurrence is a leak.
const CASE = {
  pseudonym: 'Ilinca-Probe-Pseudonym-4412',
  dateOfBirth: '2010-06-17',
  guardianName: 'Maarten Probe-Voogd',
  guardianEmail: 'voogd.probe.5521@guardian.example.org',
  caseworkerEmail: 'caseworker.probe.8830@payoke.example.org',
};
const NOTES = {
  complaint: 'NOTE-complaint: she names the recruiter Dragan-Probe-0193',
  answer: 'NOTE-answer: hearing of Ilinca set for the investigating judge',
  identity: 'NOTE-identity: passport held by the recruiter until 2026',
  rejected: 'NOTE-rejected: second complaint should never be stored',
  documentIssued: 'NOTE-document: card handed over at the shelter address',
  conviction: 'NOTE-conviction: after rotation, read with the new key',
};
// The second case: its guardian's mailbox refuses mail, so its notice activity fails.
const UNREACHABLE = {
  pseudonym: 'Second-Probe-Pseudonym-9021',
  guardianEmail: 'unreachable.probe.7734@guardian.example.org',
};
const NOTE_UNREACHABLE = 'NOTE-second-case: lives with an aunt in Probe-Town';

const PERSONAL = [
  CASE.pseudonym,
  CASE.dateOfBirth,
  CASE.guardianName,
  CASE.guardianEmail,
  UNREACHABLE.pseudonym,
  UNREACHABLE.guardianEmail,
  NOTE_UNREACHABLE,
  ...Object.values(NOTES),
];
/** What the history must not show either (the caseworker's address travels only in encrypted payloads). */
/** The status names the pseudonym to the roles that may see the case (CONTRACT.md), in that one field and nowhere else. */
const apartFromThePseudonymField = (json: string): string =>
  [CASE.pseudonym, UNREACHABLE.pseudonym].reduce((j, p) => j.split(`"victim":{"pseudonym":"${p}"}`).join(''), json);
const IN_HISTORY_NEVER = [...PERSONAL, CASE.caseworkerEmail];
/** The personal data that no mail may carry (the guardians' and caseworker's addresses are where mail goes). */
const NEVER_MAILED = PERSONAL.filter((s) => s !== CASE.guardianEmail && s !== UNREACHABLE.guardianEmail);
const found = (text: string | Buffer, needles: readonly string[]): string[] =>
  needles.filter((n) => (typeof text === 'string' ? text.toLowerCase().includes(n.toLowerCase()) : text.includes(n)));

const WEB_UI = 'http://localhost:8233';
type As = keyof typeof TOKENS;
const PRINCIPAL: Record<As, { id: string; role: string }> = {
  payoke: { id: 'centre-payoke', role: 'centre' },
  pagasa: { id: 'centre-pagasa', role: 'centre' },
  surya: { id: 'centre-surya', role: 'centre' },
  immigration: { id: 'dvz', role: 'immigration-office' },
  admin: { id: 'admin', role: 'admin' },
  admin2: { id: 'admin-2', role: 'admin' },
  antwerpen: { id: 'pk-antwerpen', role: 'prosecutor' },
  liege: { id: 'pk-liege', role: 'prosecutor' },
  caAntwerpen: { id: 'pg-antwerpen', role: 'prosecutor' },
  immigration2: { id: 'dvz-2', role: 'immigration-office' },
  labourAntwerpen: { id: 'au-antwerpen', role: 'prosecutor' },
};

interface Sent {
  requestId: string;
  /** The response's BelGov-Trace-Id, and the one the request carried (BelGov-Related-Trace-Id of the response). */
  traceId: string;
  relatedTraceId: string;
  as: As;
  method: 'get' | 'post';
  path: string;
  body: Record<string, unknown> | undefined;
  status: number;
  text: string;
  resBody: Record<string, unknown>;
}

const stack = useServiceStack({ smtp: { rejectRecipients: (a) => a === UNREACHABLE.guardianEmail } });
/** A client with no codec: what anyone with access to the Temporal server (or its database) sees. */
let rawClient: Client;
const sent: Sent[] = [];
/** Statuses of the codec decode calls, which are audited too (they read case data). */
const codecCalls: number[] = [];
const startedAt = new Date();

/** A request on a case through the API, kept for the audit and error-response checks. */
async function api(as: As, method: 'get' | 'post', path: string, body?: Record<string, unknown>): Promise<Sent> {
  const requestId = `privacy-${sent.length + 1}`;
  const theirTraceId = `centre-trace-${sent.length + 1}`;
  const client = request(stack.app);
  const req = client[method](path)
    .set('Authorization', `Bearer ${TOKENS[as]}`)
    .set('X-Request-Id', requestId)
    .set('BelGov-Trace-Id', theirTraceId);
  const res = body ? await req.send(body) : await req;
  const resBody = res.body as Record<string, unknown>;
  expect(res.headers['belgov-related-trace-id']).toBe(theirTraceId);
  const traceId = String(res.headers['belgov-trace-id']);
  const entry: Sent = {
    requestId,
    traceId,
    relatedTraceId: theirTraceId,
    as,
    method,
    path,
    body,
    status: res.status,
    text: res.text,
    resBody,
  };
  sent.push(entry);
  return entry;
}

const today = () => dateAt(Date.now());

interface RawRun {
  runId: string;
  events: temporal.api.history.v1.IHistoryEvent[];
  /** The history as the server sent it (every page, protobuf-encoded). */
  bytes: Buffer;
  /** The no-codec client's fetchHistory, as JSON with every bytes field shown as text. */
  json: string;
}

/**
 * JSON in which bytes read as UTF-8 text, so a plaintext payload would show its content. Proto messages are
 * walked field by field: their own toJSON would turn bytes into base64 and hide exactly what is looked for.
 */
function asText(value: unknown): string {
  const plain = (v: unknown): unknown => {
    if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
    if (Array.isArray(v)) return v.map(plain);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
    return v;
  };
  return JSON.stringify(plain(value));
}

/** Every run of a case (continue-as-new starts new ones), read with `client` and no decoding at all. */
async function rawRuns(client: Client, workflowId: string): Promise<RawRun[]> {
  const namespace = client.options.namespace;
  const fetchBytes = async (runId: string | undefined) => {
    const pages: Buffer[] = [];
    let nextPageToken: Uint8Array | undefined;
    do {
      const res = await client.workflowService.getWorkflowExecutionHistory({
        namespace,
        execution: { workflowId, runId },
        nextPageToken,
      });
      pages.push(Buffer.from(temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse.encode(res).finish()));
      nextPageToken = res.nextPageToken && res.nextPageToken.length > 0 ? res.nextPageToken : undefined;
    } while (nextPageToken);
    return Buffer.concat(pages);
  };
  const latest = await client.workflow.getHandle(workflowId).fetchHistory();
  let runId = latest.events?.[0]?.workflowExecutionStartedEventAttributes?.firstExecutionRunId ?? undefined;
  const runs: RawRun[] = [];
  while (runId) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events = history.events ?? [];
    runs.push({ runId, events, bytes: await fetchBytes(runId), json: asText(history) });
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

/** Every Payload in a proto object, with where it is. */
function payloadsIn(value: unknown, path = ''): { path: string; payload: Payload }[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => payloadsIn(v, `${path}[${i}]`));
  const o = value as Record<string, unknown>;
  if (o.metadata && typeof o.metadata === 'object' && 'data' in o) return [{ path, payload: o }];
  return Object.entries(o).flatMap(([k, v]) => payloadsIn(v, `${path}.${k}`));
}

const metadataText = (p: Payload, key: string): string | undefined => {
  const v = p.metadata?.[key];
  return v ? Buffer.from(v).toString('utf8') : undefined;
};
const keyIdOf = (p: Payload) => metadataText(p, METADATA_KEY_ID);
const caseKeyIdOf = (p: Payload) => metadataText(p, METADATA_CASE_KEY_ID);
/** The case keys' database: the statistics store's, as in a deployment. */
const keyStoreFile = () => join(stack.dir, 'statistics.sqlite');

/** Decrypts and deserialises a payload as a freshly started codec-equipped process does. */
async function decoded(p: Payload, keysFile = stack.keysFile): Promise<unknown> {
  const keys = loadPayloadKeys(keysFile);
  const caseKeys = openCaseKeys(keyStoreFile(), keys);
  try {
    const [plain] = await new AesGcmCodec(keys, caseKeys).decode([p]);
    return defaultPayloadConverter.fromPayload(plain!);
  } finally {
    await caseKeys.close();
  }
}

/** What wraps a case's data key: `kek:<id>`, or a master key's id for a key from before key-encryption keys. */
function wrappedWith(id: string): string | null {
  const db = new Database(keyStoreFile(), { readonly: true });
  try {
    return (
      db.prepare('SELECT wrapped_with FROM case_keys WHERE case_id = ?').get(id) as { wrapped_with: string | null }
    ).wrapped_with;
  } finally {
    db.close();
  }
}

/** Waits until the case's current run has nothing in flight: no workflow task, no activity. */
async function settled(workflowId: string): Promise<void> {
  let last = -1;
  for (let i = 0; i < 100; i++) {
    const { workflowService, options } = stack.client;
    const d = await workflowService.describeWorkflowExecution({
      namespace: options.namespace,
      execution: { workflowId },
    });
    const length = Number(d.workflowExecutionInfo?.historyLength ?? 0);
    if (length === last && !d.pendingWorkflowTask && (d.pendingActivities ?? []).length === 0) return;
    last = length;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`case ${workflowId} did not settle`);
}

// What the scenario leaves for the checks.
let caseId: string;
let secondCaseId: string;
let keyBefore: string;
let keyAfter: string;
/** Events of the last run that existed when the keys were rotated. */
let lastEventBeforeRotation: number;
let rotatedRunId: string;
let rejectedReason: string;
let finalStatus: CaseStatus;

beforeAll(async () => {
  rawClient = new Client({ connection: stack.env.connection, namespace: stack.env.namespace });
  const on = today();
  const openingWithGuardianEmail = (email: string) => ({
    openedOn: on,
    unaccompaniedMinor: true,
    victim: { pseudonym: CASE.pseudonym, dateOfBirth: CASE.dateOfBirth, language: 'ro' },
    exploitation: 'labour',
    caseworkerEmail: CASE.caseworkerEmail,
    guardian: { name: CASE.guardianName, email },
  });

  // A bad request carrying personal data: the 400 must name the field, not echo the data.
  const invalid = await api(
    'payoke',
    'post',
    '/v1/cases',
    openingWithGuardianEmail(`${CASE.guardianName} at ${CASE.guardianEmail}`),
  );
  expect(invalid.status).toBe(400);

  const opened = await api('payoke', 'post', '/v1/cases', openingWithGuardianEmail(CASE.guardianEmail));
  expect(opened.status).toBe(201);
  caseId = opened.resBody.caseId as string;
  expect((await api('payoke', 'get', `/v1/cases/${caseId}`)).status).toBe(200);

  const complaint = await api('payoke', 'post', `/v1/cases/${caseId}/events`, {
    ...complaintFiled(on),
    note: NOTES.complaint,
  });
  expect(complaint.resBody).toMatchObject({ stage: 'TEMPORARY_RESIDENCE', prosecutorQuery: { office: 'ANTWERPEN' } });

  // The prosecutor's office finds its query in its list (visibility is eventually consistent) and answers it.
  const queryId = await waitUntil(
    'the query in the prosecutor list',
    async () => {
      const list = await api('antwerpen', 'get', '/v1/prosecutor/queries');
      const items = list.resBody.items as { queryId: string; caseId: string }[];
      return items.find((q) => q.caseId === caseId)?.queryId;
    },
    15_000,
    200,
  );
  const answered = await api('antwerpen', 'post', `/v1/prosecutor/queries/${queryId}/answer`, {
    consideredVictim: true,
    proceedingsOngoing: true,
    cooperating: true,
    tiesSevered: true,
    note: NOTES.answer,
  });
  expect(answered.resBody).toMatchObject({ stage: 'IDENTIFIED_VICTIM', document: { type: 'A_CARD' } });

  const identity = await api('payoke', 'post', `/v1/cases/${caseId}/events`, {
    type: 'identity-documented',
    on,
    documentKind: 'passport',
    note: NOTES.identity,
  });
  expect(identity.status).toBe(200);
  const rejected = await api('payoke', 'post', `/v1/cases/${caseId}/events`, {
    ...complaintFiled(on, 'ANTWERPEN', 'statement'),
    note: NOTES.rejected,
  });
  expect(rejected.status).toBe(409);
  rejectedReason = rejected.resBody.detail as string;
  expect(rejectedReason).toMatch(/complaint or statement is already on file/);
  // Another centre's attempt: refused as if the case did not exist.
  expect((await api('pagasa', 'get', `/v1/cases/${caseId}`)).status).toBe(404);
  const issued = await api('immigration', 'post', `/v1/cases/${caseId}/events`, {
    type: 'document-issued',
    on,
    document: 'A_CARD',
    issuedOn: on,
    validUntil: addPeriod(on, { months: 6 }),
    note: NOTES.documentIssued,
  });
  expect(issued.status).toBe(200);

  // The second case, whose guardian cannot be reached: its stage-change notice fails in the activity.
  const second = await api('payoke', 'post', '/v1/cases', {
    openedOn: on,
    unaccompaniedMinor: true,
    victim: { pseudonym: UNREACHABLE.pseudonym, language: 'fr' },
    exploitation: 'begging',
    caseworkerEmail: CASE.caseworkerEmail,
    guardian: { name: 'Second Probe Guardian', email: UNREACHABLE.guardianEmail },
  });
  expect(second.status).toBe(201);
  secondCaseId = second.resBody.caseId as string;
  const secondComplaint = await api('payoke', 'post', `/v1/cases/${secondCaseId}/events`, {
    ...complaintFiled(on, 'LIEGE', 'statement'),
    note: NOTE_UNREACHABLE,
  });
  expect(secondComplaint.status).toBe(200);

  // Rotation mid-case: a new key for encryption, then worker and API restart with the file as it is now.
  await settled(caseId);
  keyBefore = stack.keys.encryptWith;
  const d = await stack.client.workflow.getHandle(caseId).describe();
  rotatedRunId = d.runId;
  lastEventBeforeRotation = d.historyLength;
  keyAfter = addAndActivateKey(stack.keysFile).id;
  await stack.restart();
  expect(stack.keys.encryptWith).toBe(keyAfter);

  // The restarted service reads the case written with the old key, and finishes it with the new one.
  expect((await api('admin', 'get', `/v1/cases/${caseId}`)).resBody).toMatchObject({ stage: 'IDENTIFIED_VICTIM' });
  const convicted = await api('antwerpen', 'post', `/v1/cases/${caseId}/events`, {
    type: 'conviction',
    on,
    underTraffickingLaw: true,
    appealed: false,
    note: NOTES.conviction,
  });
  expect(convicted.resBody).toMatchObject({
    stage: 'IDENTIFIED_VICTIM',
    permanentResidenceReview: { basis: 'conviction' },
  });
  const granted = await api('immigration', 'post', `/v1/cases/${caseId}/events`, {
    type: 'permanent-residence-decided',
    on,
    grant: true,
  });
  expect(granted.resBody).toMatchObject({ stage: 'PERMANENT_RESIDENCE', outcome: 'PERMANENT_RESIDENCE' });
  finalStatus = await stack.client.workflow.getHandle(caseId).result();
  expect((await api('payoke', 'get', `/v1/cases/${caseId}`)).resBody).toMatchObject({ outcome: 'PERMANENT_RESIDENCE' });
  expect((await api('payoke', 'get', '/v1/cases?minor=true')).status).toBe(200);
  await waitUntil(
    'the failed notice of the second case',
    async () =>
      (await rawRuns(rawClient, secondCaseId)).some((r) => r.events.some((e) => e.activityTaskFailedEventAttributes)) ||
      undefined,
    15_000,
    200,
  );
  await settled(secondCaseId);
}, 90_000);

describe('what the Temporal server stores for a case', () => {
  it('is ciphertext: no personal data or note in any run of the raw history, every payload encrypted', async () => {
    const runs = await rawRuns(rawClient, caseId);
    // A new run after a stage change (two changes may share one run when the answer comes fast); the last one completed.
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.at(-1)?.events.at(-1)?.workflowExecutionCompletedEventAttributes).toBeTruthy();
    for (const run of [...runs, ...(await rawRuns(rawClient, secondCaseId))]) {
      expect(found(run.json, IN_HISTORY_NEVER)).toEqual([]);
      expect(found(run.bytes, IN_HISTORY_NEVER)).toEqual([]);
      // The scan sees what is in clear: the Centre search attribute and the task queue are.
      expect(run.bytes.includes('PAYOKE')).toBe(true);
      for (const { path, payload } of payloadsIn(run.events)) {
        if (path.includes('.searchAttributes.')) continue; // never encrypted, and checked below
        // The SDK writes a patch marker's data itself, in clear, past the codec: it holds the patch id and nothing else.
        if (path.includes('.markerRecordedEventAttributes.details.patch-data.')) {
          const marker = JSON.parse(Buffer.from(payload.data ?? []).toString()) as { id: string };
          expect(marker).toEqual({ id: marker.id, deprecated: false });
          expect(Object.values(PATCHES)).toContain(marker.id);
          continue;
        }
        expect({ path, encoding: metadataText(payload, 'encoding') }).toEqual({ path, encoding: ENCRYPTED_ENCODING });
      }
    }
  });

  it('would show a payload that the codec did not encrypt (the scan is not blind)', () => {
    const plain = defaultPayloadConverter.toPayload({
      opening: { victim: { pseudonym: CASE.pseudonym } },
      note: NOTES.answer,
    });
    const history = temporal.api.history.v1.History.create({
      events: [{ workflowExecutionStartedEventAttributes: { input: { payloads: [plain] } } }],
    });
    expect(found(asText(history), PERSONAL)).toEqual([CASE.pseudonym, NOTES.answer]);
    expect(found(Buffer.from(temporal.api.history.v1.History.encode(history).finish()), PERSONAL)).toEqual([
      CASE.pseudonym,
      NOTES.answer,
    ]);
  });

  it('reads back with the codec: the opening, every event note and the answer, across the rotation', async () => {
    const runs = await rawRuns(stack.client, caseId);
    const texts = await Promise.all(
      runs.flatMap((r) => payloadsIn(r.events)).map(async ({ payload }) => JSON.stringify(await decoded(payload))),
    );
    const all = texts.join('\n');
    const recorded = [
      CASE.pseudonym,
      CASE.dateOfBirth,
      CASE.guardianName,
      CASE.guardianEmail,
      NOTES.complaint,
      NOTES.answer,
      NOTES.identity,
      NOTES.documentIssued,
      NOTES.conviction,
    ];
    expect(found(all, recorded)).toEqual(recorded);
    // The event the workflow refused never reached the history, not even encrypted.
    expect(all).not.toContain(NOTES.rejected);

    const start = runs[0]?.events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    expect(await decoded(start as Payload)).toMatchObject({
      caseId,
      centre: 'PAYOKE',
      opening: {
        victim: { pseudonym: CASE.pseudonym, dateOfBirth: CASE.dateOfBirth },
        guardian: { name: CASE.guardianName, email: CASE.guardianEmail },
      },
    });
    // The codec-equipped service reads the memo and the result; the final status holds no personal data.
    const description = await stack.client.workflow.getHandle(caseId, runs[0]?.runId).describe();
    expect(description.memo).toEqual({ requestHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(finalStatus).toMatchObject({ caseId, stage: 'PERMANENT_RESIDENCE', flags: { identityProofMissing: false } });
    expect(found(apartFromThePseudonymField(JSON.stringify(finalStatus)), PERSONAL)).toEqual([]);
  });
});

describe('key rotation', () => {
  const encodedPayloads = (events: temporal.api.history.v1.IHistoryEvent[]) =>
    payloadsIn(events)
      // Search attributes are never encrypted; a patch marker's data is the SDK's, in clear, holding only the
      // patch id (checked above): neither goes through the codec, so neither has a key id.
      .filter(
        ({ path }) =>
          !path.includes('.searchAttributes.') && !path.includes('.markerRecordedEventAttributes.details.patch-data.'),
      )
      .map(({ payload }) => payload);

  it("keeps every payload of a case under the case's own key, before and after a rotation of the master key", async () => {
    expect(keyAfter).not.toBe(keyBefore);
    const runs = await rawRuns(rawClient, caseId);
    const payloads = runs.flatMap((r) => encodedPayloads(r.events));
    const caseKeyIds = new Set(payloads.map(caseKeyIdOf));
    expect(caseKeyIds.size).toBe(1);
    const [caseKeyId] = [...caseKeyIds];
    expect(caseKeyId).toMatch(/^ck-/);
    expect(payloads.map(keyIdOf).filter(Boolean)).toEqual([]);
    // Another case, another key.
    const second = (await rawRuns(rawClient, secondCaseId)).flatMap((r) => encodedPayloads(r.events));
    expect(new Set(second.map(caseKeyIdOf))).toEqual(new Set([expect.stringMatching(/^ck-/)]));
    expect(second.map(caseKeyIdOf)).not.toContain(caseKeyId);
    // The rotation changed the master key, not the case's key: a key-encryption key wraps it, not the master key.
    expect(rotatedRunId).toBe(runs.at(-1)?.runId);
    expect(wrappedWith(caseId)).toMatch(/^kek:kek-/);

    // The conviction (sent after the rotation) and the final result decrypt, and so does the first run's input.
    const after = runs.at(-1)!.events.filter((e) => Number(e.eventId) > lastEventBeforeRotation);
    const conviction = after.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes)
      ?.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads?.[0];
    expect(await decoded(conviction as Payload)).toMatchObject({
      event: { type: 'conviction', note: NOTES.conviction },
    });
    const start = runs[0]?.events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    expect(await decoded(start as Payload)).toMatchObject({ opening: { victim: { pseudonym: CASE.pseudonym } } });
  });

  it('lets the old master key leave the file at once: the case keys are under the key-encryption key', async () => {
    const file = JSON.parse(readFileSync(stack.keysFile, 'utf8')) as { encryptWith: string; keys: { id: string }[] };
    const withoutOld = `${stack.keysFile}.without-old.json`;
    writeFileSync(withoutOld, JSON.stringify({ ...file, keys: file.keys.filter((k) => k.id !== keyBefore) }), {
      mode: 0o600,
    });
    const runs = await rawRuns(rawClient, caseId);
    const start = runs[0]?.events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0] as Payload;
    const result = runs.at(-1)?.events.at(-1)?.workflowExecutionCompletedEventAttributes?.result
      ?.payloads?.[0] as Payload;
    // A client holding only the new master key reads the first run, its memo included.
    const keys = loadPayloadKeys(withoutOld);
    const caseKeys = openCaseKeys(keyStoreFile(), keys);
    const client = new Client({
      connection: stack.env.connection,
      namespace: stack.env.namespace,
      dataConverter: dataConverterFor(keys, caseKeys),
    });
    await expect(client.workflow.getHandle(caseId, runs[0]?.runId).describe()).resolves.toBeDefined();
    // Nothing left for a rewrap to move (npm run keys -- rewrap): every case key was made under the key-encryption key.
    expect(await caseKeys.rewrap()).toBe(0);
    await caseKeys.close();
    expect([wrappedWith(caseId), wrappedWith(secondCaseId)]).toEqual([
      expect.stringMatching(/^kek:/),
      expect.stringMatching(/^kek:/),
    ]);
    expect(await decoded(start, withoutOld)).toMatchObject({ opening: { victim: { pseudonym: CASE.pseudonym } } });
    expect(await decoded(result, withoutOld)).toMatchObject({ caseId, outcome: 'PERMANENT_RESIDENCE' });
  });
});

describe('failure messages in the history', () => {
  it('a rejected event: the reason reaches the API caller, and the Update failure on the wire is encoded', async () => {
    // Bound to its Update, as the API binds it.
    const input = {
      actor: { id: 'centre-payoke', role: 'centre', centre: 'PAYOKE' },
      event: complaintFiled(today(), 'LIEGE', 'statement'),
      updateId: 'privacy-raw-rejected',
    };
    const { UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED } =
      temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage;
    // Sent as the service would (under the case's key), past the client, to read the raw answer.
    const codec = new AesGcmCodec(stack.keys, stack.caseKeys);
    const context = { type: 'workflow', namespace: rawClient.options.namespace, workflowId: secondCaseId } as const;
    const res = await rawClient.workflowService.updateWorkflowExecution({
      namespace: rawClient.options.namespace,
      workflowExecution: { workflowId: secondCaseId },
      waitPolicy: { lifecycleStage: UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED },
      request: {
        meta: { updateId: 'privacy-raw-rejected', identity: 'privacy-test' },
        input: {
          name: 'recordEvent',
          args: { payloads: await codec.encode([defaultPayloadConverter.toPayload(input)], context) },
        },
      },
    });
    const failure = res.outcome?.failure;
    expect(failure?.applicationFailureInfo?.type).toBe('EventRejected');
    expect(failure?.message).toBe('Encoded failure');
    // The worker encodes the failure under the case's key.
    expect(failure?.encodedAttributes && caseKeyIdOf(failure.encodedAttributes)).toMatch(/^ck-/);
    expect(await decoded(failure!.encodedAttributes!)).toMatchObject({ message: rejectedReason });
    // Rejected Updates are not stored: the reason appears in no run of either case.
    for (const run of [...(await rawRuns(rawClient, caseId)), ...(await rawRuns(rawClient, secondCaseId))]) {
      expect(run.bytes.includes(rejectedReason)).toBe(false);
    }
  });

  it('a failed notice activity: its message is encoded in the history, readable with the codec', async () => {
    const runs = await rawRuns(rawClient, secondCaseId);
    const failed = runs
      .flatMap((r) => r.events)
      .map((e) => e.activityTaskFailedEventAttributes?.failure)
      .filter((f) => !!f);
    expect(failed).toHaveLength(1);
    const failure = failed[0]!;
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace ?? '').toBe('');
    for (const run of runs) expect(run.bytes.includes('refused for')).toBe(false);
    expect(await decoded(failure.encodedAttributes!)).toMatchObject({
      message: expect.stringMatching(/stage-changed .* refused for guardian/),
    });
    // What the people involved notice: the Immigration Office is told of the failed delivery (in French, its language).
    const told = await waitUntil(
      'the delivery-failed notice',
      async () => stack.smtp.messages.find((m) => m.messageId?.includes(`${secondCaseId}=2Fdelivery-failed`)),
      15_000,
      200,
    );
    expect(told.to).toMatchObject({ text: 'office-etrangers@example.org' });
    expect(told.subject).toBe(`Un avis n’a pas pu être remis [${secondCaseId}]`);
  });
});

describe('the codec endpoint (deployment configuration)', () => {
  const decode = (payloads: Payload[]) => ({ payloads: payloads.map(codecJson) });
  let body: ReturnType<typeof decode>;
  beforeAll(async () => {
    const runs = await rawRuns(rawClient, caseId);
    const start = runs[0]?.events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0] as Payload;
    const result = runs.at(-1)?.events.at(-1)?.workflowExecutionCompletedEventAttributes?.result
      ?.payloads?.[0] as Payload;
    body = decode([start, result]);
  });
  const post = async (headers: Record<string, string>) => {
    const req = request(stack.app).post('/codec/decode');
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    const res = await req.send(body);
    codecCalls.push(res.status);
    return res;
  };

  it.each([
    ['admin', TOKENS.admin],
    ['immigration office', TOKENS.immigration],
  ])('decodes real payloads of the history, before and after the rotation, for an %s token', async (_who, token) => {
    const res = await post({ Authorization: `Bearer ${token}`, Origin: WEB_UI });
    expect(res.status).toBe(200);
    const values = (res.body as { payloads: { data: string }[] }).payloads.map(
      (p) => JSON.parse(Buffer.from(p.data, 'base64').toString('utf8')) as unknown,
    );
    expect(values[0]).toMatchObject({
      caseId,
      opening: { victim: { pseudonym: CASE.pseudonym }, guardian: { name: CASE.guardianName } },
    });
    expect(values[1]).toMatchObject({ caseId, outcome: 'PERMANENT_RESIDENCE' });
  });

  it.each([
    ['a centre token', { Authorization: `Bearer ${TOKENS.payoke}` }, 403],
    ['a prosecutor token', { Authorization: `Bearer ${TOKENS.antwerpen}` }, 403],
    [
      'an admin token from a foreign origin',
      { Authorization: `Bearer ${TOKENS.admin}`, Origin: 'https://evil.example' },
      403,
    ],
    ['no token', {}, 401],
    ['no token, even from the Web UI origin on loopback', { Origin: WEB_UI }, 401],
  ])('refuses %s', async (_what, headers: Record<string, string>, status) => {
    const res = await post(headers);
    expect(res.status).toBe(status);
    expect(res.body).not.toHaveProperty('payloads');
    expect(found(res.text, PERSONAL)).toEqual([]);
  });
});

describe('nothing personal outside the ciphertext', () => {
  it('workflow ids are opaque', () => {
    for (const id of [caseId, secondCaseId]) {
      expect(id).toMatch(/^case-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(found(id, PERSONAL)).toEqual([]);
    }
  });

  it('search attributes, the description and the visibility records carry none', async () => {
    const namespace = rawClient.options.namespace;
    for (const id of [caseId, secondCaseId]) {
      const d = await stack.client.workflow.getHandle(id).describe();
      expect(d.typedSearchAttributes.getAll().length).toBeGreaterThan(2);
      expect(found(JSON.stringify({ typed: d.typedSearchAttributes, untyped: d.searchAttributes }), PERSONAL)).toEqual(
        [],
      );
      const raw = await rawClient.workflowService.describeWorkflowExecution({
        namespace,
        execution: { workflowId: id },
      });
      const bytes = Buffer.from(temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse.encode(raw).finish());
      expect(bytes.includes('PAYOKE')).toBe(true);
      expect(found(bytes, IN_HISTORY_NEVER)).toEqual([]);
      const listed = await rawClient.workflowService.listWorkflowExecutions({
        namespace,
        query: `WorkflowId = '${id}'`,
      });
      expect(listed.executions?.length).toBeGreaterThan(0);
      const listedBytes = Buffer.from(
        temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse.encode(listed).finish(),
      );
      expect(found(listedBytes, IN_HISTORY_NEVER)).toEqual([]);
    }
  });

  it('API log lines and API responses carry none (nor a token)', () => {
    expect(stack.logLines.length).toBeGreaterThanOrEqual(sent.length);
    const logs = stack.logLines.join('');
    for (const s of sent) expect(logs).toContain(`"requestId":"${s.requestId}"`);
    expect(found(logs, PERSONAL)).toEqual([]);
    expect(found(logs, Object.values(TOKENS))).toEqual([]);
    // Error responses included: the 400 about the guardian's address names the field only.
    expect(sent.find((s) => s.status === 400)?.text).toMatch(/guardian\.email/);
    for (const s of sent)
      expect({ request: s.requestId, leaked: found(apartFromThePseudonymField(s.text), PERSONAL) }).toEqual({
        request: s.requestId,
        leaked: [],
      });
  });

  it('mails carry none; a guardian address appears only in mail to that guardian', () => {
    const raw = stack.smtp.raw;
    expect(raw.length).toBeGreaterThanOrEqual(6);
    const toGuardian = raw.filter((_m, i) => stack.smtp.envelopes[i]?.includes(CASE.guardianEmail));
    // Stage 2, stage 3 and permanent residence: the guardian of the minor is told each time.
    expect(toGuardian.length).toBeGreaterThanOrEqual(3);
    raw.forEach((source, i) => {
      const to = stack.smtp.envelopes[i] ?? [];
      const forbidden = [
        ...NEVER_MAILED,
        ...[CASE.guardianEmail, UNREACHABLE.guardianEmail].filter((g) => !to.includes(g)),
      ];
      // The source as it travelled, and its parts decoded (quoted-printable and base64 would hide a match).
      const m = stack.smtp.messages[i]!;
      const parts = [
        m.subject ?? '',
        m.text ?? '',
        m.html || '',
        ...m.attachments.map((a) => a.content.toString('utf8')),
      ];
      const leaked = [...found(source, forbidden), ...found(parts.join('\n'), forbidden)];
      expect({ mail: i, to, leaked }).toEqual({ mail: i, to, leaked: [] });
    });
    // The decoded scan is not blind: the calendar attachments (base64 on the wire) read as text.
    expect(
      stack.smtp.messages.some((m) =>
        m.attachments.some((a) => a.content.toString('utf8').includes('BEGIN:VCALENDAR')),
      ),
    ).toBe(true);
  });
});

describe('the audit trail', () => {
  it('holds one record per case a request read, changed or listed: who, role, case, action, result; no token, no personal data', () => {
    const all = auditRecords(stack);
    const codec = all.filter((r) => String(r.action).startsWith('codec.'));
    // A decode names the case its payloads carry (a case's start and result do); a refused one names none.
    expect(codec.map((r) => [r.action, r.caseId, r.result])).toEqual(
      codecCalls.map((status) => ['codec.decode', status === 200 ? caseId : null, status]),
    );
    expect(codec.filter((r) => r.result === 200).map((r) => r.principalId)).toEqual(['admin', 'dvz']);
    const records = all.filter((r) => !String(r.action).startsWith('codec.'));
    const expected = sent.flatMap((s) => {
      const m = /^\/v1\/(cases|prosecutor\/queries)(?:\/([^/?]+))?(\/events|\/answer)?/.exec(s.path);
      const [, collection, id, sub] = m ?? [];
      const action =
        collection === 'prosecutor/queries'
          ? sub
            ? 'query.answer'
            : 'query.list'
          : sub
            ? `case.event.${String(s.body?.type)}`
            : id
              ? 'case.read'
              : s.method === 'post'
                ? 'case.open'
                : 'case.list';
      const opened = s.status === 201 ? (s.resBody.caseId as string) : null;
      const caseOf = collection === 'prosecutor/queries' ? (id ? caseOfQuery(id) : null) : (id ?? opened);
      // A list: one record per case it showed (issue 28: a list was audited with no case), one without a case if none.
      const listed = action.endsWith('.list')
        ? [...new Set(((s.resBody.items ?? []) as { caseId: string }[]).map((i) => i.caseId))]
        : [];
      const { id: principalId, role } = PRINCIPAL[s.as];
      return (listed.length > 0 ? listed : [caseOf]).map((named) => ({
        requestId: s.requestId,
        traceId: s.traceId,
        relatedTraceId: s.relatedTraceId,
        principalId,
        role,
        caseId: named,
        action,
        result: s.status,
      }));
    });
    // The lists this test reads showed its cases: each is named (none is an empty list).
    expect(expected.filter((r) => r.action.endsWith('.list') && r.caseId === caseId).length).toBeGreaterThan(0);
    // The records of one request stand together in the file (written at once).
    const requestsInOrder = records.map((r) => r.requestId).filter((id, i, all) => id !== all[i - 1]);
    expect(new Set(requestsInOrder).size).toBe(requestsInOrder.length);
    expect(records.map(({ time: _t, ...r }) => r)).toEqual(expected);
    for (const r of records) {
      expect(Object.keys(r).sort()).toEqual([
        'action',
        'caseId',
        'principalId',
        'relatedTraceId',
        'requestId',
        'result',
        'role',
        'time',
        'traceId',
      ]);
      const time = new Date(r.time as string);
      expect(r.time).toBe(time.toISOString());
      expect(time.getTime()).toBeGreaterThanOrEqual(startedAt.getTime());
      expect(time.getTime()).toBeLessThanOrEqual(Date.now());
    }
    // Requests on both sides of the restart: the reopened file was appended to, not replaced.
    expect(records.some((r) => r.action === 'case.event.conviction')).toBe(true);
    expect(records[0]).toMatchObject({ action: 'case.open', result: 400 });

    const file = readFileSync(stack.auditFile, 'utf8');
    expect(found(file, [...PERSONAL, CASE.caseworkerEmail])).toEqual([]);
    expect(
      found(file, [...Object.values(TOKENS), ...Object.values(TOKENS).map((t) => sha256(t).toString('hex'))]),
    ).toEqual([]);
    expect(file).not.toMatch(/bearer/i);
  });
});
