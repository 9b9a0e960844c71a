import type { Language } from '../domain/codes';
import type { FeedSubscriber } from '../domain/schemas/calendar-feeds';
import type { CaseStatus, DeadlineKind } from '../domain/schemas/case';
import { allDayCalendarIcs, type AllDayEvent } from '../mail/compose/ics';
import { LANGUAGE_PACKS } from '../i18n';
import type { CaseGateway } from './case-gateway';
import { openQueriesFor } from './open-queries';
import { isListable } from '../domain/procedure/clock';

/** Enough for a centre's or the Immigration Office's running cases; a feed is read every hour or so. */
const MAX_CASES = 2_000;
const PAGE = 100;
const CONCURRENT_READS = 16;

/** The running cases whose every deadline the subscriber follows (a centre's own, or all of them). */
async function runningCases(gateway: CaseGateway, centre: string | undefined): Promise<CaseStatus[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await gateway.listCases(centre ? { centre } : {}, { running: true }, PAGE, cursor);
    ids.push(...page.items.map((c) => c.caseId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && ids.length < MAX_CASES);
  const statuses: CaseStatus[] = [];
  for (let i = 0; i < ids.length; i += CONCURRENT_READS)
    statuses.push(...(await Promise.all(ids.slice(i, i + CONCURRENT_READS).map((id) => gateway.status(id)))));
  return statuses;
}

/** Each case and the deadlines of it that the subscriber keeps. */
async function deadlinesOf(
  gateway: CaseGateway,
  subscriber: FeedSubscriber,
): Promise<{ status: CaseStatus; kinds: DeadlineKind[] | 'all' }[]> {
  if ('prosecutorOffice' in subscriber) {
    const office = subscriber.prosecutorOffice;
    return (await openQueriesFor(gateway, office)).map(({ query, status }) => ({
      status,
      kinds: [query.escalatedTo === office ? 'ESCALATION_REPLY_DUE' : 'PROSECUTOR_REPLY_DUE'],
    }));
  }
  const centre = 'centre' in subscriber ? subscriber.centre : undefined;
  return (await runningCases(gateway, centre)).map((status) => ({ status, kinds: 'all' as const }));
}

/**
 * The subscriber's deadlines as an iCalendar feed, in neutral words only: the step and the case reference, as in
 * the mails. An event's UID is its case and its kind, so a moved deadline moves the event; its SEQUENCE is the
 * number of events the case recorded, which grows with every change that can move it.
 */
export async function deadlineFeed(
  gateway: CaseGateway,
  subscriber: FeedSubscriber,
  language: Language,
  publicBaseUrl: string,
): Promise<string> {
  const pack = LANGUAGE_PACKS[language];
  const events: AllDayEvent[] = [];
  for (const { status, kinds } of await deadlinesOf(gateway, subscriber)) {
    const url = `${publicBaseUrl}/workspace/cases/${encodeURIComponent(status.caseId)}`;
    for (const d of status.deadlines.filter(isListable)) {
      if (kinds !== 'all' && !kinds.includes(d.kind)) continue;
      const step = pack.deadlines[d.kind];
      events.push({
        uid: `${status.caseId}/${d.kind}@victim-cases`,
        sequence: status.history.length,
        date: d.due,
        summary: `${step.charAt(0).toUpperCase()}${step.slice(1)} [${status.caseId}]`,
        description: `${pack.words.fileReference}${pack.words.labelSeparator}${status.caseId}\n${url}`,
        url,
      });
    }
  }
  return allDayCalendarIcs(events, pack.words.feedName);
}
