import { openCaseKeys } from './crypto/case-keys';
import { addAndActivateKey, loadPayloadKeys } from './crypto/payload-keys';
import { loadConfig } from './config';

/**
 * `npm run keys -- rotate`: a new master key in PAYLOAD_KEYS_FILE, used from the next start of each process.
 * `npm run keys -- rewrap`: every live case key wrapped by the file's current master key (after a rotation, once
 * every process runs with the new file), so that older master keys may leave the file.
 */
const USAGE = 'usage: npm run keys -- rotate | rewrap';

async function main(command: string | undefined): Promise<string> {
  const config = loadConfig();
  if (command === 'rotate') {
    const { id } = addAndActivateKey(config.PAYLOAD_KEYS_FILE);
    return `new master key ${id} added to ${config.PAYLOAD_KEYS_FILE}; restart every worker and API, then run: npm run keys -- rewrap`;
  }
  if (command === 'rewrap') {
    const keys = loadPayloadKeys(config.PAYLOAD_KEYS_FILE);
    const caseKeys = openCaseKeys(config.SERVICE_DATABASE, keys);
    try {
      const n = await caseKeys.rewrap();
      return `${n} case keys rewrapped with master key ${keys.encryptWith}`;
    } finally {
      await caseKeys.close();
    }
  }
  throw new Error(USAGE);
}

main(process.argv[2]).then(
  (said) => process.stdout.write(`${said}\n`),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
