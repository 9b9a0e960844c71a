/**
 * Issue 18 on the production topology: the statistics store is the cluster's PostgreSQL (its own database, made at
 * the first start). Both workers write the cases' facts into it, both APIs read the same figures from it; the case
 * keys live there too, so an erasure through one API holds at once at the other's codec endpoint.
 */
import type { Statistics } from '../../src/domain/schemas/statistics';
import { startCluster, type Cluster } from '../../tools/cluster/cluster';
import { waitUntil } from '../../tools/stack/wait';
import { codecJson, decodedTexts } from '../support/codec-json';
import { centreEvent, openCaseOn, today } from './cluster-cases';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster();
}, 30 * 60_000);
afterAll(() => cluster?.close());

const statistics = async (api: number): Promise<Statistics> => {
  const res = await cluster.request(api, 'GET', `/v1/statistics?year=${today().slice(0, 4)}`, {
    token: cluster.tokens['immigration-office'],
  });
  if (res.status !== 200) throw new Error(`statistics gave ${res.status}`);
  return res.body as Statistics;
};
const opened = (s: Statistics) => s.tables.find((t) => t.measure === 'casesOpened')!.totals.total;

describe('statistics on the cluster', () => {
  it('counts the cases both workers ran in PostgreSQL, and both APIs publish the same figures', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await openCaseOn(cluster, 'Statistics', i % 2));
    const complaint = await centreEvent(
      cluster,
      ids[0]!,
      { type: 'complaint-filed', on: today(), kind: 'complaint', prosecutorOffice: 'ANTWERPEN' },
      1,
    );
    expect(complaint.status).toBe(200);
    // Each fact is recorded beside the case's own work: wait for the six openings and the complaint (0 until then).
    await waitUntil(
      'six openings and the complaint in the statistics',
      async () => {
        const s = await statistics(0);
        return opened(s) === 6 && s.medians.openingToComplaint.cases !== 0;
      },
      60_000,
      500,
    );
    const [one, two] = await Promise.all([statistics(0), statistics(1)]);
    expect(two).toEqual(one);
    // One complaint: a median over fewer than k cases is not published.
    expect(one.medians.openingToComplaint).toEqual({ cases: null, medianDays: null });
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

    const erased = await cluster.request(0, 'POST', `/v1/cases/${caseId}/erasure`, { token: cluster.tokens.admin });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ caseId, dataKey: 'destroyed' });
    const after = await decode();
    expect(after.status).toBe(410);
    expect(after.body).toMatchObject({ type: 'urn:problem-type:victim-case:caseErased' });
  });
});
