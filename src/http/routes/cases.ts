import { Router } from 'express';
import { z } from 'zod';
import type { ReferenceIndex } from '../../crypto/reference-index';
import {
  caseIdSchema,
  caseListQuerySchema,
  caseListSchema,
  caseSearchSchema,
  idempotencyHeaderSchema,
} from '../../domain/schemas/api';
import { caseImportSchema, caseOpeningSchema, type CaseOpening, caseStatusSchema } from '../../domain/schemas/case';
import { caseEventSchema } from '../../domain/schemas/events';
import { importCase, type CaseImportInput } from '../../domain/procedure/import';
import { whyOpeningRefused } from '../../domain/procedure/opening';
import { dateAt } from '../../domain/calendar';
import { MAX_REFERENCE_KEYS } from '../../domain/procedure/state';
import type { CaseGateway } from '../../cases/case-gateway';
import type { CaseIndexStore } from '../../case-index/case-index-store';
import { casesPage } from '../../cases/case-list';
import type { ListedCase } from '../../case-index/case-listing';
import type { PayloadCodec } from '@temporalio/common';
import { statusShownTo } from '../../cases/status-shown';
import { visibleCase } from '../../cases/visible-case';
import { eventInput, requireReporter } from '../../cases/inputs';
import { badRequest, inEveryLanguage, refusalProblem } from '../../cases/problems';
import { refuse } from '../../domain/refusals';
import { auditAs, auditShown, principalOf } from '../../audit/request-context';
import { idempotencyKeyOf } from '../idempotency-key';
import { BODY, COMMON, json, KEY_REUSED, NOT_APPLICABLE, NOT_FOUND, type ApiDocument } from '../openapi';
import { noQuery, parseOr400 } from '../validate';
import { pageLinks } from '../page-links';
import { requireRole } from '../../identity/require-role';

/** `base`: the API's public address, which the links of a page of cases start with. */
export function casesRouter(
  gateway: CaseGateway,
  index: ReferenceIndex,
  { caseIndex, codec }: { caseIndex: CaseIndexStore; codec: PayloadCodec },
  base: string,
): Router {
  const r = Router();

  r.post('/cases', requireRole('centre'), async (req, res) => {
    auditAs(res, 'case.open', null);
    const p = principalOf(res);
    const opening = parseOr400(caseOpeningSchema, req.body, 'body');
    refuseOpening(opening, { imported: false });
    const { status, created } = await gateway.open(
      { id: p.id, centre: p.centre! },
      opening,
      index.ofOpening(opening),
      idempotencyKeyOf(req),
    );
    auditAs(res, 'case.open', status.caseId);
    res
      .status(created ? 201 : 200)
      .location(`/v1/cases/${status.caseId}`)
      .json(statusShownTo(p, status));
  });

  r.post('/cases/import', requireRole('immigration-office', 'admin'), async (req, res) => {
    auditAs(res, 'case.import', null);
    const p = principalOf(res);
    const { centre, events, ...opening } = parseOr400(caseImportSchema, req.body, 'body');
    refuseOpening(opening, { imported: true });
    const importedOn = dateAt(Date.now());
    const { id, role } = p;
    const { status, created } = await gateway.import(p.id, idempotencyKeyOf(req), (caseId) => {
      const referenceKeys = [...new Set([...index.ofOpening(opening), ...events.flatMap((e) => index.ofEvent(e))])];
      const imported: CaseImportInput = {
        caseId,
        centre,
        opening,
        events,
        importedOn,
        importer: { id, role },
        ...(referenceKeys.length > 0 ? { referenceKeys: referenceKeys.slice(-MAX_REFERENCE_KEYS) } : {}),
      };
      const result = importCase(imported);
      if ('refusal' in result) {
        const { refusal } = result;
        const name = refusal.facts.index === undefined ? 'events' : `events[${refusal.facts.index}]`;
        throw refusalProblem('badRequest', refusal, { in: 'body', name });
      }
      return { imported, initial: result.state, request: req.body as unknown };
    });
    auditAs(res, 'case.import', status.caseId);
    res
      .status(created ? 201 : 200)
      .location(`/v1/cases/${status.caseId}`)
      .json(statusShownTo(p, status));
  });

  const listed = (item: ListedCase) => ({
    caseId: item.caseId,
    centre: item.centre,
    stage: item.stage,
    outcome: item.outcome,
    unaccompaniedMinor: item.unaccompaniedMinor,
    nextDeadline: item.nextDeadline?.due ?? null,
    awaitingProsecutor: item.awaitingProsecutor,
    running: item.running,
    href: `${base}/v1/cases/${item.caseId}`,
  });

  r.get('/cases', requireRole('centre', 'immigration-office', 'prosecutor', 'admin'), async (req, res) => {
    auditAs(res, 'case.list', null);
    if ('reference' in req.query) throw referenceInAddress();
    const { pageSize, cursor, ...filters } = parseOr400(caseListQuerySchema, req.query, 'query');
    const page = await casesPage(caseIndex, codec, principalOf(res), filters, pageSize, cursor);
    auditShown(res, 'case.list', page.items);
    res.json({
      ...pageLinks(base, '/v1/cases', req.query, page.nextCursor),
      items: page.items.map(listed),
      pageSize,
      total: page.total,
      nextCursor: page.nextCursor,
    });
  });

  // A file number matches one case or a few: one page, without a cursor.
  r.post(
    '/cases/search',
    requireRole('centre', 'immigration-office', 'prosecutor', 'admin'),
    noQuery,
    async (req, res) => {
      auditAs(res, 'case.search', null);
      const { reference } = parseOr400(caseSearchSchema, req.body, 'body');
      const filters = { referenceKey: index.keyOf(reference) };
      const page = await casesPage(caseIndex, codec, principalOf(res), filters, MAX_PAGE, undefined);
      auditShown(res, 'case.search', page.items);
      res.json({
        self: `${base}/v1/cases/search`,
        items: page.items.map(listed),
        pageSize: MAX_PAGE,
        total: page.total,
        nextCursor: null,
      });
    },
  );

  r.get(
    '/cases/:caseId',
    requireRole('centre', 'immigration-office', 'prosecutor', 'admin'),
    noQuery,
    async (req, res) => {
      const caseId = parseOr400(caseIdSchema, req.params.caseId, 'path', 'caseId');
      auditAs(res, 'case.read', caseId);
      const p = principalOf(res);
      await visibleCase(gateway, p, caseId);
      res.json(statusShownTo(p, await gateway.status(caseId)));
    },
  );

  r.post('/cases/:caseId/events', requireRole('centre', 'immigration-office', 'prosecutor'), async (req, res) => {
    const caseId = parseOr400(caseIdSchema, req.params.caseId, 'path', 'caseId');
    auditAs(res, 'case.event', caseId);
    const event = parseOr400(caseEventSchema, req.body, 'body');
    auditAs(res, `case.event.${event.type}`, caseId);
    const p = principalOf(res);
    requireReporter(p, event.type);
    const access = await visibleCase(gateway, p, caseId);
    const key = idempotencyKeyOf(req);
    // A retry (same Idempotency-Key) of the event that closed the case still gets that event's answer from Temporal.
    if (!access.running && !key)
      throw refusalProblem('eventNotApplicable', refuse('case-closed', { outcome: access.outcome ?? 'finished' }));
    res.json(statusShownTo(p, await gateway.record(caseId, eventInput(p, event, index), key)));
  });

  return r;
}

/** The most cases a page holds (pageQuerySchema's bound), and all a file number finds. */
const MAX_PAGE = 100;

/** A file number in an address would stay in browser histories and proxies' logs: a 400 that says where it goes. */
const referenceInAddress = () =>
  badRequest([
    {
      kind: 'schemaViolation',
      in: 'query',
      name: 'reference',
      detail: inEveryLanguage((p) => p.problems.fieldRules.referenceInBody),
    },
  ]);

/** Values that cannot open a case are a 400 that says why, names the field and carries the refusal's code. */
function refuseOpening(opening: CaseOpening, opts: { imported: boolean }): void {
  const refusal = whyOpeningRefused(opening, dateAt(Date.now()), opts);
  if (!refusal) return;
  throw refusalProblem('badRequest', refusal, { in: 'body', name: refusal.field });
}
/** A POST that creates a case: 201 with its status and Location, 200 for a retry with the same Idempotency-Key. */
const caseCreated = (verb: 'opened' | 'imported') => ({
  201: {
    ...json(caseStatusSchema, `The case was ${verb}; its status as of today`),
    headers: { Location: { description: 'The new case', schema: { type: 'string' as const } } },
  },
  200: json(caseStatusSchema, `The same Idempotency-Key ${verb} this case before`),
  ...COMMON,
  ...BODY,
  ...KEY_REUSED,
});

/** The cases' operations. */
export function documentCases(api: ApiDocument): void {
  api.registerPath({
    method: 'post',
    path: '/v1/cases',
    operationId: 'openCase',
    tags: ['Cases'],
    summary: 'Open a case',
    description:
      'A specialised centre opens a case after the intake interview. The reflection period starts on `openedOn`; the Immigration Office is told. Retry with the same Idempotency-Key to get the same case.',
    request: {
      headers: idempotencyHeaderSchema,
      body: { required: true, content: { 'application/json': { schema: caseOpeningSchema } } },
    },
    responses: caseCreated('opened'),
  });
  api.registerPath({
    method: 'post',
    path: '/v1/cases/import',
    operationId: 'importCase',
    tags: ['Cases'],
    summary: 'Bring in a running case',
    description:
      'The Immigration Office or an administrator brings in a running case with its earlier events. They are applied as of their dates, with the clocks running in between; nothing of the past is mailed. An open status query is sent again to its office; the Immigration Office and the centre are told of the import.',
    request: {
      headers: idempotencyHeaderSchema,
      body: { required: true, content: { 'application/json': { schema: caseImportSchema } } },
    },
    responses: caseCreated('imported'),
  });
  api.registerPath({
    method: 'get',
    path: '/v1/cases',
    operationId: 'listCases',
    tags: ['Cases'],
    summary: 'List cases',
    description:
      'The cases visible to the principal (a centre sees its own, a prosecutor’s office those it was queried on), filtered, soonest next deadline first (cases without one last), a page at a time: follow `next` for the next page. A file number is searched with `POST /v1/cases/search`, never in the address.',
    request: { query: caseListQuerySchema },
    responses: { 200: json(caseListSchema, 'A page of cases'), ...COMMON },
  });
  api.registerPath({
    method: 'post',
    path: '/v1/cases/search',
    operationId: 'searchCasesByFileNumber',
    tags: ['Cases'],
    summary: 'Find cases by file number',
    description:
      "The cases visible to the principal that carry this file number of the prosecutor or the Immigration Office (exact match), on one page. The number travels in the body, so it stays out of addresses, browser histories and proxies' logs.",
    request: { body: { required: true, content: { 'application/json': { schema: caseSearchSchema } } } },
    responses: { 200: json(caseListSchema, 'The cases found'), ...COMMON, ...BODY },
  });
  api.registerPath({
    method: 'get',
    path: '/v1/cases/{caseId}',
    operationId: 'getCase',
    tags: ['Cases'],
    summary: 'The status of a case',
    description: 'Stage, document, deadlines, open query and history of one case, as of today.',
    request: { params: z.object({ caseId: caseIdSchema }) },
    responses: {
      200: json(caseStatusSchema, 'The case status'),
      ...COMMON,
      ...NOT_FOUND('No such case visible to the principal'),
    },
  });
  api.registerPath({
    method: 'post',
    path: '/v1/cases/{caseId}/events',
    operationId: 'recordCaseEvent',
    tags: ['Cases'],
    summary: 'Record an event of the procedure',
    description:
      'An event of CONTRACT.md, reported by the role it belongs to. The case applies it, re-plans its deadlines and mails who must know; an event that does not apply now is a 409 naming the rule.',
    request: {
      params: z.object({ caseId: caseIdSchema }),
      headers: idempotencyHeaderSchema,
      body: { required: true, content: { 'application/json': { schema: caseEventSchema } } },
    },
    responses: {
      200: json(caseStatusSchema, 'The event applied; the new status'),
      ...COMMON,
      ...BODY,
      ...NOT_FOUND('No such case visible to the principal'),
      ...NOT_APPLICABLE('The event does not apply to the case now'),
    },
  });
}
