import type { IronSession } from 'iron-session';
import { csrfValid, idleExpired, signIn, type WorkspaceSession } from '../../src/workspace/session';

const OPTIONS = { key: Buffer.alloc(32, 3), idleMinutes: 30, secure: false };
const session = (data: WorkspaceSession): IronSession<WorkspaceSession> => ({
  ...data,
  save: async () => undefined,
  destroy: () => undefined,
  updateConfig: () => undefined,
});

describe('a workspace session', () => {
  const t0 = Date.parse('2026-12-01T09:00:00Z');

  it('ends after the idle time-out without a request, not before', () => {
    const s = session({ principalId: 'centre-PAYOKE', lastSeen: t0 });
    expect(idleExpired(s, OPTIONS, t0 + 29 * 60_000)).toBe(false);
    expect(idleExpired(s, OPTIONS, t0 + 31 * 60_000)).toBe(true);
    expect(idleExpired(session({ lastSeen: t0 }), OPTIONS, t0 + 31 * 60_000)).toBe(false);
  });

  it('gets a new form token at sign-in and forgets the sign-in under way', () => {
    const s = session({
      csrf: 'a'.repeat(64),
      login: { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/workspace' },
    });
    signIn(s, 'prosecutor-ANTWERPEN', t0);
    expect(s).toMatchObject({ principalId: 'prosecutor-ANTWERPEN', lastSeen: t0 });
    expect(s.login).toBeUndefined();
    expect(s.csrf).toMatch(/^[0-9a-f]{64}$/);
    expect(s.csrf).not.toBe('a'.repeat(64));
  });

  it('accepts a form only with the session’s own token', () => {
    const s = session({});
    signIn(s, 'immigration-office', t0);
    expect(csrfValid(s, s.csrf)).toBe(true);
    expect(csrfValid(s, undefined)).toBe(false);
    expect(csrfValid(s, '')).toBe(false);
    expect(csrfValid(s, `${s.csrf!.slice(0, -1)}0`.replace(/.$/, s.csrf!.endsWith('0') ? '1' : '0'))).toBe(false);
    expect(csrfValid(session({}), 'anything')).toBe(false);
  });
});
