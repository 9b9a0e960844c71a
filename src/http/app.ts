import { randomUUID } from 'node:crypto';
import type { PayloadCodec } from '@temporalio/common';
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { ReferenceIndex } from '../crypto/reference-index';
import type { AccessTokenVerifier } from './access-tokens';
import type { AuditLog } from './audit';
import type { ApiMetrics } from './metrics';
import type { CaseGateway } from './case-gateway';
import { caseIdOfPayloads } from './codec-audit';
import { createCodecRouter } from './codec-router';
import { docsRouter } from './docs';
import { openApiDocument } from './openapi';
import type { Principals } from './principals';
import { HttpProblem, sendProblem } from './problem';
import { auditAs, ctx } from './request-context';
import { casesRouter } from './routes/cases';
import { prosecutorRouter } from './routes/prosecutor';
import { workspaceRouter, type WorkspaceDeps } from '../workspace/router';

export interface AppDeps {
  gateway: CaseGateway;
  /** Finds cases by file number; holds the index key. */
  referenceIndex: ReferenceIndex;
  principals: Principals;
  codec: PayloadCodec;
  logger: Logger;
  audit?: AuditLog;
  webUiOrigin: string;
  codecAllowTokenlessLoopback: boolean;
  /** Checks the access tokens of Web UI users signed in through OIDC (codec.passAccessToken), when configured. */
  accessTokens?: AccessTokenVerifier;
  rateLimitPerMinute: number;
  bodyLimit?: string;
  /** Counts requests and latencies for Prometheus (METRICS_ADDRESS). */
  metrics?: ApiMetrics;
  /** The workspace's pages, when a sign-in is configured (OIDC_ISSUER_URL). */
  workspace?: Pick<WorkspaceDeps, 'oidc' | 'session'>;
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
      decoded: (res, payloads) => {
        const caseId = caseIdOfPayloads(payloads);
        if (caseId) auditAs(res, 'codec.decode', caseId);
      },
      webUiOrigin: deps.webUiOrigin,
      allowTokenlessLoopback: deps.codecAllowTokenlessLoopback,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (!(await deps.gateway.ready())) throw new HttpProblem(503, 'Temporal is not reachable');
    res.json({ status: 'ready' });
  });
  const document = openApiDocument();
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use(docsRouter());

  if (deps.workspace) {
    const { gateway, principals, referenceIndex, logger } = deps;
    app.use('/workspace', workspaceRouter({ gateway, principals, referenceIndex, logger, ...deps.workspace }));
  }

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
        sendProblem(res, new HttpProblem(429, 'too many requests from this principal; slow down')),
    }),
    express.json({ limit: deps.bodyLimit ?? '64kb', type: ['application/json', 'application/*+json'] }),
    casesRouter(deps.gateway, deps.referenceIndex),
    prosecutorRouter(deps.gateway),
  );

  app.use((req, _res, next) => next(new HttpProblem(404, `no route ${req.method} ${req.path}`)));
  app.use(errorHandler(deps.logger));
  return app;
}

function authenticate(principals: Principals): RequestHandler {
  return (req, res, next) => {
    const principal = principals.authenticate(req.header('authorization'));
    if (!principal) throw new HttpProblem(401, 'a valid bearer token is required');
    ctx(res).principal = principal;
    next();
  };
}

/** One structured line per request, and one audit record per request on a case; never bodies, tokens or notes. */
function requestLog(deps: AppDeps): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const given = req.header('x-request-id');
    const requestId = given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    ctx(res).requestId = requestId;
    res.set('X-Request-Id', requestId);
    res.on('finish', () => {
      const { principal, audit } = ctx(res);
      const route = req.baseUrl + String((req.route as { path?: string } | undefined)?.path ?? '');
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      deps.logger.info({ requestId, method: req.method, route, status: res.statusCode, ms, principal: principal?.id });
      deps.metrics?.request(req.method, route, res.statusCode, ms / 1000);
      if (audit) {
        deps.audit?.write({
          time: new Date().toISOString(),
          requestId,
          principalId: principal?.id ?? null,
          role: principal?.role ?? null,
          caseId: audit.caseId,
          action: audit.action,
          result: res.statusCode,
        });
      }
    });
    next();
  };
}

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof HttpProblem) return sendProblem(res, err);
    // body-parser's errors quote the body, which may hold personal data: answer and log by type only.
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') return sendProblem(res, new HttpProblem(413, 'the body exceeds the size limit'));
    if (type === 'entity.parse.failed') return sendProblem(res, new HttpProblem(400, 'the body is not valid JSON'));
    if (type) return sendProblem(res, new HttpProblem(400, 'the body could not be read'));
    logger.error({ requestId: ctx(res).requestId, error: (err as Error)?.name ?? typeof err }, 'unhandled error');
    sendProblem(res, new HttpProblem(500, 'internal error; the request id identifies it in the logs'));
  };
}
