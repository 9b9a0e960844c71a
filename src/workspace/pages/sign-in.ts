import { Router } from 'express';
import { ServiceProblem } from '../../cases/problems';
import type { WorkspaceDeps } from '../deps';
import { locals } from '../middleware';
import { csrfValid, nowOf, saveSession, signIn, signOut } from '../session';
import { messagePage } from '../views/messages';

/** A path inside the workspace, the only place a sign-in sends the reader back to. */
const RETURN_TO = /^\/workspace(\/[A-Za-z0-9/_-]*)?$/;

/**
 * Sign-in: straight to the identity provider, back to the page the reader asked for, as a session on record;
 * sign-out: the record ended, then the identity provider's session.
 */
export function signInPages(deps: WorkspaceDeps): Router {
  const r = Router();
  r.get('/sign-in', async (req, res) => {
    const { session } = locals(res);
    const asked = typeof req.query.returnTo === 'string' ? req.query.returnTo : '/workspace';
    const returnTo = RETURN_TO.test(asked) ? asked : '/workspace';
    const { url, pending } = await deps.oidc.start();
    session.login = { ...pending, returnTo };
    await session.save();
    res.redirect(303, url);
  });
  r.get('/callback', async (req, res) => {
    const { session, page } = locals(res);
    const login = session.login;
    const w = page.pack.pages;
    if (!login) throw new ServiceProblem('badRequest', (p) => p.pages.errors.badRequest);
    const identity = await deps.oidc.finish(req.originalUrl, login);
    const principal = deps.principals.signedIn(identity);
    delete session.login;
    if (!principal) {
      await session.save();
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
    res.send(messagePage(page, w.signedOutTitle, w.signedOut, { href: '/workspace/sign-in', label: w.signIn }));
  });
  return r;
}
