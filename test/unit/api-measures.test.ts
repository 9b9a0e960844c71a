/**
 * What the API tells whoever measures it (issue 27.6): its own time for each request in Server-Timing, and in its
 * metrics every call it made to Temporal, by kind, so that a list read from the case index is seen to make none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { openCaseKeys, type CaseKeys } from '../../src/crypto/case-keys';
import { dataConverterFor } from '../../src/crypto/data-converter';
import { ensureDevPayloadKeys, loadPayloadKeys } from '../../src/crypto/payload-keys';
import { ApiMetrics } from '../../src/http/metrics';
import { LazyNativeConnection } from '../../src/temporal/client';
import { createTestApp, TOKENS } from '../support/service-stack';

describe('Server-Timing', () => {
  let dir: string;
  let caseKeys: CaseKeys;
  // Nothing here reaches Temporal: a connection that leads nowhere, without the SDK's retries.
  const connection = Connection.lazy({ address: '127.0.0.1:1', interceptors: [] });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'api-measures-'));
    ensureDevPayloadKeys(join(dir, 'keys.json'));
    caseKeys = openCaseKeys(':memory:', loadPayloadKeys(join(dir, 'keys.json')));
  });
  afterAll(async () => {
    await connection.close();
    await caseKeys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("carries the service's own time on an answer, a list's and a problem's alike", async () => {
    const keys = loadPayloadKeys(join(dir, 'keys.json'));
    const app = createTestApp({
      client: new Client({ connection, dataConverter: dataConverterFor(keys, caseKeys) }),
      keys,
      caseKeys,
    });
    const list = await request(app).get('/v1/tasks').set('Authorization', `Bearer ${TOKENS.immigration}`);
    const missing = await request(app).get('/nowhere');
    expect([list.status, missing.status]).toEqual([200, 404]);
    for (const res of [list, missing]) {
      const timing = /^app;dur=(\d+\.\d)$/.exec(String(res.headers['server-timing']));
      expect(timing).not.toBeNull();
      expect(Number(timing![1])).toBeLessThan(10_000);
    }
  });
});

describe('the count of calls to Temporal', () => {
  it('tells each call made through the native connection by its name, even one that fails', async () => {
    const calls: string[] = [];
    const connection = new LazyNativeConnection({ address: '127.0.0.1:1' }, (m) => calls.push(m));
    try {
      await expect(connection.workflowService.queryWorkflow({})).rejects.toThrow();
      await expect(connection.workflowService.listWorkflowExecutions({})).rejects.toThrow();
    } finally {
      await connection.close();
    }
    expect(calls).toEqual(['queryWorkflow', 'listWorkflowExecutions']);
  });

  it('exports them by kind in the metrics', async () => {
    const metrics = new ApiMetrics();
    for (const m of ['queryWorkflow', 'queryWorkflow', 'listWorkflowExecutions', 'describeWorkflowExecution'])
      metrics.temporalCall(m);
    metrics.temporalCall('resetWorkflowExecution');
    const text = await metrics.registry.metrics();
    expect(text).toContain('victim_cases_temporal_calls_total{call="query"} 2');
    expect(text).toContain('victim_cases_temporal_calls_total{call="list"} 1');
    expect(text).toContain('victim_cases_temporal_calls_total{call="describe"} 1');
    // Another call by its RPC's name: a fixed set, never anything a request carried.
    expect(text).toContain('victim_cases_temporal_calls_total{call="resetWorkflowExecution"} 1');
  });
});
