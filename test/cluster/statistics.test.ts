/**
 * Issue 18 on the production topology: the statistics store is the cluster's PostgreSQL (its own database, made at
 * the first start). Both workers write the cases' facts into it, both APIs read it; the case keys live there too,
 * so an erasure through one API holds at once at the other's codec endpoint. Issue 28: the running year is not
 * published by either API, and the year's figures as they will be published come from both workers' facts.
 */
import type { Statistics } from '../../src/domain/schemas/statistics';
import { publishedFrom } from '../../src/domain/statistics/publication';
import { openFactsStore } from '../../src/statistics/facts-store';
import { statisticsReport } from '../../src/statistics/statistics-report';
import { startCluster, type Cluster } from '../../tools/cluster/cluster';
import { waitUntil } from '../../tools/stack/wait';
import { codecJson, decodedTexts } from '../support/codec-json';
import { centreEvent, openCaseOn, today } from './cluster-cases';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster();
}, 30 * 60_000);
afterAll(() => cluster?.close());

const year = Number(today().slice(0, 4));
const statistics = (api: number, of: number) =>
  cluster.request(api, 'GET', `/v1/statistics?year=${of}`, { token: cluster.tokens['immigration-office'] });
const opened = (s: Statistics) => s.tables.find((t) => t.measure === 'casesOpened')!.totals.total;

describe('statistics on the cluster', () => {
  it('counts the cases both workers ran in PostgreSQL; both APIs answer alike, and neither publishes the running year', async () => {
    const store = openFactsStore(cluster.serviceEnv.SERVICE_DATABASE!);
    try {
      const before = statisticsReport(year, await store.year(year));
      const count = async () => {
        const rows = await store.year(year);
        return {
          opened: rows.filter((f) => f.kind === 'case-opened').length,
          complaints: rows.filter((f) => f.kind === 'complaint').length,
        };
      };
      // Counted before the cases open: their facts may be recorded before the complaint's answer comes back.
      const at = await count();
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push(await openCaseOn(cluster, 'Statistics', i % 2));
      const complaint = await centreEvent(
        cluster,
        ids[0]!,
        { type: 'complaint-filed', on: today(), kind: 'complaint', prosecutorOffice: 'ANTWERPEN' },
        1,
      );
      expect(complaint.status).toBe(200);
      // Each fact is recorded beside the case's own work: wait for the six openings and the complaint.
      await waitUntil(
        'six openings and the complaint in the statistics',
        async () => {
          const now = await count();
          return now.opened >= at.opened + 6 && now.complaints >= at.complaints + 1;
        },
        60_000,
        500,
      );
      // As the year will be published once closed: the six openings counted; the complaints' median only over 2k.
      const after = statisticsReport(year, await store.year(year));
      expect(opened(after)).toBe((opened(before) ?? 0) + 6);
      // One complaint: neither how many nor the median is published.
      expect(after.medians.openingToComplaint).toEqual({ cases: null, medianDays: null });

      const [one, two] = await Promise.all([statistics(0, year), statistics(1, year)]);
      for (const res of [one, two]) {
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ type: 'urn:problem-type:victim-case:statisticsYearOpen' });
        expect(JSON.stringify(res.body)).toContain(publishedFrom(year));
      }
      // A closed year: the same figures from both APIs.
      const [last0, last1] = await Promise.all([statistics(0, year - 1), statistics(1, year - 1)]);
      expect(last0.status).toBe(200);
      expect(last1.body).toEqual(last0.body);
    } finally {
      await store.close();
    }
  });
});

describe('erasure by key on the cluster', () => {
  it("an erasure through one API makes the case's stored bytes unreadable at the other API's codec endpoint", async () => {
    const caseId = await openCaseOn(cluster, 'Erasure', 0);
    expect((await centreEvent(cluster, caseId, { type: 'opened-in-error', on: today() }, 1)).status).toBe(200);
    await cluster.client.workflow.getHandle(caseId).result();
    const { events } = await cluster.client.workflow.getHandle(caseId).fetchHistory();
    const start = events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    const decode = () =>
      cluster.request(1, 'POST', '/codec/decode', {
        token: cluster.tokens['immigration-office'],
        body: { payloads: start.map(codecJson) },
      });
    const before = await decode();
    expect(before.status).toBe(200);
    expect(decodedTexts(before.body).join('')).toContain('Erasure-Probe-Pseudonym');

    const requested = await cluster.request(0, 'POST', `/v1/cases/${caseId}/erasure`, { token: cluster.tokens.admin });
    expect(requested.status).toBe(202);
    const erased = await cluster.request(1, 'POST', `/v1/cases/${caseId}/erasure/confirm`, {
      token: cluster.tokens['admin-2'],
    });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ caseId, dataKey: 'destroyed' });
    const after = await decode();
    expect(after.status).toBe(410);
    expect(after.body).toMatchObject({ type: 'urn:problem-type:victim-case:caseErased' });
  });
});
