import {
  OpenApiGeneratorV3,
  OpenApiGeneratorV31,
  OpenAPIRegistry,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  caseErasureSchema,
  caseIdSchema,
  caseListQuerySchema,
  caseListSchema,
  idempotencyHeaderSchema,
  inputValidationProblemSchema,
  problemSchema,
  queryIdSchema,
  refusalProblemSchema,
} from '../domain/schemas/api';
import {
  caseImportSchema,
  caseOpeningSchema,
  caseStatusSchema,
  prosecutorQueryListSchema,
} from '../domain/schemas/case';
import {
  feedIdSchema,
  feedListSchema,
  feedRequestSchema,
  feedSecretSchema,
  issuedFeedSchema,
} from '../domain/schemas/calendar-feeds';
import { caseEventSchema, statusQueryAnswerSchema } from '../domain/schemas/events';
import {
  statisticsQuerySchema,
  statisticsSchema,
  statusQueryReportQuerySchema,
  statusQueryReportSchema,
} from '../domain/schemas/statistics';

const problemContent = (schema: z.ZodType) => ({ 'application/problem+json': { schema } });
const problem = (description: string, schema: z.ZodType = problemSchema) => ({
  description,
  content: problemContent(schema),
});
const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

const codecBody = z
  .object({
    payloads: z.array(z.object({ metadata: z.record(z.string(), z.string()).optional(), data: z.string().optional() })),
  })
  .meta({
    id: 'CodecPayloads',
    description: 'Payloads as the Temporal Web UI sends them: base64 data and metadata values',
  });

const INVALID = problem(
  'Invalid request (urn:problem-type:belgif:badRequest): every wrong input is one of `issues`; a value that cannot open a case carries a `code`',
  inputValidationProblemSchema,
);
/** What any operation may answer besides its own (the guide's default response is the Problem). */
const ANY = {
  429: problem('Too many requests from this principal (urn:problem-type:belgif:tooManyRequests)'),
  500: problem('An error of the service (urn:problem-type:belgif:internalServerError); the trace id identifies it'),
  503: problem('Temporal or its worker is unavailable; retry later (urn:problem-type:belgif:serviceUnavailable)'),
  default: problem('Any other problem'),
};
const COMMON = {
  400: INVALID,
  401: problem(
    'No bearer token (urn:problem-type:belgif:noAccessToken), or one that is not valid (urn:problem-type:belgif:invalidAccessToken)',
  ),
  403: problem("The principal's role may not do this (urn:problem-type:belgif:missingPermission)"),
  ...ANY,
};
/** Responses of every operation that reads a body. */
const BODY = { 413: problem('The body exceeds the size limit (urn:problem-type:belgif:payloadTooLarge)') };
const NOT_FOUND = (what: string) => ({ 404: problem(`${what} (urn:problem-type:belgif:resourceNotFound)`) });
const NOT_APPLICABLE = (what: string) => ({
  409: problem(
    `${what} (urn:problem-type:victim-case:eventNotApplicable): \`detail\` says why, \`code\` names the rule`,
    refusalProblemSchema,
  ),
});
const KEY_REUSED = {
  422: problem(
    'The Idempotency-Key was used with a different body (urn:problem-type:victim-case:idempotencyKeyReused)',
  ),
};

/** A POST that creates a case: 201 with its status and Location, 200 for a retry with the same Idempotency-Key. */
const caseCreated = (verb: 'opened' | 'imported') => ({
  201: {
    ...json(caseStatusSchema, `The case was ${verb}; its status as of today`),
    headers: { Location: { description: 'The new case', schema: { type: 'string' as const } } },
  },
  200: json(caseStatusSchema, `The same Idempotency-Key ${verb} this case before`),
  ...COMMON,
  ...BODY,
  ...KEY_REUSED,
});

const TAGS = [
  { name: 'Cases', description: 'Cases of the special residence procedure: opened by a centre, followed by everyone' },
  {
    name: 'Status queries',
    description: "The Immigration Office's status queries, answered by the prosecutor's office",
  },
  { name: 'Statistics', description: 'Figures that identify nobody, for the annual reports' },
  { name: 'Calendars', description: 'Deadline calendars a calendar program subscribes to, issued by an admin' },
  { name: 'Codec', description: "The Temporal Web UI's remote codec: read-only decoding for the Immigration Office" },
  { name: 'Monitoring', description: 'Health, liveness and readiness' },
] as const;
type Tag = (typeof TAGS)[number]['name'];

/** Every operation: an operationId, one tag, a summary and a description, as the linters and the guide want. */
type Operation = RouteConfig & { operationId: string; tags: [Tag]; description: string };

const MONITORING = { tags: ['Monitoring'] as [Tag], security: [] };
const noQueryParameters = {
  400: problem('A query parameter was given: these endpoints take none', inputValidationProblemSchema),
};

const ROUTES: Operation[] = [
  {
    method: 'post',
    path: '/v1/cases',
    operationId: 'openCase',
    tags: ['Cases'],
    summary: 'Open a case',
    description:
      'A specialised centre opens a case after the intake interview. The reflection period starts on `openedOn`; the Immigration Office is told. Retry with the same Idempotency-Key to get the same case.',
    request: {
      headers: idempotencyHeaderSchema,
      body: { required: true, content: { 'application/json': { schema: caseOpeningSchema } } },
    },
    responses: caseCreated('opened'),
  },
  {
    method: 'post',
    path: '/v1/cases/import',
    operationId: 'importCase',
    tags: ['Cases'],
    summary: 'Bring in a running case',
    description:
      'The Immigration Office or an administrator brings in a running case with its earlier events. They are applied as of their dates, with the clocks running in between; nothing of the past is mailed. An open status query is sent again to its office; the Immigration Office and the centre are told of the import.',
    request: {
      headers: idempotencyHeaderSchema,
      body: { required: true, content: { 'application/json': { schema: caseImportSchema } } },
    },
    responses: caseCreated('imported'),
  },
  {
    method: 'get',
    path: '/v1/cases',
    operationId: 'listCases',
    tags: ['Cases'],
    summary: 'List cases',
    description:
      'The cases visible to the principal (a centre sees its own, a prosecutor’s office those it was queried on), filtered, a page at a time: follow `next` for the next page.',
    request: { query: caseListQuerySchema },
    responses: { 200: json(caseListSchema, 'A page of cases'), ...COMMON },
  },
  {
    method: 'get',
    path: '/v1/cases/{caseId}',
    operationId: 'getCase',
    tags: ['Cases'],
    summary: 'The status of a case',
    description: 'Stage, document, deadlines, open query and history of one case, as of today.',
    request: { params: z.object({ caseId: caseIdSchema }) },
    responses: {
      200: json(caseStatusSchema, 'The case status'),
      ...COMMON,
      ...NOT_FOUND('No such case visible to the principal'),
    },
  },
  {
    method: 'post',
    path: '/v1/cases/{caseId}/events',
    operationId: 'recordCaseEvent',
    tags: ['Cases'],
    summary: 'Record an event of the procedure',
    description:
      'An event of CONTRACT.md, reported by the role it belongs to. The case applies it, re-plans its deadlines and mails who must know; an event that does not apply now is a 409 naming the rule.',
    request: {
      params: z.object({ caseId: caseIdSchema }),
      headers: idempotencyHeaderSchema,
      body: { required: true, content: { 'application/json': { schema: caseEventSchema } } },
    },
    responses: {
      200: json(caseStatusSchema, 'The event applied; the new status'),
      ...COMMON,
      ...BODY,
      ...NOT_FOUND('No such case visible to the principal'),
      ...NOT_APPLICABLE('The event does not apply to the case now'),
    },
  },
  {
    method: 'get',
    path: '/v1/prosecutor/queries',
    operationId: 'listStatusQueries',
    tags: ['Status queries'],
    summary: "The open status queries of the prosecutor's office",
    description:
      'The queries the Immigration Office sent to the office of the signed-in prosecutor, soonest reply first.',
    responses: {
      200: json(prosecutorQueryListSchema, 'Open queries, soonest reply first'),
      ...COMMON,
    },
  },
  {
    method: 'post',
    path: '/v1/prosecutor/queries/{queryId}/answer',
    operationId: 'answerStatusQuery',
    tags: ['Status queries'],
    summary: 'Answer a status query',
    description:
      'The prosecutor’s office answers the two questions of the status query (and the conditions of stage 3); the Immigration Office decides on the document with it.',
    request: {
      params: z.object({ queryId: queryIdSchema }),
      headers: idempotencyHeaderSchema,
      body: { required: true, content: { 'application/json': { schema: statusQueryAnswerSchema } } },
    },
    responses: {
      200: json(caseStatusSchema, 'The answer applied; the new status'),
      ...COMMON,
      ...BODY,
      ...NOT_FOUND('No such query visible to the office'),
      ...NOT_APPLICABLE('The query was already answered or is closed'),
    },
  },
  {
    method: 'post',
    path: '/v1/cases/{caseId}/erasure',
    operationId: 'eraseCase',
    tags: ['Cases'],
    summary: 'Erase a case that ended',
    description:
      "For admins. Destroys the case's data key, so no copy of its history (in Temporal, in backups, in exports) can be read any more, then deletes its runs from Temporal. Only a case that has ended; a repeated erasure answers what was done. The statistics stay as they were: they never held the case.",
    request: { params: z.object({ caseId: caseIdSchema }) },
    responses: {
      200: json(caseErasureSchema, 'What was erased'),
      ...COMMON,
      ...NOT_FOUND('No such case'),
      409: problem('The case is still running (urn:problem-type:victim-case:caseStillRunning)'),
    },
  },
  {
    method: 'get',
    path: '/v1/statistics',
    operationId: 'getStatistics',
    tags: ['Statistics'],
    summary: 'The statistics of a year',
    description:
      'Cases opened, documents issued by type and outcomes, each counted in the year it happened, with the median days from opening to complaint and from complaint to identification; optionally broken down by centre, track or exploitation. Read from the statistics store, never from the cases, so the figures stay when cases are deleted. A count under k is hidden (null, `x` in CSV), with enough beside it that it cannot be worked out. `Accept: text/csv` for a CSV file.',
    request: { query: statisticsQuerySchema },
    responses: {
      200: {
        description: 'The figures',
        content: {
          'application/json': { schema: statisticsSchema },
          'text/csv': {
            schema: z.string().meta({ description: 'measure,group,category,count; x for a hidden count' }),
          },
        },
      },
      ...COMMON,
    },
  },
  {
    method: 'get',
    path: '/v1/reports/status-queries',
    operationId: 'getStatusQueryReport',
    tags: ['Statistics'],
    summary: "The prosecutors' response times",
    description:
      "Per office and year: status queries sent, answered by the office's deadline or late, escalated to the Principal Crown Prosecutor, closed unanswered, and the median and 90th percentile of days to answer. For the Immigration Office and admins (every office) and a Principal Crown Prosecutor (the offices of its court of appeal). From the statistics store.",
    request: { query: statusQueryReportQuerySchema },
    responses: { 200: json(statusQueryReportSchema, 'The response times'), ...COMMON },
  },
  {
    method: 'post',
    path: '/v1/calendar-feeds',
    operationId: 'issueCalendarFeed',
    tags: ['Calendars'],
    summary: 'Issue a deadline calendar',
    description:
      "An admin issues a calendar feed for a centre, a prosecutor's office or the Immigration Office. The answer's `url` holds a long random secret, shown this once: hand it to the subscriber, who adds it to a calendar program.",
    request: { body: { required: true, content: { 'application/json': { schema: feedRequestSchema } } } },
    responses: {
      201: {
        ...json(issuedFeedSchema, 'The feed, with its address'),
        headers: { Location: { description: 'The feed', schema: { type: 'string' as const } } },
      },
      ...COMMON,
      ...BODY,
    },
  },
  {
    method: 'get',
    path: '/v1/calendar-feeds',
    operationId: 'listCalendarFeeds',
    tags: ['Calendars'],
    summary: 'List the deadline calendars',
    description: 'Every feed issued, live or revoked, without its secret.',
    responses: { 200: json(feedListSchema, 'The feeds'), ...COMMON },
  },
  {
    method: 'post',
    path: '/v1/calendar-feeds/{feedId}/reissue',
    operationId: 'reissueCalendarFeed',
    tags: ['Calendars'],
    summary: 'Give a deadline calendar a new secret',
    description: 'The old address stops at once; the answer holds the new one.',
    request: { params: z.object({ feedId: feedIdSchema }) },
    responses: {
      200: json(issuedFeedSchema, 'The feed, with its new address'),
      ...COMMON,
      ...NOT_FOUND('No such live feed'),
    },
  },
  {
    method: 'delete',
    path: '/v1/calendar-feeds/{feedId}',
    operationId: 'revokeCalendarFeed',
    tags: ['Calendars'],
    summary: 'Revoke a deadline calendar',
    description: 'Its address stops at once, for every API process.',
    request: { params: z.object({ feedId: feedIdSchema }) },
    responses: { 204: { description: 'Revoked' }, ...COMMON, ...NOT_FOUND('No such live feed') },
  },
  {
    method: 'get',
    path: '/calendars/{secret}',
    operationId: 'getDeadlineCalendar',
    tags: ['Calendars'],
    summary: 'A deadline calendar (iCalendar)',
    description:
      "The subscriber's deadlines as all-day events (RFC 5545), in neutral words: the step and the case reference. Each event's UID stays the same and its SEQUENCE grows, so a moved deadline moves in the calendar. The secret in the address is the only credential.",
    security: [],
    request: { params: z.object({ secret: feedSecretSchema }) },
    responses: {
      200: {
        description: 'The calendar',
        content: { 'text/calendar': { schema: z.string().meta({ description: 'An iCalendar file (RFC 5545)' }) } },
      },
      ...noQueryParameters,
      ...NOT_FOUND('No live feed has this secret'),
      ...ANY,
    },
  },
  ...(['encode', 'decode'] as const).map((op): Operation => ({
    method: 'post',
    path: `/codec/${op}`,
    operationId: `${op}Payloads`,
    tags: ['Codec'],
    summary: `Temporal Web UI remote codec: ${op} payloads`,
    description: `For the Temporal Web UI of the Immigration Office and administrators: ${op}s the payloads it shows; every decode is audited.`,
    request: { body: { required: true, content: { 'application/json': { schema: codecBody } } } },
    responses: {
      200: json(codecBody, `The ${op}d payloads`),
      400: INVALID,
      401: COMMON[401],
      403: COMMON[403],
      ...BODY,
      415: problem('The body is not application/json (urn:problem-type:victim-case:unsupportedMediaType)'),
      422: problem(
        'A payload names a key that is not configured, or does not decrypt with it (urn:problem-type:victim-case:unknownPayloadKey)',
      ),
      ...ANY,
    },
  })),
  {
    method: 'get',
    path: '/health',
    operationId: 'checkHealth',
    ...MONITORING,
    summary: 'Check health of the service',
    description: 'The guide’s health resource: UP when Temporal answers, DOWN (503) when it does not.',
    responses: {
      200: json(z.object({ status: z.literal('UP') }).meta({ id: 'HealthUp' }), 'Up'),
      ...noQueryParameters,
      503: json(z.object({ status: z.literal('DOWN') }).meta({ id: 'HealthDown' }), 'Down: Temporal is not reachable'),
      default: ANY.default,
    },
  },
  {
    method: 'get',
    path: '/healthz',
    operationId: 'checkLiveness',
    ...MONITORING,
    summary: 'Liveness',
    description: 'The process is alive (for an orchestrator’s liveness probe).',
    responses: {
      200: json(z.object({ status: z.literal('ok') }), 'The process is alive'),
      ...noQueryParameters,
      default: ANY.default,
    },
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'checkReadiness',
    ...MONITORING,
    summary: 'Readiness',
    description: 'Temporal answers (for an orchestrator’s readiness probe).',
    responses: {
      200: json(z.object({ status: z.literal('ready') }), 'Ready'),
      ...noQueryParameters,
      503: ANY[503],
      default: ANY.default,
    },
  },
];

const INFO = {
  title: 'Victim case orchestration API',
  version: '1.0.0',
  description:
    "Cases of the special residence procedure (Belgium). Centres open cases and report events; the Immigration Office and prosecutors' offices report theirs and answer status queries. The API follows the belgif REST guide: errors are application/problem+json with the guide's problem types, a refusal carries a stable `code`, `detail` follows Accept-Language (nl-BE, fr-BE, de-BE, en; English by default, said in Content-Language), and every response carries a BelGov-Trace-Id.",
  contact: { name: 'Victim case orchestration service' },
  license: { name: 'Proprietary: for the Belgian administrations and centres it serves', url: 'https://www.belgif.be' },
};

function registry(): OpenAPIRegistry {
  const r = new OpenAPIRegistry();
  const bearer = r.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  for (const route of ROUTES) r.registerPath({ security: [{ [bearer.name]: [] }], ...route });
  return r;
}
const config = (openapi: string, serverUrl: string) => ({
  openapi,
  info: INFO,
  servers: [{ url: serverUrl.replace(/\/+$/, ''), description: 'This API (PUBLIC_BASE_URL)' }],
  tags: [...TAGS],
});
const LOCAL = 'http://localhost:3000';

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function openApiDocument(serverUrl = LOCAL): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  return new OpenApiGeneratorV31(registry().definitions).generateDocument(config('3.1.0', serverUrl));
}

/** The same document in OpenAPI 3.0, for the tools that read only 3.0 (the belgif guide's validator among them). */
export function openApi30Document(serverUrl = LOCAL): ReturnType<OpenApiGeneratorV3['generateDocument']> {
  return new OpenApiGeneratorV3(registry().definitions).generateDocument(config('3.0.3', serverUrl));
}

/** Paths the document describes, as express patterns, for the test that keeps routes and document in step. */
export const DOCUMENTED_ROUTES = ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`);
