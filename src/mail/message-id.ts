/**
 * Identifiers derived from a notice's idempotency key. They must be
 * deterministic (a retried send carries the same Message-ID, so the ledger and
 * the recipient's client both see one message) and injective (two keys never
 * share an id), hence an escaping rather than a lossy "replace by '-'".
 */
export const NOTICE_ID_DOMAIN = 'case-notices.invalid';

/** RFC 5322 atext-safe and dot-free: every other character becomes `=XX` per UTF-8 byte. */
export function idAtom(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/gu, (char) =>
    [...Buffer.from(char, 'utf8')].map((byte) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

/** One Message-ID per notice and recipient: each recipient gets its own mail. */
export function noticeMessageId(noticeKey: string, recipientLabel: string): string {
  return `<${idAtom(noticeKey)}.${idAtom(recipientLabel)}@${NOTICE_ID_DOMAIN}>`;
}

/** One calendar UID per notice: the same event in every recipient's calendar. */
export function noticeEventUid(noticeKey: string): string {
  return `${idAtom(noticeKey)}@${NOTICE_ID_DOMAIN}`;
}
