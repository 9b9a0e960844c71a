/**
 * What the worker makes of a payload that is not the service's ciphertext (issue 15). The worker's codec
 * (authenticating-codec.ts) turns it into a payload of REFUSED_ENCODING instead of failing: a decode error
 * would fail every workflow task of the case from then on. The payload converter below, bundled into the
 * workflow sandbox, reads it back as a `RefusedPayload`, which the workflow refuses at each door: the start,
 * the Update's validator, the query, an activity's outcome. Pure: it runs inside the sandbox.
 */
import {
  ApplicationFailure,
  BinaryPayloadConverter,
  CompositePayloadConverter,
  JsonPayloadConverter,
  METADATA_ENCODING_KEY,
  UndefinedPayloadConverter,
  type Payload,
  type PayloadConverterWithEncoding,
} from '@temporalio/common';

export const REFUSED_ENCODING = 'binary/refused';

/** Why a payload was refused: sent in clear, under a key id the service does not hold, or failing authentication. */
export const REFUSAL_REASONS = ['not-encrypted', 'unknown-key', 'not-authentic'] as const;
export type PayloadRefusalReason = (typeof REFUSAL_REASONS)[number];

/** Error type of a start, Update, query or activity outcome refused because its payload is not authentic. */
export const UNAUTHENTIC_PAYLOAD = 'UnauthenticPayload';

const WHY: Record<PayloadRefusalReason, string> = {
  'not-encrypted': 'it was sent in clear',
  'unknown-key': 'it is encrypted under a key id the service does not hold',
  'not-authentic': 'its ciphertext fails authentication',
};

export class RefusedPayload {
  constructor(readonly reason: PayloadRefusalReason) {}
}

const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const text = (b: Uint8Array | null | undefined): string => String.fromCharCode(...(b ?? []));

/** The payload the worker's codec puts in place of one it cannot authenticate. */
export function refusedPayload(reason: PayloadRefusalReason): Payload {
  return { metadata: { [METADATA_ENCODING_KEY]: bytes(REFUSED_ENCODING) }, data: bytes(reason) };
}

class RefusedPayloadConverter implements PayloadConverterWithEncoding {
  readonly encodingType = REFUSED_ENCODING;
  toPayload(): undefined {
    return undefined;
  }
  fromPayload<T>(payload: Payload): T {
    const reason = text(payload.data);
    const known = (REFUSAL_REASONS as readonly string[]).includes(reason);
    return new RefusedPayload(known ? (reason as PayloadRefusalReason) : 'not-authentic') as T;
  }
}

/** The SDK's default converters, and the refused payloads of the worker's codec. */
export const payloadConverter = new CompositePayloadConverter(
  new RefusedPayloadConverter(),
  new UndefinedPayloadConverter(),
  new BinaryPayloadConverter(),
  new JsonPayloadConverter(),
);

/** The refused value among `values`, if any. */
export const refusedAmong = (values: readonly unknown[]): RefusedPayload | undefined =>
  values.find((v): v is RefusedPayload => v instanceof RefusedPayload);

/** Throws a non-retryable failure naming what was refused and why, when one of `values` is a refused payload. */
export function refuseUnauthentic(what: string, values: readonly unknown[]): void {
  const refused = refusedAmong(values);
  if (!refused) return;
  throw ApplicationFailure.create({
    type: UNAUTHENTIC_PAYLOAD,
    message: `${what} refused: ${WHY[refused.reason]}. Only the service, which holds the payload key, can act on a case.`,
    nonRetryable: true,
  });
}
