import { FIELD_RULES } from '../../domain/schemas/field-rules';
import type { ProblemWords } from '../problem-words';

export const enProblems: ProblemWords = {
  invalidInput: 'The request is not valid: each issue names a field and what is wrong with it.',
  invalidJson: 'The body is not valid JSON.',
  unreadableBody: 'The body could not be read.',
  unknownInput: 'This field is not part of the API.',
  invalidCursor: 'Not a cursor this API returned: use the next link of the previous page.',
  fieldRules: FIELD_RULES,
  noAccessToken: 'A bearer token is required.',
  invalidAccessToken: 'The bearer token is not valid.',
  roleMayNotUse: (role) => `Your role (${role}) may not use this endpoint.`,
  roleMayNotReport: (role, event) => `Your role (${role}) may not report “${event}”.`,
  noCase: (caseId) => `There is no case ${caseId}, or you have no access to it.`,
  noQuery: (queryId) => `There is no status query ${queryId} for your office.`,
  noResource: 'There is no such resource.',
  bodyTooLarge: 'The body exceeds the size limit.',
  unsupportedMediaType: 'The body must be application/json.',
  idempotencyKeyReused: 'This Idempotency-Key was already used with a different body.',
  eventNotApplicable: 'The event does not apply to the case now.',
  tooManyRequests: 'Too many requests from your account; wait a minute and try again.',
  unavailable:
    'The case service is unavailable for a moment (Temporal or its worker did not answer in time); try again later.',
  internal: 'Something went wrong on our side; the trace id identifies the error in the logs.',
  caseStillRunning: 'A case can be erased only once it has ended; this one is still running.',
  erasureTooEarly: (days, from) =>
    `A case may be erased only ${days} days after it ended; its erasure may be requested from ${from}.`,
  erasureNotRequested:
    'No erasure of this case is waiting for confirmation: an administrator requests it first, then a second administrator confirms it.',
  secondAdminRequired: 'You requested this erasure: a second administrator must confirm it.',
  statisticsYearOpen: (year, from) =>
    `The statistics of ${year} are published once the year is closed, from ${from}, and do not change after.`,
  codec: {
    crossOrigin: 'Cross-origin requests are allowed only from the Temporal Web UI.',
    notFromWebUi: 'Requests are allowed only from the Temporal Web UI.',
    roles: 'Only the Immigration Office and administrators may use the codec.',
    unknownKey: (keyId) => `A payload names a key (${keyId}) that is not configured, or does not decrypt with it.`,
    erased: 'This case was erased: its data key was destroyed, and its data can no longer be read.',
    failed: 'The codec failed.',
  },
};
