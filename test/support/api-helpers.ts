import type { Express } from 'express';
import request from 'supertest';
import { dateAt, type IsoDate } from '../../src/domain/calendar';
import type { ComplaintOffice } from '../../src/domain/codes';
import type { CaseOpening, CaseStatus } from '../../src/domain/schemas/case';
import { waitUntil } from '../../tools/stack/wait';
import { complaintFiled, minorOpening, opening, YES } from './fixtures';
import { TOKENS } from './service-stack';

export type TokenName = keyof typeof TOKENS;

/** The legal date today (Europe/Brussels): dev-server tests run on the wall clock. */
export const today = (): IsoDate => dateAt(Date.now());

/** Requests to the app as one principal (no token when `token` is undefined). */
export function as(app: Express, who: TokenName | undefined, headers: Record<string, string> = {}) {
  const auth = (r: request.Test): request.Test => {
    if (who) r.set('Authorization', `Bearer ${TOKENS[who]}`);
    for (const [k, v] of Object.entries(headers)) r.set(k, v);
    return r;
  };
  return {
    get: (path: string) => auth(request(app).get(path)),
    post: (path: string, body?: unknown) => auth(request(app).post(path)).send(body as object),
    delete: (path: string) => auth(request(app).delete(path)),
  };
}

/** Personal data the tests submit, to check it never comes back or reaches a log line. */
export const SECRET = {
  pseudonym: 'Zorana-Pseudo-7731',
  caseworker: 'caseworker-7731@payoke.example.org',
  guardian: 'Guardian Vesna Ilic',
  guardianEmail: 'vesna.ilic-7731@voogdij.example.org',
  note: 'victim hides at Kerkstraat 12',
} as const;

/** An adult's opening as the API takes it today, with the personal data of SECRET. */
export const openingBody = (overrides: Partial<CaseOpening> = {}): CaseOpening =>
  opening(today(), { caseworkerEmail: SECRET.caseworker, ...overrides });

/** A 15-year-old unaccompanied minor with a guardian, opened today, with the personal data of SECRET. */
export const minorOpeningBody = (): CaseOpening =>
  minorOpening(
    today(),
    {
      pseudonym: SECRET.pseudonym,
      guardian: { name: SECRET.guardian, email: SECRET.guardianEmail },
    },
    { caseworkerEmail: SECRET.caseworker },
  );

/** Opens a case through the API and returns its status (fails the test on anything but 201). */
export async function openCase(
  app: Express,
  who: TokenName = 'payoke',
  body: CaseOpening = openingBody(),
): Promise<CaseStatus> {
  const res = await as(app, who).post('/v1/cases', body);
  if (res.status !== 201) throw new Error(`opening a case gave ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as CaseStatus;
}

/** Records an event through the API; fails on anything but 200. */
export async function recordOk(
  app: Express,
  who: TokenName,
  caseId: string,
  event: Record<string, unknown>,
): Promise<CaseStatus> {
  const res = await as(app, who).post(`/v1/cases/${caseId}/events`, event);
  if (res.status !== 200) throw new Error(`${String(event.type)} gave ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as CaseStatus;
}

/**
 * A case in stage 2: opened by `who` (default the adult of openingBody), its complaint filed today with `office`
 * (default ANTWERPEN), which was sent the status query.
 */
export async function caseInTemporaryResidence(
  app: Express,
  who: TokenName = 'payoke',
  o: { office?: ComplaintOffice; opening?: CaseOpening } = {},
): Promise<CaseStatus> {
  const opened = await openCase(app, who, o.opening);
  return recordOk(app, who, opened.caseId, complaintFiled(today(), o.office));
}

/** A case in stage 3: the ANTWERPEN office answered its query yes. */
export async function caseIdentified(app: Express): Promise<CaseStatus> {
  const s = await caseInTemporaryResidence(app);
  const res = await as(app, 'antwerpen').post(`/v1/prosecutor/queries/${s.prosecutorQuery!.queryId}/answer`, YES);
  if (res.status !== 200) throw new Error(`answer gave ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as CaseStatus;
}

/** Polls until `ok` holds (visibility is eventually consistent); returns the last value either way. */
export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  let last: { value: T } | undefined;
  const check = async () => {
    last = { value: await fn() };
    return ok(last.value);
  };
  await waitUntil('eventually', check, timeoutMs, 150).catch((err: unknown) => {
    if (!last) throw err;
  });
  return last!.value;
}

/** The response is an RFC 9457 problem with this status. */
export function expectProblem(res: request.Response, status: number): void {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  // The belgif guide's problem: a URN type, its occurrence named by the response's trace id, the language said.
  expect(res.body).toMatchObject({
    type: expect.stringMatching(/^urn:problem-type:(belgif|victim-case):[a-zA-Z]+$/),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    instance: `urn:uuid:${String(res.headers['belgov-trace-id'])}`,
  });
  expect(res.headers['content-language']).toMatch(/^(nl|fr|de|en)$/);
  expect(res.text).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
}

/** One input of a 400 (the guide's issue). */
export interface Issue {
  type: string;
  in: 'body' | 'path' | 'query' | 'header';
  name: string;
  detail: string;
}
export const issuesOf = (res: request.Response): Issue[] => (res.body as { issues?: Issue[] }).issues ?? [];

/** The inputs a 400 names, as `in.name`: `body.victim.dateOfBirth`, `query.cursor`, `path.caseId`. */
export const invalidNames = (res: request.Response): string[] => issuesOf(res).map((i) => `${i.in}.${i.name}`);

export const UNKNOWN_INPUT = 'urn:problem-type:belgif:input-validation:unknownInput';

/** A history as a centre or an office reads it: who did what by role, the people left out (the contract's `byId`). */
export const rolesOnly = (history: CaseStatus['history']): CaseStatus['history'] =>
  history.map(({ byId: _byId, ...entry }) => entry);
