import { CENTRES, COURTS_OF_APPEAL, JUDICIAL_DISTRICTS } from '../../domain/codes';
import { NOTICE_KINDS, type NoticeKind } from '../../domain/notices';
import { FACT_KEYS, type FactKey, type Facts, type LanguagePack } from './types';

export interface FactLine {
  label: string;
  value: string;
}

type Value = string | boolean;
type Describe = (value: Value, pack: LanguagePack) => string | undefined;

const OFFICE_CODES: ReadonlySet<string> = new Set([...JUDICIAL_DISTRICTS, ...COURTS_OF_APPEAL]);
/** An opaque reference may be shown as is; anything else could carry words nobody checked. */
const OPAQUE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/** A code's words, or "see the application": an unknown code is never echoed, it might name what the mail must not. */
function fromTable(table: (pack: LanguagePack) => Readonly<Record<string, string>>, normalise = (v: string) => v): Describe {
  return (value, pack) => {
    const words = table(pack);
    const code = typeof value === 'string' ? normalise(value) : undefined;
    return code !== undefined && Object.hasOwn(words, code) ? words[code] : pack.words.seeApplication;
  };
}

const isOneOf = (codes: readonly string[], code: string | undefined): code is string => code !== undefined && codes.includes(code);

/** A recipient label (`recipientLabel` of notices.ts) in words; only known codes are shown. */
function recipientWords(label: string, pack: LanguagePack): string {
  const [role, code] = label.split(':', 2);
  const r = pack.recipients;
  switch (role) {
    case 'immigration-office':
    case 'caseworker':
    case 'guardian':
      return code === undefined ? r[role] : pack.words.seeApplication;
    case 'centre':
      return isOneOf(CENTRES, code) ? r.centre(code) : pack.words.seeApplication;
    case 'prosecutor':
      return isOneOf(JUDICIAL_DISTRICTS, code) ? r.prosecutor(code) : pack.words.seeApplication;
    case 'principal-crown-prosecutor':
      return isOneOf(COURTS_OF_APPEAL, code) ? r['principal-crown-prosecutor'](code) : pack.words.seeApplication;
    default:
      return pack.words.seeApplication;
  }
}

const DESCRIBE: Record<FactKey, Describe> = {
  centre: (v, pack) => (typeof v === 'string' && isOneOf(CENTRES, v) ? v : pack.words.seeApplication),
  stage: fromTable((p) => p.stages),
  previousStage: fromTable((p) => p.stages),
  documentType: fromTable((p) => p.documentTypes),
  outcome: fromTable((p) => p.outcomes),
  otherStatus: fromTable((p) => p.otherStatuses),
  ground: fromTable((p) => p.grounds, (v) => v.toLowerCase().replace(/_/g, '-')),
  office: (v, pack) => (typeof v === 'string' && OFFICE_CODES.has(v) ? v : pack.words.seeApplication),
  queryId: (v, pack) => (typeof v === 'string' && OPAQUE_REFERENCE.test(v) ? v : pack.words.seeApplication),
  identityProofMissing: (v, pack) => (v === true ? pack.identityProof.missing : pack.identityProof.provided),
  humanitarianCandidate: (v, pack) => (v === true ? pack.humanitarianCandidate : undefined),
  failedKind: (v, pack) =>
    typeof v === 'string' && (NOTICE_KINDS as readonly string[]).includes(v)
      ? pack.kinds[v as NoticeKind].subject
      : pack.words.seeApplication,
  rejected: (v, pack) =>
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
    const described = value === undefined ? undefined : DESCRIBE[key](value, pack);
    return described === undefined ? [] : [{ label: pack.factLabels[key], value: described }];
  });
}

/** Facts of a notice that no mail shows: worth a warning, since a name may have drifted. */
export function unshownFacts(facts: Facts): string[] {
  return Object.keys(facts).filter((key) => !(FACT_KEYS as readonly string[]).includes(key));
}
