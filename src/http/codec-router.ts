import { isIPv4 } from 'node:net';
import type { Payload, PayloadCodec } from '@temporalio/common';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response, Router } from 'express';
import { z } from 'zod';
import { FIELD_RULES } from '../domain/schemas/field-rules';
import { isCiphertext } from '../crypto/aes-gcm-codec';
import { ErasedCaseKeyError } from '../crypto/case-keys';
import { PayloadDecryptionError, UnknownPayloadKeyError } from '../crypto/errors';
import { ServiceProblem, type ProblemKind, type Words } from '../cases/problems';
import { ANY, BODY, COMMON, INVALID, json, problem as problemResponse, type ApiDocument } from './openapi';
import { sendProblem } from './problem';
import { parseOr400 } from './validate';

export type CodecRole = 'centre' | 'prosecutor' | 'immigration-office' | 'admin';
export interface CodecPrincipal {
  id: string;
  role: CodecRole;
}

export interface CodecRouterOptions {
  codec: PayloadCodec;
  /** Receives the raw Authorization header; resolves to undefined for an unknown, malformed or expired token. */
  resolvePrincipal: (authorizationHeader: string | undefined, res: Response) => Promise<CodecPrincipal | undefined>;
  /** Told what a decode decrypted, as sent and as decrypted, before it answers (the audit names the case). */
  decoded?: (res: Response, ciphertexts: Payload[], plain: Payload[]) => Promise<void>;
  /** e.g. http://localhost:8233; the only origin given CORS headers or allowed to call at all from a browser. */
  webUiOrigin: string;
  /** Local dev stack only: its Web UI has no login, so it cannot send a token. */
  allowTokenlessLoopback: boolean;
}

const ALLOWED_ROLES: ReadonlySet<CodecRole> = new Set(['immigration-office', 'admin']);
// Authorization-Extras: the Web UI adds it (an id token) when it has a login; without it in the list the preflight fails.
const ALLOWED_HEADERS = 'Authorization, Authorization-Extras, Content-Type, X-Namespace';

// Proto3 JSON bytes: standard or URL-safe base64, padding optional.
const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, FIELD_RULES.base64);
const bodySchema = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).nullish(), data: base64.nullish() })),
});
type JsonPayload = z.infer<typeof bodySchema>['payloads'][number];

const fromJson = ({ metadata, data }: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(data ?? '', 'base64'),
});

const toJson = ({ metadata, data }: Payload): { metadata: Record<string, string>; data: string } => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(data ?? new Uint8Array()).toString('base64'),
});

/** Every codec answer that is not a payload list is the API's problem response (problem.ts). */
const problem = (res: Response, kind: ProblemKind, words: Words): void =>
  sendProblem(res, new ServiceProblem(kind, words));

function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || (isIPv4(v4) && v4.startsWith('127.'));
}

// Behind a reverse proxy on the same host every request arrives from loopback; a forwarding header betrays that.
const viaProxy = (req: Request): boolean =>
  req.headers['forwarded'] !== undefined ||
  req.headers['x-forwarded-for'] !== undefined ||
  req.headers['x-real-ip'] !== undefined;

export function createCodecRouter(opts: CodecRouterOptions): Router {
  const webUiOrigin = new URL(opts.webUiOrigin).origin; // tolerate a trailing slash in configuration
  const router = Router();

  const cors: RequestHandler = (req, res, next) => {
    res.vary('Origin');
    // Decrypted case data must not linger in browser or proxy caches.
    res.set('Cache-Control', 'no-store');
    const fromWebUi = req.headers.origin === webUiOrigin;
    if (fromWebUi) {
      res.set('Access-Control-Allow-Origin', webUiOrigin);
      // The Web UI's "include cross-origin credentials" option needs this; we authenticate by header, not cookie.
      res.set('Access-Control-Allow-Credentials', 'true');
    }
    if (req.method !== 'OPTIONS') return next();
    if (!fromWebUi) return problem(res, 'missingPermission', (p) => p.problems.codec.crossOrigin);
    res.set('Access-Control-Allow-Methods', 'POST');
    res.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.set('Access-Control-Max-Age', '600');
    res.status(204).end();
  };

  const authorise: RequestHandler = async (req, res, next) => {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== webUiOrigin) {
      return problem(res, 'missingPermission', (p) => p.problems.codec.notFromWebUi);
    }
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const principal = await opts.resolvePrincipal(authorization, res);
      if (!principal) return problem(res, 'invalidAccessToken', (p) => p.problems.invalidAccessToken);
      if (!ALLOWED_ROLES.has(principal.role)) {
        return problem(res, 'missingPermission', (p) => p.problems.codec.roles);
      }
      return next();
    }
    // Tokenless: a browser on this machine showing the Web UI. Origin is required because any page the browser
    // visits can reach loopback; only the Web UI's own page carries its origin.
    if (
      opts.allowTokenlessLoopback &&
      origin === webUiOrigin &&
      isLoopback(req.socket.remoteAddress) &&
      !viaProxy(req)
    ) {
      return next();
    }
    problem(res, 'noAccessToken', (p) => p.problems.noAccessToken);
  };

  const decode: RequestHandler = async (req, res) => {
    if (req.is('application/json') === false) {
      return problem(res, 'unsupportedMediaType', (p) => p.problems.unsupportedMediaType);
    }
    const given = parseOr400(bodySchema, req.body, 'body').payloads.map(fromJson);
    const result = await opts.codec.decode(given);
    // Only what was decrypted says which case it is: a payload sent in clear comes back as it was, caller's words.
    const decrypted = given.map((p, i) => [p, result[i]!] as const).filter(([p]) => isCiphertext(p));
    await opts.decoded?.(
      res,
      decrypted.map(([p]) => p),
      decrypted.map(([, plain]) => plain),
    );
    res.json({ payloads: result.map(toJson) });
  };

  // Never echo the error's own message: body-parser's quotes the request body, which may be case data.
  const errors: ErrorRequestHandler = (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof ErasedCaseKeyError) return problem(res, 'caseErased', (p) => p.problems.codec.erased);
    if (err instanceof UnknownPayloadKeyError || err instanceof PayloadDecryptionError) {
      // The key id is checked by the codec (letters, digits, . _ -): a name for the operator, never case data.
      const keyId = err.keyId === undefined ? '?' : `"${err.keyId}"`;
      return problem(res, 'unknownPayloadKey', (p) => p.problems.codec.unknownKey(keyId));
    }
    const type = (err as { type?: unknown }).type;
    if (err instanceof ServiceProblem) return sendProblem(res, err);
    if (type === 'entity.too.large') return problem(res, 'payloadTooLarge', (p) => p.problems.bodyTooLarge);
    if (type === 'entity.parse.failed') return problem(res, 'badRequest', (p) => p.problems.invalidJson);
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return problem(res, 'badRequest', (p) => p.problems.unreadableBody);
    }
    problem(res, 'internalServerError', (p) => p.problems.codec.failed);
  };

  const json = express.json({ limit: '4mb' });
  router.use('/codec', cors);
  // Decode only: the Web UI is read-only, and an encode would hand out ciphertext the worker accepts (issue 28).
  router.post('/codec/decode', authorise, json, decode);
  router.use('/codec', errors);
  return router;
}

const codecBody = z
  .object({
    payloads: z.array(z.object({ metadata: z.record(z.string(), z.string()).optional(), data: z.string().optional() })),
  })
  .meta({
    id: 'CodecPayloads',
    description: 'Payloads as the Temporal Web UI sends them: base64 data and metadata values',
  });

/** The codec's operation: decode only. */
export function documentCodec(api: ApiDocument): void {
  api.registerPath({
    method: 'post',
    path: '/codec/decode',
    operationId: 'decodePayloads',
    tags: ['Codec'],
    summary: 'Temporal Web UI remote codec: decode payloads',
    description:
      'For the Temporal Web UI of the Immigration Office and administrators: decodes the payloads it shows; every decode is audited. There is no encode: the Web UI is read-only.',
    request: { body: { required: true, content: { 'application/json': { schema: codecBody } } } },
    responses: {
      200: json(codecBody, 'The decoded payloads'),
      400: INVALID,
      401: COMMON[401],
      403: COMMON[403],
      ...BODY,
      415: problemResponse('The body is not application/json (urn:problem-type:victim-case:unsupportedMediaType)'),
      422: problemResponse(
        'A payload names a key that is not configured, or does not decrypt with it (urn:problem-type:victim-case:unknownPayloadKey)',
      ),
      ...ANY,
    },
  });
}
