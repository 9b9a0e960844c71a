import { Router } from 'express';
import { z } from 'zod';
import { dateAt, type IsoDate } from '../../domain/calendar';
import { COURTS_OF_APPEAL } from '../../domain/codes';
import { isPublished, publishedFrom } from '../../domain/statistics/publication';
import { ServiceProblem } from '../../cases/problems';
import {
  statisticsQuerySchema,
  statusQueryReportQuerySchema,
  statisticsSchema,
  statusQueryReportSchema,
} from '../../domain/schemas/statistics';
import { statusQueryReport } from '../../statistics/status-query-report';
import type { FactsStore } from '../../statistics/facts-store';
import { statisticsCsv, statisticsReport } from '../../statistics/statistics-report';
import { auditAs, principalOf } from '../../audit/request-context';
import { COMMON, json, problem, type ApiDocument } from '../openapi';
import { parseOr400 } from '../validate';
import { requireRole, roleNotAllowed } from '../../identity/require-role';

/**
 * GET /v1/statistics: a closed year's figures from the statistics store, JSON or (Accept: text/csv) CSV; a year not
 * yet closed is a 404 naming the day it is published (src/domain/statistics/publication.ts).
 */
export function statisticsRouter(store: FactsStore, today: () => IsoDate = () => dateAt(Date.now())): Router {
  const r = Router();
  r.get('/statistics', requireRole('immigration-office', 'admin'), async (req, res) => {
    auditAs(res, 'statistics.read', null);
    const q = parseOr400(statisticsQuerySchema, req.query, 'query');
    if (!isPublished(q.year, today()))
      throw new ServiceProblem('statisticsYearOpen', (p) =>
        p.problems.statisticsYearOpen(q.year, publishedFrom(q.year)),
      );
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

/** The statistics' operations. */
export function documentStatistics(api: ApiDocument): void {
  api.registerPath({
    method: 'get',
    path: '/v1/statistics',
    operationId: 'getStatistics',
    tags: ['Statistics'],
    summary: 'The statistics of a year',
    description:
      'Cases opened, documents issued by type and outcomes, each counted in the year it happened, with the median days from opening to complaint and from complaint to identification; optionally broken down by centre, track or exploitation. Read from the statistics store, never from the cases, so the figures stay when cases are deleted. A year is published once it is closed (from 1 February of the next year, counting the facts recorded by then) and never changes after; before that the answer is a 404 `statisticsYearOpen`. A count under k is hidden (null, `x` in CSV), with enough beside it that, whatever one combines from every table of the year, each hidden count could be any of at least k values (a hidden count can be 0). A median is published over at least 2k values. `Accept: text/csv` for a CSV file.',
    request: { query: statisticsQuerySchema },
    responses: {
      200: {
        description: 'The figures',
        content: {
          'application/json': { schema: statisticsSchema },
          'text/csv': {
            schema: z.string().meta({ description: 'measure,group,category,count; x for a hidden count' }),
          },
        },
      },
      404: problem(
        'The year is not closed yet; the detail says the day its figures are published (urn:problem-type:victim-case:statisticsYearOpen)',
      ),
      ...COMMON,
    },
  });
  api.registerPath({
    method: 'get',
    path: '/v1/reports/status-queries',
    operationId: 'getStatusQueryReport',
    tags: ['Statistics'],
    summary: "The prosecutors' response times",
    description:
      "Per office and year: status queries sent, answered by the office's deadline or late, escalated to the Principal Crown Prosecutor, closed unanswered, and the median and 90th percentile of days to answer. For the Immigration Office and admins (every office) and a Principal Crown Prosecutor (the offices of its court of appeal). From the statistics store.",
    request: { query: statusQueryReportQuerySchema },
    responses: { 200: json(statusQueryReportSchema, 'The response times'), ...COMMON },
  });
}
