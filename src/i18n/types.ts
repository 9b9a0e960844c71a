import type { NoticeKind } from '../domain/notices';
import type { PageWords } from './page-words';
import type { ProblemWords } from './problem-words';
import type { RefusalCode, RefusalFacts } from '../domain/refusals';
import type { DeadlineKind, Outcome, Stage } from '../domain/schemas/case';
import type { DocumentType, WithdrawalGround } from '../domain/schemas/events';
import type { FactKey, OutcomeDetail, UNDELIVERED_AFTER_RETRIES } from './vocabulary';

/**
 * The words of one language. The layout lives once, in render.ts; a language
 * module holds only text, and the compiler checks that each one covers every
 * notice kind and every code a fact can take.
 */

export type Facts = Readonly<Record<string, string | boolean>>;

/** Fixed text, or text that depends on the notice's facts. */
export type Text = string | ((facts: Facts) => string);

export interface KindTemplate {
  /** Short and neutral: it shows in inboxes and on lock screens. */
  subject: string;
  /** What happened. */
  summary: Text;
  /** What is asked of the recipient. */
  ask: Text;
  /** What the notice's `due` date means for this kind. */
  dueLabel: string;
}

export interface LanguagePack {
  /** BCP 47 locale for dates. */
  locale: string;
  words: {
    greeting: string;
    /** Between a label and its value: French typography wants a space before the colon. */
    labelSeparator: string;
    fileReference: string;
    asked: string;
    details: string;
    caseLink: string;
    queryLink: string;
    calendarNote: string;
    /** Why the mail says so little: it reaches inboxes that others may read. */
    footer: string;
    /** For a code the mail does not know: never echoed, the reader looks it up. */
    seeApplication: string;
    /** The name of a calendar feed of deadlines, as the calendar program lists it. */
    feedName: string;
  };
  factLabels: Record<FactKey, string>;
  yesNo: { yes: string; no: string };
  stages: Record<Stage, string>;
  outcomes: Record<Outcome, string>;
  outcomeDetails: Record<OutcomeDetail, string>;
  documentTypes: Record<DocumentType, string>;
  deadlines: Record<DeadlineKind, string>;
  grounds: Record<WithdrawalGround, string>;
  identityProof: { missing: string; provided: string };
  humanitarianCandidate: string;
  recipients: {
    [UNDELIVERED_AFTER_RETRIES]: string;
    'immigration-office': string;
    caseworker: string;
    guardian: string;
    centre: (code: string) => string;
    prosecutor: (code: string) => string;
    'principal-crown-prosecutor': (code: string) => string;
  };
  kinds: Record<NoticeKind, KindTemplate>;
  /** The workspace's pages (src/workspace/). */
  pages: PageWords;
  /** The `detail` of the API's problems (src/cases/problems.ts). */
  problems: ProblemWords;
  /** Why the service refused a request (src/domain/refusals.ts): its facts are codes, dates and references. */
  refusals: Record<RefusalCode, (facts: RefusalFacts) => string>;
}
