import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { ENCRYPTED_ENCODING, METADATA_CASE_KEY_ID } from '../crypto/aes-gcm-codec';
import { badRequest, inEveryLanguage } from './problems';

/**
 * A cursor is a position in a list sealed by the payload codec under the key file's key (authenticated
 * encryption, no case's key): bound-cursor.ts binds it to its principal and filters.
 */
export async function sealCursor(codecs: readonly PayloadCodec[], token: Uint8Array): Promise<string> {
  let payloads: Payload[] = [{ metadata: {}, data: token }];
  for (const codec of codecs) payloads = await codec.encode(payloads);
  return Buffer.from(temporal.api.common.v1.Payload.encode(payloads[0]!).finish()).toString('base64url');
}

/** The page token inside a cursor that `sealCursor` made; anything else is a 400 naming `query.cursor`. */
export async function openCursor(codecs: readonly PayloadCodec[], cursor: string): Promise<Uint8Array> {
  try {
    let payloads: Payload[] = [temporal.api.common.v1.Payload.decode(Buffer.from(cursor, 'base64url'))];
    // Without the codec's own encoding the payload did not come from sealCursor (decode would pass it through); a
    // case's payload (under its case key) is none either, and is never opened here.
    const metadata = payloads[0]!.metadata ?? {};
    if (
      codecs.length > 0 &&
      (Buffer.from(metadata[METADATA_ENCODING_KEY] ?? []).toString() !== ENCRYPTED_ENCODING ||
        METADATA_CASE_KEY_ID in metadata)
    )
      throw new Error('unsealed');
    for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
    const token = payloads[0]?.data;
    if (!token || token.length === 0) throw new Error('empty');
    return token;
  } catch {
    throw invalidCursor();
  }
}

/** A cursor this API did not give, or gave for another list: a 400 naming `query.cursor`. */
export const invalidCursor = () =>
  badRequest([
    { kind: 'invalidInput', in: 'query', name: 'cursor', detail: inEveryLanguage((p) => p.problems.invalidCursor) },
  ]);
