import type { IsoDate } from '../calendar';
import type { Notice, NoticeKind, Recipient } from '../notices';
import { guardianshipEnded, type CaseState } from './state';

export const IMMIGRATION_OFFICE: Recipient = { role: 'immigration-office' };
export const GUARDIAN: Recipient = { role: 'guardian' };
export const centreOf = (s: CaseState): Recipient => ({ role: 'centre', centre: s.centre });

/**
 * Decision (PROCEDURE.md "Who takes part"): the guardian gets a copy of every notice the centre gets, until the
 * guardianship ends; whether it has is checked when each notice is sent (`recipientsOnTheDay`), never by a timer.
 */
const guardianCopied = (s: CaseState): boolean => s.unaccompaniedMinor && !!s.contacts.guardianEmail;

function withGuardianCopy(s: CaseState, recipients: Recipient[]): Recipient[] {
  const toCentre = recipients.some((r) => r.role === 'centre');
  return toCentre && guardianCopied(s) && !recipients.some((r) => r.role === 'guardian')
    ? [...recipients, GUARDIAN]
    : recipients;
}

/**
 * Queues a notice on the outbox, unless one with its key is queued or done
 * already. The key is derived from the case and what the notice is about
 * (never the run), so it is the same on replay and after continue-as-new.
 */
export function queueNotice(
  s: CaseState,
  kind: NoticeKind,
  discriminator: string,
  recipients: Recipient[],
  extra: { due?: IsoDate; facts?: Notice['facts'] } = {},
): void {
  const key = `${s.caseId}/${kind}/${discriminator}`;
  if (s.noticesDone.includes(key) || s.outbox.some((n) => n.key === key)) return;
  s.outbox.push({
    key,
    kind,
    caseId: s.caseId,
    centre: s.centre,
    recipients: withGuardianCopy(s, recipients),
    due: extra.due,
    facts: extra.facts ?? {},
  });
}

/** Who a notice goes to on the day it is sent: the guardian no longer once the guardianship has ended, but for its own notice. */
export function recipientsOnTheDay(s: CaseState, notice: Notice, today: IsoDate): Recipient[] {
  if (notice.kind === 'guardianship-ended' || !guardianshipEnded(s, today)) return notice.recipients;
  return notice.recipients.filter((r) => r.role !== 'guardian');
}
