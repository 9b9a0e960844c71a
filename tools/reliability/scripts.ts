/**
 * The case scripts of the fault scenarios: the requests each kind of case makes through the API, in order, and the
 * mails each makes the relay accept. Shared by the driving (driving.ts) and the comparison (comparison.ts).
 */
import type { IsoDate } from '../../src/domain/calendar';
import {
  complaintFiled,
  conviction,
  identityDocumented,
  NOTHING_HOLDS,
  opening,
  permanentResidenceGranted,
  YES,
} from '../../test/support/fixtures';

export const VARIANTS = [
  'permanent',
  'withdrawn-minor',
  'returned',
  'renewed-refused',
  'opened-in-error',
  'rejected-guardian',
] as const;
export type Variant = (typeof VARIANTS)[number];

/** Mails each script makes the relay accept (worked out from PROCEDURE.md; the baseline run must agree). */
export const EXPECTED_MAILS: Record<Variant, number> = {
  permanent: 10, // opened; stage 2 (centre, document, query); stage 3 (centre, document); eligible (IO, centre); granted (centre, IO)
  'withdrawn-minor': 5, // opened; review opened; closed (centre, guardian, IO)
  returned: 6, // opened; stage 2 (3); closed (centre, IO)
  'renewed-refused': 9, // opened; stage 2 (3); second query; negative answer (IO, centre); closed (centre, IO)
  'opened-in-error': 2, // opened; cancelled by its centre (the Immigration Office, which was told of the opening)
  'rejected-guardian': 8, // opened; stage 2 (centre, document, query, delivery-failed); closed (centre, IO, delivery-failed)
};

/** The guardian's server refuses this domain for good (550). */
export const REFUSED_DOMAIN = 'refused.example.org';
export const isRefused = (address: string): boolean => address.endsWith(`@${REFUSED_DOMAIN}`);
export const refusedGuardian = (who: string) => `guardian-${who}@${REFUSED_DOMAIN}`;

export interface Step {
  label: string;
  token: string;
  method: 'POST';
  path: (caseId: string) => string;
  body: unknown;
}

/** The fixtures' opening with addresses of its own (`who`), so each case's mails can be told apart; no date of birth. */
const caseOpening = (openedOn: IsoDate, minor: boolean, who: string, guardianEmail?: string) =>
  opening(openedOn, {
    unaccompaniedMinor: minor,
    victim: { pseudonym: `P-${who}`, language: 'ro' },
    exploitation: minor ? 'begging' : 'labour',
    caseworkerEmail: `cw-${who}@example.org`,
    ...(guardianEmail ? { guardian: { name: `G-${who}`, email: guardianEmail } } : {}),
  });

const open = (token: string, body: unknown): Step => ({
  label: 'open',
  token,
  method: 'POST',
  path: () => '/v1/cases',
  body,
});
const event = (token: string, body: { type: string } & Record<string, unknown>): Step => ({
  label: body.type,
  token,
  method: 'POST',
  path: (caseId) => `/v1/cases/${caseId}/events`,
  body,
});
const answer = (token: string, q: number, yes: boolean): Step => ({
  label: `answer-q${q}`,
  token,
  method: 'POST',
  path: (caseId) => `/v1/prosecutor/queries/${caseId}-q${q}/answer`,
  body: yes ? YES : NOTHING_HOLDS,
});

/** The requests of one case, in order; `who` makes its addresses unique. */
export function script(variant: Variant, today: IsoDate, who: string): Step[] {
  const on = today;
  switch (variant) {
    case 'permanent':
      return [
        open('centre-PAYOKE', caseOpening(today, false, who)),
        event('centre-PAYOKE', complaintFiled(on)),
        answer('prosecutor-ANTWERPEN', 1, true),
        event('centre-PAYOKE', identityDocumented(on)),
        event('prosecutor-ANTWERPEN', conviction(on)),
        event('immigration-office', permanentResidenceGranted(on)),
      ];
    case 'withdrawn-minor':
      return [
        open('centre-PAG-ASA', caseOpening(today, true, who, `guardian-${who}@example.org`)),
        event('centre-PAG-ASA', { type: 'contact-with-exploiters', on }),
        event('immigration-office', {
          type: 'withdrawal-decided',
          on,
          withdraw: true,
          ground: 'contact-with-exploiters',
        }),
      ];
    case 'returned':
      return [
        open('centre-SURYA', caseOpening(today, false, who)),
        event('centre-SURYA', complaintFiled(on, 'LIEGE', 'statement')),
        event('centre-SURYA', { type: 'voluntary-return', on }),
      ];
    case 'renewed-refused':
      return [
        open('centre-PAYOKE', caseOpening(today, false, who)),
        event('centre-PAYOKE', complaintFiled(on)),
        event('immigration-office', { type: 'temporary-residence-renewed', on }),
        answer('prosecutor-ANTWERPEN', 2, false),
        event('immigration-office', { type: 'other-status-granted', on, status: 'refugee' }),
      ];
    case 'opened-in-error':
      return [
        open('centre-SURYA', caseOpening(today, false, who)),
        event('centre-SURYA', { type: 'opened-in-error', on }),
      ];
    case 'rejected-guardian':
      return [
        open('centre-PAG-ASA', caseOpening(today, true, who, refusedGuardian(who))),
        event('centre-PAG-ASA', complaintFiled(on, 'BRUSSEL')),
        event('centre-PAG-ASA', { type: 'voluntary-return', on }),
      ];
  }
}
