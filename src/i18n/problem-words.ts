import type { FieldRule } from '../domain/schemas/field-rules';

/**
 * The `detail` of the API's problems (src/cases/problems.ts), in one language: what went wrong and what to do,
 * never a value the request carried. Role and event names come from the pages' words.
 */
export interface ProblemWords {
  /** A 400 whose issues name each field. */
  invalidInput: string;
  invalidJson: string;
  unreadableBody: string;
  /** An issue: a field or query parameter the API does not know. */
  unknownInput: string;
  /** An issue: a page cursor this API did not hand out. */
  invalidCursor: string;
  /** An issue of a field: its rule, as the schema states it (zod's own words otherwise). */
  fieldRules: Record<FieldRule, string>;
  noAccessToken: string;
  invalidAccessToken: string;
  roleMayNotUse: (role: string) => string;
  roleMayNotReport: (role: string, event: string) => string;
  noCase: (caseId: string) => string;
  noQuery: (queryId: string) => string;
  noResource: string;
  bodyTooLarge: string;
  unsupportedMediaType: string;
  idempotencyKeyReused: string;
  /** A 409 of the case that names no rule (its code says which, when it has one). */
  eventNotApplicable: string;
  tooManyRequests: string;
  unavailable: string;
  internal: string;
  /** Erasure of a case that has not ended. */
  caseStillRunning: string;
  /** Erasure requested before the waiting period after the case's end is over: `from`, the first day it may be, written out. */
  erasureTooEarly: (days: number, from: string) => string;
  /** An erasure confirmed or withdrawn that no admin requested (or that was withdrawn). */
  erasureNotRequested: string;
  /** The admin who requested an erasure tries to confirm it. */
  secondAdminRequired: string;
  /** A year's statistics asked for before the year is closed: `from`, the day they are published (YYYY-MM-DD). */
  statisticsYearOpen: (year: number, from: string) => string;
  codec: {
    crossOrigin: string;
    notFromWebUi: string;
    roles: string;
    /** A payload under a key id the key file does not hold, or that its key does not open. */
    unknownKey: (keyId: string) => string;
    /** A payload of a case whose key was destroyed. */
    erased: string;
    failed: string;
  };
}
