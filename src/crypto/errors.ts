// The id is read from the payload, so it is untrusted: only a well-formed id is kept on an error (and so in logs).
const wellFormed = (keyId: string | undefined): string | undefined =>
  keyId !== undefined && /^[A-Za-z0-9._-]{1,64}$/.test(keyId) ? keyId : undefined;
const printable = (keyId: string | undefined): string =>
  keyId === undefined ? '(missing or malformed)' : `"${keyId}"`;

/** A payload was encrypted with a key this process does not have (e.g. a worker started before a rotation). */
export class UnknownPayloadKeyError extends Error {
  override name = 'UnknownPayloadKeyError';
  readonly keyId: string | undefined;
  constructor(keyId: string | undefined, where = 'payload key file') {
    super(`payload is encrypted with key id ${printable(wellFormed(keyId))}, which is not in the ${where}`);
    this.keyId = wellFormed(keyId);
  }
}

/** The ciphertext is malformed or fails authentication: tampered, truncated, or the key under that id changed. */
export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
  readonly keyId: string | undefined;
  constructor(keyId: string | undefined) {
    super(
      `payload encrypted with key id ${printable(wellFormed(keyId))} failed to decrypt (corrupted, or the key was replaced)`,
    );
    this.keyId = wellFormed(keyId);
  }
}
