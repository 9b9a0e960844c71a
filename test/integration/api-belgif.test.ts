/**
 * Issue 17: the API speaks the Belgian government's REST conventions (belgif REST guide). Each rule is checked on
 * real responses of the service (docs/api.md maps each rule to its test here).
 */
import { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import { dataConverterFor } from '../../src/crypto/data-converter';
import { LANGUAGE_PACKS } from '../../src/i18n';
import { validateOpenApi } from '../support/openapi-validator';
import {
  as,
  caseInTemporaryResidence,
  eventually,
  expectProblem,
  issuesOf,
  openCase,
  openingBody,
  today,
  UNKNOWN_INPUT,
  type TokenName,
} from '../support/api-helpers';
import { expectDocumented } from '../support/documented-response';
import { createTestApp, useServiceStack } from '../support/service-stack';

const stack = useServiceStack();

const api = (who: TokenName | undefined, headers?: Record<string, string>) => as(stack.app, who, headers);
const BELGIF = 'urn:problem-type:belgif';

describe('problem types of the guide', () => {
  it('400: badRequest, with an issue per input (type, in, name, detail) and unknown input apart', async () => {
    const res = await api('payoke').post('/v1/cases', { ...openingBody(), openedOn: '2026-02-30', shoeSize: 43 });
    expectProblem(res, 400);
    expectDocumented('POST', '/v1/cases', res);
    expect(res.body).toMatchObject({ type: `${BELGIF}:badRequest`, title: 'Bad Request' });
    expect(issuesOf(res)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: `${BELGIF}:input-validation:schemaViolation`,
          in: 'body',
          name: 'openedOn',
          detail: expect.any(String),
        }),
        expect.objectContaining({ type: UNKNOWN_INPUT, in: 'body', name: 'shoeSize' }),
      ]),
    );
    // The issue never carries the value.
    expect(res.text).not.toContain('2026-02-30');
    const path = await api('payoke').get('/v1/cases/not-a-case');
    expect(issuesOf(path)).toEqual([expect.objectContaining({ in: 'path', name: 'caseId' })]);
    const query = await api(undefined).get('/health?verbose=1');
    expect(issuesOf(query)).toEqual([expect.objectContaining({ type: UNKNOWN_INPUT, in: 'query', name: 'verbose' })]);
  });

  it('401: noAccessToken without a token, invalidAccessToken with one we do not know', async () => {
    const none = await api(undefined).get('/v1/cases');
    expectProblem(none, 401);
    expect(none.body.type).toBe(`${BELGIF}:noAccessToken`);
    const unknown = await request401('Bearer not-a-token');
    expect(unknown.body.type).toBe(`${BELGIF}:invalidAccessToken`);
    expect(unknown.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('403: missingPermission for a role that may not do it', async () => {
    const res = await api('payoke').post('/v1/cases/import', {});
    expectProblem(res, 403);
    expectDocumented('POST', '/v1/cases/import', res);
    expect(res.body.type).toBe(`${BELGIF}:missingPermission`);
  });

  it("404: resourceNotFound, the same for another centre's case as for none", async () => {
    const theirs = await openCase(stack.app, 'pagasa');
    const hidden = await api('payoke').get(`/v1/cases/${theirs.caseId}`);
    const none = await api('payoke').get('/v1/cases/case-00000000-0000-4000-8000-000000000000');
    for (const res of [hidden, none]) {
      expectProblem(res, 404);
      expectDocumented('GET', '/v1/cases/{caseId}', res);
      expect(res.body.type).toBe(`${BELGIF}:resourceNotFound`);
    }
  });

  it("409: this service's eventNotApplicable, with the refusal's stable code", async () => {
    const opened = await openCase(stack.app);
    const res = await api('immigration').post(`/v1/cases/${opened.caseId}/events`, {
      type: 'withdrawal-decided',
      on: today(),
      withdraw: true,
      ground: 'public-order-threat',
    });
    expectProblem(res, 409);
    expectDocumented('POST', '/v1/cases/{caseId}/events', res);
    expect(res.body).toMatchObject({
      type: 'urn:problem-type:victim-case:eventNotApplicable',
      code: expect.any(String),
    });
  });

  it('413 payloadTooLarge and 429 tooManyRequests', async () => {
    const small = createTestApp({
      client: stack.client,
      keys: stack.keys,
      caseKeys: stack.caseKeys,
      bodyLimit: '1kb',
      rateLimitPerMinute: 1,
    });
    const big = await as(small, 'payoke').post('/v1/cases', { ...openingBody(), padding: 'x'.repeat(2_000) });
    expectProblem(big, 413);
    expect(big.body.type).toBe(`${BELGIF}:payloadTooLarge`);
    const limited = await as(small, 'payoke').get('/v1/cases');
    expectProblem(limited, 429);
    expect(limited.body.type).toBe(`${BELGIF}:tooManyRequests`);
  });

  describe('when Temporal cannot be reached', () => {
    // Without the SDK's retries: a retry still scheduled when the connection closes would throw in its timer.
    const connection = Connection.lazy({ address: '127.0.0.1:1', interceptors: [] });
    afterAll(() => connection.close());

    it('503 serviceUnavailable, and the health resource DOWN', async () => {
      const dead = createTestApp({
        client: new Client({ connection, dataConverter: dataConverterFor(stack.keys, stack.caseKeys) }),
        keys: stack.keys,
        caseKeys: stack.caseKeys,
        timeoutMs: 1_000,
      });
      const res = await as(dead, 'payoke').post('/v1/cases', openingBody());
      expectProblem(res, 503);
      expect(res.body.type).toBe(`${BELGIF}:serviceUnavailable`);
      const health = await as(dead, undefined).get('/health');
      expect({ status: health.status, body: health.body }).toEqual({ status: 503, body: { status: 'DOWN' } });
      expectDocumented('GET', '/health', health);
    });
  });
});

async function request401(authorization: string) {
  const res = await api(undefined, { Authorization: authorization }).get('/v1/cases');
  expectProblem(res, 401);
  return res;
}

describe('tracing', () => {
  it('gives every response a new BelGov-Trace-Id, and returns the caller’s as BelGov-Related-Trace-Id', async () => {
    const first = await api('payoke', { 'BelGov-Trace-Id': 'centre-4711' }).get('/v1/cases?pageSize=1');
    const second = await api('payoke', { 'BelGov-Trace-Id': 'centre-4711' }).get('/v1/cases?pageSize=1');
    const ids = [first, second].map((r) => String(r.headers['belgov-trace-id']));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids).not.toContain('centre-4711');
    expect(first.headers['belgov-related-trace-id']).toBe('centre-4711');
    // A value that is not a trace id is not echoed.
    const odd = await api('payoke', { 'BelGov-Trace-Id': 'Ana Popescu, Kerkstraat 12' }).get('/v1/cases?pageSize=1');
    expect(odd.headers['belgov-related-trace-id']).toBeUndefined();
  });

  it('writes both in the log line of the request, and names the occurrence of a problem by it', async () => {
    const res = await api('payoke', { 'BelGov-Trace-Id': 'centre-4712' }).get('/v1/cases/not-a-case');
    const traceId = String(res.headers['belgov-trace-id']);
    expect(res.body.instance).toBe(`urn:uuid:${traceId}`);
    const line = stack.logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.traceId === traceId);
    expect(line).toMatchObject({ traceId, relatedTraceId: 'centre-4712', status: 400 });
  });
});

describe('languages', () => {
  it.each([
    ['nl-BE', 'nl'],
    ['fr-BE', 'fr'],
    ['de-BE', 'de'],
    ['en', 'en'],
    ['nl-BE, fr-BE;q=0.8', 'nl'],
    ['es', 'en'],
  ] as const)('Accept-Language %s: detail and issues in %s, said in Content-Language', async (asked, language) => {
    const res = await api('payoke', { 'Accept-Language': asked }).get('/v1/cases/not-a-case');
    expect(res.headers['content-language']).toBe(language);
    expect(res.body.detail).toBe(LANGUAGE_PACKS[language].problems.invalidInput);
    expect(issuesOf(res)[0]!.detail).toBe(LANGUAGE_PACKS[language].problems.fieldRules.caseId);
  });

  it('English when no language is asked for', async () => {
    const res = await api('payoke').get('/v1/cases/case-00000000-0000-4000-8000-000000000000');
    expect(res.headers['content-language']).toBe('en');
    expect(res.body.detail).toBe(LANGUAGE_PACKS.en.problems.noCase('case-00000000-0000-4000-8000-000000000000'));
  });

  it("words zod's own checks in the reader's language", async () => {
    const res = await api('payoke', { 'Accept-Language': 'fr-BE' }).post('/v1/cases', {
      ...openingBody(),
      unaccompaniedMinor: 'peut-être',
    });
    const issue = issuesOf(res).find((i) => i.name === 'unaccompaniedMinor');
    expect(issue?.detail).toMatch(/booléen/);
  });

  it('a 409 carries its stable code, its detail in the language asked for', async () => {
    const opened = await openCase(stack.app);
    const refusal = (language: string) =>
      api('immigration', { 'Accept-Language': language }).post(`/v1/cases/${opened.caseId}/events`, {
        type: 'withdrawal-decided',
        on: today(),
        withdraw: true,
        ground: 'public-order-threat',
      });
    const [nl, de] = await Promise.all([refusal('nl-BE'), refusal('de-BE')]);
    expect(nl.body.code).toBe(de.body.code);
    expect([nl.headers['content-language'], de.headers['content-language']]).toEqual(['nl', 'de']);
    expect(nl.body.detail).not.toBe(de.body.detail);
  });
});

describe('collections', () => {
  it('pages cases with self, next, pageSize and an href on each item; following next reaches every case once', async () => {
    await Promise.all([openCase(stack.app, 'pagasa'), openCase(stack.app, 'pagasa'), openCase(stack.app, 'pagasa')]);
    // Visibility is eventually consistent: page once the new cases are listed.
    await eventually(
      async () => ((await api('pagasa').get('/v1/cases?pageSize=100')).body.items as unknown[]).length,
      (n) => n >= 3,
    );
    const seen: string[] = [];
    let url: string | undefined = 'http://localhost:3000/v1/cases?pageSize=2';
    for (let pages = 0; url && pages < 50; pages++) {
      const res = await api('pagasa').get(url.replace('http://localhost:3000', ''));
      expectDocumented('GET', '/v1/cases', res);
      expect(res.body).toMatchObject({ self: url, pageSize: 2 });
      for (const item of res.body.items as { caseId: string; href: string }[]) {
        expect(item.href).toBe(`http://localhost:3000/v1/cases/${item.caseId}`);
        seen.push(item.caseId);
      }
      url = res.body.next as string | undefined;
    }
    expect(url).toBeUndefined();
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('keeps the filters in the next link', async () => {
    const res = await api('admin').get('/v1/cases?pageSize=1&stage=REFLECTION');
    if (res.body.next) expect(String(res.body.next)).toMatch(/[?&]stage=REFLECTION(&|$)/);
    expect(String(res.body.self)).toBe('http://localhost:3000/v1/cases?pageSize=1&stage=REFLECTION');
  });

  it("lists a prosecutor's open queries with self beside the items", async () => {
    await caseInTemporaryResidence(stack.app);
    // The list reads the case index, which the worker writes just after the query is sent.
    const res = await eventually(
      () => api('antwerpen').get('/v1/prosecutor/queries'),
      (r) => (r.body as { items?: unknown[] }).items?.length !== 0,
    );
    expectDocumented('GET', '/v1/prosecutor/queries', res);
    expect(res.body.self).toBe('http://localhost:3000/v1/prosecutor/queries');
    expect((res.body.items as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('health', () => {
  it('is the guide’s health resource: UP while Temporal answers, next to /healthz and /readyz', async () => {
    const res = await api(undefined).get('/health');
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { status: 'UP' } });
    expectDocumented('GET', '/health', res);
    expect((await api(undefined).get('/healthz')).status).toBe(200);
    expect((await api(undefined).get('/readyz')).status).toBe(200);
  });
});

describe('OpenAPI 3.0 beside 3.1', () => {
  let app: Express;
  beforeAll(() => {
    app = stack.app;
  });

  it('serves /openapi-3.0.json, valid OpenAPI 3.0, with the same operations and schemas as /openapi.json', async () => {
    const [v31, v30] = await Promise.all([
      as(app, undefined).get('/openapi.json'),
      as(app, undefined).get('/openapi-3.0.json'),
    ]);
    expect(v30.body.openapi).toBe('3.0.3');
    const result = validateOpenApi(v30.body);
    expect({ valid: result.valid, version: result.version, errors: result.errors ?? null }).toEqual({
      valid: true,
      version: '3.0',
      errors: null,
    });
    const operations = (doc: { paths: Record<string, Record<string, { operationId: string }>> }) =>
      Object.values(doc.paths)
        .flatMap((ops) => Object.values(ops).map((o) => o.operationId))
        .sort();
    expect(operations(v30.body)).toEqual(operations(v31.body));
    expect(Object.keys(v30.body.components.schemas).sort()).toEqual(Object.keys(v31.body.components.schemas).sort());
  });
});
