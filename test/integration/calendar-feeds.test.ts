/**
 * Issue 18, "deadline calendars": an admin issues a centre's or an office's feed; a calendar program reads it at a
 * URL that holds a long random secret. The feed is parsed as a calendar program would (node-ical): stable UIDs, a
 * SEQUENCE that grows, a deadline moved by printed dates moves its event; neutral words, no personal data; a
 * revoked or reissued secret stops at once.
 */
import ical from 'node-ical';
import type { CaseStatus } from '../../src/domain/schemas/case';
import { addDays } from '../../src/domain/calendar';
import {
  as,
  caseInTemporaryResidence,
  eventually,
  expectProblem,
  minorOpeningBody,
  openCase,
  recordOk,
  SECRET,
  today,
  type TokenName,
} from '../support/api-helpers';
import { expectDocumented } from '../support/documented-response';
import { auditRecords, useServiceStack } from '../support/service-stack';

const stack = useServiceStack();

const api = (who: TokenName | undefined, headers?: Record<string, string>) => as(stack.app, who, headers);

async function issue(subscriber: Record<string, unknown>, language = 'en'): Promise<{ feedId: string; path: string }> {
  const res = await api('admin').post('/v1/calendar-feeds', { subscriber, language });
  expect(res.status).toBe(201);
  expectDocumented('POST', '/v1/calendar-feeds', res);
  const url = new URL(res.body.url as string);
  return { feedId: res.body.feedId as string, path: url.pathname };
}

interface FeedEvent {
  uid: string;
  sequence?: string | number;
  summary: string;
  description?: string;
  start: Date & { dateOnly?: boolean };
}

async function read(path: string): Promise<{ text: string; events: FeedEvent[] }> {
  const res = await api(undefined).get(path);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/calendar/);
  const text = res.text;
  const events = Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT') as unknown as FeedEvent[];
  return { text, events };
}

/** The feed once visibility shows the case (a list is eventually consistent), with the case's event of `kind`. */
async function readWith(path: string, caseId: string, kind: string) {
  const feed = await eventually(
    () => read(path),
    (f) => eventOf(f.events, caseId, kind) !== undefined,
  );
  return { ...feed, event: eventOf(feed.events, caseId, kind)! };
}

/** An all-day event's date, as the calendar shows it. */
const dayOf = (e: FeedEvent) => e.start.toISOString().slice(0, 10);
const eventOf = (events: FeedEvent[], caseId: string, kind: string) =>
  events.find((e) => e.uid === `${caseId}/${kind}@victim-cases`);

describe('deadline calendars', () => {
  it("a centre's feed: each deadline of its cases, all-day, neutral words, nothing of another centre", async () => {
    const { path } = await issue({ centre: 'PAYOKE' });
    const ours = await openCase(stack.app, 'payoke');
    const theirs = await openCase(stack.app, 'pagasa');
    const { text, event: reflection } = await readWith(path, ours.caseId, 'REFLECTION_ENDS');
    const due = ours.deadlines.find((d) => d.kind === 'REFLECTION_ENDS')!.due;
    expect(reflection).toBeDefined();
    expect(reflection.start.dateOnly).toBe(true);
    expect(dayOf(reflection)).toBe(due);
    expect(reflection.summary).toBe(`End of the reflection period [${ours.caseId}]`);
    expect(text).not.toContain(theirs.caseId);
    for (const secret of Object.values(SECRET)) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/traffick|mensenhandel|traite|Menschenhandel/i);
  });

  it("never shows a minor's 18th birthday, nor the end of the guardianship it sets, in any feed", async () => {
    const minor = await openCase(stack.app, 'payoke', minorOpeningBody());
    const birthday = minor.deadlines.find((d) => d.kind === 'GUARDIANSHIP_ENDS')!.due;
    expect(birthday).toEqual(expect.any(String));
    for (const subscriber of [{ centre: 'PAYOKE' }, { immigrationOffice: true }]) {
      const { path } = await issue(subscriber);
      const { text, events } = await readWith(path, minor.caseId, 'REFLECTION_ENDS');
      expect(eventOf(events, minor.caseId, 'GUARDIANSHIP_ENDS')).toBeUndefined();
      expect(events.filter((e) => e.uid.startsWith(minor.caseId)).map(dayOf)).not.toContain(birthday);
      expect(text).not.toMatch(/18th|guardianship/i);
    }
  });

  it('moves the event when printed dates move the deadline, under the same UID with a higher SEQUENCE', async () => {
    const { path } = await issue({ centre: 'PAYOKE' });
    const opened = await openCase(stack.app, 'payoke');
    const { event: before } = await readWith(path, opened.caseId, 'REFLECTION_ENDS');
    // The annex 15 the Immigration Office printed ends the reflection period later than the opening's count.
    const printed = addDays(today(), 50);
    const after: CaseStatus = await recordOk(stack.app, 'immigration', opened.caseId, {
      type: 'document-issued',
      on: today(),
      document: 'ANNEX_15',
      issuedOn: today(),
      validUntil: printed,
    });
    const moved = after.deadlines.find((d) => d.kind === 'REFLECTION_ENDS')!.due;
    expect(moved).not.toBe(dayOf(before));
    // The feed reads the case index, which the case writes a moment after the event.
    const { events } = await eventually(
      () => read(path),
      (f) => dayOf(eventOf(f.events, opened.caseId, 'REFLECTION_ENDS')!) === moved,
    );
    const event = eventOf(events, opened.caseId, 'REFLECTION_ENDS')!;
    expect(dayOf(event)).toBe(moved);
    expect(Number(event.sequence)).toBeGreaterThan(Number(before.sequence));
  });

  it('answers 304 to a calendar program that holds the feed as it stands, and the new feed once a case changed', async () => {
    const { path } = await issue({ centre: 'PAYOKE' });
    const opened = await openCase(stack.app, 'payoke');
    await readWith(path, opened.caseId, 'REFLECTION_ENDS');
    const first = await api(undefined).get(path);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[^"]+-en"$/);
    const same = await api(undefined, { 'If-None-Match': etag }).get(path);
    expect(same.status).toBe(304);
    expect(same.text ?? '').toBe('');
    const other = await openCase(stack.app, 'payoke');
    const changed = await eventually(
      () => api(undefined, { 'If-None-Match': etag }).get(path),
      (res) => res.status === 200 && res.text.includes(other.caseId),
    );
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it("a prosecutor's office's feed: the replies due to the queries addressed to it, in its language", async () => {
    const { path } = await issue({ prosecutorOffice: 'ANTWERPEN' }, 'nl');
    const s = await caseInTemporaryResidence(stack.app);
    const { events, event: reply } = await readWith(path, s.caseId, 'PROSECUTOR_REPLY_DUE');
    expect(reply).toBeDefined();
    expect(dayOf(reply)).toBe(s.prosecutorQuery!.replyBy);
    expect(reply.summary).toMatch(new RegExp(`\\[${s.caseId}\\]$`));
    // Only its own deadlines: not the case's others.
    expect(eventOf(events, s.caseId, 'DOCUMENT_EXPIRES')).toBeUndefined();
    const liege = await issue({ prosecutorOffice: 'LIEGE' });
    expect(eventOf((await read(liege.path)).events, s.caseId, 'PROSECUTOR_REPLY_DUE')).toBeUndefined();
  });

  it('stops a revoked secret at once, and a reissued one replaces the old', async () => {
    const { feedId, path } = await issue({ immigrationOffice: true });
    await read(path);
    const reissued = await api('admin').post(`/v1/calendar-feeds/${feedId}/reissue`);
    expect(reissued.status).toBe(200);
    const newPath = new URL(reissued.body.url as string).pathname;
    expect(newPath).not.toBe(path);
    expectProblem(await api(undefined).get(path), 404);
    await read(newPath);
    expect((await api('admin').delete(`/v1/calendar-feeds/${feedId}`)).status).toBe(204);
    const listed = (await api('admin').get('/v1/calendar-feeds')).body.items as { feedId: string; revokedAt: string }[];
    expect(listed.find((f) => f.feedId === feedId)?.revokedAt).toEqual(expect.any(String));
    for (const p of [path, newPath]) expectProblem(await api(undefined).get(p), 404);
  });

  it('is issued by an admin only, never lists a secret, and writes no secret in the log', async () => {
    for (const who of ['payoke', 'immigration', 'antwerpen'] as const)
      expectProblem(
        await api(who).post('/v1/calendar-feeds', { subscriber: { centre: 'PAYOKE' }, language: 'en' }),
        403,
      );
    const { path } = await issue({ centre: 'SURYA' });
    const secret = path.split('/').pop()!;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await read(path);
    const listed = await api('admin').get('/v1/calendar-feeds');
    expectDocumented('GET', '/v1/calendar-feeds', listed);
    expect(listed.text).not.toContain(secret);
    expect(stack.logLines.join('\n')).not.toContain(secret);
    expectProblem(await api(undefined).get(`/calendars/${'A'.repeat(43)}`), 404);
  });

  // Issue 28: a feed's read was audited with neither a case nor the feed, so nobody could tell whose deadlines were read.
  it('audits each read and change of a feed under its id, never its secret; a read of no live feed names none', async () => {
    const { feedId, path } = await issue({ centre: 'PAG-ASA' });
    await read(path);
    expectProblem(await api(undefined).get(`/calendars/${'B'.repeat(43)}`), 404);
    const reissued = await api('admin').post(`/v1/calendar-feeds/${feedId}/reissue`);
    expect((await api('admin').delete(`/v1/calendar-feeds/${feedId}`)).status).toBe(204);
    const ofFeed = await eventually(
      () => Promise.resolve(auditRecords(stack).filter((r) => r.feedId === feedId)),
      (lines) => lines.length === 4,
    );
    expect(ofFeed.map((r) => [r.action, r.principalId, r.caseId, r.result])).toEqual([
      ['calendar.issue', 'admin', null, 201],
      ['calendar.read', null, null, 200],
      ['calendar.reissue', 'admin', null, 200],
      ['calendar.revoke', 'admin', null, 204],
    ]);
    const unknown = auditRecords(stack).filter((r) => r.action === 'calendar.read' && r.result === 404);
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.every((r) => !('feedId' in r))).toBe(true);
    const file = auditRecords(stack)
      .map((r) => JSON.stringify(r))
      .join('\n');
    for (const secret of [path, new URL(reissued.body.url as string).pathname].map((p) => p.split('/').pop()!))
      expect(file).not.toContain(secret);
  });
});
