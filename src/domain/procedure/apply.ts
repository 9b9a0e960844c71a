import type { IsoDate } from '../calendar';
import { addPeriod } from '../calendar';
import { POLICY } from '../policy';
import type { CaseEvent, StatusQueryAnswer, WithdrawalGround } from '../schemas/events';
import { centreOf, IMMIGRATION_OFFICE, notify } from './notify';
import { isPositive } from './rules';
import type { Actor, CaseState } from './state';
import { close, closeQuery, enterStage, sendQuery } from './transitions';

function openReview(s: CaseState, ground: WithdrawalGround, on: IsoDate): void {
  const decideBy = addPeriod(on, POLICY.withdrawalReview.decideWithin);
  s.review = { ground, reportedOn: on, decideBy };
  // The history length tells apart two reports of the same ground on the same day.
  notify(s, 'withdrawal-review-opened', `${ground}/${on}/${s.history.length}`, [IMMIGRATION_OFFICE], { due: decideBy, facts: { ground } });
}

/** More than two years of proceedings may open humanitarian residence [003 §5.2]. */
function proceedingsLastedLong(s: CaseState, end: IsoDate): boolean {
  return !!s.complaint && end > addPeriod(s.complaint.on, { years: POLICY.humanitarianAfterYears });
}

/** Applies an event that `whyEventRejected` accepted. */
export function applyEvent(s: CaseState, event: CaseEvent, actor: Actor, today: IsoDate): void {
  s.history.push({ on: event.on, type: event.type, by: actor.role });
  switch (event.type) {
    case 'complaint-filed':
      s.complaint = { on: event.on, kind: event.kind, prosecutorOffice: event.prosecutorOffice };
      enterStage(s, 'TEMPORARY_RESIDENCE', 'ATTESTATION_OF_IMMATRICULATION', event.on);
      // Decision: the query goes out as stage 2 starts (never later than a month before expiry).
      sendQuery(s, today);
      return;
    case 'document-issued':
      // The dates printed on the document replace the computed ones; every timer follows.
      s.document = {
        type: event.document,
        issuedOn: event.issuedOn,
        validUntil: s.stage === 'PERMANENT_RESIDENCE' ? null : event.validUntil,
        renewals: s.document?.renewals ?? 0,
      };
      return;
    case 'temporary-residence-renewed':
      if (s.document?.validUntil) {
        s.document.validUntil = addPeriod(s.document.validUntil, POLICY.temporaryResidence.validity);
        s.document.renewals += 1;
      }
      s.decision = null;
      sendQuery(s, today);
      return;
    case 'contact-with-exploiters':
    case 'support-declined':
    case 'cooperation-ended':
    case 'fraud-established':
    case 'public-order-threat':
      openReview(s, event.type, event.on);
      return;
    case 'withdrawal-decided':
      s.review = null;
      if (event.withdraw) close(s, 'WITHDRAWN', event.ground, today);
      return;
    case 'identity-documented':
      s.identityDocumented = true;
      s.flags.identityProofMissing = false;
      return;
    case 'conviction':
      // A first-instance conviction under the trafficking law suffices, even under appeal [003 §5.2; 001 §4].
      if (event.underTraffickingLaw) close(s, 'PERMANENT_RESIDENCE', event.appealed ? 'conviction-under-appeal' : 'conviction', today);
      return;
    case 'trafficking-retained-in-charges':
      close(s, 'PERMANENT_RESIDENCE', 'trafficking-retained-in-charges', today);
      return;
    case 'proceedings-ended':
      s.flags.humanitarianCandidate = proceedingsLastedLong(s, event.on);
      close(s, 'PROCEEDINGS_ENDED', event.reason, today);
      return;
    case 'voluntary-return':
      close(s, 'VOLUNTARY_RETURN', null, today);
      return;
    case 'other-status-granted':
      close(s, 'OTHER_STATUS', event.status, today);
      return;
  }
}

/** Applies a prosecutor's answer that `whyAnswerRejected` accepted. */
export function applyAnswer(s: CaseState, answer: StatusQueryAnswer, actor: Actor, today: IsoDate): void {
  s.history.push({ on: today, type: 'status-query-answered', by: actor.role });
  const query = s.query;
  closeQuery(s, 'answered');
  if (!isPositive(answer)) {
    // Any "no": no renewal (but the one renewal of the 3-month document stays possible); the case ends at expiry.
    s.decision = 'negative';
    notify(s, 'negative-answer', query?.queryId ?? 'none', [IMMIGRATION_OFFICE, centreOf(s)], {
      due: s.document?.validUntil ?? undefined,
      facts: { queryId: query?.queryId ?? '' },
    });
    return;
  }
  if (s.stage === 'TEMPORARY_RESIDENCE') {
    enterStage(s, 'IDENTIFIED_VICTIM', 'A_CARD', today);
    return;
  }
  // Stage 3: renewed by 6 months until the proceedings end [003 §5.2].
  if (s.document?.validUntil) {
    s.document.validUntil = addPeriod(s.document.validUntil, POLICY.identifiedVictim.validity);
    s.document.renewals += 1;
    notify(s, 'document-to-issue', `A_CARD/renewal-${s.document.renewals}`, [IMMIGRATION_OFFICE], {
      facts: { documentType: 'A_CARD', renewal: String(s.document.renewals) },
    });
  }
}
