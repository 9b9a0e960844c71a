import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { inspect } from 'node:util';
import { z } from 'zod';
import { readJsonFile, replaceJsonFile } from '../json-file';

/** Thrown when the key file is unreadable or invalid; the message names the file and the problem, never a key. */
export class PayloadKeysError extends Error {
  override name = 'PayloadKeysError';
}

export const KEY_BYTES = 32;
// Key ids travel in payload metadata and in error messages, so they are kept short and plain.
const keyId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'key id must be 1-64 characters of A-Z a-z 0-9 . _ -');

/** 32 bytes (AES-256), base64: how every key of the service's key files is written. */
export const key32 = z
  .base64('key must be base64')
  .refine((k) => Buffer.from(k, 'base64').length === KEY_BYTES, `key must be ${KEY_BYTES} bytes (AES-256)`);

const fileSchema = z
  .object({
    encryptWith: keyId,
    /** The key of the reference index (HMAC of file numbers): a key of its own, never a payload key. */
    indexKey: key32.optional(),
    /** The key that seals the workspace's session cookies. */
    sessionKey: key32.optional(),
    keys: z
      .array(
        z.object({
          id: keyId,
          key: key32,
        }),
      )
      .min(1, 'at least one key is required'),
  })
  .superRefine((file, ctx) => {
    const ids = file.keys.map((k) => k.id);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate !== undefined)
      ctx.addIssue({ code: 'custom', path: ['keys'], message: `duplicate key id "${duplicate}"` });
    if (!ids.includes(file.encryptWith)) {
      ctx.addIssue({
        code: 'custom',
        path: ['encryptWith'],
        message: `"${file.encryptWith}" is not one of the key ids`,
      });
    }
  });

type KeyFile = z.infer<typeof fileSchema>;

/**
 * The loaded keys. Key material is reachable only through `key(id)`: serialising or inspecting this object
 * (a logger printing a config, a test failure diff) shows the ids and never the bytes.
 */
export class PayloadKeys {
  readonly #material: ReadonlyMap<string, Buffer>;

  constructor(
    readonly encryptWith: string,
    material: ReadonlyMap<string, Buffer>,
  ) {
    if (!material.has(encryptWith)) throw new PayloadKeysError(`encryption key id "${encryptWith}" has no key`);
    this.#material = material;
  }

  get ids(): string[] {
    return [...this.#material.keys()];
  }

  key(id: string): Buffer | undefined {
    return this.#material.get(id);
  }

  toJSON(): { encryptWith: string; ids: string[] } {
    return { encryptWith: this.encryptWith, ids: this.ids };
  }

  [inspect.custom](): string {
    return `PayloadKeys { encryptWith: '${this.encryptWith}', ids: [${this.ids.map((i) => `'${i}'`).join(', ')}] }`;
  }
}

function readKeyFile(path: string): KeyFile {
  return readJsonFile(path, fileSchema, (problem) => new PayloadKeysError(`payload key file ${path}: ${problem}`));
}

export function loadPayloadKeys(path: string): PayloadKeys {
  const file = readKeyFile(path);
  return new PayloadKeys(file.encryptWith, new Map(file.keys.map((k) => [k.id, Buffer.from(k.key, 'base64')])));
}

const SERVICE_KEYS = {
  indexKey: 'the key of the reference index',
  sessionKey: "the key of the workspace's session cookies",
} as const;
type ServiceKey = keyof typeof SERVICE_KEYS;

/** A key of the API's own in the key file (never a payload key); the API does not start without it. */
export function loadServiceKey(path: string, name: ServiceKey): Buffer {
  const key = readKeyFile(path)[name];
  if (!key)
    throw new PayloadKeysError(
      `payload key file ${path}: no ${name} (${SERVICE_KEYS[name]}); add one: ${KEY_BYTES} random bytes, base64 (openssl rand -base64 ${KEY_BYTES})`,
    );
  return Buffer.from(key, 'base64');
}

function newKeyId(taken: readonly string[]): string {
  for (;;) {
    const id = `key-${new Date().toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
    if (!taken.includes(id)) return id;
  }
}

function newKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/**
 * Creates the dev key file if it is missing. `wx` rather than exists-then-write, so two starting processes cannot
 * overwrite each other's key. A dev file from before the reference index or the workspace gets the keys it lacks.
 */
export function ensureDevPayloadKeys(path: string): { created: boolean } {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const id = newKeyId([]);
  const file: KeyFile = { encryptWith: id, indexKey: newKey(), sessionKey: newKey(), keys: [{ id, key: newKey() }] };
  try {
    writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return { created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      const existing = readKeyFile(path);
      if (!existing.indexKey || !existing.sessionKey)
        replaceKeyFile(path, { indexKey: newKey(), sessionKey: newKey(), ...existing });
      return { created: false };
    }
    throw new PayloadKeysError(
      `payload key file ${path}: cannot be created (${(err as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    );
  }
}

/**
 * Key rotation: adds a fresh random key, marks it for encryption and keeps every old key, so payloads already
 * stored keep decrypting. Procedure: run this on the key file, then restart every worker and API server so all
 * of them hold the new key. Until a process restarts it cannot read payloads written with the new key (its
 * workflow and activity tasks fail and are retried, so they recover after the restart). Never remove a key
 * while a retained workflow history may still hold payloads encrypted with it.
 */
export function addAndActivateKey(path: string): { id: string } {
  const file = readKeyFile(path);
  const id = newKeyId(file.keys.map((k) => k.id));
  replaceKeyFile(path, { ...file, encryptWith: id, keys: [...file.keys, { id, key: newKey() }] });
  return { id };
}

/** Write-then-rename so a crash never leaves a truncated key file (which would make every payload unreadable). */
function replaceKeyFile(path: string, next: KeyFile): void {
  replaceJsonFile(path, next);
}
