import type { IndexedPersonalData } from '../../domain/procedure/case-index-entry';
import type { ProsecutorQueryView } from '../../domain/schemas/case';
import { page } from './layout';
import { dateIn, shortRef } from './case-words';
import type { PageContext } from './page-context';

export interface QueryListView {
  open: { query: ProsecutorQueryView; personal: IndexedPersonalData | null }[];
  /** Every open query of the office, on this page and the next ones. */
  total: number;
  nextHref: string | null;
}

export function queriesPage(ctx: PageContext, { open, total, nextHref }: QueryListView): string {
  const w = ctx.pack.pages;
  return page(
    ctx,
    w.queries.title,
    total === 0 ? (
      <p>{w.queries.empty}</p>
    ) : (
      <>
        <p class="count">{w.queries.count(total)}</p>
        <table>
          <caption class="visually-hidden">{w.queries.title}</caption>
          <thead>
            <tr>
              <th scope="col">{w.cases.pseudonym}</th>
              <th scope="col">{w.fields.prosecutorFile}</th>
              <th scope="col">{w.case.replyBy}</th>
              <th scope="col">{w.queries.escalated}</th>
              <th scope="col">{w.queries.answer}</th>
            </tr>
          </thead>
          <tbody>
            {open.map(({ query, personal }) => (
              <tr key={query.queryId} class={query.escalatedTo ? 'escalated' : undefined}>
                <td>
                  <a href={`/workspace/cases/${query.caseId}`}>{personal?.pseudonym ?? w.cases.unreadable}</a> (
                  {shortRef(query.caseId)})
                </td>
                <td>{personal?.prosecutorFile ?? w.cases.none}</td>
                <td>{dateIn(ctx, query.replyBy)}</td>
                <td>{query.escalatedTo ? w.case.escalatedTo(query.escalatedTo) : w.cases.none}</td>
                <td>
                  <a href={`/workspace/queries/${query.queryId}`}>{w.queries.answer}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {nextHref ? (
          <p>
            <a href={nextHref}>{w.cases.next}</a>
          </p>
        ) : null}
      </>
    ),
  );
}
