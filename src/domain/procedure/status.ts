import type { IsoDate } from '../calendar';
import { POLICY } from '../policy';
import type { CaseStatus } from '../schemas/case';
import { statusDeadlines } from './clock';
import { guardianshipEnded, type CaseState } from './state';

/** Work in stage 2 needed permit C, in stage 3 permit B, until no permit was needed from 24 December 2018 [002 §8.2-8.3; 003 note 75]. */
export function workAuthorisation(s: CaseState, today: IsoDate): CaseStatus['workAuthorisation'] {
  const permitEra = today < POLICY.workPermitAbolishedOn;
  switch (s.stage) {
    case 'TEMPORARY_RESIDENCE':
      return permitEra ? 'WORK_PERMIT_C' : 'NO_PERMIT_NEEDED';
    case 'IDENTIFIED_VICTIM':
      return permitEra ? 'WORK_PERMIT_B' : 'NO_PERMIT_NEEDED';
    case 'PERMANENT_RESIDENCE':
      return 'UNRESTRICTED';
    default:
      return 'NONE';
  }
}

/** The case status of CONTRACT.md: of the personal data only the pseudonym and the file numbers; no notes. */
export function toStatus(s: CaseState, today: IsoDate): CaseStatus {
  const q = s.query;
  return {
    caseId: s.caseId,
    centre: s.centre,
    openedOn: s.openedOn,
    unaccompaniedMinor: s.unaccompaniedMinor,
    stage: s.stage,
    outcome: s.outcome,
    outcomeDetail: s.outcomeDetail,
    document: s.document ? { ...s.document } : null,
    deadlines: statusDeadlines(s, today),
    prosecutorQuery: q
      ? {
          queryId: q.queryId,
          office: q.office,
          sentOn: q.sentOn,
          replyBy: q.replyBy,
          escalatedTo: q.escalatedTo,
          escalatedOn: q.escalatedOn,
        }
      : null,
    withdrawalReview: s.review
      ? {
          grounds: s.review.grounds.map(({ ground, reportedOn, by, reporterId, finding }) => ({
            ground,
            reportedOn,
            by,
            reportedById: reporterId,
            ...(finding ? { finding } : {}),
          })),
          decideBy: s.review.decideBy,
          identificationPending: s.identificationPending,
        }
      : null,
    permanentResidenceReview: s.permanentResidenceReview ? { ...s.permanentResidenceReview } : null,
    flags: {
      ...s.flags,
      guardianshipEnded: guardianshipEnded(s, today),
      undeliverableNotices: [...s.flags.undeliverableNotices],
    },
    workAuthorisation: workAuthorisation(s, today),
    victim: { pseudonym: s.opening.victim.pseudonym },
    references: { ...s.references },
    history: s.history.map((h) => ({ ...h })),
  };
}
