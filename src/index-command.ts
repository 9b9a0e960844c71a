import { heldCases, type HeldCases } from './case-index/held-cases';
import { openCaseIndex, type CaseIndexStore } from './case-index/case-index-store';
import { rebuildIndex } from './case-index/rebuild-index';
import { verifyIndex } from './case-index/verify-index';
import { loadConfig } from './config';
import { openCaseKeys } from './crypto/case-keys';
import { loadPayloadKeys } from './crypto/payload-keys';
import { createClient } from './temporal/client';

/**
 * `npm run index -- rebuild`: fills the case index from the cases Temporal holds, running and closed (an existing
 * deployment, after a restore) and deletes the rows of cases it no longer holds.
 * `npm run index -- verify`: lists every difference between the index and the cases, by case id and field.
 * Both Query each case, a closed one too: a worker must poll the cases' task queue. Neither prints personal data.
 */
const USAGE = 'usage: npm run index -- rebuild | verify';

interface Outcome {
  lines: string[];
  ok: boolean;
}

async function rebuild(cases: HeldCases, store: CaseIndexStore): Promise<Outcome> {
  const r = await rebuildIndex(cases, store);
  return {
    lines: [
      `${r.cases} cases: ${r.written} rows written, ${r.current} already current, ${r.removed} rows of cases Temporal no longer holds removed`,
      ...(r.unreadable.length > 0 ? [`${r.unreadable.length} cases could not be read: ${r.unreadable.join(' ')}`] : []),
    ],
    ok: r.unreadable.length === 0,
  };
}

async function verify(cases: HeldCases, store: CaseIndexStore): Promise<Outcome> {
  const found = await verifyIndex(cases, store);
  return {
    lines: [...found.map((d) => `${d.caseId} ${d.field}`), `${found.length} differences`],
    ok: found.length === 0,
  };
}

const COMMANDS: Record<string, typeof rebuild> = { rebuild, verify };

async function main(command: string | undefined): Promise<Outcome> {
  const run = command ? COMMANDS[command] : undefined;
  if (!run) throw new Error(USAGE);
  const config = loadConfig();
  const keys = loadPayloadKeys(config.PAYLOAD_KEYS_FILE);
  const caseKeys = openCaseKeys(config.SERVICE_DATABASE, keys, config.KEY_ENCRYPTION_KEYS_FILE);
  const store = openCaseIndex(config.SERVICE_DATABASE, caseKeys);
  const client = createClient(config, keys, caseKeys);
  try {
    return await run(heldCases(client), store);
  } finally {
    await client.connection.close();
    await store.close();
    await caseKeys.close();
  }
}

main(process.argv[2]).then(
  ({ lines, ok }) => {
    process.stdout.write(`${lines.join('\n')}\n`);
    if (!ok) process.exitCode = 1;
  },
  (err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
