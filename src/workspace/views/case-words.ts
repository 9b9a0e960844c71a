import type { Stage } from '../../domain/schemas/case';
import { formatLegalDate } from '../../i18n/facts';
import type { PageContext } from './page-context';

/** A legal date in the reader's words ("23 November 2026"), or the dash when there is none. */
export const dateIn = (ctx: PageContext, date: string | null | undefined): string =>
  date ? formatLegalDate(date, ctx.pack.locale) : ctx.pack.pages.cases.none;

export const stageIn = (ctx: PageContext, stage: Stage): string => ctx.pack.stages[stage];

/** A case as people name it: the pseudonym, and the short reference of its id. */
export const shortRef = (caseId: string): string => caseId.slice('case-'.length, 'case-'.length + 8);
