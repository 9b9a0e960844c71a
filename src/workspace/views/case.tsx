import { Facts } from './facts';
import { COURTS_OF_APPEAL } from '../../domain/codes';
import { centreName } from '../../i18n/places';
import type { OpenTask, TaskParty } from '../../domain/procedure/case-index-entry';
import { eventsClosing } from '../../domain/procedure/task-forms';
import type { CaseEventType } from '../../domain/schemas/events';
import type { CaseStatus } from '../../domain/schemas/case';
import type { ErasureStanding } from '../../cases/case-erasures';
import { page } from './layout';
import { ErasureSection, type ErasureStep } from './erasure';
import { dateIn, shortRef, stageIn } from './case-words';
import type { PageContext } from './page-context';

export interface CaseView {
  status: CaseStatus;
  /** What waits on the case now, for whom (the case's own open tasks). */
  tasks: OpenTask[];
  /** The name the reader may read of the person behind a history entry or a ground; undefined: the role only. */
  personName: (id: string | undefined) => string | undefined;
  /** The events this reader may report now, each a link to its form. */
  reportable: CaseEventType[];
  /** The open query this reader's office answers, if any. */
  answerable: string | null;
  recorded: boolean;
  /** An admin reads a file with an outcome: where its erasure stands, and what the admin's last step did. */
  erasure: { standing: ErasureStanding; done: ErasureStep | null } | null;
}

function Summary({ ctx, s }: { ctx: PageContext; s: CaseStatus }) {
  const w = ctx.pack.pages.case;
  const rows: [string, string][] = [
    [ctx.pack.pages.cases.pseudonym, s.victim.pseudonym],
    [w.centre, centreName(s.centre)],
    [w.openedOn, dateIn(ctx, s.openedOn)],
    [
      ctx.pack.pages.cases.stage,
      s.outcome ? `${stageIn(ctx, s.stage)}: ${ctx.pack.outcomes[s.outcome]}` : stageIn(ctx, s.stage),
    ],
    [w.minorTrack, s.unaccompaniedMinor ? ctx.pack.yesNo.yes : ctx.pack.yesNo.no],
  ];
  if (s.document) {
    const d = s.document;
    // A B-card's name says it is of unlimited duration: it has no end to show.
    const validity = d.validUntil ? `, ${w.validUntil} ${dateIn(ctx, d.validUntil)}` : '';
    // A document the Immigration Office has not printed yet shows computed dates: it must not look issued.
    const toIssue = d.datesRecorded || s.outcome ? '' : ` (${w.toIssue})`;
    rows.push([w.document, `${ctx.pack.documentTypes[d.type]}${validity}${toIssue}`]);
  }
  if (s.references.prosecutorFile) rows.push([ctx.pack.pages.fields.prosecutorFile, s.references.prosecutorFile]);
  if (s.references.immigrationOfficeFile)
    rows.push([ctx.pack.pages.fields.immigrationOfficeFile, s.references.immigrationOfficeFile]);
  return (
    <section aria-labelledby="summary">
      <h2 id="summary">{w.summary}</h2>
      <Facts rows={rows} />
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

/** Who a history entry or a ground names: the person where the reader may read it, with the role. */
function who(ctx: PageContext, view: CaseView, by: keyof PageContext['pack']['pages']['roles'], id?: string): string {
  const role = ctx.pack.pages.roles[by];
  const name = view.personName(id);
  return name ? `${name} (${role})` : role;
}

function Query({ ctx, s }: { ctx: PageContext; s: CaseStatus }) {
  const w = ctx.pack.pages.case;
  const q = s.prosecutorQuery;
  if (!q) return null;
  return (
    <section aria-labelledby="query">
      <h2 id="query">{w.query}</h2>
      <p>
        {ctx.pack.recipients.prosecutor(q.office)}: {w.replyBy} {dateIn(ctx, q.replyBy)}
        {q.escalatedTo ? `; ${w.escalatedTo(q.escalatedTo)}` : ''}
      </p>
    </section>
  );
}

function WithdrawalReview({ ctx, view }: { ctx: PageContext; view: CaseView }) {
  const w = ctx.pack.pages.case;
  const r = view.status.withdrawalReview;
  if (!r) return null;
  return (
    <section aria-labelledby="review">
      <h2 id="review">{w.review}</h2>
      <ul>
        {r.grounds.map((g) => (
          <li key={`${g.ground}-${g.reportedOn}`}>
            {ctx.pack.grounds[g.ground]}
            {g.finding ? ` (${ctx.pack.outcomeDetails[g.finding]})` : ''}: {w.reportedBy}{' '}
            {who(ctx, view, g.by, g.reportedById)}, {dateIn(ctx, g.reportedOn)}
          </li>
        ))}
      </ul>
      <p>
        {w.decideBy} {dateIn(ctx, r.decideBy)}
      </p>
    </section>
  );
}

function PermanentResidenceReview({ ctx, s }: { ctx: PageContext; s: CaseStatus }) {
  const w = ctx.pack.pages.case;
  const r = s.permanentResidenceReview;
  if (!r) return null;
  return (
    <section aria-labelledby="permanent-residence">
      <h2 id="permanent-residence">{w.permanentResidenceReview}</h2>
      <Facts
        rows={[
          [w.basis, ctx.pack.outcomeDetails[r.basis]],
          [w.eligibleOn, dateIn(ctx, r.eligibleOn)],
          [w.decideBy, dateIn(ctx, r.decideBy)],
        ]}
      />
    </section>
  );
}

const isCourtOfAppeal = (office: string): boolean => (COURTS_OF_APPEAL as readonly string[]).includes(office);

/** Who must act on a task, in the reader's words. */
function partyIn(ctx: PageContext, party: TaskParty): string {
  if (party.role === 'centre') return ctx.pack.recipients.centre(party.centre);
  // An escalated query waits for the Principal Crown Prosecutor, whose office is named after its court of appeal.
  if (party.role === 'prosecutor')
    return isCourtOfAppeal(party.office)
      ? ctx.pack.recipients['principal-crown-prosecutor'](party.office)
      : ctx.pack.recipients.prosecutor(party.office);
  return ctx.pack.pages.roles['immigration-office'];
}

/** What waits on the case, for whom, by when; the reader's own tasks link to the form that closes them. */
function OpenTasks({ ctx, view }: { ctx: PageContext; view: CaseView }) {
  const w = ctx.pack.pages;
  if (view.tasks.length === 0) return null;
  const base = `/workspace/cases/${view.status.caseId}`;
  const reader = ctx.principal;
  return (
    <section aria-labelledby="open-tasks">
      <h2 id="open-tasks">{w.case.openTasks}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{w.case.task}</th>
            <th scope="col">{w.case.who}</th>
            <th scope="col">{w.case.due}</th>
          </tr>
        </thead>
        <tbody>
          {view.tasks.map((t) => {
            const forms = reader ? eventsClosing(t, reader) : [];
            const answer = t.kind === 'status-query-answer' && view.answerable;
            return (
              <tr key={`${t.taskId}-${t.party.role}`}>
                <td>
                  {w.tasks[t.kind]}
                  {forms.length > 0 || answer ? (
                    <ul class="actions">
                      {answer ? (
                        <li>
                          <a href={`/workspace/queries/${view.answerable}`}>{w.queries.answerTitle}</a>
                        </li>
                      ) : null}
                      {forms.map((type) => (
                        <li key={type}>
                          <a href={`${base}/report/${type}`}>{w.events[type]}</a>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {reader && t.reporters?.includes(reader.id) ? <p class="yours">{w.inbox.yours}</p> : null}
                </td>
                <td>{partyIn(ctx, t.party)}</td>
                <td>{dateIn(ctx, t.due)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function History({ ctx, view }: { ctx: PageContext; view: CaseView }) {
  const w = ctx.pack.pages.case;
  const s = view.status;
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
              <td>
                {events[h.type] ?? h.type}
                {h.detail ? `: ${ctx.pack.pages.decisions[h.detail]}` : ''}
              </td>
              <td>{who(ctx, view, h.by, h.byId)}</td>
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
      <OpenTasks ctx={ctx} view={view} />
      <Query ctx={ctx} s={s} />
      <WithdrawalReview ctx={ctx} view={view} />
      <PermanentResidenceReview ctx={ctx} s={s} />
      <section aria-labelledby="report">
        <h2 id="report">{w.reportEvent}</h2>
        {s.outcome ? <p>{view.tasks.length > 0 ? w.closedWithTasks : w.closed}</p> : null}
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
      <History ctx={ctx} view={view} />
      {view.erasure ? (
        <ErasureSection ctx={ctx} caseId={s.caseId} {...view.erasure} personName={view.personName} />
      ) : null}
    </>,
  );
}
