/**
 * Issue 27, parts 3 and 4, against the real dev server: well over a hundred cases seeded through imports, and the
 * lists read from the case index hold every one of them across pages, soonest due first, with exact totals. The
 * expected tasks come from the seeding (which cases were given a complaint to Antwerp), not from the index code.
 */
import { join } from 'node:path';
import { openCaseIndex } from '../../src/case-index/case-index-store';
import { inboxSections, type InboxSectionPage } from '../../src/cases/inbox';
import { AesGcmCodec } from '../../src/crypto/aes-gcm-codec';
import { INBOX_SECTIONS } from '../../src/domain/schemas/tasks';
import { addDays } from '../../src/domain/calendar';
import { as, eventually, expectProblem, SECRET, today, type TokenName } from '../support/api-helpers';
import { expectDocumented } from '../support/documented-response';
import {
  everyPage,
  openQueryImport,
  reflectionImport,
  seedCases,
  soonestFirst,
  type ListPage as Page,
} from '../support/seeded-cases';
import { useServiceStack } from '../support/service-stack';

const stack = useServiceStack();
const QUERIED = 120;
const IN_REFLECTION = 30;
/** The cases whose open query Antwerp answers, as the seeding made them. */
const queried = new Set<string>();
/** Those of them escalated to the Principal Crown Prosecutor of Antwerp by today, as the import answered. */
const escalated = new Set<string>();
/** The cases whose document waits for its dates, as the import answered. */
const toIssue = new Set<string>();
const fileNumber = (i: number) => `AN.66.L3 ${String(100_000 + i)}/26`;

/**
 * A complaint 62 to 81 days ago: its 3-month document runs out within the month, so its status query is open
 * today, with 20 different reply dates among the cases.
 */
const importBody = (i: number) =>
  openQueryImport(today(), {
    complaintDaysAgo: 62 + (i % 20),
    opening: { caseworkerEmail: SECRET.caseworker, references: { prosecutorFile: fileNumber(i) } },
  });

async function seed(): Promise<void> {
  const cases = [
    ...Array.from({ length: QUERIED }, (_, i) => ({ body: importBody(i), queried: true })),
    ...Array.from({ length: IN_REFLECTION }, () => ({
      body: reflectionImport(today(), { openedDaysAgo: 3, opening: { caseworkerEmail: SECRET.caseworker } }),
      queried: false,
    })),
  ];
  const seeded = await seedCases(cases, 10, (path, body) => as(stack.app, 'immigration').post(path, body));
  for (const { seeded: c, status: s } of seeded) {
    // The seeding's own check that the case is what it was made to be.
    expect(s.prosecutorQuery !== null).toBe(c.queried);
    if (c.queried) queried.add(s.caseId);
    if (s.prosecutorQuery?.escalatedTo === 'CA-ANTWERPEN') escalated.add(s.caseId);
    if (s.document && !s.document.datesRecorded) toIssue.add(s.caseId);
  }
}

/** Every page of a list as one principal, following `next`. */
const pagesOf = (who: TokenName, first: string) => everyPage((path) => as(stack.app, who).get(path), first);

beforeAll(async () => {
  await seed();
  // The worker writes each case's row beside its work: wait until the last one is in.
  // Each case claims its first run before it writes, and a loaded machine runs two test files beside these workers.
  const listed = await eventually(
    () => as(stack.app, 'antwerpen').get('/v1/tasks?pageSize=1'),
    (res) => (res.body as Page).total === QUERIED,
    75_000,
  );
  expect((listed.body as Page).total).toBe(QUERIED);
}, 150_000);

describe('GET /v1/prosecutor/queries', () => {
  it('lists every open query of the office across pages, soonest reply first, with the exact total', async () => {
    const { pages, responses } = await pagesOf('antwerpen', '/v1/prosecutor/queries?pageSize=50');
    expect(pages).toHaveLength(3);
    expect(pages.map((p) => p.total)).toEqual([QUERIED, QUERIED, QUERIED]);
    const items = pages.flatMap((p) => p.items);
    expect(new Set(items.map((q) => q.caseId))).toEqual(queried);
    expect(items).toHaveLength(QUERIED);
    expect(soonestFirst(items.map((q) => q.replyBy!))).toBe(true);
    expect(items.every((q) => q.office === 'ANTWERPEN')).toBe(true);
    expect(new Set(items.filter((q) => q.escalatedTo === 'CA-ANTWERPEN').map((q) => q.caseId))).toEqual(escalated);
    expectDocumented('GET', '/v1/prosecutor/queries', responses[0]!);
  });

  it("includes the escalated ones in the list of the Principal Crown Prosecutor's office", async () => {
    expect(escalated.size).toBeGreaterThan(0);
    const items = (await pagesOf('caAntwerpen', '/v1/prosecutor/queries?pageSize=7')).pages.flatMap((p) => p.items);
    expect(new Set(items.map((q) => q.caseId))).toEqual(escalated);
    expect(items.every((q) => q.addressedTo === 'CA-ANTWERPEN')).toBe(true);
    expect(soonestFirst(items.map((q) => q.replyBy!))).toBe(true);
  });

  it('lists nothing for an office that holds no query', async () => {
    const res = await as(stack.app, 'liege').get('/v1/prosecutor/queries');
    expect(res.body).toMatchObject({ items: [], total: 0 });
    expect(res.body).not.toHaveProperty('next');
  });
});

describe('GET /v1/tasks', () => {
  it("lists the office's every open task across pages, soonest due first, with the exact total", async () => {
    const { pages, responses } = await pagesOf('antwerpen', '/v1/tasks?pageSize=100&kind=status-query-answer');
    expect(pages.map((p) => p.items.length)).toEqual([100, QUERIED - 100]);
    const items = pages.flatMap((p) => p.items);
    expect(new Set(items.map((t) => t.caseId))).toEqual(queried);
    expect(new Set(items.map((t) => t.taskId)).size).toBe(QUERIED);
    expect(soonestFirst(items.map((t) => t.due!))).toBe(true);
    expect(items[0]).toEqual({
      taskId: expect.stringMatching(/^case-.*-q\d+\/answer$/),
      caseId: expect.any(String),
      kind: 'status-query-answer',
      due: expect.any(String),
      since: expect.any(String),
      href: expect.stringMatching(/\/v1\/cases\/case-/),
    });
    expectDocumented('GET', '/v1/tasks', responses[0]!);
  });

  it('filters by due date: none before the first due, every one before the day after the last', async () => {
    const dues = (await pagesOf('antwerpen', '/v1/tasks?pageSize=100')).pages.flatMap((p) =>
      p.items.map((t) => t.due!),
    );
    const [first, last] = [dues[0]!, dues.at(-1)!];
    const count = async (before: string) =>
      ((await as(stack.app, 'antwerpen').get(`/v1/tasks?dueBefore=${before}`)).body as Page).total;
    expect(await count(first)).toBe(0);
    expect(await count(addDays(last, 1))).toBe(QUERIED);
  });

  it("refuses another principal's cursor, and a cursor given for other filters", async () => {
    const first = (await as(stack.app, 'antwerpen').get('/v1/tasks?pageSize=10')).body as Page;
    const cursor = new URL(first.next!).searchParams.get('cursor')!;
    expectProblem(await as(stack.app, 'liege').get(`/v1/tasks?pageSize=10&cursor=${cursor}`), 400);
    expectProblem(await as(stack.app, 'caAntwerpen').get(`/v1/prosecutor/queries?cursor=${cursor}`), 400);
    expectProblem(
      await as(stack.app, 'antwerpen').get(`/v1/tasks?pageSize=10&dueBefore=2099-01-01&cursor=${cursor}`),
      400,
    );
    expect((await as(stack.app, 'antwerpen').get(`/v1/tasks?pageSize=10&cursor=${cursor}`)).status).toBe(200);
  });

  it('never puts a file number in a link of a list', async () => {
    const links = [
      ...(await pagesOf('antwerpen', '/v1/tasks?pageSize=100')).pages,
      ...(await pagesOf('antwerpen', '/v1/prosecutor/queries?pageSize=100')).pages,
    ].flatMap((p) => [p.self, p.next ?? '', ...p.items.map((i) => i.href ?? '')]);
    const numbers = Array.from({ length: QUERIED }, (_, i) => fileNumber(i));
    for (const link of links) for (const n of numbers) expect(decodeURIComponent(link)).not.toContain(n.split(' ')[1]!);
  });

  it("scopes the list to the caller: a centre's own, the Immigration Office's", async () => {
    expect(((await as(stack.app, 'pagasa').get('/v1/tasks')).body as Page).total).toBe(0);
    const office = (await as(stack.app, 'immigration').get('/v1/tasks?kind=status-query-answer')).body as Page;
    expect(office.total).toBe(0);
    expectProblem(await as(stack.app, 'antwerpen').get('/v1/tasks?pageSize=101'), 400);
  });
});

describe("the Immigration Office's inbox", () => {
  /** Every page of one section, following its cursor, as the inbox page's links do. */
  async function everySectionPage(
    read: (only?: Parameters<typeof inboxSections>[3]) => Promise<InboxSectionPage[]>,
    first: InboxSectionPage,
  ): Promise<InboxSectionPage[]> {
    const pages = [first];
    for (let at = first; at.nextCursor; pages.push(at))
      at = (await read({ section: at.section, cursor: at.nextCursor }))[0]!;
    return pages;
  }

  it('lists every task of the Office in its section, soonest due first, with the count of each section', async () => {
    const reviewed = [...queried][0]!;
    const reported = await as(stack.app, 'immigration').post(`/v1/cases/${reviewed}/events`, {
      type: 'public-order-threat',
      on: today(),
    });
    expect(reported.status).toBe(200);
    const index = openCaseIndex(join(stack.dir, 'statistics.sqlite'), stack.caseKeys);
    const codec = new AesGcmCodec(stack.keys, stack.caseKeys.uncached());
    const officer = { id: 'dvz', role: 'immigration-office' as const };
    const read = (only?: Parameters<typeof inboxSections>[3]) => inboxSections(index, codec, officer, only);
    try {
      // The worker writes each case's row beside its work: wait until the review and the last document are in.
      const total = (s: InboxSectionPage[], section: string) => s.find((x) => x.section === section)!.total;
      const first = await eventually(
        read,
        (s) => total(s, 'withdrawal-decision') === 1 && total(s, 'document-dates') === toIssue.size,
        30_000,
      );
      expect(first.map((x) => x.section)).toEqual(INBOX_SECTIONS);
      const listed = new Map<string, InboxSectionPage['tasks']>();
      for (const section of first) {
        const tasks = (await everySectionPage(read, section)).flatMap((p) => p.tasks);
        expect(tasks).toHaveLength(section.total);
        expect(new Set(tasks.map((t) => `${t.caseId}/${t.taskId}`)).size).toBe(section.total);
        expect(soonestFirst(tasks.map((t) => t.due))).toBe(true);
        listed.set(section.section, tasks);
      }
      // Well over a page of documents to issue, each case the seeding made so once.
      expect(toIssue.size).toBeGreaterThan(25);
      expect(new Set(listed.get('document-dates')!.map((t) => t.caseId))).toEqual(toIssue);
      expect(listed.get('document-dates')!.every((t) => t.personal?.pseudonym)).toBe(true);
      // The officer who reported the ground sees the review, marked as one another officer decides (four eyes).
      expect(listed.get('withdrawal-decision')!.map((t) => [t.caseId, t.reporters])).toEqual([[reviewed, ['dvz']]]);
      // The API's count of the Office's tasks is the inbox's, section by section.
      for (const section of first) {
        const api = (await as(stack.app, 'immigration').get(`/v1/tasks?kind=${section.section}`)).body as Page;
        expect(api.total).toBe(section.total);
      }
      // A section's cursor is the officer's and that section's only.
      const cursor = first.find((x) => x.nextCursor)!;
      await expect(
        inboxSections(
          index,
          codec,
          { ...officer, id: 'dvz-2' },
          { section: cursor.section, cursor: cursor.nextCursor! },
        ),
      ).rejects.toMatchObject({ status: 400 });
      await expect(read({ section: 'identity-proof', cursor: cursor.nextCursor! })).rejects.toMatchObject({
        status: 400,
      });
    } finally {
      await index.close();
    }
  });
});
