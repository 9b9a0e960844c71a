import { createHash, createHmac, hkdfSync, randomUUID } from 'node:crypto';

const asCaseId = (hex: string): string =>
  `case-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;

/** A case id of no request: random. */
export const randomCaseId = (): string => `case-${randomUUID()}`;

/**
 * The ids of new cases. With an Idempotency-Key the id derives from the caller and the key, so a retry finds the case
 * it opened, under a key of the service (derived from the key file's `indexKey`): without it nobody can tell from a
 * case id which key made it, so a guessed key (a file number, a name) is never confirmed.
 */
export class CaseIds {
  private readonly key: Buffer;

  constructor(serviceKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', serviceKey, Buffer.alloc(0), 'victim-cases/case-ids', 32));
  }

  /** The id of a new case: keyed by the caller and its Idempotency-Key when there is one. */
  forRequest(principalId: string, idempotencyKey: string | undefined): string {
    if (idempotencyKey === undefined) return randomCaseId();
    return asCaseId(createHmac('sha256', this.key).update(`${principalId}\n${idempotencyKey}`).digest('hex'));
  }

  /** The id the same request got before issue 28 (an unkeyed hash): a retry across the upgrade still finds its case. */
  earlierForRequest(principalId: string, idempotencyKey: string): string {
    return asCaseId(createHash('sha256').update(`${principalId}\n${idempotencyKey}`).digest('hex'));
  }
}
