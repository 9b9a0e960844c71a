import { randomUUID } from 'node:crypto';
import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import type { IronSession } from 'iron-session';
import type { z } from 'zod';
import type { Logger } from 'pino';
import { LANGUAGES, type Language } from '../domain/codes';
import { dateAt, addDays } from '../domain/calendar';
import { whyOpeningRefused } from '../domain/procedure/opening';
import { eventsOpenTo } from '../domain/procedure/rules';
import { caseIdSchema, caseListQuerySchema, caseOfQuery, queryIdSchema } from '../domain/schemas/api';
import { caseOpeningSchema, EXPLOITATION_FORMS, type CaseStatus } from '../domain/schemas/case';
import {
  CASE_EVENT_TYPES,
  caseEventSchema,
  eventSchemaOf,
  statusQueryAnswerSchema,
  type CaseEventType,
} from '../domain/schemas/events';
import type { ReferenceIndex } from '../crypto/reference-index';
import type { CaseGateway } from '../cases/case-gateway';
import { scopeOf } from '../cases/visibility';
import { openQueriesFor } from '../cases/open-queries';
import type { Principal, Principals } from '../identity/principals';
import { acceptedLanguage } from '../accepted-language';
import { ServiceProblem, refusalDetail } from '../cases/problems';
import { answerInput, eventInput, requireReporter } from '../cases/inputs';
import { auditAs, ctx as requestContext, principalOf } from '../audit/request-context';
import { requireRole } from '../identity/require-role';
import { visibleCase } from '../cases/visible-case';
import { LANGUAGE_PACKS } from '../mail/templates';
import { fieldsOf, fromForm, type FieldSpec } from './form-fields';
import type { OidcSignIn } from './oidc';
import { csrfValid, idleExpired, sessionOf, signIn, type SessionOptions, type WorkspaceSession } from './session';
import { STYLESHEET } from './style';
import { casePage } from './views/case';
import { shortRef } from './views/case-words';
import type { CaseKeys } from '../crypto/case-keys';
import { casesPage } from './views/cases';
import { EMPTY_FORM, type FormState } from './views/form';
import { inboxPage } from './views/inbox';
import { messagePage } from './views/messages';
import type { PageContext } from './views/page-context';
import { queriesPage } from './views/queries';
import { formPage, reportTitle } from './views/report';

export interface WorkspaceDeps {
  gateway: CaseGateway;
  /** For an admin's erasure of a file that has ended. */
  caseKeys: CaseKeys;
  principals: Principals;
  referenceIndex: ReferenceIndex;
  oidc: OidcSignIn;
  session: SessionOptions;
  logger: Logger;
}

interface Locals {
  session: IronSession<WorkspaceSession>;
  page: PageContext;
}
const locals = (res: Response): Locals => res.locals.workspace as Locals;

/** A path inside the workspace, the only place a sign-in sends the reader back to. */
const RETURN_TO = /^\/workspace(\/[A-Za-z0-9/_-]*)?$/;

/** No script at all, styles from the stylesheet only, forms posted to this site only. */
const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** The opening form's fields, as the opening schema names them nested. */
const OPENING_FIELDS: FieldSpec[] = [
  { name: 'openedOn', kind: 'date', options: [], optional: false },
  { name: 'unaccompaniedMinor', kind: 'boolean', options: [], optional: false },
  { name: 'pseudonym', kind: 'text', options: [], optional: false },
  { name: 'dateOfBirth', kind: 'date', options: [], optional: true },
  { name: 'victimLanguage', kind: 'text', options: [], optional: false },
  {
    name: 'exploitation',
    kind: 'choice',
    options: EXPLOITATION_FORMS,
    optional: false,
  },
  { name: 'caseworkerEmail', kind: 'text', options: [], optional: false },
  { name: 'guardianName', kind: 'text', options: [], optional: true },
  { name: 'guardianEmail', kind: 'text', options: [], optional: true },
  { name: 'prosecutorFile', kind: 'text', options: [], optional: true },
  { name: 'immigrationOfficeFile', kind: 'text', options: [], optional: true },
];
/** Where each field of the opening form sits in the opening. */
const OPENING_PATHS: Record<string, string> = {
  'victim.pseudonym': 'pseudonym',
  'victim.dateOfBirth': 'dateOfBirth',
  'victim.language': 'victimLanguage',
  'guardian.name': 'guardianName',
  'guardian.email': 'guardianEmail',
  guardian: 'guardianName',
  'references.prosecutorFile': 'prosecutorFile',
  'references.immigrationOfficeFile': 'immigrationOfficeFile',
};

function openingFromForm(body: Record<string, unknown>): Record<string, unknown> {
  const v = fromForm(OPENING_FIELDS, body);
  const guardian = v.guardianName || v.guardianEmail ? { name: v.guardianName, email: v.guardianEmail } : undefined;
  const references =
    v.prosecutorFile || v.immigrationOfficeFile
      ? { prosecutorFile: v.prosecutorFile, immigrationOfficeFile: v.immigrationOfficeFile }
      : undefined;
  return {
    openedOn: v.openedOn,
    unaccompaniedMinor: v.unaccompaniedMinor,
    victim: { pseudonym: v.pseudonym, dateOfBirth: v.dateOfBirth, language: v.victimLanguage },
    exploitation: v.exploitation,
    caseworkerEmail: v.caseworkerEmail,
    ...(guardian ? { guardian } : {}),
    ...(references ? { references } : {}),
  };
}

const formState = (body: Record<string, unknown>, invalid: Iterable<string>): FormState => ({
  values: Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string')),
  invalid: new Set(invalid),
});

/** A form the schema refused: shown again with what was sent, the refused fields marked. */
const refusedFields = (body: Record<string, unknown>, error: z.ZodError): FormState =>
  formState(
    body,
    error.issues.map((i) => String(i.path[0])),
  );

/** A form as shown: with a fresh key, unless it is shown again with the key it was sent with. */
const withFormKey = (form: FormState): FormState => ({ ...form, values: { _key: randomUUID(), ...form.values } });

/** Each form carries a key of its own: sent twice (a double click, a retry), it is recorded once. */
const formKeyOf = (body: Record<string, unknown>): string | undefined =>
  typeof body._key === 'string' ? body._key : undefined;

function readerLanguage(req: Request, s: WorkspaceSession): Language {
  const asked = req.query.lang;
  if (typeof asked === 'string' && (LANGUAGES as readonly string[]).includes(asked)) s.lang = asked as Language;
  if (s.lang) return s.lang;
  return acceptedLanguage(req);
}

/**
 * The workspace: server-rendered pages for people, on the same gateway and the same `recordEvent`
 * Update as the API, signed in with OpenID Connect.
 */
export function workspaceRouter(deps: WorkspaceDeps): Router {
  const r = Router();
  const { gateway } = deps;

  r.use((_req, res, next) => {
    res.set('Content-Security-Policy', CSP);
    res.set('Cache-Control', 'no-store');
    next();
  });
  r.get('/style.css', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600').type('text/css').send(STYLESHEET);
  });
  r.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 }));
  r.use(async (req, res, next) => {
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
  });

  // Sign-in: straight to the identity provider, back to the page the reader asked for.
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
    signIn(session, principal.id, Date.now());
    await session.save();
    res.redirect(303, login.returnTo);
  });
  r.post('/sign-out', async (req, res) => {
    const { session } = locals(res);
    if (session.principalId && !csrfValid(session, (req.body as Record<string, unknown>)._csrf))
      throw new ServiceProblem('missingPermission', (p) => p.pages.errors.forbidden);
    const lang = session.lang;
    session.destroy();
    res.redirect(303, `/workspace/signed-out${lang ? `?lang=${lang}` : ''}`);
  });
  r.get('/signed-out', (_req, res) => {
    const { page } = locals(res);
    const w = page.pack.pages;
    res.send(messagePage(page, w.signedOutTitle, w.signedOut, { href: '/workspace/sign-in', label: w.signIn }));
  });

  // Everything below is for a signed-in reader; a reader who is not is sent to sign in and back.
  r.use((req, res, next) => {
    if (locals(res).page.principal) return next();
    res.redirect(303, `/workspace/sign-in?returnTo=${encodeURIComponent(locals(res).page.path)}`);
  });
  // Every form carries the session's token.
  r.use((req, res, next) => {
    if (req.method !== 'POST') return next();
    if (!csrfValid(locals(res).session, (req.body as Record<string, unknown>)._csrf))
      throw new ServiceProblem('missingPermission', (p) => p.pages.errors.forbidden);
    next();
  });

  r.get('/', (_req, res) => {
    const role = principalOf(res).role;
    const home = role === 'prosecutor' ? 'queries' : role === 'centre' ? 'cases' : 'inbox';
    res.redirect(303, `/workspace/${home}`);
  });

  /**
   * The list, filtered by stage (in the URL) and by a file number: that one is posted, never put in a URL,
   * where browser histories and proxies would keep it.
   */
  const listCases = async (res: Response, given: Record<string, unknown>) => {
    const p = principalOf(res);
    auditAs(res, 'page.case.list', null);
    const q = caseListQuerySchema.parse({
      ...(given.stage ? { stage: given.stage } : {}),
      ...(given.reference ? { reference: given.reference } : {}),
      ...(typeof given.cursor === 'string' ? { cursor: given.cursor } : {}),
    });
    const reference = q.reference === undefined ? undefined : deps.referenceIndex.keyOf(q.reference);
    const filters = { ...q, ...(reference ? { referenceKey: reference } : {}) };
    const { items, nextCursor } = await gateway.listCases(scopeOf(p), filters, 25, q.cursor);
    const cases = await Promise.all(items.map((c) => gateway.status(c.caseId)));
    const shown = { ...(q.stage ? { stage: q.stage } : {}), ...(q.reference ? { reference: q.reference } : {}) };
    const stage: Record<string, string> = q.stage ? { stage: q.stage } : {};
    // A file number matches one case or a few: its results need no next page.
    const next =
      nextCursor && !q.reference ? `/workspace/cases?${new URLSearchParams({ ...stage, cursor: nextCursor })}` : null;
    res.send(casesPage(locals(res).page, { cases, filters: shown, nextHref: next }));
  };
  r.get('/cases', (req, res) => listCases(res, { ...req.query, reference: undefined }));
  r.post('/cases/search', (req, res) => listCases(res, req.body as Record<string, unknown>));

  const openForm = (res: Response, form: FormState, refusal?: string) => {
    const { page } = locals(res);
    const w = page.pack.pages;
    return formPage(page, {
      title: w.openCase.title,
      intro: w.openCase.intro,
      action: '/workspace/cases',
      submit: w.openCase.submit,
      fields: OPENING_FIELDS,
      form: withFormKey(form),
      ...(refusal ? { refusal } : {}),
    });
  };
  const centreOnly = requireRole('centre');
  const prosecutorOnly = requireRole('prosecutor');
  r.get('/cases/new', centreOnly, (_req, res) => {
    res.send(openForm(res, { values: { openedOn: dateAt(Date.now()) }, invalid: new Set() }));
  });
  r.post('/cases', centreOnly, async (req, res) => {
    const p = principalOf(res);
    const body = req.body as Record<string, unknown>;
    auditAs(res, 'page.case.open', null);
    const parsed = caseOpeningSchema.safeParse(openingFromForm(body));
    if (!parsed.success) {
      const invalid = parsed.error.issues.map((i) => {
        const path = i.path.join('.');
        return OPENING_PATHS[path] ?? String(i.path[0]);
      });
      res.status(400).send(openForm(res, formState(body, invalid)));
      return;
    }
    const refusal = whyOpeningRefused(parsed.data, dateAt(Date.now()), { imported: false });
    if (refusal) {
      const detail = refusalDetail(locals(res).page.lang, refusal.code, refusal.facts);
      res.status(400).send(openForm(res, formState(body, [OPENING_PATHS[refusal.field] ?? refusal.field]), detail));
      return;
    }
    const key = formKeyOf(body);
    const { status } = await gateway.open(
      { id: p.id, centre: p.centre! },
      parsed.data,
      deps.referenceIndex.ofOpening(parsed.data),
      key,
    );
    auditAs(res, 'page.case.open', status.caseId);
    res.redirect(303, `/workspace/cases/${status.caseId}?recorded=1`);
  });

  const answerableBy = (p: Principal, s: CaseStatus): string | null => {
    const q = s.prosecutorQuery;
    return p.role === 'prosecutor' && q && (q.office === p.office || q.escalatedTo === p.office) ? q.queryId : null;
  };
  r.get('/cases/:caseId', async (req, res) => {
    const p = principalOf(res);
    const caseId = caseIdSchema.parse(req.params.caseId);
    auditAs(res, 'page.case.read', caseId);
    await visibleCase(gateway, p, caseId);
    const status = await gateway.status(caseId);
    const reportable = status.outcome ? [] : eventsOpenTo(p.role, status.stage);
    res.send(
      casePage(locals(res).page, {
        status,
        reportable,
        answerable: status.outcome ? null : answerableBy(p, status),
        recorded: req.query.recorded === '1',
        erasable: p.role === 'admin' && !!status.outcome,
      }),
    );
  });

  r.post('/cases/:caseId/erase', requireRole('admin'), async (req, res) => {
    const caseId = caseIdSchema.parse(req.params.caseId);
    auditAs(res, 'page.case.erase', caseId);
    const { page } = locals(res);
    // The box is required in the form; a request without it erases nothing.
    if ((req.body as Record<string, unknown>).confirm !== 'yes')
      throw new ServiceProblem('badRequest', (p) => p.pages.errors.badRequest);
    await gateway.erase(caseId, deps.caseKeys);
    const w = page.pack.pages;
    res.send(
      messagePage(page, w.erase.doneTitle, w.erase.done(shortRef(caseId)), {
        href: '/workspace/cases',
        label: w.errors.back,
      }),
    );
  });

  const eventType = (req: Request, p: Principal): CaseEventType => {
    const type = req.params.type as CaseEventType;
    if (!CASE_EVENT_TYPES.includes(type)) throw new ServiceProblem('resourceNotFound', (p) => p.pages.errors.notFound);
    requireReporter(p, type);
    return type;
  };
  const eventForm = (res: Response, caseId: string, type: CaseEventType, form: FormState, refusal?: string) => {
    const { page } = locals(res);
    return formPage(page, {
      title: reportTitle(page, page.pack.pages.events[type], caseId),
      action: `/workspace/cases/${caseId}/report/${type}`,
      submit: page.pack.pages.case.submit,
      fields: fieldsOf(eventSchemaOf(type)),
      form: withFormKey(form),
      backHref: `/workspace/cases/${caseId}`,
      ...(refusal ? { refusal } : {}),
    });
  };
  r.get('/cases/:caseId/report/:type', async (req, res) => {
    const p = principalOf(res);
    const caseId = caseIdSchema.parse(req.params.caseId);
    const type = eventType(req, p);
    auditAs(res, 'page.case.read', caseId);
    await visibleCase(gateway, p, caseId);
    res.send(eventForm(res, caseId, type, { values: { on: dateAt(Date.now()) }, invalid: new Set() }));
  });
  r.post('/cases/:caseId/report/:type', async (req, res) => {
    const p = principalOf(res);
    const caseId = caseIdSchema.parse(req.params.caseId);
    const type = eventType(req, p);
    auditAs(res, `page.case.event.${type}`, caseId);
    const body = req.body as Record<string, unknown>;
    const parsed = caseEventSchema.safeParse({ type, ...fromForm(fieldsOf(eventSchemaOf(type)), body) });
    if (!parsed.success) {
      res.status(400).send(eventForm(res, caseId, type, refusedFields(body, parsed.error)));
      return;
    }
    await visibleCase(gateway, p, caseId);
    const input = eventInput(p, parsed.data, deps.referenceIndex);
    const key = formKeyOf(body);
    const refused = await recordOrRefusal(() => gateway.record(caseId, input, key), locals(res).page.lang);
    if (refused) {
      res.status(409).send(eventForm(res, caseId, type, formState(body, []), refused));
      return;
    }
    res.redirect(303, `/workspace/cases/${caseId}?recorded=1`);
  });

  r.get('/queries', prosecutorOnly, async (_req, res) => {
    const p = principalOf(res);
    auditAs(res, 'page.query.list', null);
    res.send(queriesPage(locals(res).page, await openQueriesFor(gateway, p.office!)));
  });
  const answerFields = fieldsOf(statusQueryAnswerSchema);
  const answerForm = (res: Response, queryId: string, form: FormState, refusal?: string) => {
    const { page } = locals(res);
    const w = page.pack.pages;
    return formPage(page, {
      title: `${w.queries.answerTitle} · ${w.case.title(shortRef(caseOfQuery(queryId)))}`,
      intro: w.answer.intro,
      action: `/workspace/queries/${queryId}`,
      submit: w.answer.submit,
      fields: answerFields,
      form: withFormKey(form),
      backHref: '/workspace/queries',
      ...(refusal ? { refusal } : {}),
    });
  };
  r.get('/queries/:queryId', prosecutorOnly, async (req, res) => {
    const p = principalOf(res);
    const queryId = queryIdSchema.parse(req.params.queryId);
    auditAs(res, 'page.case.read', caseOfQuery(queryId));
    await visibleCase(gateway, p, caseOfQuery(queryId));
    res.send(answerForm(res, queryId, EMPTY_FORM));
  });
  r.post('/queries/:queryId', prosecutorOnly, async (req, res) => {
    const p = principalOf(res);
    const queryId = queryIdSchema.parse(req.params.queryId);
    const caseId = caseOfQuery(queryId);
    auditAs(res, 'page.query.answer', caseId);
    const body = req.body as Record<string, unknown>;
    const parsed = statusQueryAnswerSchema.safeParse(fromForm(answerFields, body));
    if (!parsed.success) {
      res.status(400).send(answerForm(res, queryId, refusedFields(body, parsed.error)));
      return;
    }
    await visibleCase(gateway, p, caseId);
    const key = formKeyOf(body);
    const input = answerInput(p, parsed.data, queryId);
    const refused = await recordOrRefusal(() => gateway.record(caseId, input, key), locals(res).page.lang);
    if (refused) {
      res.status(409).send(answerForm(res, queryId, formState(body, []), refused));
      return;
    }
    res.redirect(303, `/workspace/cases/${caseId}?recorded=1`);
  });

  r.get('/inbox', requireRole('immigration-office', 'admin'), async (_req, res) => {
    const p = principalOf(res);
    auditAs(res, 'page.case.list', null);
    const { items } = await gateway.listCases(scopeOf(p), { running: true }, 100);
    const cases = await Promise.all(items.map((c) => gateway.status(c.caseId)));
    res.send(inboxPage(locals(res).page, cases, addDays(dateAt(Date.now()), 31)));
  });

  r.use(() => {
    throw new ServiceProblem('resourceNotFound', (p) => p.pages.errors.notFound);
  });
  r.use(errorPage(deps.logger));
  return r;
}

/** Records through the gateway; a refusal of the case comes back as its words in the reader's language. */
async function recordOrRefusal(record: () => Promise<unknown>, lang: Language): Promise<string | null> {
  try {
    await record();
    return null;
  } catch (err) {
    if (err instanceof ServiceProblem && err.extra.refusal)
      return refusalDetail(lang, err.extra.refusal.code, err.extra.refusal.facts);
    throw err;
  }
}

/** Errors as pages in the reader's language; the log line names the error, never a value. */
function errorPage(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    const page = (res.locals.workspace as Locals | undefined)?.page ?? {
      lang: 'en' as const,
      pack: LANGUAGE_PACKS.en,
      path: '/workspace',
    };
    const w = page.pack.pages.errors;
    const isZod = (err as { name?: string })?.name === 'ZodError';
    const status = err instanceof ServiceProblem ? err.status : isZod ? 404 : 500;
    if (status >= 500) logger.error({ error: (err as Error)?.name ?? typeof err }, 'workspace page failed');
    const text =
      status === 404
        ? w.notFound
        : status === 403
          ? w.forbidden
          : status === 503
            ? w.unavailable
            : // A conflict says what it is in its own words (an erasure of a file that is running again).
              status === 409 && err instanceof ServiceProblem
              ? err.words(page.pack)
              : status < 500
                ? w.badRequest
                : w.internal;
    res.status(status).send(messagePage(page, text, text, { href: '/workspace', label: w.back }));
  };
}
