import { OpenApiGeneratorV31, OpenAPIRegistry, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  caseIdSchema,
  caseListQuerySchema,
  caseListSchema,
  idempotencyHeaderSchema,
  problemSchema,
  queryIdSchema,
} from '../domain/schemas/api';
import {
  caseImportSchema,
  caseOpeningSchema,
  caseStatusSchema,
  prosecutorQueryViewSchema,
} from '../domain/schemas/case';
import { caseEventSchema, statusQueryAnswerSchema } from '../domain/schemas/events';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
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

const COMMON = {
  400: problem(
    'Invalid request: every invalid field is listed in invalidParams; values that cannot open a case carry a code',
  ),
  401: problem('No or unknown bearer token'),
  403: problem("The principal's role may not do this"),
  429: problem('Too many requests from this principal'),
  503: problem('Temporal or its worker is unavailable; retry later'),
};
/** Responses of every operation that reads a body. */
const BODY = { 413: problem('The body exceeds the size limit') };

/** A POST that creates a case: 201 with its status and Location, 200 for a retry with the same Idempotency-Key. */
const caseCreated = (verb: 'opened' | 'imported') => ({
  201: {
    ...json(caseStatusSchema, `The case was ${verb}; its status as of today`),
    headers: { Location: { schema: { type: 'string' as const } } },
  },
  200: json(caseStatusSchema, `The same Idempotency-Key ${verb} this case before`),
  ...COMMON,
  ...BODY,
  422: problem('The Idempotency-Key was used with a different body'),
});

const ROUTES: RouteConfig[] = [
  {
    method: 'post',
    path: '/v1/cases',
    summary: 'Open a case (a specialised centre, after the intake interview)',
    request: {
      headers: idempotencyHeaderSchema,
      body: { content: { 'application/json': { schema: caseOpeningSchema } } },
    },
    responses: caseCreated('opened'),
  },
  {
    method: 'post',
    path: '/v1/cases/import',
    summary: 'Bring in a running case with its earlier events (Immigration Office, admin)',
    description:
      'The earlier events are applied as of their dates, with the clocks running in between; nothing of the past is mailed. An open status query is sent again to its office; the Immigration Office and the centre are told of the import.',
    request: {
      headers: idempotencyHeaderSchema,
      body: { content: { 'application/json': { schema: caseImportSchema } } },
    },
    responses: caseCreated('imported'),
  },
  {
    method: 'get',
    path: '/v1/cases',
    summary: 'List cases visible to the principal (a centre sees its own)',
    request: { query: caseListQuerySchema },
    responses: { 200: json(caseListSchema, 'A page of cases'), ...COMMON },
  },
  {
    method: 'get',
    path: '/v1/cases/{caseId}',
    summary: 'The status of a case',
    request: { params: z.object({ caseId: caseIdSchema }) },
    responses: {
      200: json(caseStatusSchema, 'The case status'),
      ...COMMON,
      404: problem('No such case visible to the principal'),
    },
  },
  {
    method: 'post',
    path: '/v1/cases/{caseId}/events',
    summary: 'Record an event of the procedure',
    request: {
      params: z.object({ caseId: caseIdSchema }),
      headers: idempotencyHeaderSchema,
      body: { content: { 'application/json': { schema: caseEventSchema } } },
    },
    responses: {
      200: json(caseStatusSchema, 'The event applied; the new status'),
      ...COMMON,
      ...BODY,
      404: problem('No such case visible to the principal'),
      409: problem('The event does not apply to the case now; detail says why, code names the rule'),
    },
  },
  {
    method: 'get',
    path: '/v1/prosecutor/queries',
    summary: "The open status queries addressed to the prosecutor's office",
    responses: {
      200: json(z.object({ items: z.array(prosecutorQueryViewSchema) }), 'Open queries, soonest reply first'),
      ...COMMON,
    },
  },
  {
    method: 'post',
    path: '/v1/prosecutor/queries/{queryId}/answer',
    summary: 'Answer a status query',
    request: {
      params: z.object({ queryId: queryIdSchema }),
      headers: idempotencyHeaderSchema,
      body: { content: { 'application/json': { schema: statusQueryAnswerSchema } } },
    },
    responses: {
      200: json(caseStatusSchema, 'The answer applied; the new status'),
      ...COMMON,
      ...BODY,
      404: problem('No such query visible to the office'),
      409: problem('The query was already answered or is closed'),
    },
  },
  ...(['encode', 'decode'] as const).map((op): RouteConfig => ({
    method: 'post',
    path: `/codec/${op}`,
    summary: `Temporal Web UI remote codec: ${op} payloads (Immigration Office, admin)`,
    request: { body: { content: { 'application/json': { schema: codecBody } } } },
    responses: {
      200: json(codecBody, `The ${op}d payloads`),
      400: problem('The body is not { payloads: [...] } with base64 data and metadata'),
      401: COMMON[401],
      403: COMMON[403],
      ...BODY,
      415: problem('The body is not application/json'),
      422: problem('A payload names a key that is not configured'),
    },
  })),
  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness',
    security: [],
    responses: { 200: json(z.object({ status: z.literal('ok') }), 'The process is alive') },
  },
  {
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: Temporal reachable',
    security: [],
    responses: {
      200: json(z.object({ status: z.literal('ready') }), 'Ready'),
      503: problem('Temporal is not reachable'),
    },
  },
];

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function openApiDocument(): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  for (const route of ROUTES) registry.registerPath({ security: [{ [bearer.name]: [] }], ...route });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Victim case orchestration API',
      version: '1.0.0',
      description:
        "Cases of the special residence procedure (Belgium). Centres open cases and report events; the Immigration Office and prosecutors' offices report theirs and answer status queries. Errors are application/problem+json; a refusal carries a stable `code`, and its `detail` follows Accept-Language (nl, fr, de, en; English by default), said in Content-Language.",
    },
    servers: [{ url: '/' }],
  });
}

/** Paths the document describes, as express patterns, for the test that keeps routes and document in step. */
export const DOCUMENTED_ROUTES = ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`);
