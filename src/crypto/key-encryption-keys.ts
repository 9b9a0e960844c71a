import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { syncFolder } from '../durable-file';
import { readJsonFile } from '../json-file';
import { open, seal } from './aes-gcm';
import { key32, KEY_BYTES } from './payload-keys';

/**
 * The keys that wrap the case keys (key-encryption keys), kept outside the service's database. Destroying one makes
 * every copy of what it wrapped useless: the rows in the database, and the copies a database keeps where nobody can
 * delete them (PostgreSQL's write-ahead log and its recycled segments, replicas, base backups). The daily key sweep
 * rotates: a new key, every live case key wrapped under it, the old key destroyed (case-keys.ts).
 *
 * Small on purpose, so that a key management service can hold them instead of the file: HashiCorp Vault's or
 * OpenBao's transit engine (wrap = encrypt with `associated_data`, the id its key version; rotate = `rotate`;
 * destroy = `min_decryption_version` and `trim`), or a cloud KMS key with versions.
 */
export interface KeyEncryptionKeys {
  /** The key new wrappings use (the newest). A store without any key throws NoKeyEncryptionKeyError. */
  current(): Promise<string>;
  /** Every key held now, the current one last: more than one only while a rotation is under way. */
  held(): Promise<string[]>;
  /** Reads the store again: another process may have rotated. */
  refresh(): Promise<void>;
  /** Makes the first key of a store that has none; a store with a key is left as it is. */
  initialise(): Promise<void>;
  /** `plain` wrapped under the current key, bound to `aad`, and that key's id. */
  wrap(aad: string, plain: Buffer): Promise<{ kekId: string; wrapped: Buffer }>;
  /**
   * What `wrap` wrapped, or undefined when the bytes do not open (tampered, another `aad`). A key the store does not
   * hold, even read again, throws UnknownKeyEncryptionKeyError.
   */
  unwrap(kekId: string, aad: string, wrapped: Buffer): Promise<Buffer | undefined>;
  /** A new key, current from now on; the others stay until `destroyAllBut`. Answers its id. */
  rotate(): Promise<string>;
  /** Destroys every key but `keep`, which must be the current one; answers the ids destroyed. */
  destroyAllBut(keep: string): Promise<string[]>;
}

/** The key file is unreadable or invalid; the message names the file and the problem, never a key. */
export class KeyEncryptionKeysError extends Error {
  override name = 'KeyEncryptionKeysError';
}

/** The store holds no key yet. */
export class NoKeyEncryptionKeyError extends KeyEncryptionKeysError {
  override name = 'NoKeyEncryptionKeyError';
}

/**
 * A case key is wrapped under a key-encryption key that the store does not hold, even read again: one destroyed by a
 * rotation (a database restored from before it), or this process reads another deployment's file. Not a forgery, so
 * not an UnknownPayloadKeyError: the task fails and is retried, and the operator sees it.
 */
export class UnknownKeyEncryptionKeyError extends KeyEncryptionKeysError {
  override name = 'UnknownKeyEncryptionKeyError';
  constructor(
    readonly kekId: string,
    where: string,
  ) {
    super(`key-encryption key "${kekId}" is not in ${where} (destroyed by a rotation, or another deployment's file)`);
  }
}

export const kekIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'key id must be 1-100 characters of A-Z a-z 0-9 . _ : -');

const fileSchema = z
  .object({
    current: kekIdSchema,
    keys: z.array(z.object({ id: kekIdSchema, key: key32, createdAt: z.iso.datetime() })).min(1),
  })
  .superRefine((file, ctx) => {
    const ids = file.keys.map((k) => k.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['keys'], message: 'duplicate key id' });
    if (ids.at(-1) !== file.current)
      ctx.addIssue({ code: 'custom', path: ['current'], message: 'must be the id of the last key' });
  });
type KeyFile = z.infer<typeof fileSchema>;

interface Loaded {
  /** The file's identity and size when read: a change (a rename by another process) reads it again. */
  stamp: string;
  current: string;
  /** Oldest first; the key material only in `material` (buffers, zeroed when a key goes). */
  keys: { id: string; createdAt: string }[];
  material: Map<string, Buffer>;
}

const loadedFrom = (stamp: string, file: KeyFile): Loaded => ({
  stamp,
  current: file.current,
  keys: file.keys.map(({ id, createdAt }) => ({ id, createdAt })),
  material: new Map(file.keys.map((k) => [k.id, Buffer.from(k.key, 'base64')])),
});

const stampOf = (path: string): string | undefined => {
  try {
    const s = statSync(path);
    return `${s.ino}:${s.mtimeMs}:${s.size}`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
};

/** Written to a new file, flushed, then linked (a first file: never over another's) or renamed into place. */
function writeDurably(path: string, file: KeyFile, how: 'create' | 'replace'): void {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(file, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    if (how === 'create') linkSync(tmp, path);
    else renameSync(tmp, path);
  } finally {
    if (how === 'create') unlinkSync(tmp);
  }
  syncFolder(path);
}

/** Overwrites the file's bytes in place with zeros before its inode goes (best effort: not on copy-on-write storage). */
function zeroed(fd: number): void {
  const size = fstatSync(fd).size;
  writeSync(fd, Buffer.alloc(size), 0, size, 0);
  fsyncSync(fd);
}

const newKekId = (taken: readonly string[]): string => {
  for (;;) {
    const id = `kek-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
    if (!taken.includes(id)) return id;
  }
};
const newKey = (): { key: Buffer; createdAt: string } => ({
  key: randomBytes(KEY_BYTES),
  createdAt: new Date().toISOString(),
});

/**
 * The key-encryption keys in a JSON file of their own (KEY_ENCRYPTION_KEYS_FILE), which every worker and API shares
 * and the key sweep rewrites: `{ "current": id, "keys": [{ "id", "key", "createdAt" }] }`. Not the payload key file,
 * whose keys also open the payloads from before case keys and so can never be destroyed. Each change is written to a
 * new file, flushed and renamed into place (a crash leaves the old file or the new one, never half of one), and the
 * old file's bytes are overwritten with zeros. Each call looks whether the file changed (another process rotated)
 * and reads it again if so; a key destroyed there is dropped here too. Without a path, the keys live in memory only
 * (tests, and a database in memory).
 */
export class FileKeyEncryptionKeys implements KeyEncryptionKeys {
  private loaded: Loaded | undefined;

  constructor(readonly path?: string) {}

  private where(): string {
    return this.path === undefined ? 'the key-encryption keys in memory' : `key-encryption key file ${this.path}`;
  }

  private read(force = false): Loaded | undefined {
    if (this.path === undefined) return this.loaded;
    const stamp = stampOf(this.path);
    if (!force && stamp === this.loaded?.stamp) return this.loaded;
    const fail = (problem: string) => new KeyEncryptionKeysError(`${this.where()}: ${problem}`);
    this.replaceLoaded(stamp === undefined ? undefined : loadedFrom(stamp, readJsonFile(this.path, fileSchema, fail)));
    return this.loaded;
  }

  /** A key destroyed by a rotation (this process's or another's) is not kept in memory either. */
  private replaceLoaded(next: Loaded | undefined): void {
    for (const [id, key] of this.loaded?.material ?? []) if (!next?.material.has(id)) key.fill(0);
    this.loaded = next;
  }

  private required(force = false): Loaded {
    const loaded = this.read(force);
    if (!loaded) throw new NoKeyEncryptionKeyError(`${this.where()} holds no key yet`);
    return loaded;
  }

  private write(keys: { id: string; createdAt: string; key: Buffer }[], how: 'create' | 'replace'): void {
    const file: KeyFile = {
      current: keys.at(-1)!.id,
      keys: keys.map(({ id, createdAt, key }) => ({ id, key: key.toString('base64'), createdAt })),
    };
    if (this.path === undefined) {
      this.replaceLoaded(loadedFrom('', file));
      return;
    }
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const old = how === 'replace' ? openSync(this.path, 'r+') : undefined;
    try {
      writeDurably(this.path, file, how);
      if (old !== undefined) zeroed(old);
    } finally {
      if (old !== undefined) closeSync(old);
    }
    this.read(true);
  }

  private withMaterial(loaded: Loaded, ids: readonly string[]): { id: string; createdAt: string; key: Buffer }[] {
    return loaded.keys.filter((k) => ids.includes(k.id)).map((k) => ({ ...k, key: loaded.material.get(k.id)! }));
  }

  async current(): Promise<string> {
    return this.required().current;
  }

  async held(): Promise<string[]> {
    return this.required().keys.map((k) => k.id);
  }

  async refresh(): Promise<void> {
    this.read(true);
  }

  async initialise(): Promise<void> {
    if (this.read(true)) return;
    const id = newKekId([]);
    try {
      this.write([{ id, ...newKey() }], 'create');
    } catch (err) {
      // Another process made it first: that one is the key.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      this.read(true);
    }
  }

  async wrap(aad: string, plain: Buffer): Promise<{ kekId: string; wrapped: Buffer }> {
    const { current, material } = this.required();
    return { kekId: current, wrapped: seal(material.get(current)!, aad, plain) };
  }

  async unwrap(kekId: string, aad: string, wrapped: Buffer): Promise<Buffer | undefined> {
    const key = this.read()?.material.get(kekId) ?? this.read(true)?.material.get(kekId);
    if (!key) throw new UnknownKeyEncryptionKeyError(kekId, this.where());
    return open(key, aad, wrapped);
  }

  async rotate(): Promise<string> {
    const loaded = this.required(true);
    const ids = loaded.keys.map((k) => k.id);
    const id = newKekId(ids);
    this.write([...this.withMaterial(loaded, ids), { id, ...newKey() }], 'replace');
    return id;
  }

  async destroyAllBut(keep: string): Promise<string[]> {
    const loaded = this.required(true);
    if (loaded.current !== keep)
      throw new KeyEncryptionKeysError(`${this.where()}: "${keep}" is not the current key any more; nothing destroyed`);
    const destroyed = loaded.keys.filter((k) => k.id !== keep).map((k) => k.id);
    if (destroyed.length > 0) this.write(this.withMaterial(loaded, [keep]), 'replace');
    return destroyed;
  }

  toJSON(): string {
    return 'FileKeyEncryptionKeys';
  }
}
