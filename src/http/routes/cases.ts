import { Router } from 'express';
import type { CaseKeys } from '../../crypto/case-keys';
import type { ReferenceIndex } from '../../crypto/reference-index';
import { caseIdSchema, caseListQuerySchema } from '../../domain/schemas/api';
import { caseImportSchema, caseOpeningSchema, type CaseOpening } from '../../domain/schemas/case';
import { caseEventSchema } from '../../domain/schemas/events';
import { importCase, type CaseImportInput } from '../../domain/procedure/import';
import { whyOpeningRefused } from '../../domain/procedure/opening';
import { dateAt } from '../../domain/calendar';
import { MAX_REFERENCE_KEYS } from '../../domain/procedure/state';
import type { CaseGateway } from '../../cases/case-gateway';
import { scopeOf } from '../../cases/visibility';
import { visibleCase } from '../../cases/visible-case';
import { eventInput, requireReporter } from '../../cases/inputs';
import { refusalProblem } from '../../cases/problems';
import { refuse } from '../../domain/refusals';
import { auditAs, principalOf } from '../../audit/request-context';
import { idempotencyKeyOf } from '../idempotency-key';
import { noQuery, parseOr400 } from '../validate';
import { requireRole } from '../../identity/require-role';

/** `base`: the API's public address, which the links of a page of cases start with. */
export function casesRouter(gateway: CaseGateway, index: ReferenceIndex, caseKeys: CaseKeys, base: string): Router {
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
      .json(status);
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
      .json(status);
  });

  r.get('/cases', requireRole('centre', 'immigration-office', 'prosecutor', 'admin'), async (req, res) => {
    auditAs(res, 'case.list', null);
    const q = parseOr400(caseListQuerySchema, req.query, 'query');
    const reference = q.reference === undefined ? undefined : index.keyOf(q.reference);
    const filters = { ...q, ...(reference ? { referenceKey: reference } : {}) };
    const page = await gateway.listCases(scopeOf(principalOf(res)), filters, q.pageSize, q.cursor);
    // The filters as they were asked (the schema let only known ones through), the cursor of the page apart.
    const { cursor: _cursor, ...asked } = req.query as Record<string, string>;
    const at = (cursor: string | undefined) =>
      `${base}/v1/cases?${new URLSearchParams({ ...asked, ...(cursor ? { cursor } : {}) })}`.replace(/\?$/, '');
    res.json({
      self: at(q.cursor),
      items: page.items.map((item) => ({ ...item, href: `${base}/v1/cases/${item.caseId}` })),
      pageSize: q.pageSize,
      ...(page.nextCursor ? { next: at(page.nextCursor) } : {}),
      nextCursor: page.nextCursor,
    });
  });

  r.get(
    '/cases/:caseId',
    requireRole('centre', 'immigration-office', 'prosecutor', 'admin'),
    noQuery,
    async (req, res) => {
      const caseId = parseOr400(caseIdSchema, req.params.caseId, 'path', 'caseId');
      auditAs(res, 'case.read', caseId);
      await visibleCase(gateway, principalOf(res), caseId);
      res.json(await gateway.status(caseId));
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
    res.json(await gateway.record(caseId, eventInput(p, event, index), key));
  });

  // Erasure: an admin's, of a case that ended. The audit line is the erasure's record.
  r.post('/cases/:caseId/erasure', requireRole('admin'), noQuery, async (req, res) => {
    const caseId = parseOr400(caseIdSchema, req.params.caseId, 'path', 'caseId');
    auditAs(res, 'case.erase', caseId);
    res.json(await gateway.erase(caseId, caseKeys));
  });

  return r;
}

/** Values that cannot open a case are a 400 that says why, names the field and carries the refusal's code. */
function refuseOpening(opening: CaseOpening, opts: { imported: boolean }): void {
  const refusal = whyOpeningRefused(opening, dateAt(Date.now()), opts);
  if (!refusal) return;
  throw refusalProblem('badRequest', refusal, { in: 'body', name: refusal.field });
}
