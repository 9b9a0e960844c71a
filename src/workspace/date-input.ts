/**
 * A date as a person enters it: day, month and year in three fields (the GOV.UK date input), never the browser's
 * date input, whose order and words follow the browser's locale instead of the page's language.
 */
export const DATE_PARTS = ['day', 'month', 'year'] as const;
export type DatePart = (typeof DATE_PARTS)[number];

/** The name a part of a date field is sent under: `on-day`, `on-month`, `on-year`. */
export const partName = (field: string, part: DatePart): string => `${field}-${part}`;

/** What a date's three fields hold, trimmed; empty strings for parts not sent. */
export function partsOf(body: Record<string, unknown>, field: string): Record<DatePart, string> {
  const read = (part: DatePart) => {
    const v = body[partName(field, part)];
    return typeof v === 'string' ? v.trim() : '';
  };
  return { day: read('day'), month: read('month'), year: read('year') };
}

/** The three fields of an ISO date, as a form shows them again (`2026-03-07` → 7, 3, 2026). */
export function partsOfIso(iso: string): Record<DatePart, string> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! } : { day: '', month: '', year: '' };
}

export type DateEntry =
  | { kind: 'empty' }
  /** Day and month of one or two digits and a four-digit year: a date if the calendar has it. */
  | { kind: 'numbers'; iso: string }
  /** A part missing, or not a number: the schema is given it as typed, and refuses it. */
  | { kind: 'unreadable'; typed: string };

export function dateEntry(parts: Record<DatePart, string>): DateEntry {
  const { day, month, year } = parts;
  if (!day && !month && !year) return { kind: 'empty' };
  if (/^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year))
    return { kind: 'numbers', iso: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` };
  return { kind: 'unreadable', typed: `${year}-${month}-${day}` };
}

/** A day the calendar does not have (31 February, month 13): written in numbers, but no date. */
export function impossibleDate(parts: Record<DatePart, string>): boolean {
  const entry = dateEntry(parts);
  if (entry.kind !== 'numbers') return false;
  const [y, m, d] = entry.iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d;
}
