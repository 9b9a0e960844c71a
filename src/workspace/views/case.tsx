import type { CaseEventType } from '../../domain/schemas/events';
import type { CaseStatus } from '../../domain/schemas/case';
import { CsrfField, page } from './layout';
import { dateIn, shortRef, stageIn } from './case-words';
import type { PageContext } from './page-context';

export interface CaseView {
  status: CaseStatus;
  /** The events this reader may report now, each a link to its form. */
  reportable: CaseEventType[];
  /** The open query this reader's office answers, if any. */
  answerable: string | null;
  recorded: boolean;
  /** An admin reads a file that has ended: it may be erased. */
  erasable: boolean;
}

function Summary({ ctx, s }: { ctx: PageContext; s: CaseStatus }) {
  const w = ctx.pack.pages.case;
  const rows: [string, string][] = [
    [ctx.pack.pages.cases.pseudonym, s.victim.pseudonym],
    [w.centre, s.centre],
    [w.openedOn, dateIn(ctx, s.openedOn)],
    [
      ctx.pack.pages.cases.stage,
      s.outcome ? `${stageIn(ctx, s.stage)}: ${ctx.pack.outcomes[s.outcome]}` : stageIn(ctx, s.stage),
    ],
    [w.minorTrack, s.unaccompaniedMinor ? ctx.pack.yesNo.yes : ctx.pack.yesNo.no],
  ];
  if (s.document)
    rows.push([
      w.document,
      `${ctx.pack.documentTypes[s.document.type]}, ${w.validUntil} ${s.document.validUntil ? dateIn(ctx, s.document.validUntil) : w.unlimited}`,
    ]);
  if (s.references.prosecutorFile) rows.push([ctx.pack.pages.fields.prosecutorFile, s.references.prosecutorFile]);
  if (s.references.immigrationOfficeFile)
    rows.push([ctx.pack.pages.fields.immigrationOfficeFile, s.references.immigrationOfficeFile]);
  return (
    <section aria-labelledby="summary">
      <h2 id="summary">{w.summary}</h2>
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Deadlines({ ctx, s }: { ctx: PageContext; s: CaseStatus }) {
  const w = ctx.pack.pages.case;
  return (
    <section aria-labelledby="deadlines">
      <h2 id="deadlines">{w.deadlines}</h2>
      {s.deadlines.length === 0 ? (
        <p>{w.noDeadlines}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{w.deadlines}</th>
              <th scope="col">{w.due}</th>
              <th scope="col">{w.rule}</th>
            </tr>
          </thead>
          <tbody>
            {s.deadlines.map((d) => (
              <tr key={`${d.kind}-${d.due}`}>
                <td>{ctx.pack.deadlines[d.kind]}</td>
                <td>{dateIn(ctx, d.due)}</td>
                <td>{ctx.pack.pages.rules[d.kind]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Reviews({ ctx, s }: { ctx: PageContext; s: CaseStatus }) {
  const w = ctx.pack.pages.case;
  const q = s.prosecutorQuery;
  const r = s.withdrawalReview;
  if (!q && !r) return null;
  return (
    <section aria-labelledby="open-questions">
      <h2 id="open-questions">{w.query}</h2>
      {q ? (
        <p>
          {ctx.pack.recipients.prosecutor(q.office)}: {w.replyBy} {dateIn(ctx, q.replyBy)}
          {q.escalatedTo ? `; ${w.escalatedTo(q.escalatedTo)}` : ''}
        </p>
      ) : null}
      {r ? (
        <>
          <h3>{w.review}</h3>
          <ul>
            {r.grounds.map((g) => (
              <li key={g.ground}>
                {ctx.pack.grounds[g.ground]} ({dateIn(ctx, g.reportedOn)}, {w.reportedBy} {ctx.pack.pages.roles[g.by]})
              </li>
            ))}
          </ul>
          <p>
            {w.decideBy} {dateIn(ctx, r.decideBy)}
          </p>
        </>
      ) : null}
    </section>
  );
}

function Erase({ ctx, s }: { ctx: PageContext; s: CaseStatus }) {
  const w = ctx.pack.pages.erase;
  return (
    <section aria-labelledby="erase">
      <h2 id="erase">{w.title}</h2>
      <p>{w.explain}</p>
      <form method="post" action={`/workspace/cases/${s.caseId}/erase`}>
        <CsrfField ctx={ctx} />
        <label class="choice">
          <input type="checkbox" name="confirm" value="yes" required /> {w.confirm}
        </label>
        <p>
          <button type="submit">{w.submit}</button>
        </p>
      </form>
    </section>
  );
}

function History({ ctx, s }: { ctx: PageContext; s: CaseStatus }) {
  const w = ctx.pack.pages.case;
  const events = ctx.pack.pages.events as Record<string, string>;
  return (
    <section aria-labelledby="history">
      <h2 id="history">{w.history}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{w.date}</th>
            <th scope="col">{w.event}</th>
            <th scope="col">{w.by}</th>
          </tr>
        </thead>
        <tbody>
          {s.history.map((h, i) => (
            <tr key={i}>
              <td>{dateIn(ctx, h.on)}</td>
              <td>{events[h.type] ?? h.type}</td>
              <td>{ctx.pack.pages.roles[h.by]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function casePage(ctx: PageContext, view: CaseView): string {
  const w = ctx.pack.pages.case;
  const s = view.status;
  const base = `/workspace/cases/${s.caseId}`;
  return page(
    ctx,
    w.title(shortRef(s.caseId)),
    <>
      {view.recorded ? (
        <p class="notice" role="status">
          {w.recorded}
        </p>
      ) : null}
      <Summary ctx={ctx} s={s} />
      <Deadlines ctx={ctx} s={s} />
      <Reviews ctx={ctx} s={s} />
      <section aria-labelledby="report">
        <h2 id="report">{w.reportEvent}</h2>
        {s.outcome ? <p>{w.closed}</p> : null}
        {view.answerable ? (
          <p>
            <a class="button" href={`/workspace/queries/${view.answerable}`}>
              {ctx.pack.pages.queries.answerTitle}
            </a>
          </p>
        ) : null}
        {view.reportable.length === 0 && !view.answerable ? (
          <p>{w.noEventsNow}</p>
        ) : (
          <ul class="actions">
            {view.reportable.map((type) => (
              <li key={type}>
                <a href={`${base}/report/${type}`}>{ctx.pack.pages.events[type]}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <History ctx={ctx} s={s} />
      {view.erasable ? <Erase ctx={ctx} s={s} /> : null}
    </>,
  );
}
