/**
 * Issue 29.7: the first page a reader meets from a mail's link is the workspace's own sign-in page, in the reader's
 * language, which asks the identity provider for its pages in that language too; a sign-in cancelled or failed at
 * the provider says so in the reader's language and offers to try again (cancelling gave a 500 page).
 */
import type { Express } from 'express';
import { errors } from 'openid-client';
import { LANGUAGE_PACKS } from '../../src/i18n';
import type { OidcSignIn } from '../../src/workspace/oidc';
import { signInFailure } from '../../src/workspace/sign-in-failure';
import { Browser, useSessionRecords, workspaceInProcess } from '../support/workspace-in-process';

const de = LANGUAGE_PACKS.de.pages;
const fr = LANGUAGE_PACKS.fr.pages;
const MAIL_LINK = '/workspace/queries/case-0b6f5f0e-7c1e-4a52-9d0c-3a1d2f4e5a6b-q1';

/**
 * An identity provider as openid-client answers for it: the authorization request names the reader's language;
 * the callback brings the provider's error, or a state that is not the sign-in's, as openid-client throws them.
 */
const provider = (reachable = true): OidcSignIn =>
  ({
    issuerOrigin: 'https://idp.test',
    start: (lang: string) =>
      reachable
        ? Promise.resolve({
            url: `https://idp.test/authorize?ui_locales=${lang}`,
            pending: { state: 'state', nonce: 'nonce', codeVerifier: 'verifier' },
          })
        : Promise.reject(new Error('connect ECONNREFUSED')),
    finish: (url: string, pending: { state: string }) => {
      const q = new URL(url, 'http://x').searchParams;
      if (q.get('state') !== pending.state) return Promise.reject(new errors.RPError('state mismatch'));
      const error = q.get('error');
      if (error) return Promise.reject(new errors.OPError({ error }));
      return Promise.resolve({ sub: q.get('as') ?? '', emailVerified: true });
    },
    endSessionUrl: () => Promise.resolve(undefined),
  }) as unknown as OidcSignIn;

const sessions = useSessionRecords();

const workspace = (oidc = provider()): Express =>
  workspaceInProcess(
    sessions.records,
    { now: Date.parse('2026-12-01T08:00:00Z') },
    [{ oidcSubject: 'prosecutor-ANTWERPEN', id: 'prosecutor-ANTWERPEN', role: 'prosecutor', office: 'ANTWERPEN' }],
    { oidc },
  ).app;

/** A browser that reads German, as a German-speaking reader's does. */
const german = (app: Express) => {
  const b = new Browser(app);
  const get = b.get.bind(b);
  b.get = (path) => get(path, { 'Accept-Language': 'de-BE,de;q=0.9' });
  return b;
};

describe('signing in from a mail’s link', () => {
  it('shows the workspace’s own page in the reader’s language, then asks the provider for its pages in it too', async () => {
    const reader = german(workspace());
    const link = await reader.get(MAIL_LINK);
    expect(link.status).toBe(303);
    expect(link.headers.location).toBe(`/workspace/sign-in?returnTo=${encodeURIComponent(MAIL_LINK)}`);

    const page = await reader.get(link.headers.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="de">');
    expect(page.text).toContain(`<h1>${de.signInTitle}</h1>`);
    for (const said of Object.values(de.signInPage)) expect(page.text).toContain(said);
    const start = `/workspace/sign-in/start?returnTo=${encodeURIComponent(MAIL_LINK)}`;
    expect(page.text).toContain(`href="${start}"`);
    // Another language on the same page keeps the way back to the mail's page.
    expect(page.text).toContain(`href="/workspace/sign-in?returnTo=${encodeURIComponent(MAIL_LINK)}&amp;lang=fr"`);

    const toProvider = await reader.get(start);
    expect(toProvider.status).toBe(303);
    expect(toProvider.headers.location).toBe('https://idp.test/authorize?ui_locales=de');
    const back = await reader.get('/workspace/callback?code=c&state=state&as=prosecutor-ANTWERPEN');
    expect(back.headers.location).toBe(MAIL_LINK);
  });

  it('asks the provider in the language the reader chose on the page, over the browser’s', async () => {
    const reader = german(workspace());
    const page = await reader.get('/workspace/sign-in?returnTo=/workspace/queries&lang=fr');
    expect(page.text).toContain(`<h1>${fr.signInTitle}</h1>`);
    expect((await reader.get('/workspace/sign-in/start?returnTo=/workspace')).headers.location).toBe(
      'https://idp.test/authorize?ui_locales=fr',
    );
  });

  it('comes back only to a page of the workspace', async () => {
    const reader = german(workspace());
    for (const elsewhere of ['https://evil.test/', '//evil.test/workspace', '/workspace/../v1/cases', '/v1/cases']) {
      await reader.get(`/workspace/sign-in/start?returnTo=${encodeURIComponent(elsewhere)}`);
      const back = await reader.get('/workspace/callback?code=c&state=state&as=prosecutor-ANTWERPEN');
      expect([elsewhere, back.headers.location]).toEqual([elsewhere, '/workspace']);
    }
  });

  it('sends a reader who is signed in already straight on', async () => {
    const reader = german(workspace());
    await reader.signIn('prosecutor-ANTWERPEN');
    const page = await reader.get(`/workspace/sign-in?returnTo=${encodeURIComponent(MAIL_LINK)}`);
    expect([page.status, page.headers.location]).toEqual([303, MAIL_LINK]);
  });
});

describe('a sign-in that does not end signed in', () => {
  const retry = `href="/workspace/sign-in/start?returnTo=${encodeURIComponent(MAIL_LINK)}"`;

  it('cancelled at the provider: says so in the reader’s language and offers to try again (it was a 500)', async () => {
    const reader = german(workspace());
    await reader.get(`/workspace/sign-in/start?returnTo=${encodeURIComponent(MAIL_LINK)}`);
    const cancelled = await reader.get('/workspace/callback?error=access_denied&state=state');
    expect(cancelled.status).toBe(200);
    expect(cancelled.text).toContain(`<h1>${de.signInFailed.cancelledTitle}</h1>`);
    expect(cancelled.text).toContain(de.signInFailed.cancelled);
    expect(cancelled.text).toContain(retry);
    expect(cancelled.text).toContain(de.signInFailed.retry);
    // The sign-in under way is spent: the same callback again is no sign-in.
    expect((await reader.session()).login).toBeUndefined();
    expect((await reader.get('/workspace/callback?code=c&state=state&as=prosecutor-ANTWERPEN')).status).toBe(400);
  });

  it.each([
    ['an error of the provider', '/workspace/callback?error=server_error&state=state', 400],
    ['a state that is not the sign-in’s', '/workspace/callback?code=c&state=forged&as=prosecutor-ANTWERPEN', 400],
  ])('%s: a page that says the sign-in did not work, and a way to try again', async (_what, callback, status) => {
    const reader = german(workspace());
    await reader.get(`/workspace/sign-in/start?returnTo=${encodeURIComponent(MAIL_LINK)}`);
    const failed = await reader.get(callback);
    expect(failed.status).toBe(status);
    expect(failed.text).toContain(`<h1>${de.signInFailed.failedTitle}</h1>`);
    expect(failed.text).toContain(de.signInFailed.failed);
    expect(failed.text).toContain(retry);
    expect(await reader.signedIn()).toBe(false);
  });

  it('a callback with no sign-in under way (another browser, a bookmark) is a failed sign-in, not an error page', async () => {
    const failed = await german(workspace()).get('/workspace/callback?code=c&state=state');
    expect(failed.status).toBe(400);
    expect(failed.text).toContain(de.signInFailed.failed);
    expect(failed.text).toContain('href="/workspace/sign-in/start?returnTo=%2Fworkspace"');
  });

  it('a provider out of reach: says to try again in a while', async () => {
    const reader = german(workspace(provider(false)));
    const failed = await reader.get(`/workspace/sign-in/start?returnTo=${encodeURIComponent(MAIL_LINK)}`);
    expect(failed.status).toBe(503);
    expect(failed.text).toContain(de.signInFailed.unavailable);
    expect(failed.text).toContain(retry);
  });

  it('tells a cancel from a failure, and both from a provider out of reach', () => {
    expect(signInFailure(new errors.OPError({ error: 'access_denied' }))).toBe('cancelled');
    expect(signInFailure(new errors.OPError({ error: 'login_required' }))).toBe('failed');
    expect(signInFailure(new errors.RPError('nonce mismatch'))).toBe('failed');
    expect(signInFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      'unavailable',
    );
  });
});
