/**
 * Issue 16, "safe upgrades of years-long cases", with Worker Versioning on the production topology: cases start
 * on release 1 and stay pinned to it; release 2, a changed workflow, is deployed and made current; new cases run
 * on release 2, a running case goes on on release 1 and moves to release 2 at its next continue-as-new (a stage
 * change), and release 1, once no case runs on it, is reported drained, its workers stopped, and the version
 * deleted.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { defineQuery } from '@temporalio/workflow';
import { startCluster, type Cluster } from '../../tools/cluster/cluster';
import { PROJECT_ROOT } from '../../tools/stack/temporal-binaries';
import { waitUntil } from '../../tools/stack/wait';
import { centreEvent, openCaseOn, today } from './cluster-cases';

const RELEASE_1 = 'release-1';
const RELEASE_2 = 'release-2';

/** What release 2 answers and release 1 does not know. */
const releaseQuery = defineQuery<string>('release');

/**
 * Release 2 as a build of its own: a copy of dist/ whose workflow answers the query `release` and begins each run
 * with a timer release 1 never had. Replaying a release 1 history on that code fails (a timer where the history
 * has none), so only the pinning keeps running cases off it until their next run. The copy lives in the project
 * (.tools/, git-ignored) so that it finds node_modules; without a prebuilt bundle, the worker bundles it at start.
 */
function buildRelease2(): string {
  mkdirSync(join(PROJECT_ROOT, '.tools'), { recursive: true });
  const dist = join(mkdtempSync(join(PROJECT_ROOT, '.tools', 'release-2-')), 'dist');
  cpSync(join(PROJECT_ROOT, 'dist'), dist, { recursive: true });
  rmSync(join(dist, 'workflow-bundle.js'));
  const file = join(dist, 'workflows', 'victim-case.js');
  let code = readFileSync(file, 'utf8');
  // The query with the other handlers, at the start; the timer before the case's loop, once they are all set.
  const changes = [
    {
      anchor: 'async function victimCase(input) {',
      after: true,
      code: `(0, workflow_1.setHandler)((0, workflow_1.defineQuery)('release'), () => '${RELEASE_2}');`,
    },
    { anchor: 'for (;;) {', after: false, code: 'await (0, workflow_1.sleep)(1);' },
  ];
  for (const c of changes) {
    if (code.split(c.anchor).length !== 2) throw new Error(`${file} has no single "${c.anchor}" to change`);
    code = code.replace(c.anchor, c.after ? `${c.anchor} ${c.code}` : `${c.code} ${c.anchor}`);
  }
  writeFileSync(file, code);
  return dist;
}

let cluster: Cluster;
let release2Dist: string;
beforeAll(async () => {
  release2Dist = buildRelease2();
  cluster = await startCluster({ buildId: RELEASE_1 });
}, 30 * 60_000);
afterAll(async () => {
  await cluster?.close();
  rmSync(join(release2Dist, '..'), { recursive: true, force: true });
});

/** The events of one run of a case that say a workflow task failed (a replay that did not match, among others). */
async function failedTasks(caseId: string, runId: string): Promise<number> {
  const history = await cluster.client.workflow.getHandle(caseId, runId).fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes).length;
}

/** The release the case's current run is on, once its first workflow task ran. */
async function releaseOf(caseId: string): Promise<string | undefined> {
  let info: temporal.api.workflow.v1.IWorkflowExecutionVersioningInfo | null | undefined;
  await waitUntil(
    `the release of ${caseId}`,
    async () => {
      const d = await cluster.client.workflow.getHandle(caseId).describe();
      info = d.raw.workflowExecutionInfo?.versioningInfo;
      return !!info?.deploymentVersion?.buildId && !d.raw.pendingWorkflowTask;
    },
    30_000,
    250,
  );
  return info?.deploymentVersion?.buildId ?? undefined;
}

const version = (buildId: string) => ({ deploymentName: cluster.deployment.name, buildId });

describe('a release reaching cases that run for years', () => {
  it('keeps running cases on their release, starts new ones on the current, moves a case at its next run, retires the old', async () => {
    const running = await openCaseOn(cluster, 'Upgrade');
    expect(await releaseOf(running)).toBe(RELEASE_1);
    const firstRun = (await cluster.client.workflow.getHandle(running).describe()).runId;

    const release2 = await cluster.startWorker(RELEASE_2, release2Dist);
    await cluster.setCurrentVersion(RELEASE_2);
    const fresh = await openCaseOn(cluster, 'Upgrade');
    expect(await releaseOf(fresh)).toBe(RELEASE_2);
    // The new case runs the changed workflow; the running one does not know it.
    expect(await cluster.client.workflow.getHandle(fresh).query(releaseQuery)).toBe(RELEASE_2);
    // (Its refusal's words are encrypted by the worker's failure converter, so only the refusal is checked.)
    await expect(cluster.client.workflow.getHandle(running).query(releaseQuery)).rejects.toThrow();

    // An event within the stage: the case stays on the release it runs on.
    const documented = await centreEvent(
      cluster,
      running,
      { type: 'identity-documented', on: today(), documentKind: 'passport' },
      1,
    );
    expect(documented.status).toBe(200);
    expect(await releaseOf(running)).toBe(RELEASE_1);
    expect(await failedTasks(running, firstRun)).toBe(0);

    // The complaint opens stage 2, and with it a new run: on release 2.
    const complaint = await centreEvent(cluster, running, {
      type: 'complaint-filed',
      on: today(),
      kind: 'complaint',
      prosecutorOffice: 'ANTWERPEN',
    });
    expect(complaint.status).toBe(200);
    await waitUntil(
      'the case to continue on release 2',
      async () => (await releaseOf(running)) === RELEASE_2,
      30_000,
      250,
    );
    const status = await cluster.request(1, 'GET', `/v1/cases/${running}`, { token: cluster.tokens['centre-PAYOKE'] });
    expect((status.body as { stage: string }).stage).toBe('TEMPORARY_RESIDENCE');
    // Its new run is the changed workflow, and no run of it ever failed a task.
    expect(await cluster.client.workflow.getHandle(running).query(releaseQuery)).toBe(RELEASE_2);
    const secondRun = (await cluster.client.workflow.getHandle(running).describe()).runId;
    expect(secondRun).not.toBe(firstRun);
    expect(await failedTasks(running, firstRun)).toBe(0);
    expect(await failedTasks(running, secondRun)).toBe(0);

    // Release 1 runs nothing now: drained, its workers stop, and it is deleted.
    const drainage = async () =>
      (
        await cluster.client.workflowService.describeWorkerDeploymentVersion({
          namespace: cluster.namespace,
          deploymentVersion: version(RELEASE_1),
        })
      ).workerDeploymentVersionInfo?.drainageInfo?.status;
    const { VERSION_DRAINAGE_STATUS_DRAINED: DRAINED } = temporal.api.enums.v1.VersionDrainageStatus;
    await waitUntil('release 1 to be drained', async () => (await drainage()) === DRAINED, 60_000, 1_000);
    await Promise.all(cluster.workers.map((w) => w.kill('SIGTERM', 20_000)));
    await waitUntil(
      'release 1 to be deleted',
      async () => {
        await cluster.client.workflowService.deleteWorkerDeploymentVersion({
          namespace: cluster.namespace,
          deploymentVersion: version(RELEASE_1),
          identity: 'upgrade test',
        });
        return true;
      },
      60_000,
      2_000,
    );
    // The cases go on, on release 2 alone.
    expect(release2.running).toBe(true);
    const answered = await centreEvent(cluster, fresh, {
      type: 'identity-documented',
      on: today(),
      documentKind: 'passport',
    });
    expect(answered.status).toBe(200);
  });
});
