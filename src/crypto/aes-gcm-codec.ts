import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec, type SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { open, seal } from './aes-gcm';
import type { CaseKeys } from './case-keys';
import { PayloadDecryptionError, UnknownPayloadKeyError } from './errors';
import type { PayloadKeys } from './payload-keys';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** A payload under a key of the key file (what has no case: a list cursor; and every payload before case keys). */
export const METADATA_KEY_ID = 'encryption-key-id';
/** A payload under its case's own data key (case-keys.ts). */
export const METADATA_CASE_KEY_ID = 'case-key-id';

const text = (bytes: Uint8Array | null | undefined): string | undefined =>
  bytes ? Buffer.from(bytes).toString('utf8') : undefined;

/** Whether a payload says it is this codec's ciphertext (whether it is, only decrypting tells). */
export const isCiphertext = (payload: Payload): boolean =>
  text(payload.metadata?.[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING;

/**
 * The case a payload belongs to: the case workflow it goes to or comes from, or the one that scheduled the
 * activity. Other workflows (the key retention sweep) hold no case data.
 */
const caseOf = (context: SerializationContext | undefined): string | undefined =>
  context?.workflowId?.startsWith('case-') ? context.workflowId : undefined;

const envelope = (data: Buffer, idKey: string, keyId: string): Payload => ({
  metadata: { [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING), [idKey]: Buffer.from(keyId) },
  data,
});

/**
 * Encrypts the whole serialized Payload (data and metadata), so not even the original encoding is visible to the
 * server. A case's payloads use the case's own key (the SDK names the workflow in the context); what belongs to no
 * case uses the key file's. The key id is bound as additional authenticated data, so relabelling a payload with
 * another id fails authentication instead of yielding garbage; a case key belongs to one case, so a payload of one
 * case given to another fails too.
 */
export class AesGcmCodec implements PayloadCodec {
  constructor(
    private readonly keys: PayloadKeys,
    private readonly caseKeys?: CaseKeys,
  ) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const plain = payloads.map((p) => temporal.api.common.v1.Payload.encode(p).finish());
    const caseId = caseOf(context);
    if (this.caseKeys && caseId !== undefined) {
      const { id, key } = await this.caseKeys.forCase(caseId);
      return plain.map((bytes) => envelope(seal(key, id, bytes), METADATA_CASE_KEY_ID, id));
    }
    const keyId = this.keys.encryptWith;
    const key = this.keys.key(keyId);
    if (!key) throw new UnknownPayloadKeyError(keyId);
    return plain.map((bytes) => envelope(seal(key, keyId, bytes), METADATA_KEY_ID, keyId));
  }

  async decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return Promise.all(payloads.map((p) => this.decodeOne(p, caseOf(context))));
  }

  private async decodeOne(payload: Payload, caseId: string | undefined): Promise<Payload> {
    if (!isCiphertext(payload)) return payload;
    const { keyId, key } = await this.keyOf(payload, caseId);
    const plain = open(key, keyId, Buffer.from(payload.data ?? new Uint8Array()));
    if (!plain) throw new PayloadDecryptionError(keyId);
    return temporal.api.common.v1.Payload.decode(plain);
  }

  private async keyOf(payload: Payload, caseId: string | undefined): Promise<{ keyId: string; key: Buffer }> {
    const caseKeyId = text(payload.metadata?.[METADATA_CASE_KEY_ID]);
    if (caseKeyId !== undefined) {
      if (!this.caseKeys) throw new UnknownPayloadKeyError(caseKeyId, 'case key store');
      const caseKey = await this.caseKeys.byId(caseKeyId);
      if (caseId !== undefined && caseKey.caseId !== caseId) throw new PayloadDecryptionError(caseKeyId);
      return { keyId: caseKeyId, key: caseKey.key };
    }
    const keyId = text(payload.metadata?.[METADATA_KEY_ID]);
    if (keyId === undefined) throw new PayloadDecryptionError(undefined);
    const key = this.keys.key(keyId);
    if (!key) throw new UnknownPayloadKeyError(keyId);
    return { keyId, key };
  }
}
