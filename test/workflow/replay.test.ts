import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../support/temporal-env';

const DIR = join(__dirname, '..', 'fixtures', 'histories');
const files = readdirSync(DIR).filter((f) => f.endsWith('.binpb')).sort();

describe('the current workflow code over stored histories of a full multi-year case', () => {
  it('has histories to replay: every run from opening to permanent residence', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('replays %s without a nondeterminism error', async (file) => {
    const history = temporal.api.history.v1.History.decode(readFileSync(join(DIR, file)));
    // Replaying a run that never reached its end would prove little: each file is a whole run.
    const last = history.events?.at(-1);
    expect(last?.workflowExecutionContinuedAsNewEventAttributes ?? last?.workflowExecutionCompletedEventAttributes).toBeTruthy();
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, file);
  });
});
