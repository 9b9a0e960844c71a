import { boundUpdate } from '../../src/cases/inputs';
import { randomUUID } from 'node:crypto';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import type { Client } from '@temporalio/client';
import type { IsoDate } from '../../src/domain/calendar';
import type { Actor } from '../../src/domain/procedure/state';
import type { CaseOpening, CaseStatus } from '../../src/domain/schemas/case';
import type { CaseEvent } from '../../src/domain/schemas/events';
import { caseStart } from '../../src/cases/case-start';
import type { victimCase } from '../../workflows';
import { recordEvent, WORKFLOW_TYPE } from '../../workflows/messages';
import { opening } from '../../test/support/fixtures';
import { TASK_QUEUE } from './stacks';

/** What the bench sends: the fixtures' adult opening, its pseudonym numbered (`Bench-<i>`). */
export function numberedOpening(openedOn: IsoDate, i: number): CaseOpening {
  const o = opening(openedOn);
  return { ...o, victim: { ...o.victim, pseudonym: `Bench-${i}` } };
}

export const IMMIGRATION_ACTOR: Actor = { id: 'immigration-office', role: 'immigration-office' };

/**
 * Opens a case with the raw client and the API's own start options (caseStart), so both paths cost the server the
 * same. `startDelayMs`: the case's first task waits that long on the server (the cluster's burst).
 */
export async function rawOpen(
  client: Client,
  body: CaseOpening,
  o: { taskQueue?: string; startDelayMs?: number } = {},
): Promise<{ caseId: string; firstRunId: string }> {
  const caseId = `case-${randomUUID()}`;
  const { options } = caseStart(caseId, 'PAYOKE', body, o.taskQueue ?? TASK_QUEUE);
  const handle = await client.workflow.start<typeof victimCase>(WORKFLOW_TYPE, {
    ...options,
    ...(o.startDelayMs === undefined ? {} : { startDelay: o.startDelayMs }),
  });
  return { caseId, firstRunId: handle.firstExecutionRunId };
}

export function rawEvent(client: Client, caseId: string, actor: Actor, event: CaseEvent): Promise<CaseStatus> {
  return client.workflow.getHandle<typeof victimCase>(caseId).executeUpdate(recordEvent, boundUpdate({ actor, event }));
}

/** A keep-alive HTTP/1.1 client on node:http (less client-side overhead than fetch, so the API is not blamed for the load generator). */
export class ApiClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 512 });

  constructor(private readonly baseUrl: string) {}

  /** One request as it is answered: status, headers, text, and the round trip from sending to the last byte. */
  send(
    method: 'GET' | 'POST',
    path: string,
    headers: Record<string, string | number>,
    payload?: string,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; text: string; roundTripMs: number }> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request(`${this.baseUrl}${path}`, { method, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            roundTripMs: performance.now() - started,
          }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  async call<T>(
    method: 'GET' | 'POST',
    path: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const { status, text } = await this.send(
      method,
      path,
      {
        ...headers,
        authorization: `Bearer ${token}`,
        ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
      },
      payload,
    );
    if (status >= 200 && status < 300) return JSON.parse(text) as T;
    throw new Error(`${method} ${path.replace(/case-[0-9a-f-]+/, 'case-…')}: ${status} ${text.slice(0, 200)}`);
  }

  openCase(token: string, body: CaseOpening): Promise<CaseStatus> {
    return this.call<CaseStatus>('POST', '/v1/cases', token, body);
  }

  recordEvent(token: string, caseId: string, event: CaseEvent): Promise<CaseStatus> {
    return this.call<CaseStatus>('POST', `/v1/cases/${caseId}/events`, token, event);
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The notice key's parts from a Message-ID (`<caseId=2Fkind=2F...recipient@...>`, see src/mail/message-id.ts). */
export function noticeOf(messageId: string): { caseId: string; kind: string } {
  const [caseId = '', kind = ''] = messageId.replace(/^</, '').split('=2F');
  return { caseId, kind };
}
