import { createHash } from 'node:crypto';
import type { PayloadCodec } from '@temporalio/common';
import { invalidCursor, openCursor, sealCursor } from './list-cursor';

/** Whose page of which list: a cursor opens only for the same principal, list and filters. */
export interface CursorBinding {
  principalId: string;
  list: string;
  filters: Record<string, unknown>;
}

// A digest, not the filters themselves: a cursor then carries no filter value, however the codec's keys are kept.
const digestOf = (b: CursorBinding): string =>
  createHash('sha256')
    .update(JSON.stringify([b.principalId, b.list, Object.entries(b.filters).sort(([x], [y]) => (x < y ? -1 : 1))]))
    .digest('base64url');

/**
 * A position in an index list sealed by the service's payload codec (authenticated encryption under a service key)
 * with the principal and filters it was given for, so neither a forged one nor another principal's opens.
 */
export async function sealPosition<T>(codec: PayloadCodec, binding: CursorBinding, position: T): Promise<string> {
  const bytes = Buffer.from(JSON.stringify({ bound: digestOf(binding), at: position }));
  return sealCursor([codec], bytes);
}

/** The position inside a cursor `sealPosition` gave for this binding; anything else is a 400 naming `query.cursor`. */
export async function openPosition<T>(
  codec: PayloadCodec,
  binding: CursorBinding,
  cursor: string,
  isPosition: (at: unknown) => at is T,
): Promise<T> {
  const bytes = await openCursor([codec], cursor);
  let sealed: { bound?: unknown; at?: unknown };
  try {
    sealed = JSON.parse(Buffer.from(bytes).toString('utf8')) as typeof sealed;
  } catch {
    throw invalidCursor();
  }
  if (sealed.bound !== digestOf(binding) || !isPosition(sealed.at)) throw invalidCursor();
  return sealed.at;
}

/**
 * A page of an index list read after the position the caller's sealed cursor holds (the first page without one),
 * with the sealed cursor of the page after it: every paged list of the index reads through here.
 */
export async function pageAfter<T, P extends { next: T | null }>(
  codec: PayloadCodec,
  binding: CursorBinding,
  cursor: string | undefined,
  isPosition: (at: unknown) => at is T,
  read: (after: T | undefined) => Promise<P>,
): Promise<P & { nextCursor: string | null }> {
  const page = await read(cursor ? await openPosition(codec, binding, cursor, isPosition) : undefined);
  return { ...page, nextCursor: page.next ? await sealPosition(codec, binding, page.next) : null };
}

/** Whether a position opened from a sealed cursor has the string members `sealPosition` gave it. */
export const hasStrings =
  <T>(...keys: (keyof T & string)[]) =>
  (at: unknown): at is T =>
    typeof at === 'object' && at !== null && keys.every((k) => typeof (at as Record<string, unknown>)[k] === 'string');
