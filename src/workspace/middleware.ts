import type { Request, RequestHandler, Response } from 'express';
import type { IronSession } from 'iron-session';
import { acceptedLanguage } from '../accepted-language';
import { ctx as requestContext } from '../audit/request-context';
import { ServiceProblem } from '../cases/problems';
import { LANGUAGES, type Language } from '../domain/codes';
import { LANGUAGE_PACKS } from '../i18n';
import type { WorkspaceDeps } from './deps';
import { csrfValid, idleExpired, sessionOf, type WorkspaceSession } from './session';
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

/** No script at all, styles from the stylesheet only, forms posted to this site only. */
const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const pageHeaders: RequestHandler = (_req, res, next) => {
  res.set('Content-Security-Policy', CSP);
  res.set('Cache-Control', 'no-store');
  next();
};

function readerLanguage(req: Request, s: WorkspaceSession): Language {
  const asked = req.query.lang;
  if (typeof asked === 'string' && (LANGUAGES as readonly string[]).includes(asked)) s.lang = asked as Language;
  if (s.lang) return s.lang;
  return acceptedLanguage(req);
}

/** The reader's session: language, idle time-out (a session idle too long ends with a page that says so), principal. */
export function readerSession(deps: Pick<WorkspaceDeps, 'session' | 'principals'>): RequestHandler {
  return async (req, res, next) => {
    const session = await sessionOf(req, res, deps.session);
    const lang = readerLanguage(req, session);
    const now = Date.now();
    const expired = idleExpired(session, deps.session, now);
    if (expired) delete session.principalId;
    const principal = session.principalId ? deps.principals.byId(session.principalId) : undefined;
    if (principal) {
      session.lastSeen = now;
      requestContext(res).principal = principal;
    }
    await session.save();
    res.locals.workspace = {
      session,
      page: {
        lang,
        pack: LANGUAGE_PACKS[lang],
        path: req.path === '/' ? '/workspace' : `/workspace${req.path}`,
        principal,
        csrf: session.csrf,
      },
    } satisfies Locals;
    if (expired) {
      const w = LANGUAGE_PACKS[lang].pages;
      const back = `/workspace/sign-in?returnTo=${encodeURIComponent(locals(res).page.path)}`;
      res
        .status(401)
        .send(messagePage(locals(res).page, w.signInTitle, w.sessionEnded, { href: back, label: w.signIn }));
      return;
    }
    next();
  };
}

/** Everything after it is for a signed-in reader; a reader who is not is sent to sign in and back. */
export const signedInOnly: RequestHandler = (_req, res, next) => {
  if (locals(res).page.principal) return next();
  res.redirect(303, `/workspace/sign-in?returnTo=${encodeURIComponent(locals(res).page.path)}`);
};

/** Every form carries the session's token. */
export const csrfGuard: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST') return next();
  if (!csrfValid(locals(res).session, (req.body as Record<string, unknown>)._csrf))
    throw new ServiceProblem('missingPermission', (p) => p.pages.errors.forbidden);
  next();
};
