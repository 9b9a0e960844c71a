import type { DataConverter, PayloadCodec } from '@temporalio/common';
import { AesGcmCodec } from './aes-gcm-codec';
import { AuthenticatingCodec } from './authenticating-codec';
import type { CaseKeys } from './case-keys';
import type { PayloadKeys } from './payload-keys';

export type EncryptingDataConverter = DataConverter & { payloadCodecs: [PayloadCodec] };

/** The converters inside the workflow sandbox; a prebuilt workflow bundle must be built with them too. */
export const SANDBOX_CONVERTERS = {
  failureConverterPath: require.resolve('./failure-converter'),
  payloadConverterPath: require.resolve('../domain/refused-payload'),
};

/**
 * The data converter of every Client and test environment, so nothing of a case reaches the server in clear:
 * payloads, and failure messages too; each case's under its own key (case-keys.ts).
 */
export function dataConverterFor(keys: PayloadKeys, caseKeys: CaseKeys): EncryptingDataConverter {
  return { payloadCodecs: [new AesGcmCodec(keys, caseKeys)], ...SANDBOX_CONVERTERS };
}

/** The worker's: the same, and what is not the service's ciphertext reaches the workflow as a refused payload. */
export function workerDataConverterFor(keys: PayloadKeys, caseKeys: CaseKeys): EncryptingDataConverter {
  return { payloadCodecs: [new AuthenticatingCodec(keys, caseKeys)], ...SANDBOX_CONVERTERS };
}
