import { Router, type Response } from 'express';
import { ServiceProblem } from '../../cases/problems';
import type { SignedInIdentity } from '../../identity/principals';
import type { WorkspaceDeps } from '../deps';
import type { OidcSignIn } from '../oidc';
import { locals } from '../middleware';
import { csrfValid, nowOf, saveSession, signIn, signOut } from '../session';
import { returnToOf, signInStartPath } from '../sign-in-paths';
import { signInFailure, signInFailureLog, type SignInFailure } from '../sign-in-failure';
import { messagePage } from '../views/messages';
import { signInPage } from '../views/sign-in';

/** A cancel is the reader's choice, not an error; a provider out of reach is the service's. */
const FAILURE_STATUS: Record<SignInFailure, number> = { cancelled: 200, failed: 400, unavailable: 503 };

/**
 * Sign-in: the workspace's own page first, then the identity provider (in the reader's language), back to the page
 * the reader asked for, as a session on record; a sign-in cancelled or failed says so and offers to try again.
 * Sign-out: the record ended, then the identity provider's session.
 */
export function signInPages(deps: WorkspaceDeps): Router {
  const r = Router();
  const failed = async (res: Response, why: SignInFailure, returnTo: string, log: Record<string, unknown>) => {
    await locals(res).session.save();
    if (why === 'cancelled') deps.logger.info(log, 'workspace sign-in cancelled');
    else deps.logger.warn(log, 'workspace sign-in failed');
    const { page } = locals(res);
    const w = page.pack.pages.signInFailed;
    const text = why === 'cancelled' ? w.cancelled : why === 'failed' ? w.failed : w.unavailable;
    res.status(FAILURE_STATUS[why]).send(
      messagePage(page, why === 'cancelled' ? w.cancelledTitle : w.failedTitle, text, {
        href: signInStartPath(returnTo),
        label: w.retry,
      }),
    );
  };
  r.get('/sign-in', (req, res) => {
    const { page } = locals(res);
    const returnTo = returnToOf(req);
    // Signed in already (another tab signed in meanwhile): straight on.
    if (page.principal) return res.redirect(303, returnTo);
    res.send(signInPage(page, signInStartPath(returnTo)));
  });
  r.get('/sign-in/start', async (req, res) => {
    const { session, page } = locals(res);
    const returnTo = returnToOf(req);
    let started: Awaited<ReturnType<OidcSignIn['start']>>;
    try {
      started = await deps.oidc.start(page.lang);
    } catch (err) {
      return failed(res, 'unavailable', returnTo, signInFailureLog(err));
    }
    session.login = { ...started.pending, returnTo };
    await session.save();
    res.redirect(303, started.url);
  });
  r.get('/callback', async (req, res) => {
    const { session, page } = locals(res);
    const login = session.login;
    // A sign-in under way is good for one callback, whatever comes of it.
    delete session.login;
    if (!login) return failed(res, 'failed', '/workspace', { error: 'no sign-in under way' });
    let identity: SignedInIdentity;
    try {
      identity = await deps.oidc.finish(req.originalUrl, login);
    } catch (err) {
      return failed(res, signInFailure(err), login.returnTo, signInFailureLog(err));
    }
    const principal = deps.principals.signedIn(identity);
    if (!principal) {
      await session.save();
      const w = page.pack.pages;
      res.status(403).send(messagePage(page, w.signInTitle, w.notMapped));
      return;
    }
    const now = nowOf(deps.session);
    await signIn(session, deps.sessions, principal.id, now);
    await saveSession(session, deps.session, now);
    res.redirect(303, login.returnTo);
  });
  r.post('/sign-out', async (req, res) => {
    const { session, page } = locals(res);
    if (session.principalId && !csrfValid(session, (req.body as Record<string, unknown>)._csrf))
      throw new ServiceProblem('missingPermission', (p) => p.pages.errors.forbidden);
    // The record first: from then on no copy of this cookie opens anything, on any API process.
    if (session.sessionId) await deps.sessions.end(session.sessionId);
    const signedIn = !!session.principalId;
    signOut(session);
    await session.save();
    // The identity provider's own session ends too, where it offers that; it sends the reader back to signed-out.
    const atProvider = signedIn ? await deps.oidc.endSessionUrl(page.lang) : undefined;
    res.redirect(303, atProvider ?? `/workspace/signed-out${session.lang ? `?lang=${session.lang}` : ''}`);
  });
  r.get('/signed-out', (_req, res) => {
    const { page } = locals(res);
    const w = page.pack.pages;
    res.send(
      messagePage(page, w.signedOutTitle, w.signedOut, { href: signInStartPath('/workspace'), label: w.signIn }),
    );
  });
  return r;
}
