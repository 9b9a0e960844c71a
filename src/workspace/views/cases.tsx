import { STAGES, type Stage } from '../../domain/schemas/case';
import type { ListedCase } from '../../case-index/case-listing';
import { CsrfField, page } from './layout';
import { dateIn, shortRef, stageIn } from './case-words';
import type { PageContext } from './page-context';

export interface CaseListView {
  /** A page of the cases, soonest next deadline first. */
  cases: ListedCase[];
  /** Every case the filters select. */
  total: number;
  filters: { stage?: Stage; reference?: string };
  nextHref: string | null;
}

export function casesPage(ctx: PageContext, view: CaseListView): string {
  const w = ctx.pack.pages.cases;
  return page(
    ctx,
    w.title,
    <>
      <p class="count">{w.found(view.total)}</p>
      <form method="post" action="/workspace/cases/search" class="filters">
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="f-stage">{w.stage}</label>
          <select id="f-stage" name="stage">
            <option value="">{w.anyStage}</option>
            {STAGES.map((s) => (
              <option key={s} value={s} selected={view.filters.stage === s}>
                {stageIn(ctx, s)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-reference">{w.reference}</label>
          <input id="f-reference" name="reference" type="text" value={view.filters.reference ?? ''} maxLength={60} />
        </div>
        <button type="submit">{w.filter}</button>
      </form>
      {view.cases.length === 0 ? (
        <p>{w.empty}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{w.title}</caption>
          <thead>
            <tr>
              <th scope="col">{w.pseudonym}</th>
              <th scope="col">{w.caseColumn}</th>
              <th scope="col">{w.stage}</th>
              <th scope="col">{w.nextDeadline}</th>
            </tr>
          </thead>
          <tbody>
            {view.cases.map((c) => (
              <tr key={c.caseId}>
                <td>
                  <a href={`/workspace/cases/${c.caseId}`}>{c.personal?.pseudonym ?? w.unreadable}</a>
                </td>
                <td>{shortRef(c.caseId)}</td>
                <td>{stageIn(ctx, c.stage)}</td>
                <td>
                  {c.nextDeadline
                    ? `${ctx.pack.deadlines[c.nextDeadline.kind]}: ${dateIn(ctx, c.nextDeadline.due)}`
                    : w.none}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.nextHref ? (
        <p>
          <a href={view.nextHref}>{w.next}</a>
        </p>
      ) : null}
    </>,
  );
}
