import type { IsoDate } from '../../domain/calendar';
import type { CaseStatus } from '../../domain/schemas/case';
import { page } from './layout';
import { dateIn, shortRef, stageIn } from './case-words';
import type { PageContext } from './page-context';

function Bucket({
  ctx,
  title,
  cases,
  due,
}: {
  ctx: PageContext;
  title: string;
  cases: CaseStatus[];
  due: (s: CaseStatus) => string;
}) {
  const w = ctx.pack.pages;
  const id = `b-${title.length}-${cases.length}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {cases.length === 0 ? (
        <p>{w.inbox.empty}</p>
      ) : (
        <ul>
          {cases.map((s) => (
            <li key={s.caseId}>
              <a href={`/workspace/cases/${s.caseId}`}>{s.victim.pseudonym}</a> ({shortRef(s.caseId)},{' '}
              {stageIn(ctx, s.stage)}): {due(s)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What waits for the Immigration Office: documents to issue, reviews to decide, documents expiring without a decision. */
export function inboxPage(ctx: PageContext, running: CaseStatus[], soon: IsoDate): string {
  const w = ctx.pack.pages;
  const toIssue = running.filter((s) => s.document && !s.document.datesRecorded && !s.outcome);
  // Four eyes: an officer never sees, as a review to decide, one with a ground of its own.
  const me = ctx.principal?.id;
  const reviews = running.filter((s) => s.withdrawalReview?.grounds.every((g) => g.reporterId !== me));
  const permanent = running.filter((s) => s.permanentResidenceReview);
  const expiring = running.filter(
    (s) => !s.withdrawalReview && s.document?.validUntil && s.document.validUntil <= soon && s.stage !== 'REFLECTION',
  );
  return page(
    ctx,
    w.inbox.title,
    <>
      <Bucket
        ctx={ctx}
        title={w.inbox.documentsToIssue}
        cases={toIssue}
        due={(s) => (s.document ? ctx.pack.documentTypes[s.document.type] : '')}
      />
      <Bucket
        ctx={ctx}
        title={w.inbox.withdrawalReviews}
        cases={reviews}
        due={(s) => `${w.case.decideBy} ${dateIn(ctx, s.withdrawalReview?.decideBy)}`}
      />
      <Bucket
        ctx={ctx}
        title={w.inbox.permanentResidence}
        cases={permanent}
        due={(s) => `${w.case.decideBy} ${dateIn(ctx, s.permanentResidenceReview?.decideBy)}`}
      />
      <Bucket
        ctx={ctx}
        title={w.inbox.expiring}
        cases={expiring}
        due={(s) => `${w.case.validUntil} ${dateIn(ctx, s.document?.validUntil)}`}
      />
    </>,
  );
}
