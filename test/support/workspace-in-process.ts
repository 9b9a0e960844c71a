import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { unsealData } from 'iron-session';
import pino from 'pino';
import request, { type Response } from 'supertest';
import { CaseErasures } from '../../src/cases/case-erasures';
import type { ErasureStores } from '../../src/cases/case-gateway';
import { openErasureRecords } from '../../src/cases/erasure-records';
import { ReferenceIndex } from '../../src/crypto/reference-index';
import { Principals, type PrincipalSpec } from '../../src/identity/principals';
import type { WorkspaceDeps } from '../../src/workspace/deps';
import type { OidcSignIn } from '../../src/workspace/oidc';
import { workspaceRouter } from '../../src/workspace/router';
import type { WorkspaceSession } from '../../src/workspace/session';
import { openSessionRecords, type SessionRecords } from '../../src/workspace/session-records';

/** The sessions on record of a test's API processes: a database of their own before each test, removed after it. */
export function useSessionRecords(): { readonly records: SessionRecords; readonly dir: string } {
  let dir = '';
  let records: SessionRecords | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'workspace-'));
    records = openSessionRecords(join(dir, 'service.sqlite'));
  });
  afterEach(async () => {
    await records?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get records() {
      return records!;
    },
    get dir() {
      return dir;
    },
  };
}

/** The key the sessions' cookies are sealed with. */
export const SESSION_KEY = Buffer.alloc(32, 3);

/**
 * One API process's workspace, the pages on their own with the identity provider faked: it signs in whoever the
 * callback's `as` names, and records the languages its sign-out was asked in (`endSessions`). The rest of the
 * pages' dependencies are the test's (`deps`), for the pages it reads.
 */
export function workspaceInProcess(
  records: SessionRecords,
  clock: { now: number },
  principals: (PrincipalSpec & { oidcSubject: string })[],
  deps: Partial<WorkspaceDeps>,
): { app: Express; endSessions: string[] } {
  const endSessions: string[] = [];
  const oidc = {
    issuerOrigin: 'https://idp.test',
    start: () =>
      Promise.resolve({
        url: 'https://idp.test/authorize',
        pending: { state: 'state', nonce: 'nonce', codeVerifier: 'verifier' },
      }),
    finish: (url: string) =>
      Promise.resolve({ sub: new URL(url, 'http://x').searchParams.get('as') ?? '', emailVerified: true }),
    endSessionUrl: (lang: string) => {
      endSessions.push(lang);
      return Promise.resolve(`https://idp.test/logout?ui_locales=${lang}`);
    },
  } as unknown as OidcSignIn;
  const all = {
    referenceIndex: new ReferenceIndex(Buffer.alloc(32, 7)),
    principals: new Principals(principals),
    oidc,
    sessions: records,
    session: { key: SESSION_KEY, idleMinutes: 30, secure: false, now: () => clock.now },
    logger: pino({ level: 'silent' }),
    ...deps,
  } as WorkspaceDeps;
  // No erasure on record unless the test brings its own: the case page looks for one first.
  all.erasures ??= new CaseErasures({
    gateway: all.gateway,
    stores: {} as ErasureStores,
    records: openErasureRecords(':memory:'),
    waitingDays: 0,
  });
  return { app: express().use('/workspace', workspaceRouter(all)), endSessions };
}

/** A browser's cookie jar, as far as the workspace's one cookie goes. */
export class Browser {
  cookie = '';
  constructor(private readonly app: Express) {}

  on(app: Express): Browser {
    const other = new Browser(app);
    other.cookie = this.cookie;
    return other;
  }

  private keep(res: Response): Response {
    // The last one counts, as in a browser.
    const set = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .filter((c) => c.startsWith('workspace_session='))
      .pop();
    if (set) this.cookie = /^workspace_session=([^;]*)/.exec(set)![1]!;
    return res;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(
      await request(this.app)
        .get(path)
        .set({ ...headers, Cookie: `workspace_session=${this.cookie}` }),
    );
  }

  async post(path: string, form: Record<string, string>): Promise<Response> {
    return this.keep(
      await request(this.app).post(path).set('Cookie', `workspace_session=${this.cookie}`).type('form').send(form),
    );
  }

  /** What the sealed cookie holds (the test has the key). */
  async session(): Promise<WorkspaceSession> {
    return unsealData<WorkspaceSession>(decodeURIComponent(this.cookie), { password: SESSION_KEY.toString('base64') });
  }

  async signIn(as: string): Promise<void> {
    expect((await this.get('/workspace/sign-in/start?returnTo=/workspace')).status).toBe(303);
    const back = await this.get(`/workspace/callback?code=c&state=state&as=${as}`);
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe('/workspace');
  }

  /** Whether the home page lets this browser in (it sends a signed-in reader on to the role's first page). */
  async signedIn(): Promise<boolean> {
    const res = await this.get('/workspace');
    if (res.status === 303) return !res.headers.location!.startsWith('/workspace/sign-in');
    return false;
  }
}
