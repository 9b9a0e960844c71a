import { METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';

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
 * The case a decoded payload belongs to, for the audit line of a Web UI decode: a case's start, carried state and
 * status name it (`caseId`, near the top). Payloads that name no case (an event, an answer) leave it open.
 */
export function caseIdOfPayloads(payloads: Payload[]): string | undefined {
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
