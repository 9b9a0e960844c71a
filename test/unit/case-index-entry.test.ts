import { addDays } from '../../src/domain/calendar';
import { caseIndexEntry, sameListing } from '../../src/domain/procedure/case-index-entry';
import { applyEvent } from '../../src/domain/procedure/apply';
import { runDueClockItems } from '../../src/domain/procedure/clock';
import { newCaseState, type CaseState } from '../../src/domain/procedure/state';
import { toStatus } from '../../src/domain/procedure/status';
import { grantPermanentResidence } from '../../src/domain/procedure/transitions';
import { CENTRE, IMMIGRATION, opening, PSEUDONYM } from '../support/fixtures';

const OPENED = '2026-11-02';
/** A history recorded with every field indexed. */
const ALL_INDEXED = { reporters: true, deadlines: true };
const COMPLAINT = {
  type: 'complaint-filed',
  on: '2026-11-10',
  kind: 'complaint',
  prosecutorOffice: 'ANTWERPEN',
} as const;

function withComplaint(): CaseState {
  const s = newCaseState('case-index-1', 'PAYOKE', opening(OPENED, { references: { prosecutorFile: 'AN.1/26' } }));
  applyEvent(s, { ...COMPLAINT, prosecutorFile: 'AN.12.L3/26' }, CENTRE, COMPLAINT.on);
  return s;
}

describe('what the case index shows of a case', () => {
  it('shows a new case in reflection with its document to issue and the end of reflection next', () => {
    const s = newCaseState('case-index-1', 'PAYOKE', opening(OPENED));
    expect(caseIndexEntry(s)).toEqual({
      caseId: 'case-index-1',
      revision: 0,
      centre: 'PAYOKE',
      offices: [],
      stage: 'REFLECTION',
      outcome: null,
      running: true,
      openedOn: OPENED,
      nextDeadline: { kind: 'REFLECTION_ENDS', due: '2026-12-17' },
      deadlines: [{ kind: 'REFLECTION_ENDS', due: '2026-12-17' }],
      documentValidUntil: '2026-12-17',
      flags: [],
      referenceKeys: [],
      personal: { pseudonym: PSEUDONYM },
      tasks: [
        {
          taskId: 'document-dates/ANNEX_15/0',
          kind: 'document-dates',
          party: { role: 'immigration-office' },
          due: OPENED,
          since: OPENED,
        },
      ],
    });
  });

  it('gives the office queried its answer to give, by the reply date, and keeps the latest file number', () => {
    const entry = caseIndexEntry(withComplaint());
    const q = withComplaint().query!;
    expect(entry).toMatchObject({
      revision: 1,
      stage: 'TEMPORARY_RESIDENCE',
      offices: ['ANTWERPEN'],
      flags: ['awaiting-prosecutor'],
      personal: { pseudonym: PSEUDONYM, prosecutorFile: 'AN.12.L3/26' },
    });
    expect(entry.tasks.filter((t) => t.kind === 'status-query-answer')).toEqual([
      {
        taskId: `${q.queryId}/answer`,
        kind: 'status-query-answer',
        party: { role: 'prosecutor', office: 'ANTWERPEN' },
        due: q.replyBy,
        since: q.sentOn,
      },
    ]);
  });

  it('lists an escalated query for both offices, then the expiry without a decision for the Immigration Office', () => {
    const s = withComplaint();
    const replyBy = s.query!.replyBy;
    runDueClockItems(s, addDays(replyBy, 1));
    const escalated = caseIndexEntry(s).tasks;
    // Soonest due first: the document's dates were due from its first day.
    expect(escalated.map((t) => [t.kind, t.party])).toEqual([
      ['document-dates', { role: 'immigration-office' }],
      ['status-query-answer', { role: 'prosecutor', office: 'ANTWERPEN' }],
      ['status-query-answer', { role: 'prosecutor', office: 'CA-ANTWERPEN' }],
    ]);
    expect(escalated[2]).toMatchObject({ due: s.query!.replyBy, since: addDays(replyBy, 1) });

    runDueClockItems(s, addDays(s.query!.replyBy, 1));
    expect(caseIndexEntry(s).tasks).toContainEqual({
      taskId: `${s.query!.queryId}/expiry-without-decision`,
      kind: 'expiry-without-decision',
      party: { role: 'immigration-office' },
      due: s.query!.documentValidUntil,
      since: s.query!.replyBy,
    });
  });

  it('lists a withdrawal review for the Immigration Office, due on its decision date', () => {
    const s = withComplaint();
    applyEvent(s, { type: 'support-declined', on: '2026-11-20' }, CENTRE, '2026-11-20');
    expect(caseIndexEntry(s).tasks).toContainEqual({
      taskId: 'withdrawal-decision/2026-11-20',
      kind: 'withdrawal-decision',
      party: { role: 'immigration-office' },
      due: s.review!.decideBy,
      since: '2026-11-20',
      reporters: [CENTRE.id],
    });
  });

  it("names every reporter of the review's grounds on its decision (four eyes), and tells a history before them", () => {
    const s = withComplaint();
    applyEvent(s, { type: 'support-declined', on: '2026-11-20' }, CENTRE, '2026-11-20');
    const before = caseIndexEntry(s);
    applyEvent(s, { type: 'public-order-threat', on: '2026-11-21' }, IMMIGRATION, '2026-11-21');
    const after = caseIndexEntry(s);
    const decision = after.tasks.find((t) => t.kind === 'withdrawal-decision');
    expect(decision?.reporters).toEqual([CENTRE.id, IMMIGRATION.id].sort());
    expect(after.tasks.filter((t) => t.kind !== 'withdrawal-decision').every((t) => !('reporters' in t))).toBe(true);
    // A second ground that moves nothing else: written now, skipped by a history recorded before reporters.
    expect(sameListing(before, after, ALL_INDEXED)).toBe(false);
    expect(sameListing(before, after, { ...ALL_INDEXED, reporters: false })).toBe(true);
  });

  it('lists the identity proof of a residence granted without it once for the centre and once for the Immigration Office', () => {
    const s = withComplaint();
    grantPermanentResidence(s, 'conviction', '2027-03-01');
    const entry = caseIndexEntry(s);
    expect(entry).toMatchObject({ outcome: 'PERMANENT_RESIDENCE', running: true, nextDeadline: null });
    expect(entry.flags).toContain('identity-proof-missing');
    expect(entry.tasks.map((t) => [t.kind, t.party, t.due])).toEqual([
      ['identity-proof', { role: 'centre', centre: 'PAYOKE' }, '2027-03-01'],
      ['identity-proof', { role: 'immigration-office' }, '2027-03-01'],
    ]);

    applyEvent(
      s,
      { type: 'identity-documented', on: '2027-03-05', documentKind: 'passport' },
      IMMIGRATION,
      '2027-03-05',
    );
    expect(caseIndexEntry(s)).toMatchObject({ running: false, tasks: [] });
  });

  it("never shows a minor's 18th birthday as the next deadline", () => {
    const minor = opening(OPENED, {
      unaccompaniedMinor: true,
      victim: { pseudonym: PSEUDONYM, dateOfBirth: '2008-11-20', language: 'ro' },
      guardian: { name: 'Guardian', email: 'guardian@example.org' },
    });
    const entry = caseIndexEntry(newCaseState('case-minor', 'PAYOKE', minor));
    expect(entry.nextDeadline).toEqual({ kind: 'REFLECTION_ENDS', due: '2027-02-02' });
    expect(JSON.stringify(entry)).not.toContain('2026-11-20');
    expect(entry.flags).toEqual(['unaccompanied-minor']);
  });

  it('tells a new revision that changes nothing on a list from one that does', () => {
    const s = withComplaint();
    const before = caseIndexEntry(s);
    expect(sameListing(before, { ...before, revision: 7 }, ALL_INDEXED)).toBe(true);
    applyEvent(s, { type: 'support-declined', on: '2026-11-20' }, CENTRE, '2026-11-20');
    expect(sameListing(before, caseIndexEntry(s), ALL_INDEXED)).toBe(false);
  });

  it('holds every listable deadline of the status, soonest first, and tells a history before them', () => {
    const s = withComplaint();
    const entry = caseIndexEntry(s);
    const listable = toStatus(s, '2026-11-20')
      .deadlines.filter((d) => d.kind !== 'GUARDIANSHIP_ENDS')
      .map(({ kind, due }) => ({ kind, due }));
    expect(listable.length).toBeGreaterThan(1);
    expect(entry.deadlines).toEqual(listable);
    expect(entry.nextDeadline).toEqual(listable[0]);
    // A later deadline that moved alone: written now, skipped by a history recorded before the deadlines.
    const moved = { ...entry, deadlines: [entry.deadlines[0]!, { ...entry.deadlines[1]!, due: '2031-01-01' }] };
    expect(sameListing(entry, moved, ALL_INDEXED)).toBe(false);
    expect(sameListing(entry, moved, { ...ALL_INDEXED, deadlines: false })).toBe(true);
  });
});
