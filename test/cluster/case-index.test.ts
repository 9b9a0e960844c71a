/**
 * Issue 27 on the production topology: a thousand running cases imported through both APIs, the case index written
 * by both workers into the service's PostgreSQL. Every open task is listed, exactly once and soonest due first across
 * pages, to each party it waits for; a prosecutor's office lists each of its open queries once, soonest reply date
 * first; the Immigration Office's inbox counts each section; and the index equals what every case shows
 * (`npm run index -- verify`). What is expected comes from the seeding (test/support/seeded-cases.ts), never from
 * the code that builds the index.
 */
import { readFileSync } from 'node:fs';
import { heldCases } from '../../src/case-index/held-cases';
import { verifyIndex } from '../../src/case-index/verify-index';
import { inboxSections } from '../../src/cases/inbox';
import { AesGcmCodec } from '../../src/crypto/aes-gcm-codec';
import { CENTRES, PROSECUTOR_OFFICES } from '../../src/domain/codes';
import { INBOX_SECTIONS } from '../../src/domain/schemas/tasks';
import { startCluster, type Cluster } from '../../tools/cluster/cluster';
import type { ApiResponse } from '../../tools/stack/http';
import { sleep } from '../../tools/stack/wait';
import { eventually, today } from '../support/api-helpers';
import {
  everyPage,
  IMMIGRATION_OFFICE_PARTY,
  seedCases,
  seededCase,
  soonestFirst,
  type ListPage,
  type PartyName,
  type SeededTask,
} from '../support/seeded-cases';
import { sample, scrape } from './scraped-metrics';

jest.setTimeout(10 * 60_000);

const CASES = 1_000;
/** Imports under way at once, spread over the two APIs. */
const LANES = 16;
/** Every party a list is read for: the Office, each centre, each prosecutor's office (the cluster's dev principals). */
const PARTIES: PartyName[] = [
  IMMIGRATION_OFFICE_PARTY,
  ...CENTRES.map((c) => `centre-${c}`),
  ...PROSECUTOR_OFFICES.map((o) => `prosecutor-${o}`),
];

let cluster: Cluster;
/** The open tasks the seeding made, by party. */
const expected = new Map<PartyName, SeededTask[]>(PARTIES.map((p) => [p, []]));
const expectedOf = (party: PartyName): SeededTask[] => expected.get(party)!;
let retries = 0;
const say = (line: string) => process.stdout.write(`case-index: ${line}\n`);

/**
 * A request as `who` to API `api`. A POST carries its Idempotency-Key and, as a client does, is retried on no answer,
 * 429 or 503 for up to two minutes: right after a burst of imports an event's Update can wait for its case's first
 * workflow task longer than the API's deadline on a call to Temporal.
 */
async function call(api: number, who: string, method: string, path: string, body?: unknown, key?: string) {
  const deadline = Date.now() + 120_000;
  for (let attempt = 0; ; attempt++) {
    const res: ApiResponse = await cluster.request(api, method, path, {
      token: cluster.tokens[who],
      body,
      idempotencyKey: key,
      timeoutMs: 30_000,
    });
    if (![0, 429, 503].includes(res.status) || Date.now() > deadline) return res;
    retries += 1;
    await sleep(Math.min(2_000, 100 * 2 ** attempt));
  }
}
const get = (who: PartyName, path: string, api = 0) => call(api, who, 'GET', path);

/** `total` of a party's tasks, of one kind or all. */
const totalOf = async (party: PartyName, kind?: string): Promise<number> =>
  ((await get(party, `/v1/tasks?pageSize=1${kind ? `&kind=${kind}` : ''}`)).body as ListPage).total;
/** What the lists must count once every case's row is in: each party's tasks, and the Office's of each kind. */
const countsKey = (party: PartyName, kind?: string) => (kind ? `${party} ${kind}` : party);
function expectedCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const party of PARTIES) counts[countsKey(party)] = expectedOf(party).length;
  for (const kind of INBOX_SECTIONS)
    counts[countsKey(IMMIGRATION_OFFICE_PARTY, kind)] = expectedOf(IMMIGRATION_OFFICE_PARTY).filter(
      (t) => t.kind === kind,
    ).length;
  return counts;
}
async function listedCounts(): Promise<Record<string, number>> {
  const keys = Object.keys(expectedCounts());
  const totals = await Promise.all(
    keys.map((key) => {
      const [party, kind] = key.split(' ') as [PartyName, string | undefined];
      return totalOf(party, kind);
    }),
  );
  return Object.fromEntries(keys.map((k, n) => [k, totals[n]!]));
}

const taskKey = (t: Partial<Record<'kind' | 'caseId' | 'due', string>>) => `${t.kind} ${t.caseId} ${t.due}`;
const sorted = (keys: string[]) => [...keys].sort();

beforeAll(async () => {
  let started = Date.now();
  // The rate limit raised for the seeding's single principal, as the bench does.
  cluster = await startCluster({ env: { RATE_LIMIT_PER_MINUTE: '1000000' }, log: say });
  say(`cluster up in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  started = Date.now();
  const importedOn = today();
  const cases = Array.from({ length: CASES }, (_, i) => seededCase(i, importedOn));
  const seeded = await seedCases(cases, LANES, (path, body, n) =>
    call(n % 2, 'immigration-office', 'POST', path, body, `seed-${n}-${path.split('/').pop()}`),
  );
  for (const { seeded: c, status } of seeded) for (const t of c.tasks(status)) expectedOf(t.party).push(t);
  say(
    `${CASES} cases imported through both APIs in ${((Date.now() - started) / 1000).toFixed(0)} s (${retries} retries)`,
  );
  // The workers write each case's row beside its work: the lists lag the imports until the last row is in.
  started = Date.now();
  const counts = await eventually(listedCounts, (c) => JSON.stringify(c) === JSON.stringify(expectedCounts()), 300_000);
  expect(counts).toEqual(expectedCounts());
  say(`every list counted its tasks ${((Date.now() - started) / 1000).toFixed(0)} s after the last import`);
}, 40 * 60_000);
afterAll(() => cluster?.close());

describe('the case index on the cluster', () => {
  it('is the service database on PostgreSQL, written by both workers and read by both APIs', async () => {
    const database = cluster.serviceEnv.SERVICE_DATABASE!;
    expect(database).toMatch(/^postgres:\/\//);
    // The environment each process of the service runs with, as the kernel holds it.
    for (const p of [...cluster.workers, ...cluster.apis]) {
      const env = readFileSync(`/proc/${p.pid}/environ`, 'utf8').split('\0');
      expect({ process: p.name, env: env.filter((v) => v.startsWith('SERVICE_DATABASE=')) }).toEqual({
        process: p.name,
        env: [`SERVICE_DATABASE=${database}`],
      });
    }
    expect(await cluster.caseIndex.caseIds()).toHaveLength(CASES);
    // Each worker ran its share of the index's writes (the SDK's count of activities it executed).
    const writes = (await Promise.all(cluster.metricsUrls.workers.map(scrape))).map((text) =>
      sample(text, 'temporal_activity_execution_latency_count', { activity_type: 'indexCase' }),
    );
    expect(writes.every((n) => n > 0)).toBe(true);
    expect(writes.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(CASES);
  });

  it('lists every open task to each party it waits for, once, soonest due first across pages', async () => {
    // The seeding's mix holds every kind of task, for the Office, the centres and several offices.
    const kinds = new Set(expectedOf(IMMIGRATION_OFFICE_PARTY).map((t) => t.kind));
    expect(kinds).toEqual(new Set(INBOX_SECTIONS));
    expect(PARTIES.filter((p) => expectedOf(p).length > 0).length).toBeGreaterThan(10);
    for (const [n, party] of PARTIES.entries()) {
      const { pages } = await everyPage((path) => get(party, path, n % 2), '/v1/tasks?pageSize=100');
      const items = pages.flatMap((p) => p.items);
      const want = expectedOf(party);
      expect({ party, totals: [...new Set(pages.map((p) => p.total))] }).toEqual({ party, totals: [want.length] });
      expect({ party, tasks: sorted(items.map(taskKey)) }).toEqual({
        party,
        tasks: sorted(want.map(taskKey)),
      });
      expect(new Set(items.map((t) => t.taskId)).size).toBe(items.length);
      expect({ party, soonestFirst: soonestFirst(items.map((t) => t.due!)) }).toEqual({ party, soonestFirst: true });
    }
    // Well over one page for the Office.
    expect(expectedOf(IMMIGRATION_OFFICE_PARTY).length).toBeGreaterThan(500);
  });

  it.each([
    ['prosecutor-ANTWERPEN', 50],
    ['prosecutor-CA-ANTWERPEN', 30],
  ])("lists every open query of %s's office once, soonest reply date first across pages", async (party, pageSize) => {
    const want = new Map(expectedOf(party).map((t) => [t.caseId, t.due]));
    expect(want.size).toBeGreaterThan(2 * pageSize);
    const { pages } = await everyPage((path) => get(party, path, 1), `/v1/prosecutor/queries?pageSize=${pageSize}`);
    expect(pages.length).toBe(Math.ceil(want.size / pageSize));
    expect(new Set(pages.map((p) => p.total))).toEqual(new Set([want.size]));
    const items = pages.flatMap((p) => p.items);
    expect(new Set(items.map((q) => q.queryId)).size).toBe(want.size);
    expect(new Map(items.map((q) => [q.caseId!, q.replyBy!]))).toEqual(want);
    expect(soonestFirst(items.map((q) => q.replyBy!))).toBe(true);
    // Addressed to the office, or once escalated to its Principal Crown Prosecutor, who lists it too.
    const escalatedTo = new Map(
      [...expected].flatMap(([p, tasks]) =>
        p.startsWith('prosecutor-CA-') ? tasks.map((t) => [t.caseId, p.replace(/^prosecutor-/, '')] as const) : [],
      ),
    );
    const addressedTo = (caseId: string) => escalatedTo.get(caseId) ?? party.replace(/^prosecutor-/, '');
    expect(new Map(items.map((q) => [q.caseId!, q.addressedTo!]))).toEqual(
      new Map([...want.keys()].map((caseId) => [caseId, addressedTo(caseId)])),
    );
  });

  it("counts each section of the Immigration Office's inbox as the seeding made it", async () => {
    const officer = { id: 'immigration-office', role: 'immigration-office' as const };
    const sections = await inboxSections(cluster.caseIndex, new AesGcmCodec(cluster.keys), officer);
    const office = expectedOf(IMMIGRATION_OFFICE_PARTY);
    expect(Object.fromEntries(sections.map((s) => [s.section, s.total]))).toEqual(
      Object.fromEntries(INBOX_SECTIONS.map((k) => [k, office.filter((t) => t.kind === k).length])),
    );
  });

  it('finds no difference between the index and the status of every case (npm run index -- verify)', async () => {
    const cases = heldCases(cluster.client);
    // Visibility lists a case shortly after it started: every case is compared.
    const ids = await eventually(
      () => cases.ids(),
      (all) => all.length === CASES,
      60_000,
    );
    expect(ids).toHaveLength(CASES);
    const started = Date.now();
    expect(await verifyIndex(cases, cluster.caseIndex)).toEqual([]);
    say(`verified ${CASES} cases in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  });
});
