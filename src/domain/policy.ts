import type { Period } from './calendar';

/**
 * Every duration, lead time, reply deadline and reminder offset of the
 * procedure, each with the rule it comes from (PROCEDURE.md, seeds cited there).
 * "Decision" entries are ours where the sources are silent; change them here,
 * never in the workflow.
 */
export const POLICY = {
  /** Decision: legal dates are calendar days and calendar months in this time zone (PROCEDURE.md "Dates and clocks"). */
  legalZone: 'Europe/Brussels',
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
  /** Decision: a minor with a known date of birth is a minor until 18; the guardian is copied until then. */
  majorityAge: 18,
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
    /** Decision: ...but never later than 7 days before the document's expiry... */
    replyNoLaterThanBeforeExpiry: { days: 7 } as Period,
    /** Decision: ...and never sooner than 2 days after sending (no deadline on the day it is set). */
    replyAtLeast: { days: 2 } as Period,
    /** Decision: the Principal Crown Prosecutor gets 7 days [002 §8.2 for the escalation itself]... */
    escalationReplyWithin: { days: 7 } as Period,
    /** Decision: ...never later than the day before the expiry... */
    escalationNoLaterThanBeforeExpiry: { days: 1 } as Period,
    /** Decision: ...and never sooner than 2 days after escalating. */
    escalationAtLeast: { days: 2 } as Period,
    /** Decision: the office queried is reminded 3 days before its reply is due. */
    remindersDaysBefore: [3],
  },
  withdrawalReview: {
    /** Decision: the Immigration Office decides within 14 days of a reported ground. */
    decideWithin: { days: 14 } as Period,
    /** Decision: reminded 3 days before. */
    remindersDaysBefore: [3],
  },
  permanentResidence: {
    /** Decision: the Immigration Office decides on an eligible victim's residence of unlimited duration within 30 days... */
    decideWithin: { days: 30 } as Period,
    /** Decision: ...reminded 7 days before. */
    remindersDaysBefore: [7],
  },
  outage: {
    /** Decision: a case-ending deadline noticed more than this many days after it fell is late (an outage)... */
    lateAfterDays: 1,
    /** Decision: ...and what happened meanwhile can still be reported for 7 days before it applies. */
    reportingGrace: { days: 7 } as Period,
  },
  /** Proceedings longer than two years may open humanitarian residence (art. 9bis) [003 §5.2]. */
  humanitarianAfterYears: 2,
  /** Decision: update ids remembered across continue-as-new, so a retried event applies once. */
  rememberedUpdateIds: 500,
  /**
   * Decision: a notice whose sending was reported done or failed by someone without the payload key is sent again
   * (the sent-mail ledger skips who already has it), this many times; then it counts as not delivered.
   */
  resendsAfterForgedOutcome: 2,
  /**
   * Decision (issues 18, 28): k, the smallest count a statistic publishes; a count under k is hidden, with enough
   * beside it that every hidden count could be any of k values (src/domain/statistics/suppression.ts); a median is
   * published only over at least 2k values.
   */
  statisticsMinimumCount: 5,
  /**
   * Decision (issue 28): a year's statistics are published once the year is closed, from this day (MM-DD) of the
   * next year, counting the facts recorded before it, and never change after: two readings of a year that still
   * grows would tell what was added between them.
   */
  statisticsYearClosesOn: '02-01',
  caseKeys: {
    /**
     * Decision (issue 18): each day, the key of a case that Temporal no longer holds (its retention ended, or it
     * was erased) is destroyed...
     */
    retentionSweepEvery: '1 day',
    /** ...unless it was made less than a day ago: its case's start may still be on its way to Temporal. */
    youngerKeptHours: 24,
  },
} as const;
