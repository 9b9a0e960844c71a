import { loadConfig } from './src/config';
import { loadIndexKey, loadPayloadKeys } from './src/crypto/payload-keys';
import { ReferenceIndex } from './src/crypto/reference-index';
import { AesGcmCodec } from './src/crypto/aes-gcm-codec';
import { createApp } from './src/http/app';
import { AuditLog } from './src/http/audit';
import { CaseGateway } from './src/http/case-gateway';
import { loadPrincipals } from './src/http/principals';
import { createClient } from './src/temporal/client';
import { runMain } from './src/run-main';

runMain('server', async (logger) => {
  const config = loadConfig();
  logger.level = config.LOG_LEVEL;
  const keys = loadPayloadKeys(config.PAYLOAD_KEYS_FILE);
  const client = createClient(config, keys);
  const audit = new AuditLog(config.AUDIT_LOG_FILE);
  const app = createApp({
    gateway: new CaseGateway(client, {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      timeoutMs: config.TEMPORAL_CALL_TIMEOUT_MS,
    }),
    referenceIndex: new ReferenceIndex(loadIndexKey(config.PAYLOAD_KEYS_FILE)),
    principals: loadPrincipals(config.PRINCIPALS_FILE),
    codec: new AesGcmCodec(keys),
    logger,
    audit,
    webUiOrigin: config.WEB_UI_ORIGIN,
    codecAllowTokenlessLoopback: config.CODEC_ALLOW_TOKENLESS_LOOPBACK,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  });
  const server = app.listen(config.HTTP_PORT, () => logger.info({ port: config.HTTP_PORT }, 'API listening'));
  // Finish the requests under way, then let go of Temporal and the audit file.
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await client.connection.close();
    await audit.close();
  };
});
