import { applyAnswer, applyEvent } from '../../src/domain/procedure/apply';
import { upcomingDeadlines } from '../../src/domain/procedure/clock';
import { whyEventRejected } from '../../src/domain/procedure/rules';
import { newCaseState, STATE_VERSION } from '../../src/domain/procedure/state';
import {
  upgradeState,
  type CarriedState,
  type StateV2,
  type StateV3,
  type StateV4,
  type StateV5,
} from '../../src/domain/procedure/upgrade';
import { carriedByEarlierCode } from '../support/carried-fixtures';
import { CENTRE, IMMIGRATION, opening, prosecutor, YES } from '../support/fixtures';

const earlier = carriedByEarlierCode();

describe('a state carried by the code before versions', () => {
  it('is what the stored histories hold: no version, one ground per review', () => {
    expect(earlier.map((e) => e.carried.version)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it.each(earlier.map((e) => [e.file, e.carried] as const))(
    '%s upgrades to the current version, keeping what it held',
    (_file, carried) => {
      const s = upgradeState(structuredClone(carried));
      expect(s).toMatchObject({
        version: STATE_VERSION,
        caseId: carried.caseId,
        stage: carried.stage,
        document: carried.document,
        query: carried.query,
        history: carried.history,
        appliedUpdates: carried.appliedUpdates,
        permanentResidenceReview: null,
        identificationPending: false,
        late: null,
        flags: carried.flags,
        // The Immigration Office reported no document in this case.
        documentReported: false,
      });
      expect(s.querySentForDocument).toBe(carried.query?.sentOn ?? null);
      // The notices already sent stay sent, and the clock items already run stay run.
      expect(s.noticesDone).toEqual(carried.fired.filter((k) => !k.startsWith('clock/')));
      expect(s.clockItemsDone).toHaveLength(carried.fired.filter((k) => k.startsWith('clock/')).length);
    },
  );

  it('continues a stage-2 case from where it was: the answer to its open query enters stage 3', () => {
    const carried = earlier[0]!.carried;
    expect(carried.stage).toBe('TEMPORARY_RESIDENCE');
    const s = upgradeState(structuredClone(carried));
    const day = carried.query!.sentOn;
    applyAnswer(s, YES, prosecutor('CA-ANTWERPEN'), day);
    expect(s).toMatchObject({ stage: 'IDENTIFIED_VICTIM', document: { type: 'A_CARD', issuedOn: day } });
  });

  it('keeps a stage-3 case on its 6-month clock', () => {
    const carried = earlier[1]!.carried;
    const s = upgradeState(structuredClone(carried));
    expect(upcomingDeadlines(s).map((d) => d.kind)).toEqual(
      expect.arrayContaining(
        carried.query ? ['PROSECUTOR_REPLY_DUE', 'DOCUMENT_EXPIRES'] : ['STATUS_QUERY_DUE', 'DOCUMENT_EXPIRES'],
      ),
    );
  });

  it('turns an open review into a list of grounds whose reporter is unknown, so that any officer may decide it', () => {
    const withReview: CarriedState = {
      ...structuredClone(earlier[0]!.carried),
      review: { ground: 'public-order-threat', reportedOn: '2026-11-23', decideBy: '2026-12-07' },
    };
    const s = upgradeState(withReview);
    expect(s.review).toEqual({
      grounds: [
        { ground: 'public-order-threat', reportedOn: '2026-11-23', by: 'immigration-office', reporterId: 'imported' },
      ],
      decideBy: '2026-12-07',
    });
    const decision = {
      type: 'withdrawal-decided',
      on: '2026-11-24',
      withdraw: true,
      ground: 'public-order-threat',
    } as const;
    expect(whyEventRejected(s, decision, IMMIGRATION, '2026-11-24')).toBeNull();
    applyEvent(s, decision, IMMIGRATION, '2026-11-24');
    expect(s.outcome).toBe('WITHDRAWN');
  });
});

/** A state as version 5 carried it: its fact outbox named `facts`. */
function v5(): StateV5 {
  const { factOutbox, ...rest } = newCaseState('case-v2', 'PAYOKE', opening('2026-11-02'));
  return { ...rest, facts: factOutbox, version: 5 };
}

/** What any earlier version upgrades to: `facts` renamed, the version current. */
const renamed = <T extends { facts?: StateV5['facts'] }>({ facts, ...rest }: T) => ({
  ...rest,
  factOutbox: facts ?? [],
  version: STATE_VERSION,
});

describe('a state carried by version 5, before the fact outbox was named so', () => {
  it('keeps the facts still queued, now in factOutbox', () => {
    const carried = v5();
    expect(carried.facts).toHaveLength(1);
    expect(upgradeState(structuredClone(carried))).toEqual(renamed(carried));
  });

  it('starts an empty fact outbox for a state from before the statistics', () => {
    const { facts: _f, ...carried } = v5();
    expect(upgradeState(structuredClone(carried)).factOutbox).toEqual([]);
  });
});

/** A state as version 4 carried it: version 5's shape less the revision. */
function v4(): StateV4 {
  const { revision: _r, ...rest } = v5();
  return { ...rest, version: 4 };
}

describe('a state carried by version 4, before the case index', () => {
  it('starts its revision from the length of its history, keeping all it held', () => {
    const carried: StateV4 = {
      ...v4(),
      history: [
        { on: '2026-11-02', type: 'case-opened', by: 'centre' },
        { on: '2026-11-10', type: 'complaint-filed', by: 'centre' },
        { on: '2026-11-24', type: 'status-query-answered', by: 'prosecutor' },
      ],
    };
    const s = upgradeState(structuredClone(carried));
    expect(s).toEqual({ ...renamed(carried), revision: 3 });
  });

  it('then counts each applied event on from there', () => {
    const s = upgradeState(v4());
    const complaint = {
      type: 'complaint-filed',
      on: '2026-11-10',
      kind: 'complaint',
      prosecutorOffice: 'ANTWERPEN',
    } as const;
    applyEvent(s, complaint, CENTRE, '2026-11-10');
    expect(s.revision).toBe(2);
  });
});

/** A state as version 3 carried it: the current shape less issue 25's fields, with the guardianship flag. */
function v3(): StateV3 {
  const { eligibleSince: _e, keptEligibility: _k, ageDetermination: _a, flags, ...rest } = v4();
  return { ...rest, flags: { ...flags, guardianshipEnded: false }, version: 3 };
}

describe('a state carried by version 3, before issue 25', () => {
  it('keeps an open B-card review as the eligibility the proceedings end with, and computes the guardianship anew', () => {
    const carried: StateV3 = {
      ...v3(),
      stage: 'IDENTIFIED_VICTIM',
      permanentResidenceReview: { basis: 'conviction', eligibleOn: '2026-11-20', decideBy: '2026-12-20' },
      flags: {
        identityProofMissing: false,
        humanitarianCandidate: false,
        guardianshipEnded: true,
        undeliverableNotices: [],
      },
    };
    const s = upgradeState(structuredClone(carried));
    expect(s).toMatchObject({ version: STATE_VERSION, eligibleSince: '2026-11-20', keptEligibility: null });
    expect(s.flags).toEqual({ identityProofMissing: false, humanitarianCandidate: false, undeliverableNotices: [] });
  });

  it('remembers an eligibility whose review was refused, from the history', () => {
    const carried: StateV3 = {
      ...v3(),
      stage: 'IDENTIFIED_VICTIM',
      history: [
        { on: '2026-11-02', type: 'case-opened', by: 'centre' },
        { on: '2026-12-01', type: 'permanent-residence-decided', by: 'immigration-office' },
      ],
    };
    expect(upgradeState(carried).eligibleSince).toBe('2026-12-01');
  });
});

describe('a state carried by version 2, before file references', () => {
  const v2 = (): StateV2 => {
    const { references: _r, referenceIndex: _i, document, ...rest } = v3();
    const { datesRecorded: _d, ...v2Document } = document!;
    return { ...rest, document: v2Document, version: 2 };
  };

  it('upgrades with no references and nothing indexed, its document taken as recorded, keeping all it held', () => {
    const carried = v2();
    const { guardianshipEnded: _g, ...flags } = carried.flags;
    expect(upgradeState(structuredClone(carried))).toEqual({
      ...renamed(carried),
      flags,
      document: { ...carried.document, datesRecorded: true },
      references: {},
      referenceIndex: [],
      eligibleSince: null,
      keptEligibility: null,
      ageDetermination: null,
      revision: carried.history.length,
    });
  });

  it('then takes the file number a later complaint reports', () => {
    const s = upgradeState(v2());
    applyEvent(
      s,
      {
        type: 'complaint-filed',
        on: '2026-11-10',
        kind: 'complaint',
        prosecutorOffice: 'ANTWERPEN',
        prosecutorFile: 'AN.12.L3.1/26',
      },
      { id: 'caseworker-1', role: 'centre', centre: 'PAYOKE' },
      '2026-11-10',
    );
    expect(s.references).toEqual({ prosecutorFile: 'AN.12.L3.1/26' });
  });
});

describe('a state carried by the code before versions, upgraded through version 2', () => {
  it('has no references and nothing indexed', () => {
    const s = upgradeState(structuredClone(earlier[0]!.carried));
    expect({ references: s.references, referenceIndex: s.referenceIndex }).toEqual({
      references: {},
      referenceIndex: [],
    });
  });
});
