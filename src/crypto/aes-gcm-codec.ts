import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKeys } from './payload-keys';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const METADATA_KEY_ID = 'encryption-key-id';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

// The id is read from the payload, so it is untrusted: only a well-formed id is kept on an error (and so in logs).
const wellFormed = (keyId: string | undefined): string | undefined =>
  keyId !== undefined && /^[A-Za-z0-9._-]{1,64}$/.test(keyId) ? keyId : undefined;
const printable = (keyId: string | undefined): string =>
  keyId === undefined ? '(missing or malformed)' : `"${keyId}"`;

/** A payload was encrypted with a key this process does not have (e.g. a worker started before a rotation). */
export class UnknownPayloadKeyError extends Error {
  override name = 'UnknownPayloadKeyError';
  readonly keyId: string | undefined;
  constructor(keyId: string | undefined) {
    super(`payload is encrypted with key id ${printable(wellFormed(keyId))}, which is not in the payload key file`);
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

const text = (bytes: Uint8Array | null | undefined): string | undefined =>
  bytes ? Buffer.from(bytes).toString('utf8') : undefined;

/** Whether a payload says it is this codec's ciphertext (whether it is, only decrypting tells). */
export const isCiphertext = (payload: Payload): boolean =>
  text(payload.metadata?.[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING;

/**
 * Encrypts the whole serialized Payload (data and metadata), so not even the original encoding is visible to the
 * server. The key id is bound as additional authenticated data, so relabelling a payload with another id fails
 * authentication instead of yielding garbage. Layout of `data`: IV (12) | ciphertext | tag (16).
 */
export class AesGcmCodec implements PayloadCodec {
  constructor(private readonly keys: PayloadKeys) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.keys.encryptWith;
    const key = this.keys.key(keyId);
    if (!key) throw new UnknownPayloadKeyError(keyId);
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, iv);
      cipher.setAAD(Buffer.from(keyId, 'utf8'));
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: {
          [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
          [METADATA_KEY_ID]: Buffer.from(keyId),
        },
        data,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (!isCiphertext(payload)) return payload;
      const keyId = text(payload.metadata?.[METADATA_KEY_ID]);
      if (keyId === undefined) throw new PayloadDecryptionError(undefined);
      const key = this.keys.key(keyId);
      if (!key) throw new UnknownPayloadKeyError(keyId);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError(keyId);
      try {
        const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(keyId, 'utf8'));
        decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
        const plain = Buffer.concat([
          decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
          decipher.final(),
        ]);
        return temporal.api.common.v1.Payload.decode(plain);
      } catch {
        throw new PayloadDecryptionError(keyId);
      }
    });
  }
}
