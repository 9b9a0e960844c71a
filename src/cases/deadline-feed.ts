import type { Language } from '../domain/codes';
import type { FeedSubscriber } from '../domain/schemas/calendar-feeds';
import type { CaseStatus, DeadlineKind } from '../domain/schemas/case';
import { allDayCalendarIcs, type AllDayEvent } from '../mail/compose/ics';
import { LANGUAGE_PACKS } from '../i18n';
import type { CaseGateway } from './case-gateway';
import { everyOpenQuery } from './open-queries';
import type { CaseIndexStore } from '../case-index/case-index-store';
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

/** A case's deadlines in a feed, and the number that grows with every change that can move them. */
interface FeedCase {
  caseId: string;
  sequence: number;
  deadlines: { kind: DeadlineKind; due: string }[];
}

/** Each case and the deadlines of it that the subscriber keeps. */
async function deadlinesOf(
  gateway: CaseGateway,
  caseIndex: CaseIndexStore,
  subscriber: FeedSubscriber,
): Promise<FeedCase[]> {
  if ('prosecutorOffice' in subscriber) {
    const office = subscriber.prosecutorOffice;
    // From the case index: the reply date the office works to, never a Query per case.
    return (await everyOpenQuery(caseIndex, office)).map((q) => ({
      caseId: q.caseId,
      sequence: q.revision,
      deadlines: [{ kind: q.escalatedTo === office ? 'ESCALATION_REPLY_DUE' : 'PROSECUTOR_REPLY_DUE', due: q.replyBy }],
    }));
  }
  const centre = 'centre' in subscriber ? subscriber.centre : undefined;
  return (await runningCases(gateway, centre)).map((status) => ({
    caseId: status.caseId,
    sequence: status.history.length,
    deadlines: status.deadlines.filter(isListable),
  }));
}

/**
 * The subscriber's deadlines as an iCalendar feed, in neutral words only: the step and the case reference, as in
 * the mails. An event's UID is its case and its kind, so a moved deadline moves the event; its SEQUENCE is the
 * case's revision (or, read from its status, the number of events it recorded), which grows with every change that
 * can move it.
 */
export async function deadlineFeed(
  gateway: CaseGateway,
  caseIndex: CaseIndexStore,
  subscriber: FeedSubscriber,
  language: Language,
  publicBaseUrl: string,
): Promise<string> {
  const pack = LANGUAGE_PACKS[language];
  const events: AllDayEvent[] = [];
  for (const { caseId, sequence, deadlines } of await deadlinesOf(gateway, caseIndex, subscriber)) {
    const url = `${publicBaseUrl}/workspace/cases/${encodeURIComponent(caseId)}`;
    for (const d of deadlines) {
      const step = pack.deadlines[d.kind];
      events.push({
        uid: `${caseId}/${d.kind}@victim-cases`,
        sequence,
        date: d.due,
        summary: `${step.charAt(0).toUpperCase()}${step.slice(1)} [${caseId}]`,
        description: `${pack.words.fileReference}${pack.words.labelSeparator}${caseId}\n${url}`,
        url,
      });
    }
  }
  return allDayCalendarIcs(events, pack.words.feedName);
}
