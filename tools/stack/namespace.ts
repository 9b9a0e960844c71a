/**
 * Prepare the namespace: the one step the cluster (tools/cluster/cluster.ts) and the tests' namespace on the
 * shared dev server (test/support/temporal-env.ts) share. Registers it with the retention of closed cases'
 * histories (one that exists already is kept), waits until the frontend knows it (its namespace cache learns of a
 * new one within a moment), then registers the case search attributes.
 */
import type { Connection } from '@temporalio/client';
import Long from 'long';
import { registerSearchAttributes } from '../../src/temporal/register-search-attributes';
import { waitUntil } from './wait';

export interface NamespaceOptions {
  retentionDays: number;
  /** How long to wait until the frontend knows the namespace, and how often to ask. */
  knownWithinMs: number;
  pollMs: number;
}

/** gRPC ALREADY_EXISTS. */
const ALREADY_EXISTS = 6;

export async function prepareNamespace(connection: Connection, namespace: string, o: NamespaceOptions): Promise<void> {
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(o.retentionDays * 86_400) },
    });
  } catch (err) {
    if ((err as { code?: number }).code !== ALREADY_EXISTS) throw err;
  }
  await waitUntil(
    `namespace ${namespace}`,
    () => connection.workflowService.describeNamespace({ namespace }).then(() => true),
    o.knownWithinMs,
    o.pollMs,
  );
  await registerSearchAttributes(connection, namespace);
}
