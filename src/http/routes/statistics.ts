import { Router } from 'express';
import { COURTS_OF_APPEAL } from '../../domain/codes';
import { statisticsQuerySchema, statusQueryReportQuerySchema } from '../../domain/schemas/statistics';
import { statusQueryReport } from '../../statistics/status-query-report';
import type { FactsStore } from '../../statistics/facts-store';
import { statisticsCsv, statisticsReport } from '../../statistics/statistics-report';
import { auditAs, principalOf } from '../../audit/request-context';
import { parseOr400 } from '../validate';
import { requireRole, roleNotAllowed } from '../../identity/require-role';

/** GET /v1/statistics: a year's figures from the statistics store, JSON or (Accept: text/csv) CSV. */
export function statisticsRouter(store: FactsStore): Router {
  const r = Router();
  r.get('/statistics', requireRole('immigration-office', 'admin'), async (req, res) => {
    auditAs(res, 'statistics.read', null);
    const q = parseOr400(statisticsQuerySchema, req.query, 'query');
    const report = statisticsReport(q.year, await store.year(q.year), q.by);
    if (req.accepts(['application/json', 'text/csv']) === 'text/csv')
      res.type('text/csv; charset=utf-8').send(statisticsCsv(report));
    else res.json(report);
  });

  // The Immigration Office and admins see every office; a Principal Crown Prosecutor the offices of its court.
  r.get('/reports/status-queries', requireRole('immigration-office', 'admin', 'prosecutor'), async (req, res) => {
    auditAs(res, 'report.status-queries', null);
    const p = principalOf(res);
    const court = p.role === 'prosecutor' ? p.office : undefined;
    if (p.role === 'prosecutor' && !(COURTS_OF_APPEAL as readonly string[]).includes(court ?? ''))
      throw roleNotAllowed(p.role);
    const q = parseOr400(statusQueryReportQuerySchema, req.query, 'query');
    res.json(statusQueryReport(q.year, await store.year(q.year), court));
  });
  return r;
}
