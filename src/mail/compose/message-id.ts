import { createHash } from 'node:crypto';

/**
 * Identifiers derived from a notice's idempotency key. They must be
 * deterministic (a retried send carries the same Message-ID, so the ledger and
 * the recipient's client both see one message) and injective (two keys never
 * share an id), hence an escaping rather than a lossy "replace by '-'".
 *
 * They must also say nothing a mail may not say: a Message-ID travels in the
 * headers and the relays' logs, a UID into every calendar the event is added
 * to. The key's case and kind are neutral and shown (`caseId=2Fkind=2F...`);
 * what follows them can be a stage, a withdrawal ground or an outcome in the
 * procedure's own codes (IDENTIFIED_VICTIM, contact-with-exploiters), so it is
 * replaced by a digest of the whole key.
 */
export const NOTICE_ID_DOMAIN = 'case-notices.invalid';

/** RFC 5322 atext-safe and dot-free: every other character becomes `=XX` per UTF-8 byte. */
export function idAtom(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/gu, (char) =>
    [...Buffer.from(char, 'utf8')].map((byte) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

/** `caseId=2Fkind=2F<128 bits of SHA-256 of the key>`: as unique as the key, without its wording. */
function keyAtom(noticeKey: string): string {
  const [caseId = '', kind = ''] = noticeKey.split('/');
  const digest = createHash('sha256').update(noticeKey, 'utf8').digest('hex').slice(0, 32);
  return [idAtom(caseId), idAtom(kind), digest].join(idAtom('/'));
}

/** One Message-ID per notice and recipient: each recipient gets its own mail. */
export function noticeMessageId(noticeKey: string, recipientLabel: string): string {
  return `<${keyAtom(noticeKey)}.${idAtom(recipientLabel)}@${NOTICE_ID_DOMAIN}>`;
}

/** One calendar UID per notice: the same event in every recipient's calendar. */
export function noticeEventUid(noticeKey: string): string {
  return `${keyAtom(noticeKey)}@${NOTICE_ID_DOMAIN}`;
}
