import type { ISSUE_LOCATIONS } from '../domain/schemas/api';

/**
 * The API's problem types: the belgif REST guide's standard ones (https://www.belgif.be/specification/rest/api-guide/,
 * "Error handling"), and this service's own where the guide has none, named `urn:problem-type:victim-case:<type>`.
 * `title` stays English, as the guide wants; `detail` follows Accept-Language.
 */
const BELGIF_DOCS = 'https://www.belgif.be/specification/rest/api-guide';

const belgif = (name: string, status: number, title: string) => ({
  status,
  type: `urn:problem-type:belgif:${name}`,
  href: `${BELGIF_DOCS}/problems/${name}.html`,
  title,
});
const own = (name: string, status: number, title: string) => ({
  status,
  type: `urn:problem-type:victim-case:${name}`,
  title,
});

export const PROBLEM_TYPES = {
  badRequest: belgif('badRequest', 400, 'Bad Request'),
  noAccessToken: belgif('noAccessToken', 401, 'No Access Token'),
  invalidAccessToken: belgif('invalidAccessToken', 401, 'Invalid Access Token'),
  missingPermission: belgif('missingPermission', 403, 'Missing Permission'),
  resourceNotFound: belgif('resourceNotFound', 404, 'Resource Not Found'),
  payloadTooLarge: belgif('payloadTooLarge', 413, 'Payload Too Large'),
  tooManyRequests: belgif('tooManyRequests', 429, 'Too Many Requests'),
  internalServerError: belgif('internalServerError', 500, 'Internal Server Error'),
  serviceUnavailable: belgif('serviceUnavailable', 503, 'Service is unavailable'),
  eventNotApplicable: own('eventNotApplicable', 409, 'Event Not Applicable'),
  unsupportedMediaType: own('unsupportedMediaType', 415, 'Unsupported Media Type'),
  idempotencyKeyReused: own('idempotencyKeyReused', 422, 'Idempotency Key Reused'),
  unknownPayloadKey: own('unknownPayloadKey', 422, 'Unknown Payload Key'),
  caseStillRunning: own('caseStillRunning', 409, 'Case Still Running'),
  caseErased: own('caseErased', 410, 'Case Erased'),
} as const;
export type ProblemKind = keyof typeof PROBLEM_TYPES;

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
} as const;
export type IssueKind = keyof typeof ISSUE_TYPES;
export type IssueLocation = (typeof ISSUE_LOCATIONS)[number];
