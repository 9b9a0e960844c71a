import { openCaseKeys } from './crypto/case-keys';
import { addAndActivateKey, loadPayloadKeys } from './crypto/payload-keys';
import { loadConfig } from './config';

/**
 * `npm run keys -- rotate`: a new master key in PAYLOAD_KEYS_FILE, used from the next start of each process.
 * `npm run keys -- rewrap`: every live case key wrapped under the current key-encryption key (KEY_ENCRYPTION_KEYS_FILE):
 * the keys from before key-encryption keys, at once rather than at the next daily sweep.
 * `npm run keys -- rotate-kek`: the key-encryption key rotated now (the daily sweep does it when an erasure is pending).
 * `npm run keys -- replay-erasures`: after the service database was restored from a backup, before any worker starts.
 * `npm run keys -- status`: ids and counts, never a key.
 */
const USAGE = 'usage: npm run keys -- rotate | rewrap | rotate-kek | replay-erasures | status';

async function main(command: string | undefined): Promise<string> {
  const config = loadConfig();
  if (command === 'rotate') {
    const { id } = addAndActivateKey(config.PAYLOAD_KEYS_FILE);
    return `new master key ${id} added to ${config.PAYLOAD_KEYS_FILE}; restart every worker and API`;
  }
  if (!['rewrap', 'rotate-kek', 'replay-erasures', 'status'].includes(command ?? '')) throw new Error(USAGE);
  const caseKeys = openCaseKeys(
    config.SERVICE_DATABASE,
    loadPayloadKeys(config.PAYLOAD_KEYS_FILE),
    config.KEY_ENCRYPTION_KEYS_FILE,
  );
  try {
    if (command === 'rewrap') {
      const n = await caseKeys.rewrap();
      return `${n} case keys wrapped under key-encryption key ${(await caseKeys.status()).fence}`;
    }
    if (command === 'rotate-kek') {
      const { to, destroyed, rewrapped, unreadable } = await caseKeys.rotateKeyEncryptionKey();
      return [
        `key-encryption key ${to}: ${rewrapped} case keys rewrapped; destroyed: ${destroyed.join(', ') || 'none'}`,
        ...(unreadable.length ? [`case keys no key opens (lost before this rotation): ${unreadable.join(' ')}`] : []),
      ].join('\n');
    }
    if (command === 'replay-erasures') {
      const erased = await caseKeys.replayErasures();
      const { fence, unreadable } = await caseKeys.afterRestore();
      if (unreadable.length) process.exitCode = 1;
      return [
        `${erased.length} erasures of the ledger done again${erased.length ? `: ${erased.join(' ')}` : ''}`,
        `new case keys are wrapped under key-encryption key ${fence}`,
        ...(unreadable.length
          ? [
              `${unreadable.length} case keys no key opens (the backup is older than a rotation of the key-encryption key): ${unreadable.join(' ')}`,
            ]
          : []),
      ].join('\n');
    }
    return JSON.stringify(await caseKeys.status(), null, 2);
  } finally {
    await caseKeys.close();
  }
}

main(process.argv[2]).then(
  (said) => process.stdout.write(`${said}\n`),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
