import type { Language } from '../../domain/codes';
import type { Notice, NoticeKind } from '../../domain/notices';
import { allDayEventIcs } from './ics';
import { noticeEventUid } from './message-id';
import { describeFacts, formatLegalDate, type FactLine } from '../../i18n/facts';
import { LANGUAGE_PACKS, type Facts, type Text } from '../../i18n';

export interface RenderOptions {
  /** Base of the links in mails (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** iCalendar file for the notice's due date, when it has one. */
  ics?: string;
}

/** Kinds whose recipient acts on the prosecutor's query list rather than on the case. */
const STATUS_QUERY_KINDS: ReadonlySet<NoticeKind> = new Set([
  'status-query',
  'status-query-reminder',
  'status-query-escalated',
]);

/** Everything a mail says, once, before it is laid out as text and as HTML. */
interface MailContent {
  greeting: string;
  labelSeparator: string;
  summary: string;
  reference: FactLine;
  asked: FactLine;
  due?: FactLine;
  details: { label: string; lines: FactLine[] };
  link: { label: string; url: string };
  calendarNote?: string;
  footer: string;
}

const textOf = (text: Text, facts: Facts): string => (typeof text === 'string' ? text : text(facts));

/**
 * The workspace page a notice asks the reader to act on: the query itself (its answer form, never a list the query
 * could be missing from), or the case; sign-in comes back to it.
 */
export function noticeLink(notice: Notice, publicBaseUrl: string): string {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const { queryId } = notice.facts;
  return STATUS_QUERY_KINDS.has(notice.kind) && typeof queryId === 'string' && queryId
    ? `${base}/workspace/queries/${encodeURIComponent(queryId)}`
    : `${base}/workspace/cases/${encodeURIComponent(notice.caseId)}`;
}

export function render(notice: Notice, language: Language, options: RenderOptions): RenderedMail {
  const pack = LANGUAGE_PACKS[language];
  const template = pack.kinds[notice.kind];
  const { words } = pack;
  const url = noticeLink(notice, options.publicBaseUrl);
  const subject = `${template.subject} [${notice.caseId}]`;
  const ask = textOf(template.ask, notice.facts);

  const content: MailContent = {
    greeting: words.greeting,
    labelSeparator: words.labelSeparator,
    summary: textOf(template.summary, notice.facts),
    reference: { label: words.fileReference, value: notice.caseId },
    asked: { label: words.asked, value: ask },
    details: { label: words.details, lines: describeFacts(notice.facts, pack) },
    link: { label: STATUS_QUERY_KINDS.has(notice.kind) ? words.queryLink : words.caseLink, url },
    footer: words.footer,
  };
  if (notice.due === undefined) return { subject, text: asText(content), html: asHtml(content, subject, pack.locale) };

  content.due = { label: template.dueLabel, value: formatLegalDate(notice.due, pack.locale) };
  content.calendarNote = words.calendarNote;
  const ics = allDayEventIcs({
    uid: noticeEventUid(notice.key),
    date: notice.due,
    summary: subject,
    description: `${template.dueLabel}: ${content.due.value}\n${ask}\n${url}`,
    url,
  });
  return { subject, text: asText(content), html: asHtml(content, subject, pack.locale), ics };
}

function asText(c: MailContent): string {
  const line = (f: FactLine) => `${f.label}${c.labelSeparator}${f.value}`;
  const paragraphs = [
    c.greeting,
    c.summary,
    line(c.reference),
    `${c.asked.label}${c.labelSeparator.trimEnd()}\n${c.asked.value}`,
    c.due && line(c.due),
    c.details.lines.length > 0 &&
      `${c.details.label}${c.labelSeparator.trimEnd()}\n${c.details.lines.map((f) => `- ${line(f)}`).join('\n')}`,
    `${c.link.label}${c.labelSeparator.trimEnd()}\n${c.link.url}`,
    c.calendarNote,
    `-- \n${c.footer}`,
  ];
  return `${paragraphs.filter((p): p is string => typeof p === 'string').join('\n\n')}\n`;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

function asHtml(c: MailContent, subject: string, locale: string): string {
  const e = escapeHtml;
  const row = (f: FactLine, strong = false) =>
    `<tr><th align="left" style="padding:2px 12px 2px 0;font-weight:normal;color:#555">${e(f.label)}</th>` +
    `<td style="padding:2px 0">${strong ? `<strong>${e(f.value)}</strong>` : e(f.value)}</td></tr>`;
  const rows = [c.reference, ...(c.due ? [c.due] : []), ...c.details.lines];
  const body = [
    `<p>${e(c.greeting)}</p>`,
    `<p>${e(c.summary)}</p>`,
    `<h3 style="margin:16px 0 4px">${e(c.asked.label)}</h3>`,
    `<p>${e(c.asked.value)}</p>`,
    `<table role="presentation" style="border-collapse:collapse">${rows.map((f) => row(f, f === c.due)).join('')}</table>`,
    `<p><a href="${e(c.link.url)}">${e(c.link.label)}</a></p>`,
    c.calendarNote ? `<p style="color:#555">${e(c.calendarNote)}</p>` : '',
    `<hr><p style="color:#777;font-size:small">${e(c.footer)}</p>`,
  ];
  return (
    `<!doctype html><html lang="${e(locale)}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>` +
    `<body style="font-family:sans-serif;line-height:1.4">${body.join('')}</body></html>`
  );
}
