import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The usual calls by a short name; any other by its RPC's name (a fixed set: never anything a request carried). */
const CALL_KINDS: Record<string, string> = {
  queryWorkflow: 'query',
  updateWorkflowExecution: 'update',
  pollWorkflowExecutionUpdate: 'update-poll',
  describeWorkflowExecution: 'describe',
  listWorkflowExecutions: 'list',
  countWorkflowExecutions: 'count',
  startWorkflowExecution: 'start',
  deleteWorkflowExecution: 'delete',
  getSystemInfo: 'system-info',
};
export const temporalCallKind = (method: string): string => CALL_KINDS[method] ?? method;

/**
 * The API's Prometheus metrics, served on a listener of their own (METRICS_ADDRESS), never on the API's port.
 * Labels are routes as declared (`/v1/cases/:caseId`), methods and status codes: never a case id, a token or
 * anything a request carried.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'victim_cases_http_requests_total',
    help: 'HTTP requests answered, by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'victim_cases_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly temporalErrors = new Counter({
    name: 'victim_cases_temporal_call_errors_total',
    help: 'Calls to Temporal that failed (Temporal unreachable, deadline passed, an unexpected error), by the status answered',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  private readonly temporalCalls = new Counter({
    name: 'victim_cases_temporal_calls_total',
    help: 'Calls made to Temporal, by kind (query, update, describe, list, start...): a list read from the case index makes none per row',
    labelNames: ['call'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  request(method: string, route: string, status: number, seconds: number): void {
    const r = route || 'unmatched';
    this.requests.inc({ method, route: r, status: String(status) });
    this.latency.observe({ method, route: r }, seconds);
  }

  /** A call to Temporal's services, by its RPC's name (LazyNativeConnection's `onCall`). */
  temporalCall(method: string): void {
    this.temporalCalls.inc({ call: temporalCallKind(method) });
  }

  temporalError(status: number): void {
    this.temporalErrors.inc({ status: String(status) });
  }

  /** Serves GET /metrics on `address` (host:port). */
  listen(address: string): Promise<Server> {
    const [host, port] = [
      address.slice(0, address.lastIndexOf(':')),
      Number(address.slice(address.lastIndexOf(':') + 1)),
    ];
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url !== '/metrics') return void res.writeHead(404).end();
      this.registry
        .metrics()
        .then((text) => res.writeHead(200, { 'Content-Type': this.registry.contentType }).end(text))
        .catch(() => res.writeHead(500).end());
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve(server));
    });
  }
}
