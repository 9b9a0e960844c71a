/**
 * Issue 12 through the HTTP API, as its users meet it: a case reaching stage 3, convicted, reviewed and
 * granted; a withdrawal decided by a second officer; a minor turning 18; a case imported with a year of
 * history; and the 400/409 reasons with their codes. Real dev server, worker, mail.
 */
import type { ParsedMail } from 'mailparser';
import { addDays, addPeriod, subtractPeriod } from '../../src/domain/calendar';
import type { NoticeKind } from '../../src/domain/notices';
import type { CaseStatus, ProsecutorQueryView } from '../../src/domain/schemas/case';
import { LANGUAGE_PACKS } from '../../src/i18n';
import {
  as,
  caseIdentified,
  caseInTemporaryResidence,
  eventually,
  expectProblem,
  invalidNames,
  minorOpeningBody,
  openCase,
  openingBody,
  recordOk,
  SECRET,
  today,
  type TokenName,
} from '../support/api-helpers';
import { complaintFiled, importedYear, YES } from '../support/fixtures';
import { useServiceStack } from '../support/service-stack';

const stack = useServiceStack();

const api = (who: TokenName) => as(stack.app, who);

/** The mails of a case (its id is in every subject) to `to`, once `count` of them arrived, or one with `subject`. */
async function mailsTo(caseId: string, to: string, until: number | string): Promise<ParsedMail[]> {
  const of = () => stack.smtp.messages.filter((m) => m.subject?.includes(caseId) && JSON.stringify(m.to).includes(to));
  return eventually(
    async () => of(),
    (ms) => (typeof until === 'number' ? ms.length >= until : ms.some((m) => m.subject === until)),
  );
}
const subjectOf = (lang: 'nl' | 'fr' | 'de' | 'en', kind: NoticeKind, caseId: string) =>
  `${LANGUAGE_PACKS[lang].kinds[kind].subject} [${caseId}]`;
const IO_MAIL = 'office-etrangers@example.org';

describe('permanent residence: eligible by conviction, granted by the Immigration Office', () => {
  it('a case reaches stage 3, is convicted, reviewed and granted with the B-card date printed on it', async () => {
    const s = await caseIdentified(stack.app);
    expect(s.stage).toBe('IDENTIFIED_VICTIM');
    const convicted = await recordOk(stack.app, 'antwerpen', s.caseId, {
      type: 'conviction',
      on: today(),
      underTraffickingLaw: true,
      appealed: true,
    });
    expect(convicted).toMatchObject({
      stage: 'IDENTIFIED_VICTIM',
      outcome: null,
      permanentResidenceReview: {
        basis: 'conviction-under-appeal',
        eligibleOn: today(),
        decideBy: addDays(today(), 30),
      },
    });
    // The 6-month cycle goes on meanwhile: its query and expiry are still on the clock.
    expect(convicted.deadlines.map((d) => d.kind)).toEqual(
      expect.arrayContaining(['PERMANENT_RESIDENCE_DECISION_DUE', 'STATUS_QUERY_DUE', 'DOCUMENT_EXPIRES']),
    );
    const asked = subjectOf('fr', 'permanent-residence-review-opened', s.caseId);
    expect((await mailsTo(s.caseId, IO_MAIL, asked)).map((m) => m.subject)).toContain(asked);
    const told = subjectOf('nl', 'permanent-residence-eligible', s.caseId);
    expect((await mailsTo(s.caseId, 'payoke@example.org', told)).map((m) => m.subject)).toContain(told);

    const refused = await recordOk(stack.app, 'immigration', s.caseId, {
      type: 'permanent-residence-decided',
      on: today(),
      grant: false,
      reason: 'identity-not-established',
    });
    expect(refused).toMatchObject({ stage: 'IDENTIFIED_VICTIM', permanentResidenceReview: null });
    await recordOk(stack.app, 'antwerpen', s.caseId, {
      type: 'trafficking-retained-in-charges',
      on: today(),
      statementsSignificant: true,
    });
    const printed = addDays(today(), -1);
    const granted = await recordOk(stack.app, 'immigration', s.caseId, {
      type: 'permanent-residence-decided',
      on: today(),
      grant: true,
      issuedOn: printed,
    });
    expect(granted).toMatchObject({
      stage: 'PERMANENT_RESIDENCE',
      outcome: 'PERMANENT_RESIDENCE',
      outcomeDetail: 'retained-charges',
      document: { type: 'B_CARD', issuedOn: printed, validUntil: null },
      flags: { identityProofMissing: true },
    });
  });

  it('answers 409 with the code for a conviction before identification, and 400 for a refusal without its reason', async () => {
    const s = await caseInTemporaryResidence(stack.app);
    const early = await api('antwerpen').post(`/v1/cases/${s.caseId}/events`, {
      type: 'conviction',
      on: today(),
      underTraffickingLaw: true,
      appealed: false,
    });
    expectProblem(early, 409);
    expect(early.body).toMatchObject({ code: 'not-identified-yet', detail: expect.stringMatching(/status query/) });
    const noReason = await api('immigration').post(`/v1/cases/${s.caseId}/events`, {
      type: 'permanent-residence-decided',
      on: today(),
      grant: false,
    });
    expectProblem(noReason, 400);
    expect(invalidNames(noReason)).toEqual(['body.reason']);
  });

  it("takes a conviction's offence, the older underTraffickingLaw, and names the offence when neither is given", async () => {
    const s = await caseIdentified(stack.app);
    const neither = await api('antwerpen').post(`/v1/cases/${s.caseId}/events`, {
      type: 'conviction',
      on: today(),
      appealed: false,
    });
    expectProblem(neither, 400);
    expect(invalidNames(neither)).toEqual(['body.offence']);
    const other = await recordOk(stack.app, 'antwerpen', s.caseId, {
      type: 'conviction',
      on: today(),
      offence: 'other',
      appealed: false,
    });
    expect(other.permanentResidenceReview).toBeNull();
    const smuggling = await recordOk(stack.app, 'antwerpen', s.caseId, {
      type: 'conviction',
      on: today(),
      offence: 'aggravated-smuggling',
      appealed: false,
    });
    expect(smuggling.permanentResidenceReview).toMatchObject({ basis: 'conviction', eligibleOn: today() });
  });
});

describe('age determination', () => {
  it("records the Guardianship Service's result on a minor's case, refuses it on an adult's, and wants one result", async () => {
    const minor = await openCase(stack.app, 'payoke', minorOpeningBody());
    const adult = await recordOk(stack.app, 'immigration', minor.caseId, {
      type: 'age-determined',
      on: today(),
      adult: true,
    });
    expect(adult.flags.guardianshipEnded).toBe(true);
    expect(adult.unaccompaniedMinor).toBe(true);
    const both = await api('payoke').post(`/v1/cases/${minor.caseId}/events`, {
      type: 'age-determined',
      on: today(),
      adult: true,
      dateOfBirth: '2010-01-01',
    });
    expectProblem(both, 400);
    expect(invalidNames(both)).toEqual(['body.dateOfBirth']);
    const notMinor = await openCase(stack.app);
    const refused = await api('payoke').post(`/v1/cases/${notMinor.caseId}/events`, {
      type: 'age-determined',
      on: today(),
      adult: true,
    });
    expectProblem(refused, 409);
    expect(refused.body).toMatchObject({ code: 'age-determination-adults' });
  });
});

describe('withdrawal: a review, four eyes', () => {
  it('refuses the officer who reported the ground and takes the decision of a second officer', async () => {
    const s = await openCase(stack.app);
    await recordOk(stack.app, 'immigration', s.caseId, { type: 'public-order-threat', on: today() });
    const joined = await recordOk(stack.app, 'payoke', s.caseId, { type: 'contact-with-exploiters', on: today() });
    expect(joined.withdrawalReview?.grounds.map((g) => g.ground)).toEqual([
      'public-order-threat',
      'contact-with-exploiters',
    ]);
    const decision = { type: 'withdrawal-decided', on: today(), withdraw: true, ground: 'contact-with-exploiters' };
    const own = await api('immigration').post(`/v1/cases/${s.caseId}/events`, decision);
    expectProblem(own, 409);
    expect(own.body).toMatchObject({ code: 'four-eyes', detail: expect.stringMatching(/another person/) });
    // The same refusal in the reader's language, from the same code.
    const inFrench = await as(stack.app, 'immigration', { 'Accept-Language': 'fr-BE, fr;q=0.9, en;q=0.5' }).post(
      `/v1/cases/${s.caseId}/events`,
      decision,
    );
    expectProblem(inFrench, 409);
    expect(inFrench.headers['content-language']).toBe('fr');
    expect(inFrench.body.code).toBe('four-eyes');
    expect(inFrench.body.detail).toBe(LANGUAGE_PACKS.fr.refusals['four-eyes']({ ground: 'public-order-threat' }));
    expect(inFrench.body.detail).not.toBe(own.body.detail);
    expect(own.headers['content-language']).toBe('en');
    const decided = await recordOk(stack.app, 'immigration2', s.caseId, decision);
    expect(decided).toMatchObject({ stage: 'CLOSED', outcome: 'WITHDRAWN', outcomeDetail: 'contact-with-exploiters' });
  });

  it('refuses a withdrawal without a review, and a withdrawal without its ground as a bad body', async () => {
    const s = await openCase(stack.app);
    const none = await api('immigration').post(`/v1/cases/${s.caseId}/events`, {
      type: 'withdrawal-decided',
      on: today(),
      withdraw: true,
      ground: 'public-order-threat',
    });
    expectProblem(none, 409);
    expect(none.body.code).toBe('no-review-open');
    const groundless = await api('immigration').post(`/v1/cases/${s.caseId}/events`, {
      type: 'withdrawal-decided',
      on: today(),
      withdraw: true,
    });
    expectProblem(groundless, 400);
    expect(invalidNames(groundless)).toEqual(['body.ground']);
  });
});

describe('an unaccompanied minor turning 18', () => {
  it('tells the centre and the guardian that the guardianship ends, and copies the guardian no more', async () => {
    const openedOn = addDays(today(), -20);
    const dateOfBirth = addPeriod(addDays(today(), -10), { years: -18 });
    const s = await openCase(
      stack.app,
      'payoke',
      openingBody({
        openedOn,
        unaccompaniedMinor: true,
        victim: { pseudonym: SECRET.pseudonym, dateOfBirth, language: 'ro' },
        guardian: { name: SECRET.guardian, email: SECRET.guardianEmail },
      }),
    );
    const [ended] = await mailsTo(s.caseId, SECRET.guardianEmail, 1);
    expect(ended?.subject).toBe(subjectOf('nl', 'guardianship-ended', s.caseId));
    expect((await mailsTo(s.caseId, 'payoke@example.org', 1)).map((m) => m.subject)).toContain(
      subjectOf('nl', 'guardianship-ended', s.caseId),
    );
    const status = await eventually(
      async () => (await api('payoke').get(`/v1/cases/${s.caseId}`)).body as CaseStatus,
      (st) => st.flags.guardianshipEnded,
    );
    expect(status).toMatchObject({ stage: 'REFLECTION', unaccompaniedMinor: true, flags: { guardianshipEnded: true } });
    await recordOk(stack.app, 'payoke', s.caseId, complaintFiled(today(), 'ANTWERPEN', 'statement'));
    await mailsTo(s.caseId, 'payoke@example.org', 2);
    expect((await mailsTo(s.caseId, SECRET.guardianEmail, 1)).map((m) => m.subject)).toEqual([
      subjectOf('nl', 'guardianship-ended', s.caseId),
    ]);
  });

  it('refuses a "minor" who is 18 or older on the opening day, and a birth date after the opening', async () => {
    const thirty = await api('payoke').post(
      '/v1/cases',
      openingBody({ unaccompaniedMinor: true, victim: { pseudonym: 'X', dateOfBirth: '1996-03-01', language: 'ro' } }),
    );
    expectProblem(thirty, 400);
    expect(thirty.body.code).toBe('minor-of-age');
    expect(invalidNames(thirty)).toEqual(['body.victim.dateOfBirth']);
    const unborn = await api('payoke').post(
      '/v1/cases',
      openingBody({ openedOn: addDays(today(), -3), victim: { pseudonym: 'X', dateOfBirth: today(), language: 'ro' } }),
    );
    expectProblem(unborn, 400);
    expect(unborn.body.code).toBe('birth-after-opening');
  });
});

describe('openings and cancellations', () => {
  it('refuses a past opening whose reflection is over, pointing to the import', async () => {
    const res = await api('payoke').post('/v1/cases', openingBody({ openedOn: addDays(today(), -46) }));
    expectProblem(res, 400);
    expect(res.body.detail).toMatch(/^a case opened on .* had its reflection period end on /);
    expect(res.body).toMatchObject({
      code: 'reflection-already-over',
      issues: [{ in: 'body', name: 'openedOn', detail: expect.stringMatching(/import/) }],
    });
    expect((await api('payoke').post('/v1/cases', openingBody({ openedOn: addDays(today(), -45) }))).status).toBe(201);
  });

  it('cancels a case opened in error and tells the Immigration Office, which was told of the opening', async () => {
    const s = await openCase(stack.app);
    await mailsTo(s.caseId, IO_MAIL, 1);
    const other = await api('pagasa').post(`/v1/cases/${s.caseId}/events`, { type: 'opened-in-error', on: today() });
    expectProblem(other, 404);
    const cancelled = await recordOk(stack.app, 'payoke', s.caseId, { type: 'opened-in-error', on: today() });
    expect(cancelled).toMatchObject({ stage: 'CLOSED', outcome: 'OPENED_IN_ERROR' });
    const mails = await mailsTo(s.caseId, IO_MAIL, 2);
    expect(mails.map((m) => m.subject)).toEqual([
      subjectOf('fr', 'case-opened', s.caseId),
      subjectOf('fr', 'opened-in-error', s.caseId),
    ]);
    await stack.client.workflow.getHandle(s.caseId).result();
    expect(stack.smtp.messages.filter((m) => m.subject?.includes(s.caseId))).toHaveLength(2);
  });

  it('refuses non-renewal while the document is valid', async () => {
    const s = await caseIdentified(stack.app);
    const res = await api('immigration').post(`/v1/cases/${s.caseId}/events`, { type: 'not-renewed', on: today() });
    expectProblem(res, 409);
    expect(res.body.code).toBe('document-still-valid');
  });
});

describe("a labour auditor's office", () => {
  it('receives the status query of a complaint filed with it, lists it and answers it', async () => {
    const s = await caseInTemporaryResidence(stack.app, 'payoke', { office: 'LABOUR-ANTWERPEN' });
    expect(s.prosecutorQuery).toMatchObject({ office: 'LABOUR-ANTWERPEN' });
    const [query] = await mailsTo(s.caseId, 'arbeidsauditoraat.antwerpen@example.org', 1);
    expect(query?.subject).toBe(subjectOf('nl', 'status-query', s.caseId));
    const listed = await eventually(
      async () =>
        ((await api('labourAntwerpen').get('/v1/prosecutor/queries')).body as { items: ProsecutorQueryView[] }).items,
      (items) => items.some((q) => q.caseId === s.caseId),
    );
    expect(listed.find((q) => q.caseId === s.caseId)).toMatchObject({
      office: 'LABOUR-ANTWERPEN',
      addressedTo: 'LABOUR-ANTWERPEN',
    });
    const answered = await api('labourAntwerpen').post(
      `/v1/prosecutor/queries/${s.prosecutorQuery!.queryId}/answer`,
      YES,
    );
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ stage: 'IDENTIFIED_VICTIM' });
  });
});

describe('POST /v1/cases/import', () => {
  /** A case opened a year ago: complaint, identification, one renewal; its third query is open today. */
  function yearOfHistory() {
    const { openedOn, events, validUntil } = importedYear(today(), SECRET.note);
    return { body: { ...openingBody({ openedOn }), centre: 'PAYOKE', events }, validUntil };
  }

  it('brings the case in as it is today, mails nothing of the past, and announces its open query anew', async () => {
    const { body, validUntil } = yearOfHistory();
    const res = await api('immigration').post('/v1/cases/import', body);
    expect(res.status).toBe(201);
    const s = res.body as CaseStatus;
    expect(res.headers.location).toBe(`/v1/cases/${s.caseId}`);
    expect(s).toMatchObject({
      centre: 'PAYOKE',
      stage: 'IDENTIFIED_VICTIM',
      document: { type: 'A_CARD', validUntil, renewals: 1 },
      prosecutorQuery: { office: 'ANTWERPEN', sentOn: subtractPeriod(validUntil, { months: 1 }) },
    });
    expect(s.history.at(-1)).toEqual({ on: today(), type: 'case-imported', by: 'immigration-office', byId: 'dvz' });
    expect(res.text).not.toContain(SECRET.note);

    const [query] = await mailsTo(s.caseId, 'parket.antwerpen@example.org', 1);
    expect(query?.subject).toBe(subjectOf('nl', 'status-query', s.caseId));
    await mailsTo(s.caseId, 'payoke@example.org', 1);
    await mailsTo(s.caseId, IO_MAIL, 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      stack.smtp.messages
        .filter((m) => m.subject?.includes(s.caseId))
        .map((m) => m.subject)
        .sort(),
    ).toEqual(
      [
        subjectOf('nl', 'status-query', s.caseId),
        subjectOf('nl', 'case-imported', s.caseId),
        subjectOf('fr', 'case-imported', s.caseId),
      ].sort(),
    );
    // The office it was queried before the import may read and answer it.
    const answered = await api('antwerpen').post(`/v1/prosecutor/queries/${s.prosecutorQuery!.queryId}/answer`, YES);
    expect(answered.body).toMatchObject({
      document: { validUntil: addPeriod(validUntil, { months: 6 }), renewals: 2 },
    });
  });

  it('refuses a centre, events out of date order, and a case that ended before today, each with its code', async () => {
    const { body } = yearOfHistory();
    expectProblem(await api('payoke').post('/v1/cases/import', body), 403);
    const swapped = { ...body, events: [body.events[1], body.events[0]] };
    const disorder = await api('immigration').post('/v1/cases/import', swapped);
    expectProblem(disorder, 400);
    expect(disorder.body.code).toBe('import-out-of-order');
    expect(invalidNames(disorder)).toEqual(['body.events[1]']);
    const ended = await api('admin').post('/v1/cases/import', { ...body, events: [] });
    expectProblem(ended, 400);
    expect(ended.body).toMatchObject({
      code: 'import-case-ended',
      detail: expect.stringMatching(/REFLECTION_EXPIRED/),
    });
    const unknownType = await api('admin').post('/v1/cases/import', {
      ...body,
      events: [{ type: 'teleported', on: today(), by: { role: 'centre' } }],
    });
    expectProblem(unknownType, 400);
  });
});
