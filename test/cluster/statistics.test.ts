/**
 * Issue 18 on the production topology: the statistics store is the cluster's PostgreSQL (its own database, made at
 * the first start). Both workers write the cases' facts into it, both APIs read the same figures from it.
 */
import type { Statistics } from '../../src/domain/schemas/statistics';
import { startCluster, type Cluster } from '../../tools/cluster/cluster';
import { waitUntil } from '../../tools/stack/wait';
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
