import type { ComplaintOffice, CourtOfAppeal, Centre, Language } from './codes';
import type { IsoDate } from './calendar';

/**
 * Every notice the procedure sends (PROCEDURE.md). The workflow decides *that*
 * a notice goes out and to which roles; the mail activity resolves addresses
 * and language from the directory and renders the text.
 */
export const NOTICE_KINDS = [
  'case-opened', // Immigration Office: a case was opened, the stage-1 document is to be issued
  'document-to-issue', // Immigration Office: a new stage began, its document is to be issued
  'stage-changed', // centre (guardian for a minor)
  'reflection-ending-reminder', // centre, caseworker: reflection ends on `due` with no complaint yet
  'document-expiry-reminder', // centre, caseworker: the document expires on `due` with no decision
  'status-query', // prosecutor's office: answer the status query by `due`
  'status-query-reminder', // prosecutor's office: the answer is due on `due`
  'status-query-escalated', // Principal Crown Prosecutor: the office did not answer; answer by `due`
  'expiry-without-decision', // Immigration Office, centre: the document expires on `due` without a decision
  'negative-answer', // Immigration Office, centre: the prosecutor's answer does not allow a renewal
  'withdrawal-review-opened', // Immigration Office: decide on a reported ground by `due`
  'withdrawal-review-reminder', // Immigration Office: the decision is due on `due`
  'withdrawal-review-overdue', // Immigration Office: the decision was due on `due`
  'no-withdrawal', // centre (guardian) that reported a ground: the review ended without withdrawal; the residence continues
  'answer-not-due-before-expiry', // Immigration Office: the reply deadline falls on or after the document's expiry
  'expiry-decision-needed', // Immigration Office, centre: the document expired before the prosecutor had the whole window; decide
  'deadline-passed-unnoticed', // centre, Immigration Office: a case-ending deadline passed while the service was down; late reports accepted until `due`
  'identification-awaits-review', // Immigration Office: a positive answer came in; stage 3 waits for the withdrawal decision
  'expiry-awaits-withdrawal-decision', // Immigration Office: the document expired while a positive answer waits for the review; decide it
  'expiry-awaits-permanent-residence-decision', // Immigration Office: the A-card expired while the B-card decision is open; decide it
  'proceedings-ended-after-conviction', // Immigration Office, centre: the proceedings ended after the conviction; no renewal, the file stays open while the B-card is decided
  'permanent-residence-review-opened', // Immigration Office: the victim became eligible; decide by `due`
  'permanent-residence-eligible', // centre (guardian): the victim may apply for residence of unlimited duration
  'permanent-residence-review-reminder', // Immigration Office: the decision is due on `due`
  'permanent-residence-review-overdue', // Immigration Office: the decision was due on `due`
  'permanent-residence-refused', // centre (guardian), Immigration Office: refused with a reason; the case stays in stage 3
  'permanent-residence-granted', // centre, Immigration Office (guardian): with or without identity proof
  'guardianship-ended', // centre, guardian: the minor turned 18; the guardian receives nothing after this
  'case-imported', // Immigration Office, centre: a running case was brought in with its history
  'opened-in-error', // Immigration Office: the case it was told of was opened by mistake and is cancelled
  'case-closed', // centre (guardian), Immigration Office: the case ended with an outcome
  'delivery-failed', // Immigration Office: a notice could not be delivered to a recipient
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export type Recipient =
  | { role: 'immigration-office' }
  | { role: 'centre'; centre: Centre }
  | { role: 'caseworker' }
  | { role: 'guardian' }
  | { role: 'prosecutor'; office: ComplaintOffice }
  /** `office`: the office the file is with, whose language a German-speaking file keeps (PROCEDURE.md "Languages"). */
  | { role: 'principal-crown-prosecutor'; courtOfAppeal: CourtOfAppeal; office?: ComplaintOffice };

export interface Notice {
  /** Deterministic from the case and the notice, never from the run: the mail's Message-ID. */
  key: string;
  kind: NoticeKind;
  caseId: string;
  /** The case's centre: its language is the caseworker's and the guardian's. */
  centre: Centre;
  recipients: Recipient[];
  /** The date by which something is due or happens (Europe/Brussels), if any. */
  due?: IsoDate;
  /** Neutral facts the template may show: stage, outcome, document type, query id, ground... never personal data. */
  facts: Record<string, string | boolean>;
}

/** Contact addresses held in the (encrypted) case, needed to reach the caseworker and guardian. */
export interface CaseContacts {
  caseworkerEmail: string;
  guardianEmail?: string;
  /** The guardian's own language (PROCEDURE.md); the centre's when absent. */
  guardianLanguage?: Language;
}

export interface NoticeDelivery {
  notice: Notice;
  contacts: CaseContacts;
}

/** Failure type of a notice that a recipient's server refused permanently (bad address). */
export const NOTICE_REJECTED = 'NoticeRejected';

/** Details of a NoticeRejected failure: the recipients (as in `recipientLabel`) that refused it. */
/** What the mail activity returns: encrypted by the worker, it shows the outcome came from the service. */
export interface NoticeReceipt {
  notice: string;
}

export interface NoticeRejectedDetails {
  rejected: string[];
}

/** A stable, personal-data-free label for a recipient, used in Message-IDs and flags. */
export function recipientLabel(r: Recipient): string {
  switch (r.role) {
    case 'centre':
      return `centre:${r.centre}`;
    case 'prosecutor':
      return `prosecutor:${r.office}`;
    case 'principal-crown-prosecutor':
      return `principal-crown-prosecutor:${r.courtOfAppeal}`;
    default:
      return r.role;
  }
}
