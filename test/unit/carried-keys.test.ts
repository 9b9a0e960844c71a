import { addDays, type IsoDate } from '../../src/domain/calendar';
import { applyAnswer, applyEvent } from '../../src/domain/procedure/apply';
import { runDueClockItems } from '../../src/domain/procedure/clock';
import { whyAnswerRejected } from '../../src/domain/procedure/rules';
import { forgetClosedQueries, newCaseState, type CaseState } from '../../src/domain/procedure/state';
import { CENTRE, opening, prosecutor, YES } from '../support/fixtures';

const D0 = '2026-03-02';
const OFFICES = [prosecutor('ANTWERPEN'), prosecutor('CA-ANTWERPEN')];

/**
 * Six years of one case, a day at a time, as its workflow lives them: due clock items run, the notices leave the
 * outbox, each status query is answered (one in two late, after its escalation), and each new stage or renewal
 * starts a new run with what `carryOn` makes of the state.
 */
function sixYears(carryOn: (s: CaseState) => CaseState) {
  let s = newCaseState('case-00000000-0000-4000-8000-000000000001', 'PAYOKE', opening(D0));
  applyEvent(s, { type: 'complaint-filed', on: D0, kind: 'complaint', prosecutorOffice: 'ANTWERPEN' }, CENTRE, D0);
  const mailed: string[] = [];
  let queries = 0;
  let cycle = `${s.stage}/${s.document?.renewals}`;
  for (let day: IsoDate = D0; day < addDays(D0, 6 * 365); day = addDays(day, 1)) {
    runDueClockItems(s, day);
    const q = s.query;
    if (q && day === addDays(q.sentOn, queries % 2 === 0 ? 10 : 20)) {
      const office = OFFICES.find((o) => whyAnswerRejected(s, q.queryId, o) === null);
      if (office) {
        applyAnswer(s, YES, office, day);
        queries += 1;
      }
    }
    mailed.push(...s.outbox.map((n) => n.key));
    s.noticesDone.push(...s.outbox.map((n) => n.key));
    s.outbox = [];
    const now = `${s.stage}/${s.document?.renewals}`;
    if (now !== cycle) s = carryOn(structuredClone(s));
    cycle = now;
  }
  return { s, mailed, queries };
}

describe('the keys a case carries from run to run', () => {
  const kept = sixYears((s) => s);
  const forgotten = sixYears(forgetClosedQueries);

  it('forget closed queries without any notice or clock item running twice or not at all', () => {
    expect(kept.queries).toBeGreaterThanOrEqual(8);
    expect(forgotten.mailed).toEqual(kept.mailed);
    expect(new Set(forgotten.mailed).size).toBe(forgotten.mailed.length);
    expect(forgotten.s.history).toEqual(kept.s.history);
    expect({ ...forgotten.s, clockItemsDone: [], noticesDone: [] }).toEqual({
      ...kept.s,
      clockItemsDone: [],
      noticesDone: [],
    });
  });

  it('no longer grow with each query and its reminders', () => {
    const size = (s: CaseState) => JSON.stringify([s.clockItemsDone, s.noticesDone]).length;
    expect(size(forgotten.s)).toBeLessThan(size(kept.s) / 2);
    expect(forgotten.s.clockItemsDone.some((k) => k.includes(forgotten.s.query?.queryId ?? 'no open query'))).toBe(
      forgotten.s.query !== null && kept.s.clockItemsDone.some((k) => k.includes(forgotten.s.query!.queryId)),
    );
  });
});
