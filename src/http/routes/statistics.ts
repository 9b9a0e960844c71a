import { Router } from 'express';
import { statisticsQuerySchema } from '../../domain/schemas/statistics';
import type { FactsStore } from '../../statistics/facts-store';
import { statisticsCsv, statisticsReport } from '../../statistics/statistics-report';
import { auditAs } from '../request-context';
import { parseOr400 } from '../validate';
import { requireRole } from './access';

/** GET /v1/statistics: a year's figures from the statistics store, JSON or (Accept: text/csv) CSV. */
export function statisticsRouter(store: FactsStore): Router {
  const r = Router();
  r.get('/statistics', requireRole('immigration-office', 'admin'), (req, res) => {
    auditAs(res, 'statistics.read', null);
    const q = parseOr400(statisticsQuerySchema, req.query, 'query');
    const report = statisticsReport(q.year, store.year(q.year), q.by);
    if (req.accepts(['application/json', 'text/csv']) === 'text/csv')
      res.type('text/csv; charset=utf-8').send(statisticsCsv(report));
    else res.json(report);
  });
  return r;
}
