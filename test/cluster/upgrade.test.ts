/**
 * Issue 16, "safe upgrades of years-long cases", with Worker Versioning on the production topology: cases start
 * on release 1 and stay pinned to it; release 2 is deployed and made current; new cases run on release 2, a
 * running case moves to it at its next continue-as-new (a stage change), and release 1, once no case runs on
 * it, is reported drained, its workers stopped, and the version deleted.
 */
import { temporal } from '@temporalio/proto';
import { startCluster, type Cluster } from '../../tools/cluster/cluster';
import { waitUntil } from '../../tools/stack/wait';
import { centreEvent, openCaseOn, today } from './cluster-cases';

const RELEASE_1 = 'release-1';
const RELEASE_2 = 'release-2';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ buildId: RELEASE_1 });
}, 30 * 60_000);
afterAll(() => cluster?.close());

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

    const release2 = await cluster.startWorker(RELEASE_2);
    await cluster.setCurrentVersion(RELEASE_2);
    const fresh = await openCaseOn(cluster, 'Upgrade');
    expect(await releaseOf(fresh)).toBe(RELEASE_2);

    // An event within the stage: the case stays on the release it runs on.
    const documented = await centreEvent(
      cluster,
      running,
      { type: 'identity-documented', on: today(), documentKind: 'passport' },
      1,
    );
    expect(documented.status).toBe(200);
    expect(await releaseOf(running)).toBe(RELEASE_1);

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
