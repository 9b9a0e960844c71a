/**
 * Issue 16, "metrics an operator can scrape", on the production topology: each worker serves the SDK's
 * Prometheus metrics and the notices its mail activity sent, each API its requests by route and status with
 * latency histograms and its failed calls to Temporal; no label holds a case id or anything a request carried.
 */
import { startCluster, type Cluster } from '../../tools/cluster/cluster';
import { waitUntil } from '../../tools/stack/wait';
import { openCaseOn } from './cluster-cases';
import { sample, scrape } from './scraped-metrics';

let cluster: Cluster;
let caseId: string;
const PSEUDONYM = 'Metrics-Probe-Pseudonym';
beforeAll(async () => {
  cluster = await startCluster();
  caseId = await openCaseOn(cluster, 'Metrics');
  await cluster.request(1, 'GET', `/v1/cases/${caseId}`, { token: cluster.tokens['centre-PAYOKE'] });
}, 30 * 60_000);
afterAll(() => cluster?.close());

describe('metrics an operator can scrape', () => {
  it('counts the API’s requests by route and status, with latencies, on each API process', async () => {
    const [first, second] = await Promise.all(cluster.metricsUrls.apis.map(scrape));
    expect(
      sample(first!, 'victim_cases_http_requests_total', { route: '/v1/cases', status: '201', method: 'POST' }),
    ).toBe(1);
    expect(sample(second!, 'victim_cases_http_requests_total', { route: '/v1/cases/:caseId', status: '200' })).toBe(1);
    expect(sample(first!, 'victim_cases_http_request_duration_seconds_count', { route: '/v1/cases' })).toBe(1);
    expect(first).toContain('# TYPE victim_cases_temporal_call_errors_total counter');
  });

  it('serves the SDK’s metrics and the notices mailed, from the workers', async () => {
    let texts: string[] = [];
    await waitUntil(
      'the opening notice to be counted',
      async () => {
        texts = await Promise.all(cluster.metricsUrls.workers.map(scrape));
        const sent = texts.map((t) =>
          sample(t, 'victim_cases_notice_mails', { notice_kind: 'case-opened', outcome: 'sent' }),
        );
        return sent.reduce((a, b) => a + b, 0) === 1;
      },
      30_000,
      500,
    );
    // The SDK's own: the workflow task of the opening ran on one of the two.
    expect(texts.some((t) => /^temporal_workflow_task_execution_latency_count\{/m.test(t))).toBe(true);
    for (const t of texts) expect(t).toMatch(/^temporal_worker_task_slots_available\{/m);
  });

  it('holds no case id and nothing a request carried in any label', async () => {
    const all = (await Promise.all([...cluster.metricsUrls.apis, ...cluster.metricsUrls.workers].map(scrape))).join(
      '\n',
    );
    for (const leak of [caseId, PSEUDONYM, 'caseworker.metrics', cluster.tokens['centre-PAYOKE']!])
      expect({ leak, found: all.includes(leak) }).toEqual({ leak, found: false });
    // Not any case's id either (a notice kind such as case-opened is not one).
    expect(all.match(/case-[0-9a-f]{8}-/g)).toBeNull();
  });
});
