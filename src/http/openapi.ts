import {
  OpenApiGeneratorV3,
  OpenApiGeneratorV31,
  OpenAPIRegistry,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { inputValidationProblemSchema, problemSchema, refusalProblemSchema } from '../domain/schemas/api';

/**
 * The API's OpenAPI document: the responses its operations share, and the document's assembly. Each operation is
 * registered beside its route (`document*` in routes/*, codec-router.ts), so route and description change together.
 */

const problemContent = (schema: z.ZodType) => ({ 'application/problem+json': { schema } });
export const problem = (description: string, schema: z.ZodType = problemSchema) => ({
  description,
  content: problemContent(schema),
});
export const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const INVALID = problem(
  'Invalid request (urn:problem-type:belgif:badRequest): every wrong input is one of `issues`; a value that cannot open a case carries a `code`',
  inputValidationProblemSchema,
);
/** What any operation may answer besides its own (the guide's default response is the Problem). */
export const ANY = {
  429: problem('Too many requests from this principal (urn:problem-type:belgif:tooManyRequests)'),
  500: problem('An error of the service (urn:problem-type:belgif:internalServerError); the trace id identifies it'),
  503: problem('Temporal or its worker is unavailable; retry later (urn:problem-type:belgif:serviceUnavailable)'),
  default: problem('Any other problem'),
};
export const COMMON = {
  400: INVALID,
  401: problem(
    'No bearer token (urn:problem-type:belgif:noAccessToken), or one that is not valid (urn:problem-type:belgif:invalidAccessToken)',
  ),
  403: problem("The principal's role may not do this (urn:problem-type:belgif:missingPermission)"),
  ...ANY,
};
/** Responses of every operation that reads a body. */
export const BODY = { 413: problem('The body exceeds the size limit (urn:problem-type:belgif:payloadTooLarge)') };
export const NOT_FOUND = (what: string) => ({ 404: problem(`${what} (urn:problem-type:belgif:resourceNotFound)`) });
export const NOT_APPLICABLE = (what: string) => ({
  409: problem(
    `${what} (urn:problem-type:victim-case:eventNotApplicable): \`detail\` says why, \`code\` names the rule`,
    refusalProblemSchema,
  ),
});
export const KEY_REUSED = {
  422: problem(
    'The Idempotency-Key was used with a different body (urn:problem-type:victim-case:idempotencyKeyReused)',
  ),
};

const TAGS = [
  { name: 'Cases', description: 'Cases of the special residence procedure: opened by a centre, followed by everyone' },
  {
    name: 'Status queries',
    description: "The Immigration Office's status queries, answered by the prosecutor's office",
  },
  { name: 'Tasks', description: 'What waits for a centre, a prosecutor’s office or the Immigration Office, by when' },
  { name: 'Statistics', description: 'Figures that identify nobody, for the annual reports' },
  { name: 'Calendars', description: 'Deadline calendars a calendar program subscribes to, issued by an admin' },
  { name: 'Codec', description: "The Temporal Web UI's remote codec: read-only decoding for the Immigration Office" },
  { name: 'Monitoring', description: 'Health, liveness and readiness' },
] as const;
export type Tag = (typeof TAGS)[number]['name'];

/** Every operation: an operationId, one tag, a summary and a description, as the linters and the guide want. */
export type Operation = RouteConfig & { operationId: string; tags: [Tag]; description: string };

export const NO_QUERY_PARAMETERS = {
  400: problem('A query parameter was given: these endpoints take none', inputValidationProblemSchema),
};

/** Where the operations are registered: each route module registers its own (the bearer token unless it says not). */
export interface ApiDocument {
  registerPath(operation: Operation): void;
}
/** A part of the API that describes its own operations. */
export type DocumentedPart = (api: ApiDocument) => void;

const INFO = {
  title: 'Victim case orchestration API',
  version: '1.0.0',
  description:
    "Cases of the special residence procedure (Belgium). Centres open cases and report events; the Immigration Office and prosecutors' offices report theirs and answer status queries. The API follows the belgif REST guide: errors are application/problem+json with the guide's problem types, a refusal carries a stable `code`, `detail` follows Accept-Language (nl-BE, fr-BE, de-BE, en; English by default, said in Content-Language), and every response carries a BelGov-Trace-Id.",
  contact: { name: 'Victim case orchestration service' },
  license: { name: 'Proprietary: for the Belgian administrations and centres it serves', url: 'https://www.belgif.be' },
};

function registry(parts: readonly DocumentedPart[]): OpenAPIRegistry {
  const r = new OpenAPIRegistry();
  const bearer = r.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  const api = {
    registerPath: (operation: Operation) => r.registerPath({ security: [{ [bearer.name]: [] }], ...operation }),
  };
  for (const part of parts) part(api);
  return r;
}
const config = (openapi: string, serverUrl: string) => ({
  openapi,
  info: INFO,
  servers: [{ url: serverUrl.replace(/\/+$/, ''), description: 'This API (PUBLIC_BASE_URL)' }],
  tags: [...TAGS],
});
const LOCAL = 'http://localhost:3000';

/** The OpenAPI 3.1 document of the parts, generated from the same zod schemas that validate requests. */
export function assembleOpenApi31(
  parts: readonly DocumentedPart[],
  serverUrl = LOCAL,
): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  return new OpenApiGeneratorV31(registry(parts).definitions).generateDocument(config('3.1.0', serverUrl));
}

/** The same document in OpenAPI 3.0, for the tools that read only 3.0 (the belgif guide's validator among them). */
export function assembleOpenApi30(
  parts: readonly DocumentedPart[],
  serverUrl = LOCAL,
): ReturnType<OpenApiGeneratorV3['generateDocument']> {
  return new OpenApiGeneratorV3(registry(parts).definitions).generateDocument(config('3.0.3', serverUrl));
}
