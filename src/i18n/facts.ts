import { DateTime } from 'luxon';
import { centreName } from './places';
import { LEGAL_ZONE, type IsoDate } from '../domain/calendar';
import { CENTRES, COMPLAINT_OFFICES, COURTS_OF_APPEAL } from '../domain/codes';
import { NOTICE_KINDS, type NoticeKind } from '../domain/notices';
import type { Facts, LanguagePack } from './types';
import { FACT_KEYS, UNDELIVERED_AFTER_RETRIES, type FactKey } from './vocabulary';

export interface FactLine {
  label: string;
  value: string;
}

type Value = string | boolean;
/** `undefined` leaves the line out. */
type Describe = (value: Value, pack: LanguagePack) => string | undefined;

/** "jeudi 7 janvier 2027": a date as the reader writes it, on the pages and in the mails alike (issue 29: no ISO date reaches a person). */
export function formatLegalDate(date: IsoDate, locale: string): string {
  const dt = DateTime.fromISO(date, { zone: LEGAL_ZONE, locale });
  if (!dt.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a calendar date: ${date}`);
  return dt.toLocaleString(DateTime.DATE_HUGE);
}

const isOneOf = (codes: readonly string[], code: unknown): code is string =>
  typeof code === 'string' && codes.includes(code);
/** An opaque reference may be shown as is; anything else could carry words nobody checked. */
const OPAQUE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/** A code's words, or "see the application": an unknown code is never echoed, it might name what the mail must not. */
const fromTable =
  (table: (pack: LanguagePack) => Readonly<Record<string, string>>): Describe =>
  (value, pack) => {
    const words = table(pack);
    return typeof value === 'string' && Object.hasOwn(words, value) ? words[value] : pack.words.seeApplication;
  };

const verbatimIf =
  (accept: (value: Value) => boolean): Describe =>
  (value, pack) =>
    accept(value) ? String(value) : pack.words.seeApplication;

const yesNo: Describe = (value, pack) =>
  value === true ? pack.yesNo.yes : value === false ? pack.yesNo.no : undefined;

/** A recipient label (`recipientLabel` of notices.ts) in words; only known codes are shown. */
function recipientWords(label: string, pack: LanguagePack): string {
  const [role, code] = label.split(':', 2);
  const r = pack.recipients;
  switch (role) {
    case UNDELIVERED_AFTER_RETRIES:
    case 'immigration-office':
    case 'caseworker':
    case 'guardian':
      return code === undefined ? r[role] : pack.words.seeApplication;
    case 'centre':
      return isOneOf(CENTRES, code) ? r.centre(code) : pack.words.seeApplication;
    case 'prosecutor':
      return isOneOf(COMPLAINT_OFFICES, code) ? r.prosecutor(code) : pack.words.seeApplication;
    case 'principal-crown-prosecutor':
      return isOneOf(COURTS_OF_APPEAL, code) ? r['principal-crown-prosecutor'](code) : pack.words.seeApplication;
    default:
      return pack.words.seeApplication;
  }
}

const DESCRIBE: Record<FactKey, Describe> = {
  centre: (v, pack) => (isOneOf(CENTRES, v) ? centreName(v) : pack.words.seeApplication),
  stage: fromTable((p) => p.stages),
  documentType: fromTable((p) => p.documentTypes),
  renewal: verbatimIf((v) => typeof v === 'string' && /^\d{1,3}$/.test(v)),
  documentValidUntil: (v, pack) =>
    typeof v === 'string' ? formatLegalDate(v, pack.locale) : pack.words.seeApplication,
  minor: yesNo,
  deadline: fromTable((p) => p.deadlines),
  outcome: fromTable((p) => p.outcomes),
  detail: fromTable((p) => ({ ...p.grounds, ...p.outcomeDetails })),
  ground: fromTable((p) => p.grounds),
  office: (v, pack) =>
    isOneOf(COMPLAINT_OFFICES, v)
      ? pack.recipients.prosecutor(v)
      : isOneOf(COURTS_OF_APPEAL, v)
        ? pack.recipients['principal-crown-prosecutor'](v)
        : pack.words.seeApplication,
  queryId: verbatimIf((v) => typeof v === 'string' && OPAQUE_REFERENCE.test(v)),
  renewalAvailable: yesNo,
  identityProofMissing: (v, pack) => (v === true ? pack.identityProof.missing : pack.identityProof.provided),
  humanitarianCandidate: (v, pack) => (v === true ? pack.humanitarianCandidate : undefined),
  noticeKind: (v, pack) => (isOneOf(NOTICE_KINDS, v) ? pack.kinds[v as NoticeKind].subject : pack.words.seeApplication),
  recipients: (v, pack) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((label) => recipientWords(label.trim(), pack))
          .join(', ')
      : pack.words.seeApplication,
};

/** The facts a mail shows, in a fixed order, in the recipient's words. */
export function describeFacts(facts: Facts, pack: LanguagePack): FactLine[] {
  return FACT_KEYS.flatMap((key) => {
    const value = facts[key];
    // The workflow writes '' for "not known yet" (e.g. the document type before it is issued).
    const described = value === undefined || value === '' ? undefined : DESCRIBE[key](value, pack);
    return described === undefined ? [] : [{ label: pack.factLabels[key], value: described }];
  });
}

/** Facts of a notice that no mail shows: worth a warning, since a name may have drifted. */
export function unshownFacts(facts: Facts): string[] {
  return Object.keys(facts).filter((key) => !(FACT_KEYS as readonly string[]).includes(key));
}
