import { Router } from 'express';
import { z } from 'zod';
import type { CaseGateway } from '../../cases/case-gateway';
import { ServiceProblem } from '../../cases/problems';
import { ANY, json, NO_QUERY_PARAMETERS, type ApiDocument, type Tag } from '../openapi';
import { noQuery } from '../validate';

/** Liveness, readiness and the guide's health resource: no token, for orchestrators and monitors. */
export function monitoringRouter(gateway: CaseGateway): Router {
  const r = Router();
  r.get('/healthz', noQuery, (_req, res) => {
    res.json({ status: 'ok' });
  });
  r.get('/readyz', noQuery, async (_req, res) => {
    if (!(await gateway.ready())) throw new ServiceProblem('serviceUnavailable', (p) => p.problems.unavailable);
    res.json({ status: 'ready' });
  });
  // The guide's health resource: what /readyz checks, as UP or DOWN.
  r.get('/health', noQuery, async (_req, res) => {
    const up = await gateway.ready();
    res.status(up ? 200 : 503).json({ status: up ? 'UP' : 'DOWN' });
  });
  return r;
}

const MONITORING = { tags: ['Monitoring'] as [Tag], security: [] };

/** The health resources' operations. */
export function documentMonitoring(api: ApiDocument): void {
  api.registerPath({
    method: 'get',
    path: '/health',
    operationId: 'checkHealth',
    ...MONITORING,
    summary: 'Check health of the service',
    description: 'The guide’s health resource: UP when Temporal answers, DOWN (503) when it does not.',
    responses: {
      200: json(z.object({ status: z.literal('UP') }).meta({ id: 'HealthUp' }), 'Up'),
      ...NO_QUERY_PARAMETERS,
      503: json(z.object({ status: z.literal('DOWN') }).meta({ id: 'HealthDown' }), 'Down: Temporal is not reachable'),
      default: ANY.default,
    },
  });
  api.registerPath({
    method: 'get',
    path: '/healthz',
    operationId: 'checkLiveness',
    ...MONITORING,
    summary: 'Liveness',
    description: 'The process is alive (for an orchestrator’s liveness probe).',
    responses: {
      200: json(z.object({ status: z.literal('ok') }), 'The process is alive'),
      ...NO_QUERY_PARAMETERS,
      default: ANY.default,
    },
  });
  api.registerPath({
    method: 'get',
    path: '/readyz',
    operationId: 'checkReadiness',
    ...MONITORING,
    summary: 'Readiness',
    description: 'Temporal answers (for an orchestrator’s readiness probe).',
    responses: {
      200: json(z.object({ status: z.literal('ready') }), 'Ready'),
      ...NO_QUERY_PARAMETERS,
      503: ANY[503],
      default: ANY.default,
    },
  });
}
