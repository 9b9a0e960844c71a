import type { DeadlineKind, HistoryDetail } from '../domain/schemas/case';
import type { TaskKind } from '../domain/procedure/case-index-entry';
import type { CaseEventType } from '../domain/schemas/events';
import type { FormErrorWords } from './form-error-words';
import type { ChoiceValue, FormField } from './vocabulary';

/**
 * The words of the workspace's pages. Titles and headings never name the offence (TERMS.md): a page
 * title shows in tabs, histories and screen shares.
 */
export interface PageWords {
  appName: string;
  skipToContent: string;
  mainNavigation: string;
  signedInAs: (who: string) => string;
  signOut: string;
  signIn: string;
  signInTitle: string;
  /**
   * The workspace's own sign-in page, the first page a reader who is not signed in meets (a mail's link): what the
   * service is, who may use it, how signing in goes.
   */
  signInPage: { about: string; who: string; how: string };
  /** A sign-in that did not end signed in: cancelled at the identity provider, failed, or the provider out of reach. */
  signInFailed: {
    cancelledTitle: string;
    cancelled: string;
    failedTitle: string;
    failed: string;
    unavailable: string;
    retry: string;
  };
  signedOutTitle: string;
  signedOut: string;
  /** A session unused for longer than the idle time-out. */
  sessionEnded: string;
  /** A session past its absolute end (SESSION_HOURS after sign-in), however active. */
  sessionOver: (hours: number) => string;
  /** A session no longer on record: signed out (a copy of its cookie), or ended by an operator. */
  sessionClosed: string;
  notMapped: string;
  language: string;
  nav: { cases: string; openCase: string; queries: string; inbox: string };
  /** The links back from a form, named for where they lead. */
  backTo: { file: string; queries: string };
  cases: {
    title: string;
    empty: string;
    stage: string;
    anyStage: string;
    reference: string;
    filter: string;
    caseColumn: string;
    pseudonym: string;
    nextDeadline: string;
    none: string;
    /** A case whose index row cannot be read (its key was destroyed): shown as such, the list goes on. */
    unreadable: string;
    /** A list with no filter that holds no file. */
    noneYet: string;
    next: string;
    /** How many files the filters select, on every page. */
    found: (n: number) => string;
  };
  case: {
    title: (ref: string) => string;
    summary: string;
    centre: string;
    openedOn: string;
    minorTrack: string;
    adultTrack: string;
    document: string;
    validUntil: string;
    references: string;
    deadlines: string;
    due: string;
    rule: string;
    noDeadlines: string;
    history: string;
    date: string;
    event: string;
    by: string;
    query: string;
    replyBy: string;
    escalatedTo: (code: string) => string;
    review: string;
    decideBy: string;
    reportedBy: string;
    reportEvent: string;
    noEventsNow: string;
    submit: string;
    recorded: string;
    refused: string;
    closed: string;
    /** A document whose printed dates are not recorded yet: its dates are the computed ones. */
    toIssue: string;
    permanentResidenceReview: string;
    basis: string;
    eligibleOn: string;
    /** The case's open tasks (the case index's), each with the form that closes it for those who may. */
    openTasks: string;
    task: string;
    who: string;
    /** A case with an outcome whose workflow still waits for something (the identity proof after a B-card). */
    closedWithTasks: string;
  };
  /** Each kind of open task, as a thing to do. */
  tasks: Record<TaskKind, string>;
  /** What a decision or an answer in the history decided. */
  decisions: Record<HistoryDetail, string>;
  /**
   * Erasure with four eyes (POST /v1/cases/{caseId}/erasure, then /erasure/confirm): an administrator requests the
   * erasure of a file that has ended, another confirms it; afterwards the file's page shows only that record.
   */
  erase: {
    title: string;
    explain: string;
    fourEyes: string;
    /** The file has an outcome but its case still runs (a residence waiting for identity proof). */
    running: string;
    /** The waiting period after the end: `from`, the first day a request may be made, written out. */
    waiting: (from: string) => string;
    confirm: string;
    request: string;
    /** The notice after a request. */
    requested: string;
    /** Who requested it, and when (written out). */
    pending: (by: string, at: string) => string;
    confirmErasure: string;
    /** Said to the requester, who is not offered the confirmation. */
    yours: string;
    withdraw: string;
    withdrawn: string;
    doneTitle: string;
    done: (ref: string) => string;
    erasedOn: string;
    requestedBy: string;
    confirmedBy: string;
    /** The admin's inbox section of requests waiting for a second administrator. */
    toConfirm: string;
  };
  openCase: { title: string; intro: string; submit: string; victim: string; guardian: string; optional: string };
  queries: {
    title: string;
    /** How many open queries the office has, and their order. */
    count: (n: number) => string;
    empty: string;
    office: string;
    escalated: string;
    answer: string;
    answerTitle: string;
  };
  answer: { intro: string; submit: string };
  inbox: {
    title: string;
    documentsToIssue: string;
    withdrawalReviews: string;
    permanentResidence: string;
    expiring: string;
    identityProof: string;
    empty: string;
    yours: string;
  };
  roles: { centre: string; prosecutor: string; 'immigration-office': string; admin: string };
  errors: {
    notFound: string;
    forbidden: string;
    unavailable: string;
    badRequest: string;
    /** A POST without its form (no body, another type, too large) or with a key the page never gave. */
    formDamaged: string;
    internal: string;
    back: string;
  };
  /** The rule of each deadline, with its numbers from the policy and its sources. */
  rules: Record<DeadlineKind, string>;
  fields: Record<FormField, string>;
  /** A refused form: the error summary and the message at each field. */
  formErrors: FormErrorWords;
  choices: Record<ChoiceValue, string>;
  events: Record<CaseEventType | 'case-opened' | 'case-imported' | 'status-query-answered', string>;
}
