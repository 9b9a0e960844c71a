import { Router, type Request } from 'express';
import { z } from 'zod';
import { auditAs, principalOf } from '../../audit/request-context';
import type { CaseErasures, ConfirmedErasure } from '../../cases/case-erasures';
import type { ErasureRecord } from '../../cases/erasure-records';
import {
  caseErasureRequestSchema,
  caseErasureSchema,
  caseIdSchema,
  idempotencyHeaderSchema,
  type CaseErasureRecord,
  type CaseErasureRequest,
} from '../../domain/schemas/api';
import { requireRole } from '../../identity/require-role';
import { idempotencyKeyOf } from '../idempotency-key';
import { COMMON, json, NOT_FOUND, problem, type ApiDocument } from '../openapi';
import { noQuery, parseOr400 } from '../validate';

const requested = (r: ErasureRecord): CaseErasureRequest => ({
  caseId: r.caseId,
  requestedById: r.requestedById,
  requestedAt: r.requestedAt,
});
const erased = (r: ConfirmedErasure): CaseErasureRecord => ({
  ...requested(r),
  ...r.confirmed.erasure,
  confirmedById: r.confirmed.byId,
});

/**
 * Erasure with four eyes: one admin requests, another confirms. Each call answers the request or the erasure on
 * record, so a retry (with or without its Idempotency-Key) answers the same. The audit lines are the steps' record.
 */
export function erasureRouter(erasures: CaseErasures): Router {
  const r = Router();
  const caseOf = (req: Request) => parseOr400(caseIdSchema, req.params.caseId, 'path', 'caseId');

  r.post('/cases/:caseId/erasure', requireRole('admin'), noQuery, async (req, res) => {
    const caseId = caseOf(req);
    auditAs(res, 'case.erase.request', caseId);
    idempotencyKeyOf(req);
    res.status(202).json(requested(await erasures.request(caseId, principalOf(res))));
  });

  r.post('/cases/:caseId/erasure/confirm', requireRole('admin'), noQuery, async (req, res) => {
    const caseId = caseOf(req);
    auditAs(res, 'case.erase', caseId);
    idempotencyKeyOf(req);
    res.json(erased(await erasures.confirm(caseId, principalOf(res))));
  });

  r.delete('/cases/:caseId/erasure', requireRole('admin'), noQuery, async (req, res) => {
    const caseId = caseOf(req);
    auditAs(res, 'case.erase.withdraw', caseId);
    await erasures.withdraw(caseId);
    res.status(204).end();
  });
  return r;
}

const params = z.object({ caseId: caseIdSchema });
const notRequested = 'no erasure of the case waits for confirmation (urn:problem-type:victim-case:erasureNotRequested)';

/** The erasure's operations. */
export function documentErasure(api: ApiDocument): void {
  api.registerPath({
    method: 'post',
    path: '/v1/cases/{caseId}/erasure',
    operationId: 'requestCaseErasure',
    tags: ['Cases'],
    summary: 'Request the erasure of a case that ended',
    description:
      'For admins. Asks for the erasure of a case that has ended, no sooner than the waiting period after its end (`ERASURE_WAITING_DAYS`, 30 days by default); a second admin confirms it (`/erasure/confirm`), and only then is anything erased. A request already on record, this admin’s or another’s, is answered as it stands.',
    request: { params, headers: idempotencyHeaderSchema },
    responses: {
      202: json(caseErasureRequestSchema, 'The request on record: who asked, and when'),
      ...COMMON,
      ...NOT_FOUND('No such case'),
      409: problem(
        'The case is still running (urn:problem-type:victim-case:caseStillRunning), or its waiting period is not over (urn:problem-type:victim-case:erasureTooEarly; `detail` says from which day the erasure may be requested)',
      ),
    },
  });
  api.registerPath({
    method: 'post',
    path: '/v1/cases/{caseId}/erasure/confirm',
    operationId: 'confirmCaseErasure',
    tags: ['Cases'],
    summary: 'Confirm an erasure, as a second admin',
    description:
      "For admins other than the one who requested the erasure. Destroys the case's data key, so no copy of its history (in Temporal, in backups, in exports) can be read any more, then deletes its runs from Temporal and the case index's rows, and records the erasure: when, who requested and who confirmed it. Copies of the key itself that the database keeps (its write-ahead log, replicas, backups) open no more from `effectiveOn`, when the daily key sweep destroys the key-encryption key they were wrapped under. A confirmation of an erasure done answers the erasure on record. The statistics stay as they were: they never held the case.",
    request: { params, headers: idempotencyHeaderSchema },
    responses: {
      200: json(caseErasureSchema, 'The erasure on record and what it did'),
      ...COMMON,
      ...NOT_FOUND('No such case'),
      409: problem(
        `The admin who requested the erasure cannot confirm it (urn:problem-type:victim-case:secondAdminRequired), ${notRequested}, or the case runs again (urn:problem-type:victim-case:caseStillRunning)`,
      ),
    },
  });
  api.registerPath({
    method: 'delete',
    path: '/v1/cases/{caseId}/erasure',
    operationId: 'withdrawCaseErasure',
    tags: ['Cases'],
    summary: 'Withdraw a request for erasure',
    description: 'For admins. Takes back a request that no second admin confirmed yet; an erasure done stays done.',
    request: { params },
    responses: {
      204: { description: 'The request was withdrawn' },
      ...COMMON,
      409: problem(`Nothing to withdraw: ${notRequested}`),
    },
  });
}
