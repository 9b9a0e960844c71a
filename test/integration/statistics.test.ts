/**
 * Issue 18, "statistics that cannot identify anyone", end to end: the cases' workflows record their countable
 * facts once, through the worker's activity, into the statistics store; GET /v1/statistics reads the store, never
 * the cases, so deleting a case does not make last year's figures shrink; small counts are hidden with their
 * complements (the proof that nothing hidden can be worked out is test/unit/statistics-suppression.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Statistics, StatusQueryReport } from '../../src/domain/schemas/statistics';
import type { CaseStatus } from '../../src/domain/schemas/case';
import { openFactsStore } from '../../src/statistics/facts-store';
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
import { YES } from '../support/fixtures';
import { expectDocumented } from '../support/documented-response';
import { useServiceStack } from '../support/service-stack';

const stack = useServiceStack();
const opened: Record<string, CaseStatus[]> = { payoke: [], pagasa: [], surya: [] };
const year = Number(today().slice(0, 4));

const statistics = (query = '') => as(stack.app, 'immigration').get(`/v1/statistics?year=${year}${query}`);
const table = (s: Statistics, measure: string) => s.tables.find((t) => t.measure === measure)!;

beforeAll(async () => {
  for (const [who, n] of [
    ['payoke', 6],
    ['pagasa', 2],
    ['surya', 1],
  ] as const)
    for (let i = 0; i < n; i++) opened[who]!.push(await openCase(stack.app, who));
  // Five annex 15 reported, two cases ended: one opened in error, one by voluntary return.
  for (const c of opened.payoke!.slice(0, 5))
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
  const store = openFactsStore(join(stack.dir, 'statistics.sqlite'), Buffer.alloc(32));
  const kinds = async () => (await store.year(year)).map((f) => f.kind);
  await eventually(
    kinds,
    (k) =>
      k.filter((x) => x === 'case-opened').length === 9 &&
      k.filter((x) => x === 'document-issued').length === 5 &&
      k.filter((x) => x === 'outcome').length === 2,
    30_000,
  );
  await store.close();
}, 120_000);

describe('GET /v1/statistics', () => {
  it('counts each fact once, in the year it happened, and hides the counts under k', async () => {
    const res = await statistics();
    expect(res.status).toBe(200);
    expectDocumented('GET', '/v1/statistics', res);
    const s = res.body as Statistics;
    expect(s).toMatchObject({ year, by: null, k: 5 });
    expect(table(s, 'casesOpened').totals).toEqual({ counts: [9], total: 9 });
    const documents = table(s, 'documentsIssued');
    expect(documents.columns[1]).toBe('ANNEX_15');
    expect(documents.totals.counts[1]).toBe(5);
    // Two outcomes (1 + 1): each hidden, and so is their total.
    const outcomes = table(s, 'outcomes');
    expect(outcomes.totals.counts[outcomes.columns.indexOf('OPENED_IN_ERROR')]).toBeNull();
    expect(outcomes.totals.counts[outcomes.columns.indexOf('VOLUNTARY_RETURN')]).toBeNull();
    expect(outcomes.totals.total).toBeNull();
    expect(outcomes.totals.counts[outcomes.columns.indexOf('WITHDRAWN')]).toBe(0);
  });

  it('by centre: a centre of 6 cases shows, centres of 2 and 1 hide each other, the total stays as published', async () => {
    const s = (await statistics('&by=centre')).body as Statistics;
    const opened = table(s, 'casesOpened');
    const row = (group: string) => opened.rows.find((r) => r.group === group)!;
    expect(row('PAYOKE')).toEqual({ group: 'PAYOKE', counts: [6], total: 6 });
    expect(row('PAG-ASA')).toEqual({ group: 'PAG-ASA', counts: [null], total: null });
    expect(row('SURYA')).toEqual({ group: 'SURYA', counts: [null], total: null });
    expect(opened.totals).toEqual({ counts: [9], total: 9 });
  });

  it('as CSV, with x for a hidden count', async () => {
    const res = await as(stack.app, 'admin', { Accept: 'text/csv' }).get(`/v1/statistics?year=${year}&by=centre`);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('measure,group,category,count');
    expect(lines).toContain('casesOpened,PAYOKE,cases,6');
    expect(lines).toContain('casesOpened,PAG-ASA,cases,x');
    expect(lines).toContain('casesOpened,all,cases,9');
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
    for (const secret of Object.values(SECRET)) expect(text).not.toContain(secret);
    for (const who of ['payoke', 'antwerpen'] as const)
      expectProblem(await as(stack.app, who).get(`/v1/statistics?year=${year}`), 403);
    expectProblem(await as(stack.app, 'admin').get('/v1/statistics'), 400);
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
    const store = openFactsStore(':memory:', Buffer.alloc(32, 2));
    const dims = { centre: 'PAYOKE', track: 'adult', exploitation: 'labour' } as const;
    const at = { office: 'LIMBURG', courtOfAppeal: 'CA-ANTWERPEN' } as const;
    const facts = [
      ...Array.from({ length: 10 }, (_, i) => ({
        key: `q${i}/sent`,
        fact: { kind: 'query-sent' as const, on: '2026-02-01', ...at, ...dims },
      })),
      ...[3, 5, 8, 12, 20, 30].map((days, i) => ({
        key: `q${i}/answered`,
        fact: {
          kind: 'query-answered' as const,
          on: '2026-03-01',
          daysToAnswer: days,
          inTime: days <= 14,
          ...at,
          ...dims,
        },
      })),
      { key: 'q7/escalated', fact: { kind: 'query-escalated' as const, on: '2026-02-16', ...at, ...dims } },
      { key: 'q8/unanswered', fact: { kind: 'query-unanswered' as const, on: '2026-04-01', ...at, ...dims } },
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
    const store = openFactsStore(':memory:', Buffer.alloc(32, 1));
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
