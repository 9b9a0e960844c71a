import type { InboxSectionPage } from '../../cases/inbox';
import type { InboxSection } from '../../domain/schemas/tasks';
import type { PageWords } from '../../i18n/page-words';
import type { ErasureRecord } from '../../cases/erasure-records';
import { page } from './layout';
import { PendingErasures } from './erasure';
import { dateIn, shortRef, stageIn } from './case-words';
import type { PageContext } from './page-context';

/** Each section's heading, and the words before its tasks' due dates. */
const TITLES: Record<InboxSection, (w: PageWords) => { title: string; due: string }> = {
  'withdrawal-decision': (w) => ({ title: w.inbox.withdrawalReviews, due: w.case.decideBy }),
  'expiry-without-decision': (w) => ({ title: w.inbox.expiring, due: w.case.validUntil }),
  'permanent-residence-decision': (w) => ({ title: w.inbox.permanentResidence, due: w.case.decideBy }),
  'document-dates': (w) => ({ title: w.inbox.documentsToIssue, due: w.case.due }),
  'identity-proof': (w) => ({ title: w.inbox.identityProof, due: w.case.due }),
};

function Section({ ctx, shown }: { ctx: PageContext; shown: InboxSectionPage }) {
  const w = ctx.pack.pages;
  const { title, due } = TITLES[shown.section](w);
  const id = `s-${shown.section}`;
  const me = ctx.principal?.id;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {title} (<span class="count">{shown.total}</span>)
      </h2>
      {shown.tasks.length === 0 ? (
        <p>{w.inbox.empty}</p>
      ) : (
        <ul>
          {shown.tasks.map((t) => (
            <li key={`${t.caseId}/${t.taskId}`}>
              <a href={`/workspace/cases/${t.caseId}`}>{t.personal?.pseudonym ?? w.cases.unreadable}</a> (
              {shortRef(t.caseId)}, {stageIn(ctx, t.stage)}): {due} {dateIn(ctx, t.due)}
              {/* Four eyes: the officer sees the review, and that another officer decides it. */}
              {me && t.reporters?.includes(me) ? <p class="yours">{w.inbox.yours}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {shown.nextCursor ? (
        <p>
          <a href={`/workspace/inbox?${new URLSearchParams({ section: shown.section, cursor: shown.nextCursor })}`}>
            {w.cases.next}
          </a>
        </p>
      ) : null}
    </section>
  );
}

/** What waits for the Immigration Office, a section per kind of task, each soonest due first and counted. */
export function inboxPage(
  ctx: PageContext,
  sections: InboxSectionPage[],
  erasures?: { pending: ErasureRecord[]; personName: (id: string | undefined) => string | undefined },
): string {
  return page(
    ctx,
    ctx.pack.pages.inbox.title,
    <>
      {erasures ? <PendingErasures ctx={ctx} {...erasures} /> : null}
      {sections.map((shown) => (
        <Section key={shown.section} ctx={ctx} shown={shown} />
      ))}
    </>,
  );
}
