import { Client, Connection } from '@temporalio/client';
import type { Config } from '../config';
import { dataConverterFor } from '../crypto/data-converter';
import type { CaseKeys } from '../crypto/case-keys';
import type { PayloadKeys } from '../crypto/payload-keys';
import { temporalConnectionOptions, type TemporalConnectionConfig } from './connection-options';

/**
 * One lazy connection for the process: the API starts (and answers 503) even
 * while Temporal is down, and connects as soon as it is back.
 */
export function createClient(
  config: TemporalConnectionConfig & Pick<Config, 'TEMPORAL_NAMESPACE'>,
  keys: PayloadKeys,
  caseKeys: CaseKeys,
): Client {
  const connection = Connection.lazy(temporalConnectionOptions(config));
  return new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: dataConverterFor(keys, caseKeys),
  });
}
