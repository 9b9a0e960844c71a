import { METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { METADATA_CASE_KEY_ID } from '../crypto/aes-gcm-codec';
import type { CaseKeys } from '../crypto/case-keys';

const CASE_ID = /^case-[0-9a-f-]{36}$/;
const MAX_DEPTH = 3;

function caseIdWithin(value: unknown, depth: number): string | undefined {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return undefined;
  const own = (value as { caseId?: unknown }).caseId;
  if (typeof own === 'string' && CASE_ID.test(own)) return own;
  for (const inner of Object.values(value)) {
    const found = caseIdWithin(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * The case a decoded payload names, for a payload from before case keys: a case's start, carried state and status
 * name it (`caseId`, near the top). Payloads that name no case (an event, an answer) leave it open.
 */
function caseIdOfPayloads(payloads: Payload[]): string | undefined {
  for (const p of payloads) {
    if (Buffer.from(p.metadata?.[METADATA_ENCODING_KEY] ?? []).toString('utf8') !== 'json/plain') continue;
    try {
      const found = caseIdWithin(JSON.parse(Buffer.from(p.data ?? []).toString('utf8')), 0);
      if (found) return found;
    } catch {
      // not JSON after all: names no case
    }
  }
  return undefined;
}

/**
 * The cases whose payloads a Web UI decode decrypted, each for an audit line: the case of each payload's case key
 * (any payload of a case, an event too), and the case a payload from before case keys names.
 */
export async function caseIdsOfDecoded(
  caseKeys: CaseKeys,
  ciphertexts: Payload[],
  plain: Payload[],
): Promise<string[]> {
  const cases = new Set<string>();
  const older: Payload[] = [];
  for (const [i, p] of ciphertexts.entries()) {
    const keyId = p.metadata?.[METADATA_CASE_KEY_ID];
    if (keyId) cases.add((await caseKeys.byId(Buffer.from(keyId).toString('utf8'))).caseId);
    else older.push(plain[i]!);
  }
  for (const p of older) {
    const named = caseIdOfPayloads([p]);
    if (named) cases.add(named);
  }
  return [...cases];
}
