import type { IssueKind, ProblemKind } from '../cases/problems';

/**
 * The API's problem types: the belgif REST guide's standard ones (https://www.belgif.be/specification/rest/api-guide/,
 * "Error handling"), and this service's own where the guide has none, named `urn:problem-type:victim-case:<type>`.
 * `title` stays English, as the guide wants; `detail` follows Accept-Language.
 */
const BELGIF_DOCS = 'https://www.belgif.be/specification/rest/api-guide';

const belgif = (name: string, title: string) => ({
  type: `urn:problem-type:belgif:${name}`,
  href: `${BELGIF_DOCS}/problems/${name}.html`,
  title,
});
const own = (name: string, title: string) => ({
  type: `urn:problem-type:victim-case:${name}`,
  title,
});

export const PROBLEM_TYPES = {
  badRequest: belgif('badRequest', 'Bad Request'),
  noAccessToken: belgif('noAccessToken', 'No Access Token'),
  invalidAccessToken: belgif('invalidAccessToken', 'Invalid Access Token'),
  missingPermission: belgif('missingPermission', 'Missing Permission'),
  resourceNotFound: belgif('resourceNotFound', 'Resource Not Found'),
  payloadTooLarge: belgif('payloadTooLarge', 'Payload Too Large'),
  tooManyRequests: belgif('tooManyRequests', 'Too Many Requests'),
  internalServerError: belgif('internalServerError', 'Internal Server Error'),
  serviceUnavailable: belgif('serviceUnavailable', 'Service is unavailable'),
  eventNotApplicable: own('eventNotApplicable', 'Event Not Applicable'),
  unsupportedMediaType: own('unsupportedMediaType', 'Unsupported Media Type'),
  idempotencyKeyReused: own('idempotencyKeyReused', 'Idempotency Key Reused'),
  unknownPayloadKey: own('unknownPayloadKey', 'Unknown Payload Key'),
  caseStillRunning: own('caseStillRunning', 'Case Still Running'),
  erasureTooEarly: own('erasureTooEarly', 'Erasure Not Yet Possible'),
  erasureNotRequested: own('erasureNotRequested', 'Erasure Not Requested'),
  secondAdminRequired: own('secondAdminRequired', 'Second Admin Required'),
  caseErased: own('caseErased', 'Case Erased'),
  statisticsYearOpen: own('statisticsYearOpen', 'Statistics Year Not Yet Published'),
} as const satisfies Record<ProblemKind, { type: string; title: string }>;

/** The guide's input-validation issue types of a 400's `issues`. */
export const ISSUE_TYPES = {
  schemaViolation: {
    type: 'urn:problem-type:belgif:input-validation:schemaViolation',
    href: `${BELGIF_DOCS}/issues/schemaViolation.html`,
    title: "Input isn't valid with respect to schema",
  },
  unknownInput: {
    type: 'urn:problem-type:belgif:input-validation:unknownInput',
    href: `${BELGIF_DOCS}/issues/unknownInput.html`,
    title: 'Unknown input',
  },
  invalidInput: {
    type: 'urn:problem-type:belgif:input-validation:invalidInput',
    href: `${BELGIF_DOCS}/issues/invalidInput.html`,
    title: 'Invalid input',
  },
} as const satisfies Record<IssueKind, { type: string; href: string; title: string }>;
