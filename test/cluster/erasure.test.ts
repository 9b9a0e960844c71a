/**
 * Issue 28 on the production topology: erasure that does not rest on PostgreSQL forgetting bytes. An admin erases
 * a case through one API; PostgreSQL is made to do all it can to forget (VACUUM FULL, checkpoints, a WAL switch);
 * the whole data directory, pg_wal included, and a base backup taken before the erasure are scanned for the erased
 * key's wrapped bytes. They are found (the positive control: PostgreSQL recycles WAL segments without zeroing them,
 * and a backup keeps what it copied; on a young cluster a recycled segment may already have been written over, so
 * the backup is what is certain to hold them), and, until the sweep, the service's keys open them and then the
 * history exported before the erasure: the attack of the finding. After the daily sweep's rotation of the
 * key-encryption key they are still there, and no key the service holds opens them, while the case left running
 * reads on through both APIs.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Payload } from '@temporalio/common';
import pg from 'pg';
import { open } from '../../src/crypto/aes-gcm';
import { METADATA_CASE_KEY_ID } from '../../src/crypto/aes-gcm-codec';
import { nextKeySweepDay } from '../../src/temporal/key-retention-schedule';
import { startCluster, type Cluster } from '../../tools/cluster/cluster';
import { postgresBinDir } from '../../tools/cluster/postgres';
import { codecJson, decodedTexts } from '../support/codec-json';
import { centreEvent, openCaseOn, today } from './cluster-cases';

jest.setTimeout(600_000);

let cluster: Cluster;
let db: pg.Client;
beforeAll(async () => {
  cluster = await startCluster();
  db = new pg.Client({ connectionString: cluster.serviceEnv.SERVICE_DATABASE });
  await db.connect();
}, 30 * 60_000);
afterAll(async () => {
  await db?.end();
  await cluster?.close();
});

interface KeyRow {
  case_id: string;
  key_id: string;
  wrapped_key: string;
  wrapped_with: string;
}
const keyRow = async (caseId: string): Promise<KeyRow> =>
  (
    await db.query<KeyRow>('SELECT case_id, key_id, wrapped_key, wrapped_with FROM case_keys WHERE case_id = $1', [
      caseId,
    ])
  ).rows[0]!;

const postgresDir = () => join(cluster.dir, 'postgresql');

/**
 * A base backup of the whole cluster, its WAL included, as an operator's nightly one (pg_basebackup; its checkpoint
 * at once, and without blocking this process, which carries the cluster processes' output).
 */
async function baseBackup(): Promise<void> {
  const url = new URL(cluster.serviceEnv.SERVICE_DATABASE!);
  await promisify(execFile)(
    join(postgresBinDir(), 'pg_basebackup'),
    [
      ...['-D', join(postgresDir(), 'base-backup'), '-h', url.hostname, '-p', url.port, '-U', url.username],
      ...['-X', 'stream', '--checkpoint=fast'],
    ],
    { env: { PATH: process.env.PATH, PGPASSWORD: decodeURIComponent(url.password) } },
  );
}

/**
 * Every file holding `needle` under PostgreSQL's folder: the data directory (the tables, pg_wal and its recycled
 * segments) and the base backup.
 */
function filesHolding(needle: string): string[] {
  const data = postgresDir();
  const bytes = Buffer.from(needle, 'latin1');
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const s = statSync(path, { throwIfNoEntry: false });
      if (s?.isDirectory()) walk(path);
      else if (s?.isFile() && readFileSync(path).includes(bytes)) found.push(relative(data, path));
    }
  };
  walk(data);
  return found;
}

/** Every key the service holds: the key-encryption key file's and the payload key file's. */
const keysHeld = (): Buffer[] =>
  [cluster.serviceEnv.KEY_ENCRYPTION_KEYS_FILE!, cluster.serviceEnv.PAYLOAD_KEYS_FILE!].flatMap((file) =>
    (JSON.parse(readFileSync(file, 'utf8')) as { keys: { key: string }[] }).keys.map((k) =>
      Buffer.from(k.key, 'base64'),
    ),
  );

/** The script of the finding: the wrapped key from the WAL, a key of the service, the exported history. */
function attack(row: KeyRow, exported: Payload[]): string | undefined {
  for (const kek of keysHeld()) {
    const caseKey = open(kek, `case-key\0${row.key_id}\0${row.case_id}`, Buffer.from(row.wrapped_key, 'base64'));
    if (!caseKey) continue;
    return exported
      .map((p) => {
        const keyId = Buffer.from(p.metadata![METADATA_CASE_KEY_ID]!).toString();
        return open(caseKey, keyId, Buffer.from(p.data!))?.toString('latin1') ?? '';
      })
      .join('\n');
  }
  return undefined;
}

describe('erasure on PostgreSQL', () => {
  it("after the sweep's rotation, the erased key found in the data directory and the WAL opens with no key the service holds", async () => {
    const erasedCase = await openCaseOn(cluster, 'Walscan', 0);
    const runningCase = await openCaseOn(cluster, 'Kept', 1);
    expect((await centreEvent(cluster, erasedCase, { type: 'opened-in-error', on: today() }, 1)).status).toBe(200);
    await cluster.client.workflow.getHandle(erasedCase).result();
    // A history exported before the erasure (a support engineer's `temporal workflow show`).
    const { events } = await cluster.client.workflow.getHandle(erasedCase).fetchHistory();
    const exported = events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads as Payload[];
    const row = await keyRow(erasedCase);
    expect(row.wrapped_with).toMatch(/^kek:kek-/);
    await baseBackup();

    // Four eyes across the APIs: one admin requests on one, the other confirms on another (the request is in PostgreSQL).
    const requested = await cluster.request(0, 'POST', `/v1/cases/${erasedCase}/erasure`, {
      token: cluster.tokens.admin,
    });
    expect(requested.status).toBe(202);
    const erased = await cluster.request(1, 'POST', `/v1/cases/${erasedCase}/erasure/confirm`, {
      token: cluster.tokens['admin-2'],
    });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({
      caseId: erasedCase,
      dataKey: 'destroyed',
      effectiveOn: nextKeySweepDay(new Date()),
    });
    expect((await db.query('SELECT wrapped_key FROM case_keys WHERE case_id = $1', [erasedCase])).rows).toEqual([
      { wrapped_key: null },
    ]);
    // All PostgreSQL lets one do to forget: the row rewritten away (the erasure did VACUUM FULL), a checkpoint,
    // a WAL switch and another checkpoint.
    await db.query('VACUUM FULL case_keys');
    await db.query('CHECKPOINT');
    await db.query('SELECT pg_switch_wal()');
    await db.query('CHECKPOINT');

    // The positive control: the wrapped key is still on disk, and with the service's keys it opens the exported
    // history: pseudonym and all.
    const before = filesHolding(row.wrapped_key);
    expect(before).toEqual(expect.arrayContaining([expect.stringMatching(/^base-backup\//)]));
    process.stdout.write(`the erased key's wrapped bytes after the erasure: ${before.join(', ')}\n`);
    expect(attack(row, exported)).toContain('Walscan-Probe-Pseudonym');

    // The daily sweep (run now rather than at 00:00 UTC): the erasure is pending, so it rotates.
    const oldKek = row.wrapped_with.slice('kek:'.length);
    await cluster.client.workflow.execute('keyRetention', {
      taskQueue: cluster.taskQueue,
      workflowId: `key-retention-walscan-${Date.now()}`,
    });
    const live = await keyRow(runningCase);
    expect(live.wrapped_with).toMatch(/^kek:kek-/);
    expect(live.wrapped_with).not.toBe(row.wrapped_with);
    const ledger = readFileSync(join(cluster.dir, 'erasure-ledger.jsonl'), 'utf8');
    expect(ledger).toContain(`"event":"rotation"`);
    expect(ledger).toContain(`"destroyed":["${oldKek}"]`);

    // The bytes are where they were: PostgreSQL still has not forgotten them. No key the service holds opens them.
    await db.query('CHECKPOINT');
    expect(filesHolding(row.wrapped_key).length).toBeGreaterThan(0);
    expect(readFileSync(cluster.serviceEnv.KEY_ENCRYPTION_KEYS_FILE!, 'utf8')).not.toContain(oldKek);
    expect(attack(row, exported)).toBeUndefined();

    // The case left running reads on and takes events, through both APIs, on both workers.
    expect(
      (
        await centreEvent(
          cluster,
          runningCase,
          { type: 'complaint-filed', on: today(), kind: 'complaint', prosecutorOffice: 'ANTWERPEN' },
          0,
        )
      ).status,
    ).toBe(200);
    for (const api of [0, 1]) {
      expect(
        (await cluster.request(api, 'GET', `/v1/cases/${runningCase}`, { token: cluster.tokens['centre-PAYOKE'] }))
          .status,
      ).toBe(200);
    }
    const { events: kept } = await cluster.client.workflow.getHandle(runningCase).fetchHistory();
    const decoded = await cluster.request(1, 'POST', '/codec/decode', {
      token: cluster.tokens['immigration-office'],
      body: { payloads: (kept?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? []).map(codecJson) },
    });
    expect(decoded.status).toBe(200);
    expect(decodedTexts(decoded.body).join('')).toContain('Kept-Probe-Pseudonym');
    // A repeated confirmation answers the erasure on record, with the day it took effect.
    const again = await cluster.request(0, 'POST', `/v1/cases/${erasedCase}/erasure/confirm`, {
      token: cluster.tokens['admin-2'],
    });
    expect(again.body).toMatchObject({ dataKey: 'destroyed', confirmedById: 'admin-2', effectiveOn: today() });
  });
});
