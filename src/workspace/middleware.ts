import type { Request, RequestHandler, Response } from 'express';
import type { IronSession } from 'iron-session';
import { acceptedLanguage } from '../accepted-language';
import { ctx as requestContext } from '../audit/request-context';
import { ServiceProblem } from '../cases/problems';
import { LANGUAGES, type Language } from '../domain/codes';
import { LANGUAGE_PACKS } from '../i18n';
import type { PageWords } from '../i18n/page-words';
import type { WorkspaceDeps } from './deps';
import { damagedForm } from './forms';
import {
  csrfValid,
  nowOf,
  saveSession,
  SESSION_HOURS,
  sessionEnd,
  sessionOf,
  signOut,
  type SessionEnd,
  type WorkspaceSession,
} from './session';
import { signInPagePath, signInStartPath } from './sign-in-paths';
import { messagePage } from './views/messages';
import type { PageContext } from './views/page-context';

interface Locals {
  session: IronSession<WorkspaceSession>;
  page: PageContext;
}
/** The reader's session and the page's context, which readerSession sets. */
export const locals = (res: Response): Locals => res.locals.workspace as Locals;
/** The page's context; before the session is read (or when it cannot be), an English one. */
export const pageOf = (res: Response): PageContext =>
  (res.locals.workspace as Locals | undefined)?.page ?? { lang: 'en', pack: LANGUAGE_PACKS.en, path: '/workspace' };

/**
 * No script at all, styles from the stylesheet only, forms posted to this site only: the sign-out form's redirect to
 * the identity provider's own sign-out is a form submission too, so its origin (the issuer's) is let in as well.
 */
export function pageHeaders(identityProvider: string): RequestHandler {
  const csp =
    "default-src 'none'; style-src 'self'; img-src 'self'; " +
    `form-action 'self' ${identityProvider}; frame-ancestors 'none'; base-uri 'none'`;
  return (_req, res, next) => {
    res.set('Content-Security-Policy', csp);
    res.set('Cache-Control', 'no-store');
    next();
  };
}

function readerLanguage(req: Request, s: WorkspaceSession): Language {
  const asked = req.query.lang;
  if (typeof asked === 'string' && (LANGUAGES as readonly string[]).includes(asked)) s.lang = asked as Language;
  if (s.lang) return s.lang;
  return acceptedLanguage(req);
}

/** What the sign-in page says of a session that ended, by why it ended. */
const endedWords = (w: PageWords, why: SessionEnd): string =>
  why === 'idle' ? w.sessionEnded : why === 'over' ? w.sessionOver(SESSION_HOURS) : w.sessionClosed;

/**
 * The reader's session: language, its end (idle too long, past its absolute end, or signed out: a page that says
 * so), principal.
 */
export function readerSession(deps: Pick<WorkspaceDeps, 'session' | 'sessions' | 'principals'>): RequestHandler {
  return async (req, res, next) => {
    const session = await sessionOf(req, res, deps.session);
    const lang = readerLanguage(req, session);
    const now = nowOf(deps.session);
    const ended = await sessionEnd(session, deps.session, deps.sessions, now).catch(() => {
      // Whether the session still holds cannot be read: nobody is let in meanwhile.
      throw new ServiceProblem('serviceUnavailable', (p) => p.pages.errors.unavailable);
    });
    if (ended) {
      // Its record too: a session past its end or idle too long is ended for every copy of its cookie.
      if (session.sessionId) await deps.sessions.end(session.sessionId).catch(() => undefined);
      signOut(session);
    }
    const principal = session.principalId ? deps.principals.byId(session.principalId) : undefined;
    if (principal) {
      session.lastSeen = now;
      requestContext(res).principal = principal;
    }
    await saveSession(session, deps.session, now);
    res.locals.workspace = {
      session,
      page: {
        lang,
        pack: LANGUAGE_PACKS[lang],
        path: req.path === '/' ? '/workspace' : `/workspace${req.path}`,
        query: req.originalUrl.split('?')[1],
        principal,
        ...(principal ? { principalName: deps.principals.nameOf(principal.id) } : {}),
        csrf: session.csrf,
      },
    } satisfies Locals;
    if (ended) {
      const w = LANGUAGE_PACKS[lang].pages;
      const back = signInStartPath(locals(res).page.path);
      res
        .status(401)
        .send(messagePage(locals(res).page, w.signInTitle, endedWords(w, ended), { href: back, label: w.signIn }));
      return;
    }
    next();
  };
}

/** Everything after it is for a signed-in reader; a reader who is not is sent to sign in and back. */
export const signedInOnly: RequestHandler = (_req, res, next) => {
  if (locals(res).page.principal) return next();
  res.redirect(303, signInPagePath(locals(res).page.path));
};

/**
 * A page's POST carries its form (urlencoded): no body at all (400), or a body of another type (415), is refused in
 * words, never a crash on a form that is not there.
 */
export const formsOnly: RequestHandler = (req, _res, next) => {
  if (req.method !== 'POST' || (typeof req.body === 'object' && req.body !== null)) return next();
  throw damagedForm(req.headers['content-type'] ? 'unsupportedMediaType' : 'badRequest');
};

/** Every form carries the session's token. */
export const csrfGuard: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST') return next();
  if (!csrfValid(locals(res).session, (req.body as Record<string, unknown>)._csrf))
    throw new ServiceProblem('missingPermission', (p) => p.pages.errors.forbidden);
  next();
};
