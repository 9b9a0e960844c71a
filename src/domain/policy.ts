import type { Period } from './calendar';

/**
 * Every duration, lead time, reply deadline and reminder offset of the
 * procedure, each with the rule it comes from (PROCEDURE.md, seeds cited there).
 * "Decision" entries are ours where the sources are silent; change them here,
 * never in the workflow.
 */
export const POLICY = {
  /** Annex 15 replaced the order to leave the territory on 20 May 2017 [003 §5.2; 002 §8.1]. */
  annex15From: '2017-05-20',
  /** Since 24 December 2018 no separate work permit is needed [003 note 75]. */
  workPermitAbolishedOn: '2018-12-24',
  reflection: {
    /** 45 days for an adult [003 §2.1, §5.2]. */
    adult: { days: 45 } as Period,
    /** 3 months from the start for an unaccompanied minor [003 §4.3; 004 ¶10-11]. */
    minor: { months: 3 } as Period,
    /** Decision: reminders 14 and 7 days before the end of reflection. */
    remindersDaysBefore: [14, 7],
  },
  temporaryResidence: {
    /** Attestation of immatriculation, 3 months, renewable once [003 §5.2; 002 §8.2]. */
    validity: { months: 3 } as Period,
    maxRenewals: 1,
  },
  identifiedVictim: {
    /** A-card, 6 months, renewed by 6 months until the proceedings end [003 §5.2]. */
    validity: { months: 6 } as Period,
  },
  /** Decision: reminders 30, 14 and 7 days before a document expires with no decision. */
  documentExpiryRemindersDaysBefore: [30, 14, 7],
  statusQuery: {
    /** Sent at the latest one month before the document expires [002 §8.2]. */
    latestBeforeExpiry: { months: 1 } as Period,
    /** Decision: reply 14 days after sending... */
    replyWithin: { days: 14 } as Period,
    /** Decision: ...but never later than 7 days before the document's expiry. */
    replyNoLaterThanBeforeExpiry: { days: 7 } as Period,
    /** Decision: the Principal Crown Prosecutor gets 7 days [002 §8.2 for the escalation itself]. */
    escalationReplyWithin: { days: 7 } as Period,
    /** Decision: the office queried is reminded 3 days before its reply is due. */
    remindersDaysBefore: [3],
  },
  withdrawalReview: {
    /** Decision: the Immigration Office decides within 14 days of a reported ground. */
    decideWithin: { days: 14 } as Period,
    /** Decision: reminded 3 days before. */
    remindersDaysBefore: [3],
  },
  /** Proceedings longer than two years may open humanitarian residence (art. 9bis) [003 §5.2]. */
  humanitarianAfterYears: 2,
  /** Decision: update ids remembered across continue-as-new, so a retried event applies once. */
  rememberedUpdateIds: 500,
} as const;
