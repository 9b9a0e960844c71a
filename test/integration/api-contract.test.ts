/**
 * Issue 4, the API's contract and operations on the real stack: 400s that name each
 * invalid field without echoing values, the OpenAPI 3.1 document (valid, and in step
 * with the routes), the offline /docs page, health, security headers, body limit,
 * rate limit, and quick 503s when Temporal or the worker is gone.
 */
import { Client, Connection } from '@temporalio/client';
import Ajv2020 from 'ajv/dist/2020';
import type { Express } from 'express';
import type request from 'supertest';
import { loadConfig } from '../../src/config';
import { dataConverterFor } from '../../src/crypto/data-converter';
import type { CaseStatus } from '../../src/domain/schemas/case';
import { openApiDocument } from '../../src/http/api-document';
import { enProblems } from '../../src/i18n/problems/en';
import {
  as,
  caseInTemporaryResidence,
  expectProblem,
  invalidNames,
  issuesOf,
  UNKNOWN_INPUT,
  openingBody,
  SECRET,
  today,
  type TokenName,
  rolesOnly,
} from '../support/api-helpers';
import { complaintFiled, YES } from '../support/fixtures';
import { validateOpenApi } from '../support/openapi-validator';
import { createTestApp, useServiceStack } from '../support/service-stack';

const stack = useServiceStack();
let stage2: CaseStatus;
beforeAll(async () => {
  stage2 = await caseInTemporaryResidence(stack.app);
});

const api = (who: TokenName, headers?: Record<string, string>) => as(stack.app, who, headers);
/** The operations the document describes (each registered beside its route), as express patterns. */
const DOCUMENTED_ROUTES = Object.entries(openApiDocument().paths ?? {}).flatMap(([path, ops]) =>
  Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
);
/** The detail of a path no route serves. */
const NO_ROUTE = enProblems.noResource;

describe('invalid requests are 400 problems naming every invalid field, never echoing values', () => {
  const expect400 = (res: request.Response, names: string[], echoes: string[]) => {
    expectProblem(res, 400);
    expect(invalidNames(res)).toEqual(expect.arrayContaining(names));
    for (const issue of issuesOf(res)) expect(issue.detail).toEqual(expect.any(String));
    for (const value of echoes) expect(res.text).not.toContain(value);
  };
  const { victim } = openingBody();

  // [case, body, inputs the issues name, values that must not come back, an unknown field named as unknown input].
  // Every row has every column: jest.each hands a `done` callback to a function with more parameters than the row.
  it.each<[string, Record<string, unknown>, string[], string[], string | null]>([
    [
      'a missing field',
      { ...openingBody(), caseworkerEmail: undefined },
      ['body.caseworkerEmail'],
      [SECRET.pseudonym],
      null,
    ],
    [
      'a wrong type',
      { ...openingBody(), unaccompaniedMinor: 'nope-7731' },
      ['body.unaccompaniedMinor'],
      ['nope-7731', SECRET.pseudonym],
      null,
    ],
    [
      'an impossible date',
      { ...openingBody(), openedOn: '2026-02-30' },
      ['body.openedOn'],
      ['2026-02-30', SECRET.caseworker],
      null,
    ],
    [
      'an invalid e-mail and a bad nested field at once',
      { ...openingBody(), caseworkerEmail: 'not-an-address-7731', victim: { ...victim, language: 'Romanian-7731' } },
      ['body.caseworkerEmail', 'body.victim.language'],
      ['not-an-address-7731', 'Romanian-7731'],
      null,
    ],
    [
      'an extra top-level field',
      { ...openingBody(), nationalRegisterNumber: '85.07.30-033.61' },
      ['body.nationalRegisterNumber'],
      ['85.07.30-033.61', SECRET.pseudonym],
      'nationalRegisterNumber',
    ],
    [
      'an extra nested field',
      { ...openingBody(), victim: { ...victim, address: 'Kerkstraat 12-7731' } },
      ['body.victim.address'],
      ['Kerkstraat 12-7731'],
      'address',
    ],
    [
      'a guardian for an adult',
      { ...openingBody(), guardian: { name: SECRET.guardian, email: SECRET.guardianEmail } },
      ['body.guardian'],
      [SECRET.guardian],
      null,
    ],
  ])('POST /v1/cases with %s', async (_name, body, names, echoes, unknownField) => {
    const res = await api('payoke').post('/v1/cases', body);
    expect400(res, names, echoes);
    if (unknownField)
      expect(issuesOf(res)).toContainEqual(
        expect.objectContaining({ type: UNKNOWN_INPUT, in: 'body', name: names[0]!.slice(5) }),
      );
  });

  it('while the same body without the defect opens a case', async () => {
    expect((await api('payoke').post('/v1/cases', openingBody())).status).toBe(201);
  });

  const complaint = () => ({ ...complaintFiled(today()), note: SECRET.note });
  it.each<[string, TokenName, Record<string, unknown>, string[], string[], string | null]>([
    [
      'an unknown event type',
      'payoke',
      { type: 'married-the-exploiter', on: today() },
      ['body.type'],
      ['married-the-exploiter'],
      null,
    ],
    ['a missing date', 'payoke', { ...complaint(), on: undefined }, ['body.on'], [SECRET.note], null],
    [
      'a missing office',
      'payoke',
      { ...complaint(), prosecutorOffice: undefined },
      ['body.prosecutorOffice'],
      [SECRET.note],
      null,
    ],
    [
      'an unknown office',
      'payoke',
      { ...complaint(), prosecutorOffice: 'GOTHAM-7731' },
      ['body.prosecutorOffice'],
      ['GOTHAM-7731', SECRET.note],
      null,
    ],
    [
      'a wrong type',
      'immigration',
      { type: 'withdrawal-decided', on: today(), withdraw: 'yes-7731', ground: 'public-order-threat' },
      ['body.withdraw'],
      ['yes-7731'],
      null,
    ],
    [
      'an impossible date',
      'payoke',
      { ...complaint(), on: '2026-02-30' },
      ['body.on'],
      ['2026-02-30', SECRET.note],
      null,
    ],
    [
      'an extra field',
      'payoke',
      { ...complaint(), victimName: 'Ana Popescu-7731' },
      ['body.victimName'],
      ['Ana Popescu-7731', SECRET.note],
      'victimName',
    ],
    [
      'a field of another event type',
      'payoke',
      { type: 'voluntary-return', on: today(), reason: 'dismissed' },
      ['body.reason'],
      [],
      'reason',
    ],
  ])('POST /v1/cases/{caseId}/events with %s', async (_name, who, body, names, echoes, unknownField) => {
    const res = await api(who).post(`/v1/cases/${stage2.caseId}/events`, body);
    expect400(res, names, echoes);
    if (unknownField)
      expect(issuesOf(res)).toContainEqual(
        expect.objectContaining({ type: UNKNOWN_INPUT, in: 'body', name: unknownField }),
      );
  });

  it('recorded none of those events', async () => {
    const now = (await api('admin').get(`/v1/cases/${stage2.caseId}`)).body as CaseStatus;
    expect(rolesOnly(now.history)).toEqual(rolesOnly(stage2.history));
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a missing answer', { consideredVictim: true, proceedingsOngoing: true, cooperating: true }, ['body.tiesSevered']],
    ['a wrong type', { ...YES, consideredVictim: 'oui' }, ['body.consideredVictim']],
    ['an extra field', { ...YES, victimAddress: 'x' }, ['body.victimAddress']],
  ])('POST /v1/prosecutor/queries/{queryId}/answer with %s', async (_name, body, names) => {
    const res = await api('antwerpen').post(`/v1/prosecutor/queries/${stage2.prosecutorQuery!.queryId}/answer`, body);
    expect400(res, names, []);
  });

  it.each([
    ['stage=FOO', 'query.stage'],
    ['deadlineBefore=2026-02-30', 'query.deadlineBefore'],
    ['minor=maybe', 'query.minor'],
    ['pageSize=0', 'query.pageSize'],
    ['sort=caseId', 'query.sort'],
  ])('GET /v1/cases?%s', async (query, name) => {
    const res = await api('admin').get(`/v1/cases?${query}`);
    expect400(res, [name], []);
  });

  it('a file number in the address of GET /v1/cases, which names the search that takes it in a body', async () => {
    const res = await api('admin').get('/v1/cases?reference=AN.12.L3.1%2F26');
    expect400(res, ['query.reference'], ['AN.12.L3.1/26']);
    expect(JSON.stringify(res.body)).toContain('POST /v1/cases/search');
  });

  it('a body that is not JSON', async () => {
    const res = await api('payoke')
      .post('/v1/cases', '{"openedOn": "2026-01-01", "victim": {"pseudonym": "Zorana-Pseudo-7731"')
      .type('json');
    expectProblem(res, 400);
    expect(res.text).not.toContain(SECRET.pseudonym);
  });

  it('an invalid Idempotency-Key', async () => {
    const res = await api('payoke', { 'Idempotency-Key': 'k'.repeat(201) }).post('/v1/cases', openingBody());
    expect400(res, ['header.Idempotency-Key'], ['k'.repeat(201)]);
  });
});

describe('the OpenAPI document', () => {
  let doc: {
    openapi: string;
    paths: Record<string, Record<string, unknown>>;
    components: { schemas: Record<string, Record<string, unknown>> };
  };
  beforeAll(async () => {
    const res = await api('admin').get('/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });

  it('validates as OpenAPI 3.1 (and the validator does reject a broken document)', () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = validateOpenApi(doc);
    expect(result.errors ?? null).toBeNull();
    expect(result).toMatchObject({ valid: true, version: '3.1' });
    const broken = { ...doc, paths: { '/v1/cases': { get: { responses: { 200: { content: 'nope' } } } } } };
    expect(validateOpenApi(broken).valid).toBe(false);
  });

  it('documents exactly DOCUMENTED_ROUTES', () => {
    const inDoc = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(inDoc.sort()).toEqual([...DOCUMENTED_ROUTES].sort());
  });

  it('lists every route the express app has (bar the document and its page) and nothing it lacks', () => {
    const SELF = ['GET /openapi.json', 'GET /openapi-3.0.json', 'GET /docs', 'GET /docs/init.js'];
    expect([...appRoutes(stack.app)].sort()).toEqual([...DOCUMENTED_ROUTES, ...SELF].sort());
  });

  const sample = (path: string) => path.replace(':caseId', stage2.caseId).replace(':queryId', `${stage2.caseId}-q9`);
  it.each(DOCUMENTED_ROUTES)('%s is routed (not the "no route" 404)', async (route) => {
    const [method, path] = route.split(' ') as [string, string];
    const res = await as(stack.app, 'admin')[method.toLowerCase() as 'get' | 'post' | 'delete'](sample(path));
    expect(String(res.body?.detail ?? '')).not.toBe(NO_ROUTE);
  });

  it.each<[TokenName, 'get' | 'post', string]>([
    ['admin', 'get', '/v1/cases/{caseId}/history'],
    ['admin', 'post', '/v1/cases/{caseId}'],
    ['payoke', 'get', '/v1/queries'],
    ['payoke', 'get', '/v1/prosecutor'],
    ['antwerpen', 'get', '/v1/prosecutor/queries/x'],
    ['admin', 'get', '/v2/cases'],
    ['admin', 'get', '/admin'],
  ])('an undocumented path as %s: %s %s is the "no route" 404', async (who, method, path) => {
    const res = await as(stack.app, who)[method](path.replace('{caseId}', stage2.caseId));
    expectProblem(res, 404);
    expect(res.body).toMatchObject({ type: 'urn:problem-type:belgif:resourceNotFound', detail: NO_ROUTE });
  });

  it('lists the codes of centres and prosecutor offices, and every event type', () => {
    const schemas = doc.components.schemas;
    expect(schemas.Centre).toMatchObject({ enum: ['PAG-ASA', 'PAYOKE', 'SURYA'] });
    expect(schemas.ProsecutorOffice?.enum).toEqual(
      expect.arrayContaining(['ANTWERPEN', 'LIEGE', 'CA-ANTWERPEN', 'CA-MONS']),
    );
    const types = JSON.stringify(schemas.CaseEvent);
    for (const t of [
      'complaint-filed',
      'document-issued',
      'withdrawal-decided',
      'other-status-granted',
      'trafficking-retained-in-charges',
    ])
      expect(types).toContain(`"${t}"`);
  });

  it("describes the API's real answers: a status, a list, the open queries and a problem validate against its schemas", async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema(doc, 'openapi');
    const check = (schema: string, value: unknown) => {
      const validate = ajv.compile({ $ref: `openapi#/components/schemas/${schema}` });
      expect({ schema, valid: validate(value), errors: validate.errors ?? null }).toEqual({
        schema,
        valid: true,
        errors: null,
      });
    };
    check('CaseStatus', (await api('payoke').post('/v1/cases', openingBody())).body);
    check('CaseStatus', (await api('admin').get(`/v1/cases/${stage2.caseId}`)).body);
    check('CaseList', (await api('admin').get('/v1/cases?pageSize=2')).body);
    const queries = (await api('antwerpen').get('/v1/prosecutor/queries')).body as { items: unknown[] };
    for (const q of queries.items) check('ProsecutorQuery', q);
    check('InputValidationProblem', (await api('payoke').post('/v1/cases', {})).body);
    check('Problem', (await api('payoke').get('/v1/cases/case-00000000-0000-4000-8000-000000000000')).body);
    // and a status that does not fit is caught
    const bad = ajv.compile({ $ref: 'openapi#/components/schemas/CaseStatus' });
    expect(bad({ ...stage2, stage: 'LIMBO' })).toBe(false);
  });
});

/** Every METHOD path of the app's routes, mounted routers included (express 5's router keeps each layer's rawPath). */
function appRoutes(app: Express): Set<string> {
  interface Layer {
    rawPath?: string;
    route?: { path: string; methods: Record<string, boolean> };
    handle: { stack?: Layer[] };
  }
  const found = new Set<string>();
  const walk = (stackOf: Layer[], prefix: string) => {
    for (const layer of stackOf) {
      if (layer.route) {
        for (const m of Object.keys(layer.route.methods)) found.add(`${m.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (layer.handle.stack) {
        walk(layer.handle.stack, prefix + (!layer.rawPath || layer.rawPath === '/' ? '' : layer.rawPath));
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}

describe('/docs, health and headers', () => {
  it('/docs serves an HTML page whose scripts and styles are all same-origin, and they are served', async () => {
    const res = await as(stack.app, undefined).get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const refs = [...res.text.matchAll(/<(script|link)\b[^>]*?(?:src|href)="([^"]+)"/g)].map((m) => m[2]!);
    expect(refs.length).toBeGreaterThanOrEqual(2);
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script (the CSP allows 'self' only)
    for (const ref of refs) {
      expect(ref).toMatch(/^\/(?!\/)/); // a path on this origin: no scheme, no //host
      const asset = await as(stack.app, undefined).get(ref);
      expect({ ref, status: asset.status }).toEqual({ ref, status: 200 });
    }
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
  });

  it('/docs/assets/swagger-ui-bundle.js is the Swagger UI bundle from npm', async () => {
    const res = await as(stack.app, undefined).get('/docs/assets/swagger-ui-bundle.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.text.length).toBeGreaterThan(100_000);
    expect(res.text).toContain('SwaggerUIBundle');
  });

  it('/healthz and /readyz answer 200', async () => {
    expect((await as(stack.app, undefined).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await as(stack.app, undefined).get('/readyz');
    expect([ready.status, ready.body]).toEqual([200, { status: 'ready' }]);
  });

  it.each([
    ['GET', '/v1/cases'],
    ['GET', '/docs'],
    ['GET', '/nowhere'],
  ])('security headers on %s %s', async (_m, path) => {
    const res = await as(stack.app, 'admin').get(path);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'x-request-id': expect.any(String),
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('a body over the size limit is a 413 problem that does not quote it', async () => {
    const big = {
      ...openingBody(),
      victim: { pseudonym: `${SECRET.pseudonym}${'x'.repeat(100_000)}`, language: 'ro' },
    };
    const res = await api('payoke').post('/v1/cases', big);
    expectProblem(res, 413);
    expect(res.text).not.toContain(SECRET.pseudonym);
  });

  it('keeps personal data and notes out of its logs', () => {
    const logs = stack.logLines.join('');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of Object.values(SECRET)) expect(logs).not.toContain(secret);
  });
});

describe('the Web UI codec', () => {
  it("decrypts a case's history for an admin, and encrypts nothing for the Immigration Office", async () => {
    const res = await stack.client.workflowService.getWorkflowExecutionHistory({
      namespace: stack.env.namespace ?? 'default',
      execution: { workflowId: stage2.caseId },
    });
    const started = res.history!.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    const asJson = {
      metadata: Object.fromEntries(
        Object.entries(started.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
      data: Buffer.from(started.data!).toString('base64'),
    };
    expect(Buffer.from(started.data!).toString('latin1')).not.toContain(SECRET.pseudonym);
    const dec = await api('admin').post('/codec/decode', { payloads: [asJson] });
    expect(dec.status).toBe(200);
    const [plain] = (dec.body as { payloads: { data: string }[] }).payloads;
    expect(Buffer.from(plain!.data, 'base64').toString('utf8')).toContain(SECRET.pseudonym);
    const enc = await api('immigration').post('/codec/encode', { payloads: [plain] });
    expect(enc.status).toBe(404);
  });
});

describe('rate limit', () => {
  it('answers 429 problem past the per-principal limit, leaving other principals alone', async () => {
    const app = createTestApp({
      client: stack.client,
      keys: stack.keys,
      caseKeys: stack.caseKeys,
      rateLimitPerMinute: 3,
    });
    const payoke = () => as(app, 'payoke').get('/v1/cases?pageSize=1');
    for (let i = 0; i < 3; i++) expect((await payoke()).status).toBe(200);
    const limited = await payoke();
    expectProblem(limited, 429);
    expect(limited.headers.ratelimit).toEqual(expect.any(String));
    expect((await as(app, 'pagasa').get('/v1/cases?pageSize=1')).status).toBe(200);
  });
});

describe('when Temporal cannot be reached', () => {
  const timeoutMs = loadConfig({}).TEMPORAL_CALL_TIMEOUT_MS; // the deployed default
  const connection = Connection.lazy({ address: '127.0.0.1:1' });
  let dead: Express;
  beforeAll(() => {
    dead = createTestApp({
      client: new Client({ connection, dataConverter: dataConverterFor(stack.keys, stack.caseKeys) }),
      keys: stack.keys,
      caseKeys: stack.caseKeys,
      caseIndex: stack.caseIndex,
      timeoutMs,
    });
  });
  // The SDK's retry back-off outlives a call's deadline (a cancelled call's too) by up to its longest interval, 5 s
  // (two Queries at once to a case no worker serves: Temporal buffers one); a retry that fires on a closed channel
  // throws.
  afterAll(async () => {
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    await connection.close();
  });

  const timed = async (r: Promise<request.Response>) => {
    const started = Date.now();
    const res = await r;
    return { res, ms: Date.now() - started };
  };

  it('answers 503 problems within seconds: reading, opening, recording, answering, /readyz', async () => {
    const calls = await Promise.all([
      timed(as(dead, 'payoke').get(`/v1/cases/${stage2.caseId}`)),
      timed(as(dead, 'payoke').post('/v1/cases', openingBody())),
      timed(as(dead, 'payoke').post(`/v1/cases/${stage2.caseId}/events`, { type: 'support-declined', on: today() })),
      timed(as(dead, 'antwerpen').post(`/v1/prosecutor/queries/${stage2.caseId}-q1/answer`, YES)),
      timed(as(dead, undefined).get('/readyz')),
    ]);
    for (const { res, ms } of calls) {
      expectProblem(res, 503);
      expect(ms).toBeLessThan(6_000);
      expect(res.text).not.toMatch(/127\.0\.0\.1|grpc|ECONNREFUSED|DEADLINE/i);
    }
    // Liveness is not readiness: the process itself is fine.
    expect((await as(dead, undefined).get('/healthz')).status).toBe(200);
  });

  it('still lists the cases and the tasks, from the case index', async () => {
    const cases = await as(dead, 'payoke').get('/v1/cases?pageSize=100');
    expect(cases.status).toBe(200);
    expect((cases.body as { items: { caseId: string }[] }).items.map((c) => c.caseId)).toContain(stage2.caseId);
    const queries = await as(dead, 'antwerpen').get('/v1/prosecutor/queries?pageSize=100');
    expect(queries.status).toBe(200);
    expect((queries.body as { items: { caseId: string }[] }).items.map((q) => q.caseId)).toContain(stage2.caseId);
  });

  it('answers 503 within seconds when no worker serves the cases (Temporal up, worker missing)', async () => {
    const noWorker = createTestApp({
      client: stack.client,
      keys: stack.keys,
      caseKeys: stack.caseKeys,
      timeoutMs,
      taskQueue: `no-worker-${Date.now()}`,
    });
    const opened = await as(noWorker, 'payoke').post('/v1/cases', openingBody());
    expect(opened.status).toBe(201); // starting a workflow needs no worker
    const caseId = (opened.body as CaseStatus).caseId;
    const calls = await Promise.all([
      timed(as(noWorker, 'payoke').get(`/v1/cases/${caseId}`)),
      timed(as(noWorker, 'payoke').post(`/v1/cases/${caseId}/events`, { type: 'support-declined', on: today() })),
    ]);
    for (const { res, ms } of calls) {
      expectProblem(res, 503);
      expect(ms).toBeLessThan(6_000);
    }
  });
});
