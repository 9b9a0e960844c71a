import { randomUUID } from 'node:crypto';
import type { PayloadCodec } from '@temporalio/common';
import express, {
  type ErrorRequestHandler,
  type Express,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { LevelWithSilent, Logger } from 'pino';
import type { CaseIndexStore } from '../case-index/case-index-store';
import type { CaseKeys } from '../crypto/case-keys';
import type { ReferenceIndex } from '../crypto/reference-index';
import type { AccessTokenVerifier } from '../identity/access-tokens';
import type { AuditLog } from '../audit/audit-log';
import type { ApiMetrics } from './metrics';
import type { CaseGateway } from '../cases/case-gateway';
import type { CaseErasures } from '../cases/case-erasures';
import { caseIdsOfDecoded } from './codec-audit';
import { createCodecRouter } from './codec-router';
import { docsRouter } from './docs';
import { openApi30Document, openApiDocument } from './api-document';
import type { Principals } from '../identity/principals';
import { isStoreOutage } from '../store/sql-database';
import { unavailable } from '../cases/temporal-problems';
import { ServiceProblem } from '../cases/problems';
import { sendProblem } from './problem';
import { noQuery } from './validate';
import { auditAs, ctx } from '../audit/request-context';
import type { CalendarFeeds } from './calendar-feeds';
import { calendarFeedsRouter, calendarRouter } from './routes/calendars';
import { casesRouter } from './routes/cases';
import { erasureRouter } from './routes/erasure';
import { statisticsRouter } from './routes/statistics';
import type { FactsStore } from '../statistics/facts-store';
import type { IsoDate } from '../domain/calendar';
import { monitoringRouter } from './routes/monitoring';
import { prosecutorRouter } from './routes/prosecutor';
import { tasksRouter } from './routes/tasks';

export interface AppDeps {
  gateway: CaseGateway;
  /** Finds cases by file number; holds the index key. */
  referenceIndex: ReferenceIndex;
  principals: Principals;
  codec: PayloadCodec;
  /** Each case's data key (the codec's too); an erasure destroys one. */
  caseKeys: CaseKeys;
  /** The case index, whose rows an erasure deletes with the case's key. */
  caseIndex: CaseIndexStore;
  /** Erasure with four eyes: its requests and records, in SERVICE_DATABASE. */
  erasures: CaseErasures;
  logger: Logger;
  audit?: AuditLog;
  webUiOrigin: string;
  codecAllowTokenlessLoopback: boolean;
  /** Checks the access tokens of Web UI users signed in through OIDC (codec.passAccessToken), when configured. */
  accessTokens?: AccessTokenVerifier;
  rateLimitPerMinute: number;
  bodyLimit?: string;
  /** The statistics store (in SERVICE_DATABASE) the statistics are read from; no statistics without it. */
  statistics?: FactsStore;
  /** Today's Brussels date, which decides the years whose statistics are published (default: the clock's). */
  today?: () => IsoDate;
  /** The deadline calendar feeds (CALENDAR_FEEDS_FILE); no feeds routes without it. */
  calendarFeeds?: CalendarFeeds;
  /** Where clients reach the API (PUBLIC_BASE_URL): the links of its collections and its documents' server. */
  publicBaseUrl?: string;
  /** The level of the one line per request (REQUEST_LOG_LEVEL); default info. */
  requestLogLevel?: LevelWithSilent;
  /** Counts requests and latencies for Prometheus (METRICS_ADDRESS). */
  metrics?: ApiMetrics;
  /**
   * Faces mounted beside the API (the workspace's pages), inside its request log and audit but before its own
   * "no route" answer; the API knows nothing of them.
   */
  beside?: { path: string; router: Router }[];
}

/** Builds the API without listening, so tests drive it with supertest. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // HSTS and the https upgrade belong to the TLS front of a deployment; here they would break the plain-HTTP dev stack.
  app.use(
    helmet({
      strictTransportSecurity: false,
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    }),
  );
  app.use(requestLog(deps));
  const base = (deps.publicBaseUrl ?? 'http://localhost:3000').replace(/\/+$/, '');

  // First after the log: nearly every request is one of these, and each router before it is a match it pays for.
  app.use(
    '/v1',
    authenticate(deps.principals),
    rateLimit({
      windowMs: 60_000,
      limit: deps.rateLimitPerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: (_req, res) => ctx(res).principal?.id ?? 'anonymous',
      handler: (_req, res) =>
        sendProblem(res, new ServiceProblem('tooManyRequests', (p) => p.problems.tooManyRequests)),
    }),
    express.json({ limit: deps.bodyLimit ?? '64kb', type: ['application/json', 'application/*+json'] }),
    casesRouter(deps.gateway, deps.referenceIndex, deps, base),
    erasureRouter(deps.erasures),
    prosecutorRouter(deps.gateway, deps.caseIndex, deps.codec, base),
    tasksRouter(deps.caseIndex, deps.codec, base),
    ...(deps.calendarFeeds ? [calendarFeedsRouter(deps.calendarFeeds, base)] : []),
    ...(deps.statistics ? [statisticsRouter(deps.statistics, deps.today)] : []),
  );

  // Decoding reads case data: audited like a case read, with whoever the token names (the router authorises)
  // and, where a payload carries it, the case.
  app.use('/codec', (req, res, next) => {
    if (req.method === 'POST') auditAs(res, `codec.${req.path.replace(/^\//, '')}`, null);
    next();
  });
  const codecPrincipal = async (authorization: string | undefined, res: Response) => {
    let principal = deps.principals.authenticate(authorization);
    if (!principal && deps.accessTokens) {
      const identity = await deps.accessTokens.identity(authorization);
      principal = identity && deps.principals.signedIn(identity);
    }
    if (principal) ctx(res).principal = principal;
    return principal;
  };
  // The codec parses its own (larger) bodies and has its own authorisation rules.
  app.use(
    createCodecRouter({
      codec: deps.codec,
      resolvePrincipal: codecPrincipal,
      decoded: async (res, ciphertexts, plain) => {
        const [first, ...more] = await caseIdsOfDecoded(deps.caseKeys, ciphertexts, plain);
        if (first) auditAs(res, 'codec.decode', first, ...more);
      },
      webUiOrigin: deps.webUiOrigin,
      allowTokenlessLoopback: deps.codecAllowTokenlessLoopback,
    }),
  );

  app.use(monitoringRouter(deps.gateway));
  const documents = { '/openapi.json': openApiDocument(base), '/openapi-3.0.json': openApi30Document(base) };
  for (const [path, document] of Object.entries(documents))
    app.get(path, noQuery, (_req, res) => {
      res.json(document);
    });
  app.use(docsRouter());

  for (const { path, router } of deps.beside ?? []) app.use(path, router);

  if (deps.calendarFeeds) app.use(calendarRouter(deps.calendarFeeds, deps.caseIndex, base));

  app.use((_req, _res, next) => next(new ServiceProblem('resourceNotFound', (p) => p.problems.noResource)));
  app.use(errorHandler(deps.logger));
  return app;
}

/** The guide's trace ids: at most 36 characters; anything else is not echoed. */
const TRACE_ID = /^[A-Za-z0-9._:-]{1,36}$/;

function authenticate(principals: Principals): RequestHandler {
  return (req, res, next) => {
    const authorization = req.header('authorization');
    const principal = principals.authenticate(authorization);
    if (!principal)
      throw authorization
        ? new ServiceProblem('invalidAccessToken', (p) => p.problems.invalidAccessToken)
        : new ServiceProblem('noAccessToken', (p) => p.problems.noAccessToken);
    ctx(res).principal = principal;
    next();
  };
}

/** One structured line per request, and its audit records (one per case); never bodies, tokens or notes. */
function requestLog(deps: AppDeps): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const given = req.header('x-request-id');
    const requestId = given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    // BelGov-Trace-Id: ours is new for each response; the caller's, when well-formed, comes back as the related one.
    const traceId = randomUUID();
    const theirs = req.header('belgov-trace-id');
    const relatedTraceId = theirs && TRACE_ID.test(theirs) ? theirs : undefined;
    Object.assign(ctx(res), { requestId, traceId, relatedTraceId });
    res.set('X-Request-Id', requestId);
    res.set('BelGov-Trace-Id', traceId);
    if (relatedTraceId) res.set('BelGov-Related-Trace-Id', relatedTraceId);
    serverTiming(res, started);
    res.on('finish', () => {
      const { principal, audit } = ctx(res);
      const route = req.baseUrl + String((req.route as { path?: string } | undefined)?.path ?? '');
      const ms = elapsedMs(started);
      deps.logger[deps.requestLogLevel ?? 'info']({
        requestId,
        traceId,
        relatedTraceId,
        method: req.method,
        route,
        status: res.statusCode,
        ms,
        principal: principal?.id,
      });
      deps.metrics?.request(req.method, route, res.statusCode, ms / 1000);
      if (!audit) return;
      const time = new Date().toISOString();
      // Every line of the request at once (a list's: one per case it showed).
      deps.audit?.writeAll(
        audit.caseIds.map((caseId) => ({
          time,
          requestId,
          traceId,
          ...(relatedTraceId ? { relatedTraceId } : {}),
          principalId: principal?.id ?? null,
          role: principal?.role ?? null,
          caseId,
          ...(audit.feedId ? { feedId: audit.feedId } : {}),
          action: audit.action,
          result: res.statusCode,
        })),
      );
    });
    next();
  };
}

/**
 * The service's own time for the request, from its first middleware to its answer's head, in `Server-Timing`
 * (`app;dur=12.3`, milliseconds): what the bench reads, without the client's and the network's share. Set as the head
 * goes out (an implicit head included), the one moment a header can still carry it.
 */
function serverTiming(res: Response, started: bigint): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
  res.writeHead = ((...args: unknown[]) => {
    if (!res.headersSent) res.setHeader('Server-Timing', `app;dur=${elapsedMs(started).toFixed(1)}`);
    return writeHead(...args);
  }) as typeof res.writeHead;
}

const elapsedMs = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e6;

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof ServiceProblem) return sendProblem(res, err);
    // body-parser's errors quote the body, which may hold personal data: answer and log by type only.
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large')
      return sendProblem(res, new ServiceProblem('payloadTooLarge', (p) => p.problems.bodyTooLarge));
    if (type === 'entity.parse.failed')
      return sendProblem(res, new ServiceProblem('badRequest', (p) => p.problems.invalidJson));
    if (type) return sendProblem(res, new ServiceProblem('badRequest', (p) => p.problems.unreadableBody));
    // The service database away (a restart): as Temporal away, a 503 to try again, never a 500.
    if (isStoreOutage(err)) return sendProblem(res, unavailable());
    logger.error(
      { requestId: ctx(res).requestId, traceId: ctx(res).traceId, error: (err as Error)?.name ?? typeof err },
      'unhandled error',
    );
    sendProblem(res, new ServiceProblem('internalServerError', (p) => p.problems.internal));
  };
}
