/**
 * Issue 27.3: the prosecutor's queries page pages as the API does. At 10,000 cases it rendered every open query on
 * one page (2,091 rows); it now shows 25 at a time, soonest reply first, with the office's total and a link to the
 * next page, and every query appears on exactly one page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AesGcmCodec } from '../../src/crypto/aes-gcm-codec';
import { ensureDevPayloadKeys, loadPayloadKeys } from '../../src/crypto/payload-keys';
import type { CaseIndexEntry, OpenTask } from '../../src/domain/procedure/case-index-entry';
import { LANGUAGE_PACKS } from '../../src/i18n';
import { indexedCase, useIndexStore } from '../support/index-store';
import { Browser, useSessionRecords, workspaceInProcess } from '../support/workspace-in-process';

const store = useIndexStore();
const QUERIES = 60;
const en = LANGUAGE_PACKS.en.pages;
let codec: AesGcmCodec;
let dir: string;

/** Reply dates spread over March, several cases a day, in no order of case id. */
const replyBy = (i: number): string => `2026-03-${String(1 + ((i * 7) % 20)).padStart(2, '0')}`;

function queried(i: number): CaseIndexEntry {
  const caseId = `case-${String(i).padStart(3, '0')}`;
  const answer: OpenTask = {
    taskId: `${caseId}-q1/answer`,
    kind: 'status-query-answer',
    party: { role: 'prosecutor', office: 'ANTWERPEN' },
    due: replyBy(i),
    since: '2026-02-01',
  };
  return indexedCase(caseId, 1, [answer], `Pseudonym-${i}`);
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'queries-page-'));
  const keysFile = join(dir, 'payload-keys.json');
  ensureDevPayloadKeys(keysFile);
  codec = new AesGcmCodec(loadPayloadKeys(keysFile));
  for (let i = 0; i < QUERIES; i++) await store.index.write(queried(i));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const sessions = useSessionRecords();

async function prosecutorSignedIn(): Promise<Browser> {
  const { app } = workspaceInProcess(
    sessions.records,
    { now: Date.now() },
    [
      { oidcSubject: 'pk-antwerpen', id: 'pk-antwerpen', role: 'prosecutor', office: 'ANTWERPEN' },
      { oidcSubject: 'pk-liege', id: 'pk-liege', role: 'prosecutor', office: 'LIEGE' },
    ],
    { caseIndex: store.index, codec },
  );
  return new Browser(app);
}

/** The rows of a page: each query's pseudonym, reply date as written on the page, and answer link. */
const rowsOf = (html: string) =>
  [...html.matchAll(/<tr[^>]*>\s*<td>\s*<a href="\/workspace\/cases\/[^"]+">([^<]+)<\/a>[\s\S]*?<\/tr>/g)].map(
    (m) => m[1]!,
  );
const nextOf = (html: string): string | undefined =>
  /<a href="(\/workspace\/queries\?cursor=[^"]+)">/.exec(html)?.[1]?.replace(/&amp;/g, '&');

describe("the prosecutor's queries page", () => {
  it('shows the total and 25 queries a page, soonest reply first, each query on exactly one page', async () => {
    const reader = await prosecutorSignedIn();
    await reader.signIn('pk-antwerpen');
    const shown: string[] = [];
    let path: string | undefined = '/workspace/queries';
    const sizes: number[] = [];
    while (path) {
      const res = await reader.get(path);
      expect(res.status).toBe(200);
      expect(res.text).toContain(en.queries.count(QUERIES));
      const rows = rowsOf(res.text);
      sizes.push(rows.length);
      shown.push(...rows);
      path = nextOf(res.text);
    }
    expect(sizes).toEqual([25, 25, 10]);
    expect(new Set(shown).size).toBe(QUERIES);
    const byReply = Array.from({ length: QUERIES }, (_, i) => i).sort(
      (a, b) => replyBy(a).localeCompare(replyBy(b)) || a - b,
    );
    expect(shown).toEqual(byReply.map((i) => `Pseudonym-${i}`));
  });

  it("refuses another office's cursor, and shows an office with no query that none waits", async () => {
    const antwerp = await prosecutorSignedIn();
    await antwerp.signIn('pk-antwerpen');
    const next = nextOf((await antwerp.get('/workspace/queries')).text)!;
    const liege = await prosecutorSignedIn();
    await liege.signIn('pk-liege');
    expect((await liege.get(next)).status).toBe(400);
    const own = await liege.get('/workspace/queries');
    expect(own.text).toContain(en.queries.empty);
    expect(rowsOf(own.text)).toEqual([]);
  });
});
