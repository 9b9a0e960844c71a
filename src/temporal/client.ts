import { Client, Connection } from '@temporalio/client';
import type { Config } from '../config';
import { dataConverterFor } from '../crypto/data-converter';
import type { PayloadKeys } from '../crypto/payload-keys';

/**
 * One lazy connection for the process: the API starts (and answers 503) even
 * while Temporal is down, and connects as soon as it is back.
 */
export function createClient(
  config: Pick<Config, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE'>,
  keys: PayloadKeys,
): Client {
  const connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverterFor(keys) });
}
