import express, { Router } from 'express';
import { ServiceProblem } from '../cases/problems';
import type { WorkspaceDeps } from './deps';
import { errorPage } from './error-page';
import { csrfGuard, formsOnly, pageHeaders, readerSession, signedInOnly } from './middleware';
import { answerQueryPages } from './pages/answer-query';
import { casePages } from './pages/case';
import { casesPages } from './pages/cases';
import { erasePages } from './pages/erase';
import { homePage } from './pages/home';
import { inboxPages } from './pages/inbox';
import { openCasePages } from './pages/open-case';
import { reportEventPages } from './pages/report-event';
import { signInPages } from './pages/sign-in';
import { serveStylesheet } from './style';

export type { WorkspaceDeps } from './deps';

/**
 * The workspace: server-rendered pages for people, on the same gateway and the same `recordEvent`
 * Update as the API, signed in with OpenID Connect.
 */
export function workspaceRouter(deps: WorkspaceDeps): Router {
  const r = Router();
  r.use(pageHeaders(deps.oidc.issuerOrigin));
  r.get('/style.css', serveStylesheet);
  // The session first, so that a form refused below is answered in the reader's language.
  r.use(readerSession(deps));
  r.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 }), formsOnly);
  r.use(signInPages(deps));
  r.use(signedInOnly, csrfGuard);
  // The opening form's path before a case's, which would take `new` for a case id.
  for (const pages of [
    homePage,
    casesPages,
    openCasePages,
    casePages,
    erasePages,
    reportEventPages,
    answerQueryPages,
    inboxPages,
  ])
    r.use(pages(deps));
  r.use(() => {
    throw new ServiceProblem('resourceNotFound', (p) => p.pages.errors.notFound);
  });
  r.use(errorPage(deps.logger));
  return r;
}
