/**
 * Issue 4, who may do what: the full matrix of principals × endpoints on the real
 * stack, a centre on another centre's case (404, not 403), a prosecutor's office on
 * cases it was or was not queried on, and which role may report which event.
 */
import request from 'supertest';
import type { CaseStatus } from '../../src/domain/schemas/case';
import type { CaseEventType } from '../../src/domain/schemas/events';
import { enPages } from '../../src/i18n/pages/en';
import {
  caseInTemporaryResidence,
  expectProblem,
  openCase,
  openingBody,
  recordOk,
  today,
  type TokenName,
  rolesOnly,
} from '../support/api-helpers';
import { complaintFiled, YES } from '../support/fixtures';
import { TOKENS, useServiceStack } from '../support/service-stack';

const stack = useServiceStack();
/** Stage 2, queried to ANTWERPEN (PAYOKE's): read and sent events in the matrix. */
let caseA: CaseStatus;
/** Stage 2, queried to ANTWERPEN (PAYOKE's): its query is answered in the matrix. */
let caseB: CaseStatus;

beforeAll(async () => {
  [caseA, caseB] = await Promise.all([caseInTemporaryResidence(stack.app), caseInTemporaryResidence(stack.app)]);
});

// The second officer and the labour auditor's office hold the roles of `immigration` and `liege`, which the matrix covers.
type Caller = Exclude<TokenName, 'immigration2' | 'admin2' | 'labourAntwerpen' | 'surya'> | 'none' | 'badToken';

function call(who: Caller, method: 'get' | 'post', path: string, body?: unknown): Promise<request.Response> {
  const r = request(stack.app)[method](path);
  if (who === 'badToken') r.set('Authorization', 'Bearer not-a-known-token');
  else if (who !== 'none') r.set('Authorization', `Bearer ${TOKENS[who]}`);
  return body === undefined ? r : r.send(body as object);
}

interface Endpoint {
  name: string;
  method: 'get' | 'post';
  path: () => string;
  body?: (who: Caller) => unknown;
  /** Expected status for each caller, as CONTRACT.md's HTTP table says. */
  expected: Record<Caller, number>;
}

/** An event each caller's role may report (so only visibility decides), harmless to the rest of the matrix. */
const eventFor = (who: Caller) => {
  switch (who) {
    case 'immigration':
      return {
        type: 'document-issued',
        on: today(),
        document: 'ATTESTATION_OF_IMMATRICULATION',
        issuedOn: today(),
        validUntil: caseA.document!.validUntil,
      };
    case 'antwerpen':
    case 'liege':
    case 'caAntwerpen':
      return { type: 'contact-with-exploiters', on: today() };
    default:
      return { type: 'identity-documented', on: today(), documentKind: 'passport' };
  }
};

const PUBLIC = {
  none: 200,
  badToken: 200,
  payoke: 200,
  pagasa: 200,
  immigration: 200,
  admin: 200,
  antwerpen: 200,
  liege: 200,
  caAntwerpen: 200,
};
const CODEC = {
  none: 401,
  badToken: 401,
  payoke: 403,
  pagasa: 403,
  immigration: 200,
  admin: 200,
  antwerpen: 403,
  liege: 403,
  caAntwerpen: 403,
};

// payoke owns caseA/caseB; antwerpen was queried on them; liege and caAntwerpen (no escalation yet) were not.
const MATRIX: Endpoint[] = [
  {
    name: 'POST /v1/cases',
    method: 'post',
    path: () => '/v1/cases',
    body: () => openingBody(),
    expected: {
      none: 401,
      badToken: 401,
      payoke: 201,
      pagasa: 201,
      immigration: 403,
      admin: 403,
      antwerpen: 403,
      liege: 403,
      caAntwerpen: 403,
    },
  },
  {
    name: 'POST /v1/cases/import',
    method: 'post',
    path: () => '/v1/cases/import',
    // A case with no events ended long ago: a role that may import gets the 400 of the import itself, the rest 403.
    body: () => ({ ...openingBody({ openedOn: '2025-01-06' }), centre: 'PAYOKE', events: [] }),
    expected: {
      none: 401,
      badToken: 401,
      payoke: 403,
      pagasa: 403,
      immigration: 400,
      admin: 400,
      antwerpen: 403,
      liege: 403,
      caAntwerpen: 403,
    },
  },
  {
    name: 'GET /v1/cases',
    method: 'get',
    path: () => '/v1/cases',
    expected: {
      none: 401,
      badToken: 401,
      payoke: 200,
      pagasa: 200,
      immigration: 200,
      admin: 200,
      // The cases each office was queried on (issue 14: an office finds its cases by its file number).
      antwerpen: 200,
      liege: 200,
      caAntwerpen: 200,
    },
  },
  {
    name: 'GET /v1/cases/{caseId}',
    method: 'get',
    path: () => `/v1/cases/${caseA.caseId}`,
    expected: {
      none: 401,
      badToken: 401,
      payoke: 200,
      pagasa: 404,
      immigration: 200,
      admin: 200,
      antwerpen: 200,
      liege: 404,
      caAntwerpen: 404,
    },
  },
  {
    name: 'POST /v1/cases/{caseId}/events',
    method: 'post',
    path: () => `/v1/cases/${caseA.caseId}/events`,
    body: eventFor,
    expected: {
      none: 401,
      badToken: 401,
      payoke: 200,
      pagasa: 404,
      immigration: 200,
      admin: 403,
      antwerpen: 200,
      liege: 404,
      caAntwerpen: 404,
    },
  },
  {
    name: 'GET /v1/prosecutor/queries',
    method: 'get',
    path: () => '/v1/prosecutor/queries',
    expected: {
      none: 401,
      badToken: 401,
      payoke: 403,
      pagasa: 403,
      immigration: 403,
      admin: 403,
      antwerpen: 200,
      liege: 200,
      caAntwerpen: 200,
    },
  },
  {
    name: 'POST /v1/prosecutor/queries/{queryId}/answer',
    method: 'post',
    path: () => `/v1/prosecutor/queries/${caseB.prosecutorQuery!.queryId}/answer`,
    body: () => YES,
    // liege and caAntwerpen come after antwerpen's answer: still 404, the case is not theirs to see.
    expected: {
      none: 401,
      badToken: 401,
      payoke: 403,
      pagasa: 403,
      immigration: 403,
      admin: 403,
      antwerpen: 200,
      liege: 404,
      caAntwerpen: 404,
    },
  },
  {
    name: 'POST /codec/decode',
    method: 'post',
    path: () => '/codec/decode',
    body: () => ({ payloads: [] }),
    expected: CODEC,
  },
  { name: 'GET /healthz', method: 'get', path: () => '/healthz', expected: PUBLIC },
  { name: 'GET /readyz', method: 'get', path: () => '/readyz', expected: PUBLIC },
  { name: 'GET /openapi.json', method: 'get', path: () => '/openapi.json', expected: PUBLIC },
  { name: 'GET /docs', method: 'get', path: () => '/docs', expected: PUBLIC },
];

const CELLS = MATRIX.flatMap((e) =>
  (Object.entries(e.expected) as [Caller, number][]).map(([who, status]) => [e.name, who, status, e] as const),
);

describe('roles × endpoints', () => {
  it.each(CELLS)('%s as %s → %i', async (_name, who, expected, endpoint) => {
    const res = await call(who, endpoint.method, endpoint.path(), endpoint.body?.(who));
    expect(res.status).toBe(expected);
    if (expected >= 400) expectProblem(res, expected);
    // No token at all is the guide's noAccessToken; a token we do not know, its invalidAccessToken.
    if (expected === 401)
      expect([res.body.type, res.headers['www-authenticate']]).toEqual(
        who === 'none'
          ? ['urn:problem-type:belgif:noAccessToken', 'Bearer']
          : ['urn:problem-type:belgif:invalidAccessToken', 'Bearer error="invalid_token"'],
      );
  });

  it('recorded exactly the events the matrix allowed on case A, and the answer on case B', async () => {
    const a = (await call('admin', 'get', `/v1/cases/${caseA.caseId}`)).body as CaseStatus;
    expect(a.history.slice(caseA.history.length)).toEqual([
      { on: today(), type: 'identity-documented', by: 'centre', byId: 'centre-payoke' },
      { on: today(), type: 'document-issued', by: 'immigration-office', byId: 'dvz' },
      { on: today(), type: 'contact-with-exploiters', by: 'prosecutor', byId: 'pk-antwerpen' },
    ]);
    const b = (await call('admin', 'get', `/v1/cases/${caseB.caseId}`)).body as CaseStatus;
    expect(b.stage).toBe('IDENTIFIED_VICTIM');
    expect(b.history.filter((h) => h.type === 'status-query-answered')).toHaveLength(1);
  });
});

describe("another centre's case", () => {
  it('is 404 for every case endpoint, indistinguishable from a case that does not exist, and unchanged', async () => {
    const own = await openCase(stack.app, 'payoke');
    const missing = 'case-00000000-0000-4000-8000-000000000000';
    const read = await call('pagasa', 'get', `/v1/cases/${own.caseId}`);
    const readMissing = await call('pagasa', 'get', `/v1/cases/${missing}`);
    expectProblem(read, 404);
    expect(read.body.detail.replace(own.caseId, 'X')).toBe(readMissing.body.detail.replace(missing, 'X'));

    const event = await call('pagasa', 'post', `/v1/cases/${own.caseId}/events`, {
      type: 'voluntary-return',
      on: today(),
    });
    expectProblem(event, 404);
    const after = (await call('payoke', 'get', `/v1/cases/${own.caseId}`)).body as CaseStatus;
    expect(after).toMatchObject({ stage: 'REFLECTION', outcome: null, history: own.history });

    const list = await call('pagasa', 'get', '/v1/cases?pageSize=100');
    expect((list.body as { items: { caseId: string }[] }).items.map((i) => i.caseId)).not.toContain(own.caseId);
  });
});

describe("a prosecutor's office", () => {
  it('reads a case it was queried on (200), not one it was not queried on (404), nor one with no query yet (404)', async () => {
    expect((await call('antwerpen', 'get', `/v1/cases/${caseA.caseId}`)).status).toBe(200);
    expectProblem(await call('liege', 'get', `/v1/cases/${caseA.caseId}`), 404);
    const reflection = await openCase(stack.app, 'payoke');
    expectProblem(await call('antwerpen', 'get', `/v1/cases/${reflection.caseId}`), 404);
  });

  it('is let in once queried, though it was turned away before the query went out', async () => {
    const opened = await openCase(stack.app, 'payoke');
    expectProblem(await call('antwerpen', 'get', `/v1/cases/${opened.caseId}`), 404);
    await recordOk(stack.app, 'payoke', opened.caseId, complaintFiled(today()));
    expect((await call('antwerpen', 'get', `/v1/cases/${opened.caseId}`)).status).toBe(200);
    expectProblem(await call('liege', 'get', `/v1/cases/${opened.caseId}`), 404);
  });

  it("cannot answer another office's query (404) nor report events on its case", async () => {
    const s = await caseInTemporaryResidence(stack.app);
    expectProblem(await call('liege', 'post', `/v1/prosecutor/queries/${s.prosecutorQuery!.queryId}/answer`, YES), 404);
    expectProblem(
      await call('liege', 'post', `/v1/cases/${s.caseId}/events`, { type: 'cooperation-ended', on: today() }),
      404,
    );
    const after = (await call('admin', 'get', `/v1/cases/${s.caseId}`)).body as CaseStatus;
    expect(after.prosecutorQuery?.queryId).toBe(s.prosecutorQuery!.queryId);
    expect(rolesOnly(after.history)).toEqual(s.history);
  });
});

/** CONTRACT.md "Events": who may send each event. Written out here, not taken from the code under test. */
const MAY_SEND: Record<string, ('centre' | 'immigration-office' | 'prosecutor')[]> = {
  'complaint-filed': ['centre'],
  'document-issued': ['immigration-office'],
  'temporary-residence-renewed': ['immigration-office'],
  'contact-with-exploiters': ['centre', 'prosecutor'],
  'support-declined': ['centre'],
  'cooperation-ended': ['prosecutor'],
  'fraud-established': ['prosecutor'],
  'public-order-threat': ['immigration-office'],
  'withdrawal-decided': ['immigration-office'],
  'identity-documented': ['centre', 'immigration-office'],
  conviction: ['prosecutor'],
  'trafficking-retained-in-charges': ['prosecutor'],
  'permanent-residence-decided': ['immigration-office'],
  'not-renewed': ['immigration-office'],
  'proceedings-ended': ['prosecutor'],
  'voluntary-return': ['centre'],
  'opened-in-error': ['centre'],
  'other-status-granted': ['immigration-office'],
};
const EXTRA: Record<string, object> = {
  'complaint-filed': { kind: 'complaint', prosecutorOffice: 'ANTWERPEN' },
  'document-issued': { document: 'ATTESTATION_OF_IMMATRICULATION', issuedOn: '2026-01-05', validUntil: '2026-04-05' },
  'withdrawal-decided': { withdraw: true, ground: 'public-order-threat' },
  'identity-documented': { documentKind: 'passport' },
  conviction: { underTraffickingLaw: true, appealed: false },
  'fraud-established': { finding: 'fraudulent' },
  'trafficking-retained-in-charges': { statementsSignificant: true },
  'permanent-residence-decided': { grant: true },
  'proceedings-ended': { reason: 'dismissed' },
  'other-status-granted': { status: 'refugee' },
};
const ROLE_CALLER = {
  centre: 'payoke',
  'immigration-office': 'immigration',
  prosecutor: 'antwerpen',
  admin: 'admin',
} as const;
const FORBIDDEN = Object.entries(MAY_SEND).flatMap(([type, roles]) =>
  (['centre', 'immigration-office', 'prosecutor', 'admin'] as const)
    .filter((r) => !(roles as string[]).includes(r))
    .map((role) => [type, role] as const),
);

describe('an event from a role that may not report it', () => {
  // caseA is visible to payoke, immigration and antwerpen alike, so only the role can refuse.
  it.each(FORBIDDEN)('%s from %s → 403', async (type, role) => {
    const res = await call(ROLE_CALLER[role], 'post', `/v1/cases/${caseA.caseId}/events`, {
      type,
      on: today(),
      ...EXTRA[type],
    });
    expectProblem(res, 403);
    if (role !== 'admin') expect(res.body.detail).toContain(`“${enPages.events[type as CaseEventType]}”`);
  });

  it('left case A as it was', async () => {
    const a = (await call('admin', 'get', `/v1/cases/${caseA.caseId}`)).body as CaseStatus;
    expect(a.stage).toBe('TEMPORARY_RESIDENCE');
    expect(
      rolesOnly(
        a.history.filter(
          (h) => !['identity-documented', 'document-issued', 'contact-with-exploiters'].includes(h.type),
        ),
      ),
    ).toEqual(caseA.history);
  });
});
