import { createHash, randomUUID } from 'node:crypto';

/** A new case's id; with an Idempotency-Key it derives from the caller and the key, so a retry finds the case. */
export const newCaseId = (principalId: string, key: string | undefined): string =>
  key ? caseIdFromKey(principalId, key) : `case-${randomUUID()}`;

function caseIdFromKey(principalId: string, key: string): string {
  const h = createHash('sha256').update(`${principalId}\n${key}`).digest('hex');
  return `case-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
