import { addDays, addPeriod, type IsoDate } from '../../src/domain/calendar';
import { CENTRES, type ComplaintOffice } from '../../src/domain/codes';
import type { CaseImport } from '../../src/domain/schemas/case';
import type { CaseEvent } from '../../src/domain/schemas/events';
import {
  complaintFiled,
  conviction,
  importedYear,
  opening,
  permanentResidenceGranted,
} from '../../test/support/fixtures';

/**
 * The running cases the index section seeds through POST /v1/cases/import, as the Immigration Office brings them in
 * when the service goes live: a mix in a cycle of 20, so any N holds each kind in the same share.
 */
export const MIX_KINDS = [
  'query-open',
  'withdrawal-review',
  'reflection',
  'renewed-query-open',
  'permanent-residence-review',
  'identity-proof',
] as const;
export type MixKind = (typeof MIX_KINDS)[number];

/** Of 20 cases: 8 queries open in stage 2, 2 with a withdrawal ground, 4 in reflection, 3 renewed, 2 eligible, 1 granted. */
const CYCLE: readonly MixKind[] = [
  ...Array<MixKind>(8).fill('query-open'),
  ...Array<MixKind>(2).fill('withdrawal-review'),
  ...Array<MixKind>(4).fill('reflection'),
  ...Array<MixKind>(3).fill('renewed-query-open'),
  ...Array<MixKind>(2).fill('permanent-residence-review'),
  'identity-proof',
];

/** The offices the complaints are with; Antwerp's twice (the bench reads its lists). Seven: prime to the cycle of 20. */
export const MIX_OFFICES: readonly ComplaintOffice[] = [
  'ANTWERPEN',
  'BRUSSEL',
  'ANTWERPEN',
  'LIEGE',
  'OOST-VLAANDEREN',
  'HAINAUT',
  'LABOUR-ANTWERPEN',
];

export const mixKind = (i: number): MixKind => CYCLE[i % CYCLE.length]!;

/**
 * The i-th case as of `today`: the body of its import and, for a case that only the service can bring to where it is
 * (an import refuses a case that ended, and a grant without identity proof ends the procedure), the event the
 * Immigration Office then records. Its kind, centre, office and dates all follow from i.
 */
export function mixCase(today: IsoDate, i: number): { body: CaseImport; then?: CaseEvent } {
  const body = mixImport(today, i);
  return mixKind(i) === 'identity-proof' ? { body, then: permanentResidenceGranted(today) } : { body };
}

function mixImport(today: IsoDate, i: number): CaseImport {
  const centre = CENTRES[i % CENTRES.length]!;
  const office = MIX_OFFICES[i % MIX_OFFICES.length]!;
  const spread = Math.floor(i / CYCLE.length) % 20;
  const base = (openedOn: IsoDate) => ({
    ...opening(openedOn, {
      victim: { pseudonym: `Bench-${i}`, dateOfBirth: '1999-04-12', language: 'ro' },
      references: { prosecutorFile: `BE.66.L3 ${String(100_000 + i)}/26` },
    }),
    centre,
  });
  const byCentre = { by: { role: 'centre' } } as const;
  const byOffice = { by: { role: 'immigration-office' } } as const;
  /** The Immigration Office reported the dates printed on the document the day after it was issued. */
  const datesOf = (document: 'ATTESTATION_OF_IMMATRICULATION' | 'A_CARD', issuedOn: IsoDate, months: number) => ({
    type: 'document-issued' as const,
    on: addDays(issuedOn, 1),
    document,
    issuedOn,
    validUntil: addPeriod(issuedOn, { months }),
    ...byOffice,
  });
  switch (mixKind(i)) {
    case 'query-open': {
      // A complaint 2 to 40 days ago: its query open today, with the office or (sent more than 14 days ago) escalated
      // to the Principal Crown Prosecutor; every other case with the dates of its 3-month document recorded.
      const complaintOn = addDays(today, -2 - spread * 2);
      const complaint = { ...complaintFiled(complaintOn, office), ...byCentre };
      const events = i % 2 ? [complaint, datesOf('ATTESTATION_OF_IMMATRICULATION', complaintOn, 3)] : [complaint];
      return { ...base(addDays(complaintOn, -5)), events };
    }
    case 'withdrawal-review': {
      // Stage 2, and a threat to public order the Immigration Office reported in the last ten days: a review to decide.
      const complaintOn = addDays(today, -30 - spread);
      return {
        ...base(addDays(complaintOn, -5)),
        events: [
          { ...complaintFiled(complaintOn, office), ...byCentre },
          { type: 'public-order-threat', on: addDays(today, -(spread % 10)), ...byOffice },
        ],
      };
    }
    case 'reflection':
      // Opened in the last 40 days: the order to leave of the reflection period, its dates still to be recorded.
      return { ...base(addDays(today, -1 - (spread * 2 + (i % 2)))), events: [] };
    case 'renewed-query-open': {
      // A year in: identified, the A-card renewed once (its dates recorded), the next query open with the office.
      const year = importedYear(today, 'bench', office);
      const renewedCard = datesOf('A_CARD', addPeriod(year.validUntil, { months: -6 }), 6);
      return { ...base(year.openedOn), events: [...year.events, renewedCard] };
    }
    case 'permanent-residence-review': {
      // The same year, and a conviction for trafficking in the last month: the Immigration Office decides on
      // permanent residence.
      const year = importedYear(today, 'bench', office);
      return {
        ...base(year.openedOn),
        events: [...year.events, { ...conviction(addDays(today, -(spread % 30))), by: { role: 'prosecutor', office } }],
      };
    }
    case 'identity-proof': {
      // Convicted in the last month, the identity never documented (mixCase grants it after the import).
      const year = importedYear(today, 'bench', office);
      return {
        ...base(year.openedOn),
        events: [
          ...year.events.filter((e) => e.type !== 'identity-documented'),
          { ...conviction(addDays(today, -(spread % 30))), by: { role: 'prosecutor', office } },
        ],
      };
    }
  }
}
