import type { Payload } from '@temporalio/common';

/** A payload as the Web UI sends it to the codec endpoint: base64 data and metadata values. */
export const codecJson = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

/** The texts of the payloads the codec endpoint decoded. */
export const decodedTexts = (body: unknown): string[] =>
  (body as { payloads: { data: string }[] }).payloads.map((p) => Buffer.from(p.data, 'base64').toString());
