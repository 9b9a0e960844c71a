import type { Payload, PayloadCodec } from '@temporalio/common';
import { AesGcmCodec, isCiphertext, UnknownPayloadKeyError } from './aes-gcm-codec';
import type { PayloadKeys } from './payload-keys';
import { refusedPayload } from '../domain/refused-payload';

/**
 * The worker's codec. AES-GCM authenticates, so a payload that decrypts was made by a holder of the key;
 * anything else (plain JSON from a CLI or a raw client, a tampered ciphertext, an unknown key id) is replaced
 * by a refused payload, for the workflow to refuse where it arrives (refused-payload.ts). Throwing instead
 * would fail the workflow task, and with it every later task of the case.
 */
export class AuthenticatingCodec implements PayloadCodec {
  readonly #inner: AesGcmCodec;

  constructor(keys: PayloadKeys) {
    this.#inner = new AesGcmCodec(keys);
  }

  encode(payloads: Payload[]): Promise<Payload[]> {
    return this.#inner.encode(payloads);
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(payloads.map((p) => this.#decodeOne(p)));
  }

  async #decodeOne(payload: Payload): Promise<Payload> {
    if (!isCiphertext(payload)) return refusedPayload('not-encrypted');
    try {
      const [plain] = await this.#inner.decode([payload]);
      return plain as Payload;
    } catch (err) {
      return refusedPayload(err instanceof UnknownPayloadKeyError ? 'unknown-key' : 'not-authentic');
    }
  }
}
