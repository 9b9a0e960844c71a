import { Facts } from './facts';
import type { ComponentChildren } from 'preact';
import type { ConfirmedErasure, ErasureStanding } from '../../cases/case-erasures';
import type { ErasureRecord } from '../../cases/erasure-records';
import { dateAt, LEGAL_ZONE } from '../../domain/calendar';
import { CsrfField, page } from './layout';
import { dateIn, shortRef } from './case-words';
import type { PageContext } from './page-context';

/** A moment of the record as the page writes dates, with the time of day in Brussels. */
const momentIn = (ctx: PageContext, at: string): string =>
  `${dateIn(ctx, dateAt(Date.parse(at)))}, ${new Date(at).toLocaleTimeString(ctx.pack.locale, {
    timeZone: LEGAL_ZONE,
    hour: '2-digit',
    minute: '2-digit',
  })}`;

/** How the page names a person: the name the reader may read, else the role. */
type PersonName = (id: string | undefined) => string | undefined;
const adminNamed = (ctx: PageContext, personName: PersonName, id: string): string =>
  personName(id) ?? ctx.pack.pages.roles.admin;

/** A step the reader took, said at the top of the section when the case page comes back. */
const ERASURE_STEPS = ['requested', 'withdrawn'] as const;
export type ErasureStep = (typeof ERASURE_STEPS)[number];
export const erasureStepOf = (q: unknown): ErasureStep | null => ERASURE_STEPS.find((step) => step === q) ?? null;

/** A form of one button that posts to an erasure step, with the box that says the reader means it. */
function StepForm({ ctx, action, label, tick }: { ctx: PageContext; action: string; label: string; tick: boolean }) {
  return (
    <form method="post" action={action}>
      <CsrfField ctx={ctx} />
      {tick ? (
        <label class="choice">
          <input type="checkbox" name="confirm" value="yes" required /> {ctx.pack.pages.erase.confirm}
        </label>
      ) : null}
      <p>
        <button type="submit">{label}</button>
      </p>
    </form>
  );
}

/**
 * The case page's erasure section for an admin: the request while none is pending, then the confirmation for any
 * other admin; the requester is told a second admin confirms, and may withdraw it.
 */
export function ErasureSection({
  ctx,
  caseId,
  standing,
  done,
  personName,
}: {
  ctx: PageContext;
  caseId: string;
  standing: ErasureStanding;
  done: ErasureStep | null;
  personName: PersonName;
}) {
  const w = ctx.pack.pages.erase;
  const base = `/workspace/cases/${caseId}/erasure`;
  const step = (): ComponentChildren => {
    switch (standing.kind) {
      case 'running':
        return <p>{w.running}</p>;
      case 'waiting':
        return <p>{w.waiting(dateIn(ctx, standing.from))}</p>;
      case 'requestable':
        return <StepForm ctx={ctx} action={base} label={w.request} tick />;
      case 'pending': {
        const mine = standing.requestedById === ctx.principal?.id;
        return (
          <>
            <p>{w.pending(adminNamed(ctx, personName, standing.requestedById), momentIn(ctx, standing.requestedAt))}</p>
            {mine ? (
              <p class="yours">{w.yours}</p>
            ) : (
              <StepForm ctx={ctx} action={`${base}/confirm`} label={w.confirmErasure} tick />
            )}
            <StepForm ctx={ctx} action={`${base}/withdraw`} label={w.withdraw} tick={false} />
          </>
        );
      }
    }
  };
  return (
    <section aria-labelledby="erase">
      <h2 id="erase">{w.title}</h2>
      {done ? (
        <p class="notice" role="status">
          {w[done]}
        </p>
      ) : null}
      <p>{w.explain}</p>
      <p>{w.fourEyes}</p>
      {step()}
    </section>
  );
}

/** What is left of an erased file: that it was erased, when, and by which two admins. Nothing of the case. */
export function erasedPage(ctx: PageContext, record: ConfirmedErasure, personName: PersonName): string {
  const w = ctx.pack.pages.erase;
  const rows: [string, string][] = [
    [w.erasedOn, momentIn(ctx, record.confirmed.erasure.erasedAt)],
    [w.requestedBy, `${adminNamed(ctx, personName, record.requestedById)} (${momentIn(ctx, record.requestedAt)})`],
    [w.confirmedBy, adminNamed(ctx, personName, record.confirmed.byId)],
  ];
  return page(
    ctx,
    w.doneTitle,
    <>
      <p>{w.done(shortRef(record.caseId))}</p>
      <Facts rows={rows} />
    </>,
  );
}

/** The admin's inbox section: the requests that wait for a second admin, oldest first. */
export function PendingErasures({
  ctx,
  pending,
  personName,
}: {
  ctx: PageContext;
  pending: ErasureRecord[];
  personName: PersonName;
}) {
  const w = ctx.pack.pages;
  return (
    <section aria-labelledby="s-erasures">
      <h2 id="s-erasures">
        {w.erase.toConfirm} (<span class="count">{pending.length}</span>)
      </h2>
      {pending.length === 0 ? (
        <p>{w.inbox.empty}</p>
      ) : (
        <ul>
          {pending.map((r) => (
            <li key={r.caseId}>
              <a href={`/workspace/cases/${r.caseId}`}>{shortRef(r.caseId)}</a>:{' '}
              {w.erase.pending(adminNamed(ctx, personName, r.requestedById), momentIn(ctx, r.requestedAt))}
              {r.requestedById === ctx.principal?.id ? <p class="yours">{w.erase.yours}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
