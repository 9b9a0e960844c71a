import type { Period } from '../../domain/calendar';

/** How a language counts a period: "45 dagen", "3 mois", "1 Monat", parts joined by its "and". */
export interface PeriodWords {
  day: [one: string, many: string];
  month: [one: string, many: string];
  year: [one: string, many: string];
  and: string;
}

/** A period of the policy in a language's words (the numbers stay the policy's: src/domain/policy.ts). */
export const periodIn =
  (w: PeriodWords) =>
  (p: Period): string =>
    (['years', 'months', 'days'] as const)
      .flatMap((unit) => {
        const n = p[unit];
        if (!n) return [];
        const [one, many] = w[unit.slice(0, -1) as 'year' | 'month' | 'day'];
        return [`${n} ${n === 1 ? one : many}`];
      })
      .join(` ${w.and} `);
