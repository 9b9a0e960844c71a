import type { PayloadCodec } from '@temporalio/common';
import type { CaseIndexStore } from '../case-index/case-index-store';
import { personalOf } from '../case-index/readable-personal';
import type { ListedTask } from '../case-index/task-listing';
import type { IndexedPersonalData } from '../domain/procedure/case-index-entry';
import { INBOX_SECTIONS, type InboxSection } from '../domain/schemas/tasks';
import type { Principal } from '../identity/principals';
import type { CursorBinding } from './bound-cursor';
import { pageAfterCursor } from './task-scope';

/** Tasks a section shows at a time. */
export const INBOX_PAGE = 25;

/** A section of the inbox: a page of its tasks, soonest due first, how many it holds in all, and its next page. */
export interface InboxSectionPage {
  section: InboxSection;
  tasks: (ListedTask & { personal: IndexedPersonalData | null })[];
  total: number;
  nextCursor: string | null;
}

const bindingOf = (p: Principal, section: InboxSection): CursorBinding => ({
  principalId: p.id,
  list: 'inbox',
  filters: { section },
});

/**
 * The Immigration Office's inbox from the case index: every section's first page or, with a section (and the
 * cursor of its page before), that section's page alone. One read per section and one row per case shown: never a
 * Query to a case, and a case whose row cannot be read is shown as such.
 */
export async function inboxSections(
  caseIndex: CaseIndexStore,
  codec: PayloadCodec,
  p: Principal,
  only?: { section: InboxSection; cursor?: string },
): Promise<InboxSectionPage[]> {
  const sections = only ? [only.section] : INBOX_SECTIONS;
  return Promise.all(
    sections.map(async (section) => {
      const binding = bindingOf(p, section);
      const filter = { party: { role: 'immigration-office' as const }, kinds: [section] };
      const page = await pageAfterCursor(codec, binding, only?.cursor, (after) =>
        caseIndex.listTasks(filter, after, INBOX_PAGE),
      );
      const personal = await personalOf(
        caseIndex,
        page.items.map((t) => t.caseId),
      );
      return {
        section,
        tasks: page.items.map((t) => ({ ...t, personal: personal.get(t.caseId) ?? null })),
        total: page.total,
        nextCursor: page.nextCursor,
      };
    }),
  );
}
