/**
 * The form of a reference key: a hex HMAC-SHA-256 of a normalised file number under the index key
 * (src/crypto/reference-index.ts). The workflow stores and indexes what the API computed and checks
 * only this form: the key itself never reaches it.
 */
const REFERENCE_KEY = /^[0-9a-f]{64}$/;
/** An opening names two file numbers at most, an event one; an import may bring more. */
const MAX_KEYS_PER_INPUT = 2;

export const wellFormedReferenceKeys = (keys: readonly unknown[] | undefined, max = MAX_KEYS_PER_INPUT): boolean =>
  keys === undefined ||
  (Array.isArray(keys) && keys.length <= max && keys.every((k) => typeof k === 'string' && REFERENCE_KEY.test(k)));
