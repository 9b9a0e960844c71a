import { createHmac } from 'node:crypto';
import type { CaseEvent, ImportedEvent } from '../domain/schemas/events';
import type { CaseOpening } from '../domain/schemas/case';

/**
 * One form of a file number however it is typed: Unicode-compatible forms folded, case folded,
 * every space and separator dropped ("BR.12.L3 104578/26" = "br12l3104578 26").
 */
export function normaliseReference(reference: string): string {
  return reference
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * The keyed-hash index of file numbers: a search attribute holds HMAC-SHA-256(index key, normalised
 * number), so a case is found by exact match while Temporal's visibility store never sees a number,
 * and without the key nobody can test a guessed one against it.
 */
export class ReferenceIndex {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    this.#key = key;
  }

  keyOf(reference: string): string {
    return createHmac('sha256', this.#key).update(normaliseReference(reference), 'utf8').digest('hex');
  }

  /** The keys of the file numbers an opening names. */
  ofOpening(opening: Pick<CaseOpening, 'references'>): string[] {
    const { prosecutorFile, immigrationOfficeFile } = opening.references ?? {};
    return this.keysOf([prosecutorFile, immigrationOfficeFile]);
  }

  /** The key of the file number an event reports, if it reports one (an imported answer reports none). */
  ofEvent(event: CaseEvent | ImportedEvent): string[] {
    if (event.type === 'complaint-filed') return this.keysOf([event.prosecutorFile]);
    if (event.type === 'document-issued') return this.keysOf([event.immigrationOfficeFile]);
    return [];
  }

  private keysOf(references: (string | undefined)[]): string[] {
    return [...new Set(references.filter((r): r is string => !!r).map((r) => this.keyOf(r)))];
  }

  toJSON(): string {
    return 'ReferenceIndex';
  }
}
