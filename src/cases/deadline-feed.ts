import type { Language } from '../domain/codes';
import type { FeedSubscriber } from '../domain/schemas/calendar-feeds';
import type { DeadlineKind } from '../domain/schemas/case';
import { allDayEventBlock, calendarOfBlocks } from '../mail/compose/ics';
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

/** An event's block, and what it was rendered from: a block is reused while these stay the same. */
interface RenderedEvent {
  from: string;
  block: string;
}

/** A feed as last read: its text stands while the index's version stays the same. */
interface RenderedFeed {
  version: string;
  language: Language;
  text: string;
  events: Map<string, RenderedEvent>;
}

/**
 * The subscribers' deadlines as iCalendar feeds, in neutral words only: the step and the case reference, as in the
 * mails. An event's UID is its case and its kind, so a moved deadline moves the event; its SEQUENCE is the case's
 * revision, which grows with every change that can move it. Each feed is kept as last read until the index changes,
 * and then renders again only the events whose case changed (folding a thousand events takes about a second).
 */
export class DeadlineFeeds {
  private readonly rendered = new Map<string, RenderedFeed>();

  constructor(
    private readonly caseIndex: CaseIndexStore,
    private readonly publicBaseUrl: string,
  ) {}

  /** The feed's text, and the index's version it shows (what a calendar program's next read may ask about). */
  async read(
    feedId: string,
    subscriber: FeedSubscriber,
    language: Language,
  ): Promise<{ text: string; version: string }> {
    const version = await this.caseIndex.version();
    const last = this.rendered.get(feedId);
    if (last?.version === version && last.language === language) return { text: last.text, version };
    const pack = LANGUAGE_PACKS[language];
    const before = last?.events ?? new Map<string, RenderedEvent>();
    // Only this read's events are kept: a deadline gone from the feed is forgotten with it.
    const now = new Map<string, RenderedEvent>();
    for (const { caseId, sequence, deadlines } of await deadlinesOf(this.caseIndex, subscriber)) {
      const url = `${this.publicBaseUrl}/workspace/cases/${encodeURIComponent(caseId)}`;
      for (const d of deadlines) {
        const uid = `${caseId}/${d.kind}@victim-cases`;
        const from = `${language} ${sequence} ${d.due}`;
        const kept = before.get(uid);
        if (kept?.from === from) {
          now.set(uid, kept);
          continue;
        }
        const step = pack.deadlines[d.kind];
        const block = allDayEventBlock({
          uid,
          sequence,
          date: d.due,
          summary: `${step.charAt(0).toUpperCase()}${step.slice(1)} [${caseId}]`,
          description: `${pack.words.fileReference}${pack.words.labelSeparator}${caseId}\n${url}`,
          url,
        });
        now.set(uid, { from, block });
      }
    }
    const text = calendarOfBlocks(
      [...now.values()].map((e) => e.block),
      pack.words.feedName,
    );
    this.rendered.set(feedId, { version, language, text, events: now });
    return { text, version };
  }
}
