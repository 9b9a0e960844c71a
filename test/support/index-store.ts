import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCaseIndex, type CaseIndexStore } from '../../src/case-index/case-index-store';
import { openCaseKeys, type CaseKeys } from '../../src/crypto/case-keys';
import { ensureDevPayloadKeys, loadPayloadKeys } from '../../src/crypto/payload-keys';
import type { CaseIndexEntry, OpenTask } from '../../src/domain/procedure/case-index-entry';

/** A case index on an SQLite file of its own, beside its case keys, as a worker opens it. */
export interface IndexStoreFiles {
  readonly index: CaseIndexStore;
  readonly caseKeys: CaseKeys;
  readonly storeFile: string;
  /** Another process's index on the same file (a second worker, the API); closed after the test. */
  another(): CaseIndexStore;
  /** Closes the index, does `meanwhile` to its file, and opens it again, as a restart would. */
  reopen(meanwhile?: () => void): Promise<void>;
}

/** A fresh index store before each test of the file, everything closed and removed after it. */
export function useIndexStore(): IndexStoreFiles {
  let dir = '';
  let index: CaseIndexStore | undefined;
  let caseKeys: CaseKeys | undefined;
  const others: CaseIndexStore[] = [];
  const storeFile = () => join(dir, 'service.sqlite');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'case-index-'));
    const keysFile = join(dir, 'payload-keys.json');
    ensureDevPayloadKeys(keysFile);
    caseKeys = openCaseKeys(storeFile(), loadPayloadKeys(keysFile));
    index = openCaseIndex(storeFile(), caseKeys);
  });
  afterEach(async () => {
    await Promise.all([index!, ...others.splice(0)].map((s) => s.close()));
    await caseKeys!.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get index() {
      return index!;
    },
    get caseKeys() {
      return caseKeys!;
    },
    get storeFile() {
      return storeFile();
    },
    another() {
      const other = openCaseIndex(storeFile(), caseKeys!);
      others.push(other);
      return other;
    },
    async reopen(meanwhile) {
      await index!.close();
      meanwhile?.();
      index = openCaseIndex(storeFile(), caseKeys!);
    },
  };
}

/** Every item of a paged list, page after page from the first, with the total each page gave. */
export async function everyPage<T, P>(
  read: (after: P | undefined) => Promise<{ items: T[]; total: number; next: P | null }>,
): Promise<{ items: T[]; totals: number[] }> {
  const items: T[] = [];
  const totals: number[] = [];
  let after: P | undefined;
  do {
    const page = await read(after);
    items.push(...page.items);
    totals.push(page.total);
    after = page.next ?? undefined;
  } while (after);
  return { items, totals };
}

/** A running case of PAYOKE's in stage 2, queried by Antwerp, as the index holds it, with these tasks. */
export const indexedCase = (caseId: string, revision: number, tasks: OpenTask[], pseudonym = 'P'): CaseIndexEntry => ({
  caseId,
  revision,
  centre: 'PAYOKE',
  offices: ['ANTWERPEN'],
  stage: 'TEMPORARY_RESIDENCE',
  outcome: null,
  running: true,
  openedOn: '2026-01-05',
  nextDeadline: null,
  deadlines: [],
  documentValidUntil: '2026-04-05',
  flags: [],
  referenceKeys: [],
  personal: { pseudonym },
  tasks,
});
