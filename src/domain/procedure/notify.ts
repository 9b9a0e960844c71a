import type { IsoDate } from '../calendar';
import type { Notice, NoticeKind, Recipient } from '../notices';
import type { CaseState } from './state';

export const IMMIGRATION_OFFICE: Recipient = { role: 'immigration-office' };
export const centreOf = (s: CaseState): Recipient => ({ role: 'centre', centre: s.centre });

/** The centre, and for a minor the guardian, who gets copies of what concerns the minor [003 §4.3]. */
export function centreAndGuardian(s: CaseState): Recipient[] {
  return s.unaccompaniedMinor && s.contacts.guardianEmail ? [centreOf(s), { role: 'guardian' }] : [centreOf(s)];
}

/**
 * Queues a notice. Its key is derived from the case and what the notice is
 * about (never the run), so it is the same on replay and after continue-as-new.
 */
export function notify(
  s: CaseState,
  kind: NoticeKind,
  discriminator: string,
  recipients: Recipient[],
  extra: { due?: IsoDate; facts?: Notice['facts'] } = {},
): void {
  const key = `${s.caseId}/${kind}/${discriminator}`;
  if (s.fired.includes(key) || s.outbox.some((n) => n.key === key)) return;
  s.outbox.push({ key, kind, caseId: s.caseId, centre: s.centre, recipients, due: extra.due, facts: extra.facts ?? {} });
}
