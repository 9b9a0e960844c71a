import type { Cluster } from '../../tools/cluster/cluster';
import { opening } from '../support/fixtures';

export const today = (): string => new Date().toISOString().slice(0, 10);

/** Opens a case of the centre PAYOKE through one of the cluster's APIs; its personal data is recognisable. */
export async function openCaseOn(cluster: Cluster, probe: string, api = 0): Promise<string> {
  const res = await cluster.request(api, 'POST', '/v1/cases', {
    token: cluster.tokens['centre-PAYOKE'],
    body: opening(today(), {
      victim: { pseudonym: `${probe}-Probe-Pseudonym`, dateOfBirth: '1998-03-02', language: 'ro' },
      caseworkerEmail: `caseworker.${probe.toLowerCase()}@payoke.example.org`,
    }),
  });
  if (res.status !== 201) throw new Error(`opening a case gave ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body as { caseId: string }).caseId;
}

/** Records an event of the centre PAYOKE through one of the cluster's APIs. */
export const centreEvent = (cluster: Cluster, caseId: string, body: Record<string, unknown>, api = 0) =>
  cluster.request(api, 'POST', `/v1/cases/${caseId}/events`, { token: cluster.tokens['centre-PAYOKE'], body });
