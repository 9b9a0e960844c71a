import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../support/temporal-env';

const DIR = join(__dirname, '..', 'fixtures', 'histories');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.binpb'))
  .sort();

describe('the current workflow code over stored histories of whole cases', () => {
  it('has histories to replay: the code before versions (a full multi-year case), each path of version 2, of version 4 and of version 5 (the case index)', () => {
    const scenarios = new Set(files.map((f) => f.replace(/-run-\d+\.binpb$/, '')));
    expect([...scenarios].sort()).toEqual([
      'full-case',
      'v2-b-card-review',
      'v2-four-eyes',
      'v2-import',
      'v4-age-determination',
      'v4-import-open-query',
      'v4-kept-conviction',
      'v4-pending-yes-at-expiry',
      'v4-smuggling-b-card',
      'v5-age-determination',
      'v5-import-open-query',
      'v5-kept-conviction',
      'v5-pending-yes-at-expiry',
      'v5-smuggling-b-card',
    ]);
    expect(files.filter((f) => f.startsWith('full-case-'))).toHaveLength(5);
  });

  it.each(files)('replays %s without a nondeterminism error', async (file) => {
    const history = temporal.api.history.v1.History.decode(readFileSync(join(DIR, file)));
    // Replaying a run that never reached its end would prove little: each file is a whole run.
    const last = history.events?.at(-1);
    expect(
      last?.workflowExecutionContinuedAsNewEventAttributes ?? last?.workflowExecutionCompletedEventAttributes,
    ).toBeTruthy();
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, file);
  });
});
