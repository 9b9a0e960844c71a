/**
 * The workspace's sessions, on the pages as a browser reaches them (in process, with the identity provider faked
 * and a clock the test moves): a session ends at its idle time-out and, however active, 10 hours after sign-in;
 * sign-out ends it on record, so a copy of its cookie opens nothing, on any API process; the identity provider's
 * session ends too where it offers that. Issue 28: each response resealed the cookie for another 10 hours, and
 * sign-out revoked nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { sealData, type IronSession } from 'iron-session';
import request, { type Response } from 'supertest';
import { LANGUAGE_PACKS } from '../../src/i18n';
import type { WorkspaceDeps } from '../../src/workspace/deps';
import { csrfValid, SESSION_HOURS, signIn, type WorkspaceSession } from '../../src/workspace/session';
import { openSessionRecords, type SessionRecords } from '../../src/workspace/session-records';
import { Browser, SESSION_KEY as KEY, workspaceInProcess } from '../support/workspace-in-process';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const t0 = Date.parse('2026-12-01T08:00:00Z');
const en = LANGUAGE_PACKS.en.pages;

const session = (data: WorkspaceSession): IronSession<WorkspaceSession> => ({
  ...data,
  save: async () => undefined,
  destroy: () => undefined,
  updateConfig: () => undefined,
});

let dir: string;
const opened: SessionRecords[] = [];
/** The session records of one API process, in the shared service database (SERVICE_DATABASE). */
const recordsOfAProcess = (): SessionRecords => {
  const records = openSessionRecords(join(dir, 'service.sqlite'));
  opened.push(records);
  return records;
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'workspace-sessions-'));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((r) => r.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('a workspace session', () => {
  it('gets a new session on record, a new form token, and forgets the sign-in under way', async () => {
    const records = recordsOfAProcess();
    const s = session({
      csrf: 'a'.repeat(64),
      login: { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/workspace' },
    });
    await signIn(s, records, 'prosecutor-ANTWERPEN', t0);
    expect(s).toMatchObject({ principalId: 'prosecutor-ANTWERPEN', lastSeen: t0, signedInAt: t0 });
    expect(s.login).toBeUndefined();
    expect(s.csrf).toMatch(/^[0-9a-f]{64}$/);
    expect(s.csrf).not.toBe('a'.repeat(64));
    const first = s.sessionId!;
    await expect(records.live(first, 'prosecutor-ANTWERPEN', t0)).resolves.toBe(true);
    // Bound to its person, and to its end.
    await expect(records.live(first, 'admin', t0)).resolves.toBe(false);
    await expect(records.live(first, 'prosecutor-ANTWERPEN', t0 + SESSION_HOURS * HOUR)).resolves.toBe(false);
    // Signing in again over it ends the one before: no fixation of a session.
    await signIn(s, records, 'prosecutor-ANTWERPEN', t0 + MINUTE);
    expect(s.sessionId).not.toBe(first);
    await expect(records.live(first, 'prosecutor-ANTWERPEN', t0 + MINUTE)).resolves.toBe(false);
  });

  it('accepts a form only with the session’s own token', async () => {
    const s = session({});
    await signIn(s, recordsOfAProcess(), 'immigration-office', t0);
    expect(csrfValid(s, s.csrf)).toBe(true);
    expect(csrfValid(s, undefined)).toBe(false);
    expect(csrfValid(s, '')).toBe(false);
    expect(csrfValid(s, `${s.csrf!.slice(0, -1)}0`.replace(/.$/, s.csrf!.endsWith('0') ? '1' : '0'))).toBe(false);
    expect(csrfValid(session({}), 'anything')).toBe(false);
  });
});

/** An event's date as its form sends it: day, month and year. */
const ON_DEC_1 = { 'on-day': '1', 'on-month': '12', 'on-year': '2026' };

/** What the pages asked of the (fake) gateway: the keys of the events they recorded. */
const recorded: (string | undefined)[] = [];

/** One API process's workspace: the pages on their own, the identity provider faked, the clock the test's. */
function apiProcess(records: SessionRecords, clock: { now: number }): { app: Express; endSessions: string[] } {
  // A case of PAYOKE's, as the case index says; an event recorded on it answers nothing the pages read.
  const gateway = {
    indexedAccess: () =>
      Promise.resolve({ centre: 'PAYOKE', prosecutorOffices: [], running: true, outcome: undefined }),
    // An event's form offers the choices of the case as it is.
    status: () => Promise.resolve({ stage: 'TEMPORARY_RESIDENCE', withdrawalReview: null }),
    record: (_caseId: string, _input: unknown, key: string | undefined) => {
      recorded.push(key);
      return Promise.resolve({});
    },
  };
  // The home page (the first page of a role) and an event's form need none of the case stores.
  return workspaceInProcess(
    records,
    clock,
    [
      { oidcSubject: 'centre-PAYOKE', id: 'centre-PAYOKE', role: 'centre', centre: 'PAYOKE' },
      { oidcSubject: 'immigration-office', id: 'immigration-office', role: 'immigration-office' },
    ],
    { gateway } as unknown as Partial<WorkspaceDeps>,
  );
}

/** The Max-Age of the last session cookie a response set. */
const maxAgeOf = (res: Response): number =>
  Number(/Max-Age=(\d+)/.exec(([] as string[]).concat(res.headers['set-cookie'] ?? []).pop() ?? '')?.[1]);

describe('the end of a workspace session', () => {
  it('a copied cookie opens nothing after sign-out, on this API process or another', async () => {
    const clock = { now: t0 };
    const a = apiProcess(recordsOfAProcess(), clock);
    const b = apiProcess(recordsOfAProcess(), clock);
    const reader = new Browser(a.app);
    await reader.signIn('centre-PAYOKE');
    expect(await reader.signedIn()).toBe(true);
    // The sign-out form's redirect to the identity provider is a form submission: its origin, and no other, is let in.
    expect((await reader.get('/workspace')).headers['content-security-policy']).toContain(
      "form-action 'self' https://idp.test;",
    );
    // Someone copies the cookie (a shared computer, a proxy's log, malware): it works, on every API process.
    const copied = reader.on(b.app);
    expect(await copied.signedIn()).toBe(true);

    clock.now += 5 * MINUTE;
    const out = await reader.post('/workspace/sign-out', { _csrf: (await reader.session()).csrf! });
    // On to the identity provider's sign-out (RP-initiated logout), which sends the reader back to signed-out.
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('https://idp.test/logout?ui_locales=en');
    expect(a.endSessions).toHaveLength(1);
    expect(await reader.signedIn()).toBe(false);

    // The copy, still sealed and well within its 10 hours, is refused on both processes, saying why.
    for (const app of [a.app, b.app]) {
      const refused = await copied.on(app).get('/workspace');
      expect(refused.status).toBe(401);
      expect(refused.text).toContain(en.sessionClosed);
      expect(refused.text).toContain('href="/workspace/sign-in/start?returnTo=%2Fworkspace"');
    }
  });

  it('a session used all along ends 10 hours after sign-in; its cookie never lives past that', async () => {
    const clock = { now: t0 };
    const reader = new Browser(apiProcess(recordsOfAProcess(), clock).app);
    await reader.signIn('immigration-office');
    // A request every 20 minutes: never idle for the 30-minute time-out.
    while (clock.now + 20 * MINUTE < t0 + SESSION_HOURS * HOUR) {
      clock.now += 20 * MINUTE;
      const res = await reader.get('/workspace');
      expect(res.headers.location).toBe('/workspace/inbox');
      // Each response's cookie ends where the session does, not 10 hours after this response.
      expect(maxAgeOf(res)).toBe((t0 + SESSION_HOURS * HOUR - clock.now) / 1000);
    }
    clock.now = t0 + SESSION_HOURS * HOUR;
    const over = await reader.get('/workspace');
    expect(over.status).toBe(401);
    expect(over.text).toContain(en.sessionOver(SESSION_HOURS));
    expect(await reader.signedIn()).toBe(false);
    // A new sign-in gives a new 10 hours.
    await reader.signIn('immigration-office');
    expect(await reader.signedIn()).toBe(true);
  });

  it('still ends after the idle time-out, and its record with it', async () => {
    const clock = { now: t0 };
    const reader = new Browser(apiProcess(recordsOfAProcess(), clock).app);
    await reader.signIn('centre-PAYOKE');
    const copy = reader.on(apiProcess(recordsOfAProcess(), clock).app);
    clock.now += 29 * MINUTE;
    expect(await reader.signedIn()).toBe(true);
    clock.now += 31 * MINUTE;
    const idle = await reader.get('/workspace/cases');
    expect(idle.status).toBe(401);
    expect(idle.text).toContain(en.sessionEnded);
    // A copy taken before carries an earlier last request, and no session is on record any more.
    expect((await copy.get('/workspace')).status).toBe(401);
  });

  it('a cookie sealed before sessions were on record (or forged with the key) is no session', async () => {
    const clock = { now: t0 };
    const reader = new Browser(apiProcess(recordsOfAProcess(), clock).app);
    reader.cookie = await sealData(
      { principalId: 'centre-PAYOKE', csrf: 'c'.repeat(64), lastSeen: t0 },
      { password: KEY.toString('base64'), ttl: 36_000 },
    );
    const res = await reader.get('/workspace');
    expect(res.status).toBe(401);
    expect(res.text).toContain(en.sessionClosed);
  });

  it('a sign-out of a reader who is not signed in goes straight to the signed-out page', async () => {
    const clock = { now: t0 };
    const a = apiProcess(recordsOfAProcess(), clock);
    const res = await new Browser(a.app).post('/workspace/sign-out', {});
    expect(res.headers.location).toBe('/workspace/signed-out');
    expect(a.endSessions).toEqual([]);
  });
});

describe('a form that did not arrive as its page sent it', () => {
  it('no body at all, or a body that is not a form, is a 4xx in words: never a 500', async () => {
    const clock = { now: t0 };
    const reader = new Browser(apiProcess(recordsOfAProcess(), clock).app);
    await reader.signIn('centre-PAYOKE');
    const cookie = `workspace_session=${reader.cookie}`;
    const app = apiProcess(recordsOfAProcess(), clock).app;
    const bodiless = await request(app).post('/workspace/sign-out').set('Cookie', cookie);
    expect(bodiless.status).toBe(400);
    expect(bodiless.text).toContain(en.errors.formDamaged);
    const json = await request(app).post('/workspace/cases').set('Cookie', cookie).send({ pseudonym: 'x' });
    expect(json.status).toBe(415);
    expect(json.text).toContain(en.errors.formDamaged);
    const tooLarge = await request(app)
      .post('/workspace/cases')
      .set('Cookie', cookie)
      .type('form')
      .send({ note: 'x'.repeat(70_000) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.text).toContain(en.errors.formDamaged);
    // Still signed in: none of it ended the session.
    expect(await reader.signedIn()).toBe(true);
  });

  it('a form key longer than any the page gives is a 400 in words, and nothing is recorded (it was a 500)', async () => {
    const clock = { now: t0 };
    const reader = new Browser(apiProcess(recordsOfAProcess(), clock).app);
    await reader.signIn('centre-PAYOKE');
    const { csrf } = await reader.session();
    const report = '/workspace/cases/case-0b6f5f0e-7c1e-4a52-9d0c-3a1d2f4e5a6b/report/support-declined';
    recorded.length = 0;
    // The key becomes part of the Update's id: 60,000 characters made Temporal refuse it, and the page answer 500.
    const long = await reader.post(report, { _csrf: csrf!, ...ON_DEC_1, _key: 'k'.repeat(60_000) });
    expect(long.status).toBe(400);
    expect(long.text).toContain(en.errors.formDamaged);
    const unprintable = await reader.post(report, { _csrf: csrf!, ...ON_DEC_1, _key: 'a key\n' });
    expect(unprintable.status).toBe(400);
    expect(recorded).toEqual([]);
    // As long as the API's Idempotency-Key may be, it is recorded under it.
    const fine = await reader.post(report, { _csrf: csrf!, ...ON_DEC_1, _key: 'k'.repeat(200) });
    expect(fine.status).toBe(303);
    expect(recorded).toEqual(['k'.repeat(200)]);
  });

  it('gives each form a key of its own, so a form sent twice (a double click) is recorded under one key', async () => {
    const reader = new Browser(apiProcess(recordsOfAProcess(), { now: t0 }).app);
    await reader.signIn('centre-PAYOKE');
    const report = '/workspace/cases/case-0b6f5f0e-7c1e-4a52-9d0c-3a1d2f4e5a6b/report/support-declined';
    const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];
    const form = (await reader.get(report)).text;
    const key = hidden(form, '_key');
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    const again = hidden((await reader.get(report)).text, '_key');
    expect(again).not.toBe(key);
    recorded.length = 0;
    const sent = { _csrf: hidden(form, '_csrf')!, _key: key!, ...ON_DEC_1 };
    for (const _click of [1, 2]) expect((await reader.post(report, sent)).status).toBe(303);
    expect(recorded).toEqual([key, key]);
  });
});
