/**
 * Issues 18 and 28, "statistics that cannot identify anyone", end to end: the cases' workflows record their
 * countable facts once, through the worker's activity, into the statistics store; GET /v1/statistics reads the
 * store, never the cases, so deleting a case does not make last year's figures shrink; a year is published only
 * once it is closed; small counts are hidden with enough beside them that each could be any of k values (the proof
 * is the integer attack of test/unit/statistics-attack.test.ts).
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Statistics, StatusQueryReport } from '../../src/domain/schemas/statistics';
import type { CaseStatus } from '../../src/domain/schemas/case';
import { publishedFrom } from '../../src/domain/statistics/publication';
import { caseKeySalts, openFactsStore } from '../../src/statistics/facts-store';
import { statusQueryReport } from '../../src/statistics/status-query-report';
import {
  as,
  caseInTemporaryResidence,
  eventually,
  expectProblem,
  openCase,
  recordOk,
  SECRET,
  today,
} from '../support/api-helpers';
import { createTestApp, useServiceStack } from '../support/service-stack';
import { YES } from '../support/fixtures';
import { expectDocumented } from '../support/documented-response';

const stack = useServiceStack();
const opened: Record<string, CaseStatus[]> = { payoke: [], pagasa: [], surya: [] };
const year = Number(today().slice(0, 4));

/** The API on the day the year is closed: the same store, the same cases, a later date. */
let closed: ReturnType<typeof createTestApp>;
const statistics = (query = '') => as(closed, 'immigration').get(`/v1/statistics?year=${year}${query}`);
const table = (s: Statistics, measure: string) => s.tables.find((t) => t.measure === measure)!;

beforeAll(async () => {
  for (const [who, n] of [
    ['payoke', 6],
    ['pagasa', 2],
    ['surya', 1],
  ] as const)
    for (let i = 0; i < n; i++) opened[who]!.push(await openCase(stack.app, who));
  // Six annex 15 reported (five at Payoke, one at Pag-Asa), two cases ended: one opened in error, one by voluntary
  // return.
  for (const c of [...opened.payoke!.slice(0, 5), opened.pagasa![1]!])
    await recordOk(stack.app, 'immigration', c.caseId, {
      type: 'document-issued',
      on: today(),
      document: 'ANNEX_15',
      issuedOn: today(),
      validUntil: c.deadlines.find((d) => d.kind === 'REFLECTION_ENDS')!.due,
    });
  await recordOk(stack.app, 'payoke', opened.payoke![5]!.caseId, { type: 'opened-in-error', on: today() });
  await recordOk(stack.app, 'pagasa', opened.pagasa![0]!.caseId, { type: 'voluntary-return', on: today() });
  // The workflows record their facts after each change: wait until the store has them all.
  const store = openFactsStore(join(stack.dir, 'statistics.sqlite'));
  const kinds = async () => (await store.year(year)).map((f) => f.kind);
  await eventually(
    kinds,
    (k) =>
      k.filter((x) => x === 'case-opened').length === 9 &&
      k.filter((x) => x === 'document-issued').length === 6 &&
      k.filter((x) => x === 'outcome').length === 2,
    30_000,
  );
  await store.close();
  closed = createTestApp({
    client: stack.client,
    keys: stack.keys,
    caseKeys: stack.caseKeys,
    statistics: openFactsStore(join(stack.dir, 'statistics.sqlite')),
    today: () => publishedFrom(year),
  });
}, 120_000);

describe('GET /v1/statistics', () => {
  it('does not publish the running year: two readings of it would tell what happened between them', async () => {
    const res = await as(stack.app, 'immigration').get(`/v1/statistics?year=${year}`);
    expectProblem(res, 404);
    expectDocumented('GET', '/v1/statistics', res);
    expect(res.body).toMatchObject({ type: 'urn:problem-type:victim-case:statisticsYearOpen' });
    expect((res.body as { detail: string }).detail).toContain(publishedFrom(year));
  });

  it('counts each fact once, in the year it happened, and hides a measure of k or fewer facts whole', async () => {
    const res = await statistics();
    expect(res.status).toBe(200);
    expectDocumented('GET', '/v1/statistics', res);
    const s = res.body as Statistics;
    expect(s).toMatchObject({ year, by: null, k: 5 });
    expect(table(s, 'casesOpened').totals).toEqual({ counts: [9], total: 9 });
    const documents = table(s, 'documentsIssued');
    expect(documents.columns[1]).toBe('ANNEX_15');
    expect(documents.totals).toMatchObject({ total: 6 });
    expect(documents.totals.counts[1]).toBe(6);
    // Two outcomes (1 + 1), fewer than k: every outcome hidden, zeros and total too, so none can be narrowed down.
    const outcomes = table(s, 'outcomes');
    expect(outcomes.totals).toEqual({ counts: outcomes.columns.map(() => null), total: null });
  });

  it('by centre: counts of 2 and 1 hidden with the 6 beside them, so that neither could be told from 0 to 4', async () => {
    const s = (await statistics('&by=centre')).body as Statistics;
    const opened = table(s, 'casesOpened');
    for (const group of ['PAYOKE', 'PAG-ASA', 'SURYA'])
      expect(opened.rows.find((r) => r.group === group)).toEqual({ group, counts: [null], total: null });
    expect(opened.totals).toEqual({ counts: [9], total: 9 });
    // The one annex 15 of Pag-Asa is hidden with Payoke's five, and so are both centres' totals of documents.
    const documents = table(s, 'documentsIssued');
    const row = (group: string) => documents.rows.find((r) => r.group === group)!;
    expect([row('PAYOKE').counts[1], row('PAG-ASA').counts[1], row('SURYA').counts[1]]).toEqual([null, null, 0]);
    expect([row('PAYOKE').total, row('PAG-ASA').total, row('SURYA').total]).toEqual([null, null, 0]);
    expect(documents.totals.counts[1]).toBe(6);
  });

  it('as CSV, with x for a hidden count', async () => {
    const res = await as(closed, 'admin', { Accept: 'text/csv' }).get(`/v1/statistics?year=${year}&by=centre`);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('measure,group,category,count');
    expect(lines).toContain('casesOpened,PAYOKE,cases,x');
    expect(lines).toContain('casesOpened,PAG-ASA,cases,x');
    expect(lines).toContain('casesOpened,all,cases,9');
    expect(lines).toContain('documentsIssued,all,ANNEX_15,6');
  });

  it('keeps the figures when a case is deleted: they come from the store, not from the cases', async () => {
    const before = (await statistics('&by=centre')).body as Statistics;
    const gone = opened.surya![0]!.caseId;
    await stack.client.workflowService.deleteWorkflowExecution({
      namespace: stack.client.options.namespace,
      workflowExecution: { workflowId: gone },
    });
    await eventually(
      () => stack.client.workflow.count(`WorkflowId = '${gone}'`),
      (c) => c.count === 0,
      15_000,
    );
    expect((await statistics('&by=centre')).body).toEqual(before);
  });

  it('stores no case id and no personal data, and is for the Immigration Office and admins only', async () => {
    const file = readFileSync(join(stack.dir, 'statistics.sqlite'));
    const text = file.toString('latin1');
    for (const c of Object.values(opened).flat()) expect(text).not.toContain(c.caseId);
    // The worker keyed each row with its case's salt, which the case's erasure destroys with its key.
    const salt = await caseKeySalts(stack.caseKeys).saltFor(opened.surya![0]!.caseId);
    const key = `${opened.surya![0]!.caseId}/fact/case-opened`;
    const db = new Database(join(stack.dir, 'statistics.sqlite'), { readonly: true });
    const ids = (db.prepare('SELECT id FROM facts').all() as { id: string }[]).map((r) => r.id);
    db.close();
    expect(ids).toContain(`f-${createHmac('sha256', salt).update(`statistics-fact\0${key}`).digest('hex')}`);
    for (const secret of Object.values(SECRET)) expect(text).not.toContain(secret);
    for (const who of ['payoke', 'antwerpen'] as const)
      expectProblem(await as(closed, who).get(`/v1/statistics?year=${year}`), 403);
    expectProblem(await as(closed, 'admin').get('/v1/statistics'), 400);
  });
});

describe("GET /v1/reports/status-queries: the prosecutors' response times", () => {
  it('counts the queries an office was sent and answered, with the days to answer, from the store', async () => {
    const toAntwerpen = await caseInTemporaryResidence(stack.app);
    const toLiege = await caseInTemporaryResidence(stack.app, 'payoke', { office: 'LIEGE' });
    expect(toLiege.prosecutorQuery?.office).toBe('LIEGE');
    const answered = await as(stack.app, 'antwerpen').post(
      `/v1/prosecutor/queries/${toAntwerpen.prosecutorQuery!.queryId}/answer`,
      YES,
    );
    expect(answered.status).toBe(200);
    const report = await eventually(
      async () =>
        (await as(stack.app, 'immigration').get(`/v1/reports/status-queries?year=${year}`)).body as StatusQueryReport,
      (r) => r.offices.find((o) => o.office === 'ANTWERPEN')?.answeredInTime === 1 && r.offices.length === 2,
      30_000,
    );
    expect(report.offices).toEqual([
      {
        office: 'ANTWERPEN',
        courtOfAppeal: 'CA-ANTWERPEN',
        sent: 1,
        answeredInTime: 1,
        answeredLate: 0,
        escalated: 0,
        unanswered: 0,
        medianDaysToAnswer: 0,
        p90DaysToAnswer: 0,
      },
      expect.objectContaining({ office: 'LIEGE', courtOfAppeal: 'CA-LIEGE', sent: 1, answeredInTime: 0 }),
    ]);
    const res = await as(stack.app, 'admin').get(`/v1/reports/status-queries?year=${year}`);
    expectDocumented('GET', '/v1/reports/status-queries', res);
  });

  it("shows a Principal Crown Prosecutor the offices of its court of appeal only, and no one else's", async () => {
    const pcp = await as(stack.app, 'caAntwerpen').get(`/v1/reports/status-queries?year=${year}`);
    expect(pcp.status).toBe(200);
    expect((pcp.body as StatusQueryReport).offices.map((o) => o.courtOfAppeal)).toEqual(
      (pcp.body as StatusQueryReport).offices.map(() => 'CA-ANTWERPEN'),
    );
    expect((pcp.body as StatusQueryReport).offices.map((o) => o.office)).not.toContain('LIEGE');
    for (const who of ['antwerpen', 'payoke'] as const)
      expectProblem(await as(stack.app, who).get(`/v1/reports/status-queries?year=${year}`), 403);
  });

  it('counts escalations and queries closed unanswered, with the median and 90th percentile of days', async () => {
    const store = openFactsStore(':memory:', { saltFor: () => Promise.resolve(Buffer.alloc(32, 2)) });
    const dims = { centre: 'PAYOKE', track: 'adult', exploitation: 'labour' } as const;
    const at = { office: 'LIMBURG', courtOfAppeal: 'CA-ANTWERPEN' } as const;
    const facts = [
      ...Array.from({ length: 10 }, (_, i) => ({
        key: `case-q${i}/fact/query-sent`,
        fact: { kind: 'query-sent' as const, on: '2026-02-01', ...at, ...dims },
      })),
      ...[3, 5, 8, 12, 20, 30].map((days, i) => ({
        key: `case-q${i}/fact/query-answered`,
        fact: {
          kind: 'query-answered' as const,
          on: '2026-03-01',
          daysToAnswer: days,
          inTime: days <= 14,
          ...at,
          ...dims,
        },
      })),
      {
        key: 'case-q7/fact/query-escalated',
        fact: { kind: 'query-escalated' as const, on: '2026-02-16', ...at, ...dims },
      },
      {
        key: 'case-q8/fact/query-unanswered',
        fact: { kind: 'query-unanswered' as const, on: '2026-04-01', ...at, ...dims },
      },
    ];
    await store.record(facts);
    expect(statusQueryReport(2026, await store.year(2026)).offices).toEqual([
      {
        office: 'LIMBURG',
        courtOfAppeal: 'CA-ANTWERPEN',
        sent: 10,
        answeredInTime: 4,
        answeredLate: 2,
        escalated: 1,
        unanswered: 1,
        // The middle two, 8 and 12: the same median as the statistics'.
        medianDaysToAnswer: 10,
        p90DaysToAnswer: 30,
      },
    ]);
    await store.close();
  });
});

describe('the statistics store', () => {
  it('records a fact once however often it is sent again (a retried activity)', async () => {
    const store = openFactsStore(':memory:', { saltFor: () => Promise.resolve(Buffer.alloc(32, 1)) });
    const fact = {
      key: 'case-x/fact/case-opened',
      fact: {
        kind: 'case-opened' as const,
        on: '2026-03-02',
        centre: 'PAYOKE' as const,
        track: 'adult' as const,
        exploitation: 'labour' as const,
      },
    };
    expect(await store.record([fact])).toBe(1);
    expect(await store.record([fact, fact])).toBe(0);
    expect(await store.year(2026)).toHaveLength(1);
    expect(await store.year(2025)).toHaveLength(0);
    await store.close();
  });
});
