/**
 * What a run begun on older code does where the current code does otherwise in ways its history records (other
 * commands), so that the history replays on the current code; the run after it follows the current rules
 * (`PATCHES` in workflows/messages.ts decides which a run follows).
 */
export interface EarlierRules {
  /** Before issue 12: eligibility granted the B-card at once. */
  grantOnEligibility?: boolean;
  /**
   * Before issue 25: an expiry closed the case whatever decision was open; proceedings-ended always ended it; the
   * guardianship's notice went out on the 18th birthday; an import's open query kept its deadlines; a deadline
   * computed again could fall on that day.
   */
  before25?: boolean;
  /** Before issue 29: a review that ended without withdrawal told the centre that reported its ground nothing. */
  before29?: boolean;
}
