import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getIronSession, type IronSession } from 'iron-session';
import type { Language } from '../domain/codes';

/** What a workspace session holds: who signed in (an id, never a token), its form token, the sign-in under way. */
export interface WorkspaceSession {
  principalId?: string;
  csrf?: string;
  lastSeen?: number;
  lang?: Language;
  login?: { state: string; nonce: string; codeVerifier: string; returnTo: string };
}

export interface SessionOptions {
  /** Seals the cookie (AES-256-CBC and HMAC, by iron): 32 bytes from the key file. */
  key: Buffer;
  idleMinutes: number;
  /** Behind https (PUBLIC_BASE_URL): the cookie is Secure. */
  secure: boolean;
}

/** The longest a session lives, active or not: a working day. */
const MAX_AGE_SECONDS = 10 * 60 * 60;

export function sessionOf(req: IncomingMessage, res: ServerResponse, o: SessionOptions) {
  return getIronSession<WorkspaceSession>(req, res, {
    password: o.key.toString('base64'),
    cookieName: 'workspace_session',
    ttl: MAX_AGE_SECONDS,
    // Lax, not Strict: the identity provider sends the reader back with a cross-site redirect.
    cookieOptions: { httpOnly: true, sameSite: 'lax', secure: o.secure, path: '/workspace' },
  });
}

/** Whether the session went unused longer than the idle time-out; a signed-in session is then ended. */
export function idleExpired(s: IronSession<WorkspaceSession>, o: SessionOptions, now: number): boolean {
  return !!s.principalId && !!s.lastSeen && now - s.lastSeen > o.idleMinutes * 60_000;
}

/** Signs a person in: a new form token, and nothing of the session before (no fixation of a token or a login). */
export function signIn(s: IronSession<WorkspaceSession>, principalId: string, now: number): void {
  delete s.login;
  s.principalId = principalId;
  s.csrf = randomBytes(32).toString('hex');
  s.lastSeen = now;
}

/** Every form carries the session's token: a page of another site cannot post as the signed-in reader. */
export function csrfValid(s: WorkspaceSession, sent: unknown): boolean {
  if (!s.csrf || typeof sent !== 'string' || sent.length !== s.csrf.length) return false;
  return timingSafeEqual(Buffer.from(s.csrf), Buffer.from(sent));
}
