import type { Language } from '../domain/codes';
import type { FeedSubscriber } from '../domain/schemas/calendar-feeds';
import type { DeadlineKind } from '../domain/schemas/case';
import { allDayCalendarIcs, type AllDayEvent } from '../mail/compose/ics';
import { LANGUAGE_PACKS } from '../i18n';
import { everyOpenQuery } from './open-queries';
import type { CaseIndexStore } from '../case-index/case-index-store';

/** A case's deadlines in a feed, and the number that grows with every change that can move them. */
interface FeedCase {
  caseId: string;
  sequence: number;
  deadlines: { kind: DeadlineKind; due: string }[];
}

/** Each case and the deadlines of it that the subscriber keeps, from the case index: never a Query per case. */
async function deadlinesOf(caseIndex: CaseIndexStore, subscriber: FeedSubscriber): Promise<FeedCase[]> {
  if ('prosecutorOffice' in subscriber) {
    const office = subscriber.prosecutorOffice;
    // The reply date the office works to.
    return (await everyOpenQuery(caseIndex, office)).map((q) => ({
      caseId: q.caseId,
      sequence: q.revision,
      deadlines: [{ kind: q.escalatedTo === office ? 'ESCALATION_REPLY_DUE' : 'PROSECUTOR_REPLY_DUE', due: q.replyBy }],
    }));
  }
  const running = await caseIndex.runningDeadlines('centre' in subscriber ? subscriber.centre : undefined);
  return running.map(({ caseId, revision, deadlines }) => ({ caseId, sequence: revision, deadlines }));
}

/**
 * The subscriber's deadlines as an iCalendar feed, in neutral words only: the step and the case reference, as in
 * the mails. An event's UID is its case and its kind, so a moved deadline moves the event; its SEQUENCE is the
 * case's revision, which grows with every change that can move it.
 */
export async function deadlineFeed(
  caseIndex: CaseIndexStore,
  subscriber: FeedSubscriber,
  language: Language,
  publicBaseUrl: string,
): Promise<string> {
  const pack = LANGUAGE_PACKS[language];
  const events: AllDayEvent[] = [];
  for (const { caseId, sequence, deadlines } of await deadlinesOf(caseIndex, subscriber)) {
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
