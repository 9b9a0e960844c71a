import type { IsoDate } from '../calendar';
import { POLICY } from '../policy';

/**
 * When a year's statistics are published (issue 28): once the year is closed, from POLICY.statisticsYearClosesOn of
 * the next year, and from the facts recorded before that day only. A year still counting would let two readings
 * tell what happened between them (counts only grow); a closed year's figures never change.
 */
export const publishedFrom = (year: number): IsoDate => `${year + 1}-${POLICY.statisticsYearClosesOn}`;

/** Whether the figures of `year` are published on `today` (a Brussels date). */
export const isPublished = (year: number, today: IsoDate): boolean => today >= publishedFrom(year);

/**
 * Whether a fact recorded on `recordedOn` counts in its year's figures: recorded before the year closed. A fact
 * with no such date was recorded before this rule (its year's figures were already what they stay).
 */
export const countsInYear = (year: number, recordedOn: IsoDate | null): boolean =>
  recordedOn === null || recordedOn < publishedFrom(year);

/** The fewest values a published median is taken over: at least k values on either side of it. */
export const medianMinimumValues = (k: number): number => 2 * k;
