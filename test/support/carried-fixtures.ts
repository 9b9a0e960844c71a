import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import type { StateV1 } from '../../src/domain/procedure/upgrade';

/**
 * The states that the code before carried-state versions passed to continue-as-new, read from the
 * stored histories of a full case (test/fixtures/histories): what running cases hold when a release lands.
 */
export function carriedByEarlierCode(): { file: string; carried: StateV1 }[] {
  const dir = join(__dirname, '..', 'fixtures', 'histories');
  return ['01', '02', '03', '04'].map((n) => {
    const file = `full-case-run-${n}.binpb`;
    const history = temporal.api.history.v1.History.decode(readFileSync(join(dir, file)));
    const payload = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.input?.payloads?.[0];
    if (!payload?.data) throw new Error(`${file} does not end by continuing as new`);
    return { file, carried: (JSON.parse(Buffer.from(payload.data).toString('utf8')) as { carried: StateV1 }).carried };
  });
}
