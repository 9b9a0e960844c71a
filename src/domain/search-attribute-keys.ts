import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * The search attributes of CONTRACT.md, plus ProsecutorOffices (offices queried
 * on the case) so a prosecutor's office finds its queries without scanning, and
 * CaseReferences, the keyed hashes a case is found by its file numbers with.
 * Search attributes are stored in clear: never personal data here.
 */
export const SA = {
  stage: defineSearchAttributeKey('CaseStage', SearchAttributeType.KEYWORD),
  outcome: defineSearchAttributeKey('CaseOutcome', SearchAttributeType.KEYWORD),
  centre: defineSearchAttributeKey('Centre', SearchAttributeType.KEYWORD),
  minor: defineSearchAttributeKey('UnaccompaniedMinor', SearchAttributeType.BOOL),
  nextDeadline: defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME),
  awaitingProsecutor: defineSearchAttributeKey('AwaitingProsecutor', SearchAttributeType.BOOL),
  prosecutorOffices: defineSearchAttributeKey('ProsecutorOffices', SearchAttributeType.KEYWORD_LIST),
  /** Keyed hashes (HMAC under the index key) of the case's file numbers: found by exact match, never read back. */
  references: defineSearchAttributeKey('CaseReferences', SearchAttributeType.KEYWORD_LIST),
} as const;
