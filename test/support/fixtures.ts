/**
 * The one set of test inputs: who acts, case openings, events, the prosecutor's answers, a year of history to import.
 * Used by the tests (unit, workflow, API), the bench (tools/bench) and the reliability runs (tools/reliability).
 *
 * Plain data builders on src/domain only (no jest, no Temporal client): the tools' build (scripts/transpile-tools.mjs)
 * carries this one file of test/ into dist-tools/, and the lint zone lets tools/ import nothing else of test/.
 */
import { addDays, addPeriod, subtractPeriod, type IsoDate } from '../../src/domain/calendar';
import type { ComplaintOffice, ProsecutorOffice } from '../../src/domain/codes';
import type { Actor } from '../../src/domain/procedure/state';
import type { CaseOpening } from '../../src/domain/schemas/case';
import type { CaseEvent, ImportedEvent, StatusQueryAnswer } from '../../src/domain/schemas/events';

// ---- who acts (as the workflow tests' principals) ----

export const CENTRE: Actor = { id: 'centre-payoke', role: 'centre', centre: 'PAYOKE' };
export const IMMIGRATION: Actor = { id: 'dvz', role: 'immigration-office' };
export const prosecutor = (office: ProsecutorOffice): Actor => ({ id: `pk-${office}`, role: 'prosecutor', office });

// ---- openings ----

export const PSEUDONYM = 'Zorana-Pseudo-7731';
export const CASEWORKER_EMAIL = 'caseworker@payoke.example.org';

/** An adult's case as a centre opens it on `openedOn` (labour exploitation, Romanian); `overrides` replace fields whole. */
export function opening(openedOn: IsoDate, overrides: Partial<CaseOpening> = {}): CaseOpening {
  return {
    openedOn,
    unaccompaniedMinor: false,
    victim: { pseudonym: PSEUDONYM, dateOfBirth: '1999-04-12', language: 'ro' },
    exploitation: 'labour',
    caseworkerEmail: CASEWORKER_EMAIL,
    ...overrides,
  };
}

/** A 15-year-old unaccompanied minor with a guardian, opened on `openedOn`. */
export function minorOpening(
  openedOn: IsoDate,
  o: { pseudonym?: string; guardian: { name: string; email: string } },
  overrides: Partial<CaseOpening> = {},
): CaseOpening {
  return opening(openedOn, {
    unaccompaniedMinor: true,
    victim: { pseudonym: o.pseudonym ?? PSEUDONYM, dateOfBirth: addPeriod(openedOn, { years: -15 }), language: 'ro' },
    guardian: o.guardian,
    ...overrides,
  });
}

// ---- events ----

/** The complaint (or statement) that brings a case in reflection to temporary residence, and queries the office. */
export const complaintFiled = (
  on: IsoDate,
  prosecutorOffice: ComplaintOffice = 'ANTWERPEN',
  kind: 'complaint' | 'statement' = 'complaint',
) => ({ type: 'complaint-filed', on, kind, prosecutorOffice }) as const satisfies CaseEvent;

export const identityDocumented = (on: IsoDate) =>
  ({ type: 'identity-documented', on, documentKind: 'passport' }) as const satisfies CaseEvent;

/**
 * The Immigration Office reports the dates printed on the annex 15: allowed any number of times in reflection, no
 * notice, but the case re-plans its timers and search attributes.
 */
export const annex15Issued = (on: IsoDate) =>
  ({
    type: 'document-issued',
    on,
    document: 'ANNEX_15',
    issuedOn: on,
    validUntil: addDays(on, 45),
  }) as const satisfies CaseEvent;

/** A conviction under the trafficking law, not appealed: the way to permanent residence. */
export const conviction = (on: IsoDate) =>
  ({ type: 'conviction', on, underTraffickingLaw: true, appealed: false }) as const satisfies CaseEvent;

export const permanentResidenceGranted = (on: IsoDate) =>
  ({ type: 'permanent-residence-decided', on, grant: true }) as const satisfies CaseEvent;

// ---- the prosecutor's answers ----

/** Considered a victim, proceedings ongoing, cooperating, ties severed: the case goes on (or is renewed). */
export const YES: StatusQueryAnswer = {
  consideredVictim: true,
  proceedingsOngoing: true,
  cooperating: true,
  tiesSevered: true,
};
/** The proceedings ended: the answer that closes the case. */
export const NO: StatusQueryAnswer = { ...YES, proceedingsOngoing: false };
/** Still considered a victim, but nothing else holds any more. */
export const NOTHING_HOLDS: StatusQueryAnswer = {
  consideredVictim: true,
  proceedingsOngoing: false,
  cooperating: false,
  tiesSevered: false,
};

// ---- an imported year ----

/**
 * A PAYOKE case opened a year before `today` to import: a complaint with `office` (the Antwerp office by default) on
 * day 10, its yes on day 20 (the A-card), the passport a month later, and the renewal's yes (with `note`). Today its
 * renewed A-card runs until `validUntil` and its next query has gone out.
 */
export function importedYear(today: IsoDate, note: string, office: ComplaintOffice = 'ANTWERPEN') {
  const openedOn = addPeriod(today, { months: -12 });
  const identifiedOn = addDays(openedOn, 20);
  const firstCard = addPeriod(identifiedOn, { months: 6 });
  const renewedOn = subtractPeriod(firstCard, { months: 1 });
  const by = { role: 'prosecutor', office } as const;
  const events: ImportedEvent[] = [
    { ...complaintFiled(addDays(openedOn, 10), office), by: { role: 'centre' } },
    { type: 'status-query-answered', on: identifiedOn, by, ...YES },
    { ...identityDocumented(addDays(identifiedOn, 30)), by: { role: 'centre' } },
    { type: 'status-query-answered', on: renewedOn, by, ...YES, note },
  ];
  return { openedOn, events, validUntil: addPeriod(firstCard, { months: 6 }) };
}
