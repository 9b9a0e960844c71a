import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getIronSession, type IronSession } from 'iron-session';
import type { Language } from '../domain/codes';
import type { SessionRecords } from './session-records';

/**
 * What a workspace session holds: who signed in (an id, never a token), the server-side session it is (its
 * record's id), when the person signed in, its form token, the sign-in under way.
 */
export interface WorkspaceSession {
  principalId?: string;
  sessionId?: string;
  signedInAt?: number;
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
  /** The time in ms (a test moves it); Date.now by default. */
  now?: () => number;
}

/** The longest a session lives from sign-in, however active: a working day. */
export const SESSION_HOURS = 10;
const SESSION_MS = SESSION_HOURS * 60 * 60_000;

export const nowOf = (o: SessionOptions): number => (o.now ?? Date.now)();

const config = (o: SessionOptions, ttlSeconds: number) => ({
  password: o.key.toString('base64'),
  cookieName: 'workspace_session',
  ttl: ttlSeconds,
  // Lax, not Strict: the identity provider sends the reader back with a cross-site redirect.
  cookieOptions: { httpOnly: true, sameSite: 'lax' as const, secure: o.secure, path: '/workspace' },
});

export function sessionOf(req: IncomingMessage, res: ServerResponse, o: SessionOptions) {
  return getIronSession<WorkspaceSession>(req, res, config(o, SESSION_HOURS * 60 * 60));
}

/** Why a signed-in session ends now: unused too long, past its absolute end, or no longer on record (signed out). */
export type SessionEnd = 'idle' | 'over' | 'closed';

/** The absolute end of a signed-in session, in ms. */
export const endOf = (s: WorkspaceSession): number => (s.signedInAt ?? 0) + SESSION_MS;

/**
 * Whether the signed-in session must end now, and why; undefined while it holds. A cookie is only a reference:
 * the session must also be on record (sign-out deletes the record, so a copied cookie opens nothing after it).
 */
export async function sessionEnd(
  s: WorkspaceSession,
  o: SessionOptions,
  records: SessionRecords,
  now: number,
): Promise<SessionEnd | undefined> {
  if (!s.principalId) return undefined;
  // A cookie of before the session records (or anything without them) holds no session.
  if (!s.sessionId || !s.signedInAt) return 'closed';
  if (now >= endOf(s)) return 'over';
  if (s.lastSeen && now - s.lastSeen > o.idleMinutes * 60_000) return 'idle';
  return (await records.live(s.sessionId, s.principalId, now)) ? undefined : 'closed';
}

/**
 * Signs a person in: a new session on record (the one this cookie named before ends), a new form token, and nothing
 * of the session before (no fixation of a session, a token or a login).
 */
export async function signIn(
  s: WorkspaceSession,
  records: SessionRecords,
  principalId: string,
  now: number,
): Promise<void> {
  if (s.sessionId) await records.end(s.sessionId);
  const sessionId = await records.open(principalId, now, now + SESSION_MS);
  delete s.login;
  s.principalId = principalId;
  s.sessionId = sessionId;
  s.signedInAt = now;
  s.csrf = randomBytes(32).toString('hex');
  s.lastSeen = now;
}

/** Forgets who was signed in; the reader's language stays. */
export function signOut(s: WorkspaceSession): void {
  delete s.principalId;
  delete s.sessionId;
  delete s.signedInAt;
  delete s.csrf;
  delete s.lastSeen;
  delete s.login;
}

/**
 * Seals the session; a signed-in one with a cookie that ends at the session's absolute end (iron's seal too), not
 * 10 hours after this response: each response no longer gives a session another day.
 */
export async function saveSession(s: IronSession<WorkspaceSession>, o: SessionOptions, now: number): Promise<void> {
  if (s.principalId && s.signedInAt) {
    // iron-session gives the cookie a minute less than the seal (its allowance for clock skew).
    s.updateConfig(config(o, Math.max(1, Math.ceil((endOf(s) - now) / 1000)) + 60));
  }
  await s.save();
}

/** Every form carries the session's token: a page of another site cannot post as the signed-in reader. */
export function csrfValid(s: WorkspaceSession, sent: unknown): boolean {
  if (!s.csrf || typeof sent !== 'string' || sent.length !== s.csrf.length) return false;
  return timingSafeEqual(Buffer.from(s.csrf), Buffer.from(sent));
}
