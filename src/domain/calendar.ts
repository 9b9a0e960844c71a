import { DateTime } from 'luxon';
import { POLICY } from './policy';

/**
 * Legal calendar arithmetic (PROCEDURE.md "Dates and clocks"): calendar days and
 * calendar months in Europe/Brussels, month arithmetic clamped to the month's
 * last day. Luxon does the time-zone work; which dates count is decided here.
 */
export type IsoDate = string;

export const LEGAL_ZONE = POLICY.legalZone;

export interface Period {
  days?: number;
  months?: number;
  years?: number;
}

/**
 * Day and month arithmetic needs no time zone: a calendar date has no hours for
 * a DST change to shift. UTC keeps Luxon off its costly zone-offset lookups,
 * which the workflow would otherwise pay on every clock step.
 */
function parse(date: IsoDate): DateTime {
  const dt = DateTime.fromISO(date, { zone: 'utc' });
  if (!dt.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a calendar date: ${date}`);
  return dt;
}

const format = (dt: DateTime): IsoDate => dt.toISODate() as IsoDate;

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(parse(to).diff(parse(from), 'days').days);
}

/** D + P; 31 January + 1 month = 28 (or 29) February. */
export function addPeriod(date: IsoDate, period: Period): IsoDate {
  return format(parse(date).plus(period));
}

/** D − P, with the same clamping. */
export function subtractPeriod(date: IsoDate, period: Period): IsoDate {
  return format(parse(date).minus(period));
}

export const addDays = (date: IsoDate, days: number): IsoDate => addPeriod(date, { days });

/** The instant (epoch ms) at which `date` begins in Brussels: midnight local time, whatever the DST offset. */
export function startOfDay(date: IsoDate): number {
  const { year, month, day } = parse(date);
  return DateTime.fromObject({ year, month, day }, { zone: LEGAL_ZONE }).toMillis();
}

/** The Brussels calendar date of an instant. */
export function dateAt(epochMs: number): IsoDate {
  // Asked for on every request and many times per activation: the zone lookup runs once per Brussels day.
  if (!(epochMs >= today.from && epochMs < today.until)) {
    const date = format(DateTime.fromMillis(epochMs, { zone: LEGAL_ZONE }));
    today = { from: startOfDay(date), until: startOfDay(addDays(date, 1)), date };
  }
  return today.date;
}
let today = { from: Number.NaN, until: Number.NaN, date: '' };

export const isBefore = (a: IsoDate, b: IsoDate): boolean => a < b;

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);

/** Whole calendar years from `from` to `to` (birthday-style: 2020-03-01 → 2022-03-01 is 2). */
export function fullYearsBetween(from: IsoDate, to: IsoDate): number {
  return Math.floor(parse(to).diff(parse(from), 'years').years + 1e-9);
}
