import type { DataConverter, PayloadCodec } from '@temporalio/common';
import { AesGcmCodec } from './aes-gcm-codec';
import type { PayloadKeys } from './payload-keys';

export type EncryptingDataConverter = DataConverter & { payloadCodecs: [PayloadCodec] };

/** The failure converter of every data converter here; a prebuilt workflow bundle must be built with it too. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * The one data converter for every Client, Worker and test environment, so
 * nothing of a case reaches the server in clear: payloads, and failure messages too.
 */
export function dataConverterFor(keys: PayloadKeys): EncryptingDataConverter {
  return { payloadCodecs: [new AesGcmCodec(keys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
