import { Router } from 'express';
import type { ReferenceIndex } from '../../crypto/reference-index';
import { caseIdSchema, caseListQuerySchema } from '../../domain/schemas/api';
import { caseImportSchema, caseOpeningSchema, type CaseOpening } from '../../domain/schemas/case';
import { caseEventSchema } from '../../domain/schemas/events';
import { importCase, type CaseImportInput } from '../../domain/procedure/import';
import { whyOpeningRefused } from '../../domain/procedure/opening';
import { dateAt } from '../../domain/calendar';
import { MAX_REFERENCE_KEYS } from '../../domain/procedure/state';
import type { CaseGateway } from '../case-gateway';
import { listQuery } from '../case-list-query';
import { eventInput, requireReporter } from '../record-input';
import { refusalProblem } from '../problem';
import { refuse } from '../../domain/refusals';
import { auditAs, idempotencyKeyOf, principalOf } from '../request-context';
import { parseOr400 } from '../validate';
import { idempotentUpdateId, requireRole, visibleCase } from './access';

export function casesRouter(gateway: CaseGateway, index: ReferenceIndex): Router {
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
        const name = refusal.facts.index === undefined ? 'body.events' : `body.events.${refusal.facts.index}`;
        throw refusalProblem(400, refusal, { invalidParams: [{ name, reason: refusal.message }] });
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
    res.json(await gateway.list(listQuery(principalOf(res), q, reference), q.pageSize, q.cursor));
  });

  r.get('/cases/:caseId', requireRole('centre', 'immigration-office', 'prosecutor', 'admin'), async (req, res) => {
    const caseId = parseOr400(caseIdSchema, req.params.caseId, 'path');
    auditAs(res, 'case.read', caseId);
    await visibleCase(gateway, principalOf(res), caseId);
    res.json(await gateway.status(caseId));
  });

  r.post('/cases/:caseId/events', requireRole('centre', 'immigration-office', 'prosecutor'), async (req, res) => {
    const caseId = parseOr400(caseIdSchema, req.params.caseId, 'path');
    auditAs(res, 'case.event', caseId);
    const event = parseOr400(caseEventSchema, req.body, 'body');
    auditAs(res, `case.event.${event.type}`, caseId);
    const p = principalOf(res);
    requireReporter(p, event.type);
    const access = await visibleCase(gateway, p, caseId);
    const updateId = idempotentUpdateId(p, req);
    // A retry (same Idempotency-Key) of the event that closed the case still gets that event's answer from Temporal.
    if (!access.running && !updateId)
      throw refusalProblem(409, refuse('case-closed', { outcome: access.outcome ?? 'finished' }));
    res.json(await gateway.record(caseId, eventInput(p, event, index), updateId));
  });

  return r;
}

/** Values that cannot open a case are a 400 that says why, names the field and carries the refusal's code. */
function refuseOpening(opening: CaseOpening, opts: { imported: boolean }): void {
  const refusal = whyOpeningRefused(opening, dateAt(Date.now()), opts);
  if (!refusal) return;
  const name = `body.${refusal.field}`;
  throw refusalProblem(400, refusal, { invalidParams: [{ name, reason: refusal.message }] });
}
