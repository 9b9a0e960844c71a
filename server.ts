import { openFactsStore } from './src/statistics/facts-store';
import { CalendarFeeds } from './src/http/calendar-feeds';
import { createServer as createHttpsServer } from 'node:https';
import { loadConfig } from './src/config';
import { loadPayloadKeys, loadServiceKey } from './src/crypto/payload-keys';
import { CaseIds } from './src/cases/case-ids';
import { ReferenceIndex } from './src/crypto/reference-index';
import { AesGcmCodec } from './src/crypto/aes-gcm-codec';
import { openCaseIndex } from './src/case-index/case-index-store';
import { openCaseKeys } from './src/crypto/case-keys';
import { createApp } from './src/http/app';
import { AccessTokenVerifier } from './src/identity/access-tokens';
import { AuditLog } from './src/audit/audit-log';
import { ApiMetrics } from './src/http/metrics';
import { CaseGateway } from './src/cases/case-gateway';
import { CaseErasures } from './src/cases/case-erasures';
import { openErasureRecords } from './src/cases/erasure-records';
import { loadPrincipals } from './src/identity/principals';
import { createClient } from './src/temporal/client';
import { pem } from './src/temporal/connection-options';
import { runMain } from './src/run-main';
import { OidcSignIn } from './src/workspace/oidc';
import { workspaceRouter } from './src/workspace/router';
import { openSessionRecords } from './src/workspace/session-records';

runMain('server', async (logger) => {
  const config = loadConfig(process.env, (message) => logger.warn(message));
  logger.level = config.LOG_LEVEL;
  const keys = loadPayloadKeys(config.PAYLOAD_KEYS_FILE);
  const caseKeys = openCaseKeys(config.SERVICE_DATABASE, keys, config.KEY_ENCRYPTION_KEYS_FILE);
  const caseIndex = openCaseIndex(config.SERVICE_DATABASE, caseKeys);
  const metrics = config.METRICS_ADDRESS ? new ApiMetrics() : undefined;
  const client = createClient(config, keys, caseKeys, metrics && ((method) => metrics.temporalCall(method)));
  const audit = new AuditLog(config.AUDIT_LOG_FILE);
  const indexKey = loadServiceKey(config.PAYLOAD_KEYS_FILE, 'indexKey');
  const gateway = new CaseGateway(client, {
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    timeoutMs: config.TEMPORAL_CALL_TIMEOUT_MS,
    caseIndex,
    caseIds: new CaseIds(indexKey),
    ...(metrics ? { onTemporalError: (status: number) => metrics.temporalError(status) } : {}),
  });
  const erasureRecords = openErasureRecords(config.SERVICE_DATABASE);
  const erasures = new CaseErasures({
    gateway,
    stores: { caseKeys, caseIndex },
    records: erasureRecords,
    waitingDays: config.ERASURE_WAITING_DAYS,
  });
  const referenceIndex = new ReferenceIndex(indexKey);
  const principals = loadPrincipals(config.PRINCIPALS_FILE);
  const codec = new AesGcmCodec(keys, caseKeys.uncached());
  const publicBase = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  // The pages need a sign-in: without an identity provider there are none.
  const sessions = config.OIDC_ISSUER_URL ? openSessionRecords(config.SERVICE_DATABASE) : undefined;
  const pages =
    config.OIDC_ISSUER_URL && sessions
      ? workspaceRouter({
          gateway,
          erasures,
          caseIndex,
          principals,
          referenceIndex,
          codec,
          logger,
          oidc: new OidcSignIn({
            issuerUrl: config.OIDC_ISSUER_URL,
            clientId: config.OIDC_CLIENT_ID,
            clientSecret: config.OIDC_CLIENT_SECRET,
            redirectUri: `${publicBase}/workspace/callback`,
            postLogoutRedirectUri: `${publicBase}/workspace/signed-out`,
          }),
          sessions,
          session: {
            key: loadServiceKey(config.PAYLOAD_KEYS_FILE, 'sessionKey'),
            idleMinutes: config.WORKSPACE_IDLE_MINUTES,
            secure: config.PUBLIC_BASE_URL.startsWith('https:'),
          },
        })
      : undefined;
  const app = createApp({
    gateway,
    ...(metrics ? { metrics } : {}),
    referenceIndex,
    principals,
    codec,
    caseKeys,
    caseIndex,
    erasures,
    logger,
    audit,
    webUiOrigin: config.WEB_UI_ORIGIN,
    codecAllowTokenlessLoopback: config.CODEC_ALLOW_TOKENLESS_LOOPBACK,
    ...(config.OIDC_ISSUER_URL
      ? { accessTokens: new AccessTokenVerifier(config.OIDC_ISSUER_URL, config.OIDC_ACCESS_TOKEN_AUDIENCE) }
      : {}),
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    requestLogLevel: config.REQUEST_LOG_LEVEL,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    calendarFeeds: new CalendarFeeds(config.CALENDAR_FEEDS_FILE),
    statistics: openFactsStore(config.SERVICE_DATABASE),
    beside: pages ? [{ path: '/workspace', router: pages }] : [],
  });
  const servers = [app.listen(config.HTTP_PORT, () => logger.info({ port: config.HTTP_PORT }, 'API listening'))];
  if (config.HTTPS_PORT && config.HTTPS_CERT_FILE && config.HTTPS_KEY_FILE) {
    const tls = {
      cert: pem('HTTPS_CERT_FILE', config.HTTPS_CERT_FILE),
      key: pem('HTTPS_KEY_FILE', config.HTTPS_KEY_FILE),
    };
    const port = config.HTTPS_PORT;
    servers.push(createHttpsServer(tls, app).listen(port, () => logger.info({ port }, 'API listening with TLS')));
  }
  if (metrics && config.METRICS_ADDRESS) {
    servers.push(await metrics.listen(config.METRICS_ADDRESS));
    logger.info({ address: config.METRICS_ADDRESS }, 'metrics listening');
  }
  // Finish the requests under way, then let go of Temporal and the audit file.
  return async () => {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    await client.connection.close();
    await caseIndex.close();
    await erasureRecords.close();
    await caseKeys.close();
    await sessions?.close();
    await audit.close();
  };
});
