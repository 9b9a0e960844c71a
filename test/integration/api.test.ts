/**
 * Issue 4, the HTTP API on the real dev server and a real worker: every endpoint's
 * happy path, every event type, 409s, idempotency, prosecutor queries, listing.
 * Access control is in api-access.test.ts; validation, OpenAPI, operations in api-contract.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { addDays, addPeriod } from '../../src/domain/calendar';
import type { CaseSummary } from '../../src/domain/schemas/api';
import type { CaseStatus, ProsecutorQueryView } from '../../src/domain/schemas/case';
import {
  as,
  caseIdentified,
  caseInTemporaryResidence,
  eventually,
  expectProblem,
  minorOpeningBody,
  openCase,
  openingBody,
  recordOk,
  SECRET,
  today,
  type TokenName,
  invalidNames,
  rolesOnly,
} from '../support/api-helpers';
import { complaintFiled, YES } from '../support/fixtures';
import { TASK_QUEUE, TEST_INDEX_KEY, useServiceStack } from '../support/service-stack';
import { CaseIds } from '../../src/cases/case-ids';
import { caseStart } from '../../src/cases/case-start';

const stack = useServiceStack();

const api = (who: TokenName, headers?: Record<string, string>) => as(stack.app, who, headers);
/**
 * A case's status as an admin reads it, its history by role only: it is compared with the answers to its reporters,
 * which name the people to the Immigration Office alone (the people are tested apart).
 */
const status = async (caseId: string): Promise<CaseStatus> => {
  const res = await api('admin').get(`/v1/cases/${caseId}`);
  expect(res.status).toBe(200);
  const read = res.body as CaseStatus;
  return { ...read, history: rolesOnly(read.history) };
};
const ofType = (s: CaseStatus, type: string) => s.history.filter((h) => h.type === type);

describe('opening and reading a case', () => {
  it('POST /v1/cases opens an adult case in reflection with a 45-day annex 15, and GET returns the same status', async () => {
    const res = await api('payoke').post('/v1/cases', openingBody());
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const s = res.body as CaseStatus;
    expect(s.caseId).toMatch(/^case-[0-9a-f-]{36}$/);
    expect(res.headers.location).toBe(`/v1/cases/${s.caseId}`);
    expect(s).toMatchObject({
      centre: 'PAYOKE',
      openedOn: today(),
      unaccompaniedMinor: false,
      stage: 'REFLECTION',
      outcome: null,
      document: {
        type: 'ANNEX_15',
        issuedOn: today(),
        validUntil: addDays(today(), 45),
        renewals: 0,
        datesRecorded: false,
      },
      prosecutorQuery: null,
      withdrawalReview: null,
      workAuthorisation: 'NONE',
      history: [{ on: today(), type: 'case-opened', by: 'centre' }],
    });
    expect(s.deadlines[0]).toMatchObject({
      kind: 'REFLECTION_ENDS',
      due: addDays(today(), 45),
      basis: expect.stringContaining('45 days'),
    });
    // Of the personal data the status carries the pseudonym only, so people can tell which case is whose.
    expect(res.body.victim).toEqual({ pseudonym: SECRET.pseudonym });
    for (const secret of [SECRET.caseworker, '1999-04-12']) expect(res.text).not.toContain(secret);

    const read = await api('payoke').get(res.headers.location!);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(s);
    // Who did it, by person, for the Immigration Office and admins only (the contract's `byId`).
    for (const who of ['immigration', 'admin'] as const)
      expect((await api(who).get(res.headers.location!)).body.history).toEqual([
        { on: today(), type: 'case-opened', by: 'centre', byId: 'centre-payoke' },
      ]);
  });

  it('opens an unaccompanied minor case with the 3-month minor document', async () => {
    const s = await openCase(stack.app, 'pagasa', minorOpeningBody());
    expect(s).toMatchObject({
      centre: 'PAG-ASA',
      unaccompaniedMinor: true,
      document: { type: 'MINOR_TEMPORARY_RESIDENCE', validUntil: addPeriod(today(), { months: 3 }) },
    });
    expect(JSON.stringify(s)).not.toContain(SECRET.guardian);
  });

  it('refuses an opening date in the future with a 400 naming openedOn', async () => {
    const res = await api('payoke').post('/v1/cases', openingBody({ openedOn: addDays(today(), 1) }));
    expectProblem(res, 400);
    expect(invalidNames(res)).toEqual(['body.openedOn']);
  });

  it('answers 404 problem for a case that does not exist', async () => {
    const res = await api('admin').get('/v1/cases/case-00000000-0000-4000-8000-000000000000');
    expectProblem(res, 404);
  });
});

/** One row per event type: how to reach a case where it applies, who sends it, what the status must show. */
interface EventRow {
  type: string;
  setup: () => Promise<CaseStatus>;
  who: TokenName;
  event: (s: CaseStatus) => Record<string, unknown>;
  expected: (s: CaseStatus, before: CaseStatus) => void;
}

const reflection = () => openCase(stack.app);
const temporary = () => caseInTemporaryResidence(stack.app);
const identified = () => caseIdentified(stack.app);
/** The principals of the test stack who report grounds, by role (service-stack.ts). */
const REPORTER_IDS: Record<string, string> = {
  prosecutor: 'pk-antwerpen',
  centre: 'centre-payoke',
  'immigration-office': 'dvz',
};
const reviewOpened = (ground: string, by: string) => (s: CaseStatus) => {
  expect(s.withdrawalReview).toEqual({
    grounds: [
      {
        ground,
        reportedOn: today(),
        by,
        reportedById: REPORTER_IDS[by],
        ...(ground === 'fraud-established' ? { finding: 'fraudulent' } : {}),
      },
    ],
    decideBy: addDays(today(), 14),
    identificationPending: false,
  });
  expect(s.deadlines.map((d) => d.kind)).toContain('WITHDRAWAL_DECISION_DUE');
};

const EVENT_ROWS: EventRow[] = [
  {
    type: 'complaint-filed',
    setup: reflection,
    who: 'payoke',
    event: () => complaintFiled(today(), 'ANTWERPEN', 'statement'),
    expected: (s) => {
      expect(s).toMatchObject({
        stage: 'TEMPORARY_RESIDENCE',
        document: {
          type: 'ATTESTATION_OF_IMMATRICULATION',
          issuedOn: today(),
          validUntil: addPeriod(today(), { months: 3 }),
          renewals: 0,
        },
        prosecutorQuery: {
          queryId: `${s.caseId}-q1`,
          office: 'ANTWERPEN',
          sentOn: today(),
          replyBy: addDays(today(), 14),
          escalatedTo: null,
        },
        workAuthorisation: 'NO_PERMIT_NEEDED',
      });
    },
  },
  {
    type: 'document-issued',
    setup: reflection,
    who: 'immigration',
    event: () => ({
      type: 'document-issued',
      on: today(),
      document: 'ANNEX_15',
      issuedOn: today(),
      validUntil: addDays(today(), 40),
    }),
    expected: (s) => {
      expect(s.document).toEqual({
        type: 'ANNEX_15',
        issuedOn: today(),
        validUntil: addDays(today(), 40),
        renewals: 0,
        datesRecorded: true,
      });
      expect(s.deadlines[0]).toMatchObject({ kind: 'REFLECTION_ENDS', due: addDays(today(), 40) });
    },
  },
  {
    type: 'temporary-residence-renewed',
    setup: temporary,
    who: 'immigration',
    event: () => ({ type: 'temporary-residence-renewed', on: today() }),
    expected: (s, before) => {
      expect(s.stage).toBe('TEMPORARY_RESIDENCE');
      expect(s.document).toMatchObject({
        renewals: 1,
        validUntil: addPeriod(before.document!.validUntil!, { months: 3 }),
      });
      expect(s.prosecutorQuery?.queryId).toBe(`${s.caseId}-q2`);
    },
  },
  {
    type: 'contact-with-exploiters',
    setup: temporary,
    who: 'antwerpen',
    event: () => ({ type: 'contact-with-exploiters', on: today() }),
    expected: reviewOpened('contact-with-exploiters', 'prosecutor'),
  },
  {
    type: 'support-declined',
    setup: reflection,
    who: 'payoke',
    event: () => ({ type: 'support-declined', on: today() }),
    expected: reviewOpened('support-declined', 'centre'),
  },
  {
    type: 'cooperation-ended',
    setup: identified,
    who: 'antwerpen',
    event: () => ({ type: 'cooperation-ended', on: today() }),
    expected: reviewOpened('cooperation-ended', 'prosecutor'),
  },
  {
    type: 'fraud-established',
    setup: identified,
    who: 'antwerpen',
    event: () => ({ type: 'fraud-established', on: today(), finding: 'fraudulent' }),
    expected: reviewOpened('fraud-established', 'prosecutor'),
  },
  {
    type: 'public-order-threat',
    setup: reflection,
    who: 'immigration',
    event: () => ({ type: 'public-order-threat', on: today() }),
    expected: reviewOpened('public-order-threat', 'immigration-office'),
  },
  {
    type: 'withdrawal-decided',
    setup: async () => {
      const s = await openCase(stack.app);
      return recordOk(stack.app, 'payoke', s.caseId, { type: 'contact-with-exploiters', on: today() });
    },
    who: 'immigration',
    event: () => ({ type: 'withdrawal-decided', on: today(), withdraw: true, ground: 'contact-with-exploiters' }),
    expected: (s) => {
      expect(s).toMatchObject({
        stage: 'CLOSED',
        outcome: 'WITHDRAWN',
        outcomeDetail: 'contact-with-exploiters',
        withdrawalReview: null,
        deadlines: [],
      });
    },
  },
  {
    type: 'identity-documented',
    setup: reflection,
    who: 'payoke',
    event: () => ({ type: 'identity-documented', on: today(), documentKind: 'passport', note: SECRET.note }),
    expected: (s) => {
      expect(s).toMatchObject({ stage: 'REFLECTION', flags: { identityProofMissing: false } });
    },
  },
  {
    type: 'conviction',
    setup: identified,
    who: 'antwerpen',
    event: () => ({ type: 'conviction', on: today(), underTraffickingLaw: true, appealed: true }),
    expected: (s) => {
      expect(s).toMatchObject({
        stage: 'IDENTIFIED_VICTIM',
        outcome: null,
        document: { type: 'A_CARD' },
        permanentResidenceReview: {
          basis: 'conviction-under-appeal',
          eligibleOn: today(),
          decideBy: addDays(today(), 30),
        },
      });
      expect(s.deadlines.map((d) => d.kind)).toContain('PERMANENT_RESIDENCE_DECISION_DUE');
    },
  },
  {
    type: 'trafficking-retained-in-charges',
    setup: identified,
    who: 'antwerpen',
    event: () => ({ type: 'trafficking-retained-in-charges', on: today(), statementsSignificant: true }),
    expected: (s) =>
      expect(s).toMatchObject({ stage: 'IDENTIFIED_VICTIM', permanentResidenceReview: { basis: 'retained-charges' } }),
  },
  {
    type: 'permanent-residence-decided',
    setup: async () => {
      const s = await caseIdentified(stack.app);
      return recordOk(stack.app, 'antwerpen', s.caseId, {
        type: 'conviction',
        on: today(),
        underTraffickingLaw: true,
        appealed: false,
      });
    },
    who: 'immigration',
    event: () => ({ type: 'permanent-residence-decided', on: today(), grant: true, issuedOn: addDays(today(), -1) }),
    expected: (s) => {
      expect(s).toMatchObject({
        stage: 'PERMANENT_RESIDENCE',
        outcome: 'PERMANENT_RESIDENCE',
        outcomeDetail: 'conviction',
        document: { type: 'B_CARD', issuedOn: addDays(today(), -1), validUntil: null },
        permanentResidenceReview: null,
        prosecutorQuery: null,
        flags: { identityProofMissing: true },
        workAuthorisation: 'UNRESTRICTED',
      });
    },
  },
  {
    type: 'opened-in-error',
    setup: reflection,
    who: 'payoke',
    event: () => ({ type: 'opened-in-error', on: today() }),
    expected: (s) => expect(s).toMatchObject({ stage: 'CLOSED', outcome: 'OPENED_IN_ERROR', deadlines: [] }),
  },
  {
    type: 'proceedings-ended',
    setup: temporary,
    who: 'antwerpen',
    event: () => ({ type: 'proceedings-ended', on: today(), reason: 'dismissed' }),
    expected: (s) => {
      expect(s).toMatchObject({
        stage: 'CLOSED',
        outcome: 'PROCEEDINGS_ENDED',
        outcomeDetail: 'dismissed',
        flags: { humanitarianCandidate: false },
      });
    },
  },
  {
    type: 'voluntary-return',
    setup: reflection,
    who: 'payoke',
    event: () => ({ type: 'voluntary-return', on: today() }),
    expected: (s) =>
      expect(s).toMatchObject({ stage: 'CLOSED', outcome: 'VOLUNTARY_RETURN', document: { type: 'ANNEX_15' } }),
  },
  {
    type: 'other-status-granted',
    setup: reflection,
    who: 'immigration',
    event: () => ({ type: 'other-status-granted', on: today(), status: 'refugee' }),
    expected: (s) => expect(s).toMatchObject({ stage: 'CLOSED', outcome: 'OTHER_STATUS', outcomeDetail: 'refugee' }),
  },
];

describe('every event type through POST /v1/cases/{caseId}/events', () => {
  it('covers each event type of the contract once', () => {
    expect(EVENT_ROWS.map((r) => r.type).sort()).toEqual(
      [
        'complaint-filed',
        'document-issued',
        'temporary-residence-renewed',
        'contact-with-exploiters',
        'support-declined',
        'cooperation-ended',
        'fraud-established',
        'public-order-threat',
        'withdrawal-decided',
        'identity-documented',
        'conviction',
        'trafficking-retained-in-charges',
        'permanent-residence-decided',
        'proceedings-ended',
        'voluntary-return',
        'opened-in-error',
        'other-status-granted',
        // not-renewed applies only once a document expired without the whole window: api-procedure.test.ts.
      ].sort(),
    );
  });

  it.each(EVENT_ROWS.map((r) => [r.type, r] as const))(
    '%s answers 200 with the new status, which GET then shows',
    async (_t, row) => {
      const before = await row.setup();
      const res = await api(row.who).post(`/v1/cases/${before.caseId}/events`, row.event(before));
      expect(res.status).toBe(200);
      const after = res.body as CaseStatus;
      row.expected(after, before);
      const role = { payoke: 'centre', immigration: 'immigration-office', antwerpen: 'prosecutor' }[row.who as string];
      // The reporter reads its own entry; an officer, by person too. What a decision decided is the test's row.
      const { detail: _detail, ...last } = after.history.at(-1)!;
      expect(last).toEqual({
        on: today(),
        type: row.type,
        by: role,
        ...(role === 'immigration-office' ? { byId: 'dvz' } : {}),
      });
      expect(after.history).toHaveLength(before.history.length + 1);
      expect(res.text).not.toContain(SECRET.note);
      const read = await status(before.caseId);
      expect({ stage: read.stage, outcome: read.outcome, history: read.history }).toEqual({
        stage: after.stage,
        outcome: after.outcome,
        history: rolesOnly(after.history),
      });
    },
  );

  it('withdrawal-decided without withdrawal closes the review and keeps the case', async () => {
    const s = await openCase(stack.app);
    await recordOk(stack.app, 'immigration', s.caseId, { type: 'public-order-threat', on: today() });
    const after = await recordOk(stack.app, 'immigration2', s.caseId, {
      type: 'withdrawal-decided',
      on: today(),
      withdraw: false,
    });
    expect(after).toMatchObject({ stage: 'REFLECTION', outcome: null, withdrawalReview: null });
  });

  it('permanent residence granted without identity proof still takes the identity documents, then ends', async () => {
    const s = await identified();
    await recordOk(stack.app, 'antwerpen', s.caseId, {
      type: 'conviction',
      on: today(),
      underTraffickingLaw: true,
      appealed: false,
    });
    const granted = await recordOk(stack.app, 'immigration', s.caseId, {
      type: 'permanent-residence-decided',
      on: today(),
      grant: true,
    });
    expect(granted).toMatchObject({ outcome: 'PERMANENT_RESIDENCE', flags: { identityProofMissing: true } });
    const proven = await recordOk(stack.app, 'payoke', s.caseId, {
      type: 'identity-documented',
      on: today(),
      documentKind: 'passport',
    });
    expect(proven).toMatchObject({ outcome: 'PERMANENT_RESIDENCE', flags: { identityProofMissing: false } });
    await stack.client.workflow.getHandle(s.caseId).result();
    const late = await api('payoke').post(`/v1/cases/${s.caseId}/events`, {
      type: 'identity-documented',
      on: today(),
      documentKind: 'passport',
    });
    expectProblem(late, 409);
    expect(late.body.detail).toMatch(/closed \(PERMANENT_RESIDENCE\)/);
  });

  it('a conviction outside the trafficking law is recorded without changing the stage or opening a review', async () => {
    const s = await identified();
    const after = await recordOk(stack.app, 'antwerpen', s.caseId, {
      type: 'conviction',
      on: today(),
      underTraffickingLaw: false,
      appealed: false,
    });
    expect(after).toMatchObject({ stage: 'IDENTIFIED_VICTIM', outcome: null, permanentResidenceReview: null });
  });
});

describe('an event that does not apply now is 409 with the reason', () => {
  it.each<[string, () => Promise<CaseStatus>, TokenName, Record<string, unknown>, RegExp]>([
    ['a second complaint', temporary, 'payoke', complaintFiled(today(), 'LIEGE'), /already on file/],
    [
      'cooperation ended in stage 2',
      temporary,
      'antwerpen',
      { type: 'cooperation-ended', on: today() },
      /applies in the 6-month permit stage only/,
    ],
    [
      'a renewal in reflection',
      reflection,
      'immigration',
      { type: 'temporary-residence-renewed', on: today() },
      /applies in temporary residence only/,
    ],
    [
      'an A-card in reflection',
      reflection,
      'immigration',
      {
        type: 'document-issued',
        on: today(),
        document: 'A_CARD',
        issuedOn: today(),
        validUntil: addDays(today(), 180),
      },
      /not the document of the reflection period/,
    ],
    [
      'a date in the future',
      reflection,
      'payoke',
      { type: 'support-declined', on: addDays(today(), 2) },
      /in the future/,
    ],
    [
      'a decision with no review open',
      reflection,
      'immigration',
      { type: 'withdrawal-decided', on: today(), withdraw: false, ground: 'public-order-threat' },
      /no withdrawal review is open/,
    ],
    [
      'a conviction before identification',
      temporary,
      'antwerpen',
      { type: 'conviction', on: today(), underTraffickingLaw: true, appealed: false },
      /once the victim is identified/,
    ],
  ])('%s', async (_name, setup, who, event, reason) => {
    const before = await setup();
    const res = await api(who).post(`/v1/cases/${before.caseId}/events`, event);
    expectProblem(res, 409);
    expect(res.body.detail).toMatch(reason);
    expect(res.body.code).toEqual(expect.stringMatching(/^[a-z-]+$/));
    expect((await status(before.caseId)).history).toEqual(before.history);
  });

  it('any event on a closed case', async () => {
    const s = await openCase(stack.app);
    await recordOk(stack.app, 'payoke', s.caseId, { type: 'voluntary-return', on: today() });
    const res = await api('payoke').post(`/v1/cases/${s.caseId}/events`, { type: 'support-declined', on: today() });
    expectProblem(res, 409);
    expect(res.body.detail).toMatch(/closed \(VOLUNTARY_RETURN\)/);
  });
});

describe('Idempotency-Key', () => {
  it('POST /v1/cases twice with one key opens one case (201 then 200), and a different body with that key is 422', async () => {
    const key = `open-${Date.now()}`;
    const first = await api('payoke', { 'Idempotency-Key': key }).post('/v1/cases', openingBody());
    expect(first.status).toBe(201);
    const again = await api('payoke', { 'Idempotency-Key': key }).post('/v1/cases', openingBody());
    expect(again.status).toBe(200);
    expect(again.body.caseId).toBe(first.body.caseId);
    expect(again.headers.location).toBe(first.headers.location);

    const other = await api('payoke', { 'Idempotency-Key': key }).post(
      '/v1/cases',
      openingBody({ exploitation: 'sexual' }),
    );
    expectProblem(other, 422);
    expect(other.body.detail).toMatch(/Idempotency-Key/);

    // Keys are the caller's own: another centre's identical key opens its own case.
    const elsewhere = await api('pagasa', { 'Idempotency-Key': key }).post('/v1/cases', openingBody());
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.caseId).not.toBe(first.body.caseId);
  });

  it("keys a case's id under the service's key: a guessed key is not confirmed by the id, and a retry made before still finds its case", async () => {
    // A file number used as a key: its unkeyed hash, as ids were made before, is not the id.
    const key = `AN.12.L3.${Date.now()}/26`;
    const ids = new CaseIds(TEST_INDEX_KEY);
    const opened = await api('payoke', { 'Idempotency-Key': key }).post('/v1/cases', openingBody());
    expect(opened.status).toBe(201);
    expect(opened.body.caseId).toBe(ids.forRequest('centre-payoke', key));
    expect(opened.body.caseId).not.toBe(ids.earlierForRequest('centre-payoke', key));
    expect(opened.body.caseId).not.toBe(new CaseIds(randomBytes(32)).forRequest('centre-payoke', key));

    // A case opened before the upgrade under the unkeyed id: the retry with its key finds it (200), opens nothing.
    const earlierKey = `earlier-${Date.now()}`;
    const earlierId = ids.earlierForRequest('centre-payoke', earlierKey);
    await stack.client.workflow.start('victimCase', caseStart(earlierId, 'PAYOKE', openingBody(), TASK_QUEUE).options);
    const retried = await api('payoke', { 'Idempotency-Key': earlierKey }).post('/v1/cases', openingBody());
    expect(retried.status).toBe(200);
    expect(retried.body.caseId).toBe(earlierId);
  });

  it('an event sent twice with one key is recorded once; another key records it again', async () => {
    const s = await openCase(stack.app);
    const event = {
      type: 'document-issued',
      on: today(),
      document: 'ANNEX_15',
      issuedOn: today(),
      validUntil: addDays(today(), 44),
    };
    const key = `evt-${Date.now()}`;
    const first = await api('immigration', { 'Idempotency-Key': key }).post(`/v1/cases/${s.caseId}/events`, event);
    const second = await api('immigration', { 'Idempotency-Key': key }).post(`/v1/cases/${s.caseId}/events`, event);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    expect(ofType(await status(s.caseId), 'document-issued')).toHaveLength(1);

    const third = await api('immigration', { 'Idempotency-Key': `${key}-b` }).post(
      `/v1/cases/${s.caseId}/events`,
      event,
    );
    expect(third.status).toBe(200);
    expect(ofType(await status(s.caseId), 'document-issued')).toHaveLength(2);
  });

  it('an answer retried with its key is applied once and answers 200 again rather than 409', async () => {
    const s = await temporary();
    const path = `/v1/prosecutor/queries/${s.prosecutorQuery!.queryId}/answer`;
    const first = await api('antwerpen', { 'Idempotency-Key': 'answer-1' }).post(path, YES);
    const retry = await api('antwerpen', { 'Idempotency-Key': 'answer-1' }).post(path, YES);
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(ofType(await status(s.caseId), 'status-query-answered')).toHaveLength(1);
  });
});

describe('prosecutor status queries', () => {
  const queries = async (who: TokenName): Promise<ProsecutorQueryView[]> => {
    const res = await api(who).get('/v1/prosecutor/queries');
    expect(res.status).toBe(200);
    return (res.body as { items: ProsecutorQueryView[] }).items;
  };
  const find = (items: ProsecutorQueryView[], queryId: string) => items.find((q) => q.queryId === queryId);

  it('lists the query for the office queried only, takes its answer once, then drops it from the list', async () => {
    const s = await temporary();
    const queryId = s.prosecutorQuery!.queryId;
    const listed = await eventually(
      () => queries('antwerpen'),
      (items) => !!find(items, queryId),
    );
    expect(find(listed, queryId)).toEqual({
      queryId,
      caseId: s.caseId,
      office: 'ANTWERPEN',
      addressedTo: 'ANTWERPEN',
      sentOn: today(),
      replyBy: addDays(today(), 14),
      escalatedTo: null,
      documentValidUntil: s.document!.validUntil,
    });
    expect(find(await queries('liege'), queryId)).toBeUndefined();
    expect(find(await queries('caAntwerpen'), queryId)).toBeUndefined(); // not escalated

    const answered = await api('antwerpen').post(`/v1/prosecutor/queries/${queryId}/answer`, {
      ...YES,
      note: SECRET.note,
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      stage: 'IDENTIFIED_VICTIM',
      prosecutorQuery: null,
      document: { type: 'A_CARD', issuedOn: today(), validUntil: addPeriod(today(), { months: 6 }) },
    });
    expect((answered.body as CaseStatus).history.at(-1)).toEqual({
      on: today(),
      type: 'status-query-answered',
      by: 'prosecutor',
      detail: 'positive',
    });
    expect(answered.text).not.toContain(SECRET.note);

    const twice = await api('antwerpen').post(`/v1/prosecutor/queries/${queryId}/answer`, YES);
    expectProblem(twice, 409);
    expect(twice.body.detail).toMatch(/already been answered/);

    const after = await eventually(
      () => queries('antwerpen'),
      (items) => !find(items, queryId),
    );
    expect(find(after, queryId)).toBeUndefined();
    // The office queried may still read the case.
    expect((await api('antwerpen').get(`/v1/cases/${s.caseId}`)).status).toBe(200);
  });

  it('a negative answer keeps the case in temporary residence with no query open', async () => {
    const s = await temporary();
    const res = await api('antwerpen').post(`/v1/prosecutor/queries/${s.prosecutorQuery!.queryId}/answer`, {
      ...YES,
      consideredVictim: false,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: 'TEMPORARY_RESIDENCE', outcome: null, prosecutorQuery: null });
  });

  it('an answer to a query id that was never sent is 409', async () => {
    const s = await temporary();
    const res = await api('antwerpen').post(`/v1/prosecutor/queries/${s.caseId}-q7/answer`, YES);
    expectProblem(res, 409);
    expect(res.body.detail).toMatch(/no open query/);
  });
});

describe('GET /v1/cases: filters and cursor pagination', () => {
  let adult: CaseStatus, minor: CaseStatus, stage2: CaseStatus, returned: CaseStatus;
  const list = async (who: TokenName, query: string) => {
    const res = await api(who).get(`/v1/cases?${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: CaseSummary[]; nextCursor: string | null };
  };
  const ids = (items: CaseSummary[]) => items.map((i) => i.caseId);

  beforeAll(async () => {
    adult = await openCase(stack.app, 'pagasa');
    minor = await openCase(stack.app, 'pagasa', minorOpeningBody());
    stage2 = await caseInTemporaryResidence(stack.app, 'pagasa');
    returned = await openCase(stack.app, 'pagasa');
    await recordOk(stack.app, 'pagasa', returned.caseId, { type: 'voluntary-return', on: today() });
    // Visibility catches up after the Updates: wait until the list shows every case in its current stage.
    const mine = await eventually(
      () => list('pagasa', 'pageSize=100'),
      ({ items }) =>
        items.some((i) => i.caseId === stage2.caseId && i.stage === 'TEMPORARY_RESIDENCE') &&
        items.some((i) => i.caseId === returned.caseId && i.outcome === 'VOLUNTARY_RETURN' && !i.running) &&
        [adult, minor].every((c) => items.some((i) => i.caseId === c.caseId)),
    );
    expect(ids(mine.items)).toEqual(
      expect.arrayContaining([adult.caseId, minor.caseId, stage2.caseId, returned.caseId]),
    );
  });

  it('shows each case as a summary without personal data', async () => {
    const { items } = await list('pagasa', 'pageSize=100');
    expect(items.find((i) => i.caseId === adult.caseId)).toEqual({
      caseId: adult.caseId,
      centre: 'PAG-ASA',
      stage: 'REFLECTION',
      outcome: null,
      unaccompaniedMinor: false,
      nextDeadline: addDays(today(), 45),
      awaitingProsecutor: false,
      running: true,
      href: `http://localhost:3000/v1/cases/${adult.caseId}`,
    });
    expect(items.find((i) => i.caseId === stage2.caseId)).toMatchObject({
      awaitingProsecutor: true,
      nextDeadline: addDays(today(), 14),
    });
  });

  it('a centre sees its own cases only; the Immigration Office and admin see all', async () => {
    expect(ids((await list('payoke', 'pageSize=100')).items)).not.toContain(adult.caseId);
    for (const who of ['immigration', 'admin'] as const) {
      const all = await eventually(
        () => list(who, 'pageSize=100'),
        ({ items }) => ids(items).includes(adult.caseId),
      );
      expect(ids(all.items)).toContain(adult.caseId);
    }
  });

  it('lists each case once, as it is now (not the runs it continued from at each stage)', async () => {
    const { items } = await list('pagasa', 'pageSize=100');
    expect(ids(items).filter((id) => id === stage2.caseId)).toHaveLength(1);
    expect(new Set(ids(items)).size).toBe(items.length);
  });

  it('filters by stage', async () => {
    const { items } = await list('pagasa', 'stage=TEMPORARY_RESIDENCE&pageSize=100');
    expect(ids(items)).toContain(stage2.caseId);
    expect(ids(items)).not.toContain(adult.caseId);
    expect(items.every((i) => i.stage === 'TEMPORARY_RESIDENCE')).toBe(true);
    const reflection = await list('pagasa', 'stage=REFLECTION&pageSize=100');
    expect(ids(reflection.items)).toEqual(expect.arrayContaining([adult.caseId, minor.caseId]));
    expect(ids(reflection.items)).not.toContain(stage2.caseId);
  });

  it('filters by outcome', async () => {
    const { items } = await list('pagasa', 'outcome=VOLUNTARY_RETURN&pageSize=100');
    expect(ids(items)).toEqual([returned.caseId]);
    expect(items[0]).toMatchObject({ stage: 'CLOSED', running: false });
  });

  it('filters by minor', async () => {
    const minors = await list('pagasa', 'minor=true&pageSize=100');
    expect(ids(minors.items)).toContain(minor.caseId);
    expect(ids(minors.items)).not.toContain(adult.caseId);
    expect(minors.items.every((i) => i.unaccompaniedMinor)).toBe(true);
    const adults = await list('pagasa', 'minor=false&pageSize=100');
    expect(ids(adults.items)).toEqual(expect.arrayContaining([adult.caseId, stage2.caseId]));
    expect(ids(adults.items)).not.toContain(minor.caseId);
  });

  it('filters by next deadline strictly before a date', async () => {
    // adult: reflection ends today+45; stage2: reply due today+14; minor: reflection ends in 3 months.
    const before46 = ids((await list('pagasa', `deadlineBefore=${addDays(today(), 46)}&pageSize=100`)).items);
    expect(before46).toEqual(expect.arrayContaining([adult.caseId, stage2.caseId]));
    expect(before46).not.toContain(minor.caseId);
    const before45 = ids((await list('pagasa', `deadlineBefore=${addDays(today(), 45)}&pageSize=100`)).items);
    expect(before45).toContain(stage2.caseId);
    expect(before45).not.toContain(adult.caseId);
  });

  it('pages with pageSize=1 and nextCursor through every case once', async () => {
    const everything = ids((await list('pagasa', 'pageSize=100')).items);
    const first = await list('pagasa', 'pageSize=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list('pagasa', `pageSize=1&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.items[0]!.caseId).not.toBe(first.items[0]!.caseId);

    const seen = [...ids(first.items), ...ids(second.items)];
    let cursor = second.nextCursor;
    for (let i = 0; cursor && i < 50; i++) {
      const page = await list('pagasa', `pageSize=1&cursor=${cursor}`);
      seen.push(...ids(page.items));
      cursor = page.nextCursor;
    }
    expect(cursor).toBeNull();
    expect(new Set(seen).size).toBe(seen.length); // no case twice
    expect(seen).toEqual(expect.arrayContaining(everything)); // none left out (a later case may have joined meanwhile)
  });
});
