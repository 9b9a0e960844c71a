import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { AesGcmCodec, isCiphertext } from './aes-gcm-codec';
import type { CaseKeys } from './case-keys';
import { PayloadDecryptionError, UnknownPayloadKeyError } from './errors';
import type { PayloadKeys } from './payload-keys';
import { refusedPayload } from '../domain/refused-payload';

/**
 * The worker's codec. AES-GCM authenticates, so a payload that decrypts was made by a holder of the key;
 * anything else (plain JSON from a CLI or a raw client, a tampered ciphertext, an unknown key id) is replaced
 * by a refused payload, for the workflow to refuse where it arrives (refused-payload.ts); so is a payload of
 * another case (its case key is not this case's). Only those: a key store that is away fails the task instead. Throwing instead
 * would fail the workflow task, and with it every later task of the case.
 */
export class AuthenticatingCodec implements PayloadCodec {
  readonly #inner: AesGcmCodec;

  constructor(keys: PayloadKeys, caseKeys: CaseKeys) {
    this.#inner = new AesGcmCodec(keys, caseKeys);
  }

  encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return this.#inner.encode(payloads, context);
  }

  async decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return Promise.all(payloads.map((p) => this.#decodeOne(p, context)));
  }

  async #decodeOne(payload: Payload, context: SerializationContext | undefined): Promise<Payload> {
    if (!isCiphertext(payload)) return refusedPayload('not-encrypted');
    try {
      const [plain] = await this.#inner.decode([payload], context);
      return plain as Payload;
    } catch (err) {
      if (err instanceof UnknownPayloadKeyError) return refusedPayload('unknown-key');
      if (err instanceof PayloadDecryptionError) return refusedPayload('not-authentic');
      // The key store did not answer (a restart, a lock): not a forgery. The task fails and Temporal retries it.
      throw err;
    }
  }
}
