/**
 * Issue 28: the key-encryption key file (KEY_ENCRYPTION_KEYS_FILE) that wraps the case keys outside the database.
 * Each test's "processes" are instances on one file, as the workers and APIs of a deployment share it.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FileKeyEncryptionKeys,
  KeyEncryptionKeysError,
  NoKeyEncryptionKeyError,
  UnknownKeyEncryptionKeyError,
} from '../../src/crypto/key-encryption-keys';

let dir: string;
let file: string;
const PLAIN = Buffer.from('a case key of thirty-two bytes!!');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keks-'));
  file = join(dir, 'keys', 'key-encryption-keys.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const keysInFile = () =>
  JSON.parse(readFileSync(file, 'utf8')) as { current: string; keys: { id: string; key: string }[] };

describe('the key-encryption key file', () => {
  it('holds no key until the first is made, by one process only, readable by its owner alone', async () => {
    const [one, two] = [new FileKeyEncryptionKeys(file), new FileKeyEncryptionKeys(file)];
    await expect(one.current()).rejects.toBeInstanceOf(NoKeyEncryptionKeyError);
    await Promise.all([one.initialise(), two.initialise()]);
    expect(await one.current()).toBe(await two.current());
    expect(await one.current()).toMatch(/^kek-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await one.initialise();
    expect(keysInFile().keys).toHaveLength(1);
    // Serialising the store (a logger, a failed assertion) shows no key.
    expect(JSON.stringify({ one })).not.toContain(keysInFile().keys[0]!.key);
  });

  it('wraps under the current key, bound to its label; another process unwraps it', async () => {
    const one = new FileKeyEncryptionKeys(file);
    await one.initialise();
    const { kekId, wrapped } = await one.wrap('case-key\0ck-1\0case-a', PLAIN);
    expect(kekId).toBe(await one.current());
    expect(wrapped.includes(PLAIN)).toBe(false);
    const two = new FileKeyEncryptionKeys(file);
    expect(await two.unwrap(kekId, 'case-key\0ck-1\0case-a', wrapped)).toEqual(PLAIN);
    expect(await two.unwrap(kekId, 'case-key\0ck-1\0case-b', wrapped)).toBeUndefined();
    await expect(two.unwrap('kek-nobody', 'x', wrapped)).rejects.toBeInstanceOf(UnknownKeyEncryptionKeyError);
  });

  it('rotates: a new current key, the old one kept until destroyed, then gone from the file, its bytes and every process', async () => {
    const rotator = new FileKeyEncryptionKeys(file);
    await rotator.initialise();
    const other = new FileKeyEncryptionKeys(file);
    const old = await other.current();
    const oldKey = keysInFile().keys[0]!.key;
    const before = await other.wrap('label', PLAIN);

    const next = await rotator.rotate();
    expect(next).not.toBe(old);
    expect(await rotator.held()).toEqual([old, next]);
    // The other process sees the rotation at its next call, and unwraps what the new key wraps.
    const after = await rotator.wrap('label', PLAIN);
    expect(after.kekId).toBe(next);
    expect(await other.unwrap(after.kekId, 'label', after.wrapped)).toEqual(PLAIN);
    expect(await other.unwrap(old, 'label', before.wrapped)).toEqual(PLAIN);

    await expect(rotator.destroyAllBut(old)).rejects.toBeInstanceOf(KeyEncryptionKeysError);
    const replaced = openSync(file, 'r'); // the file as it was, held open: its bytes are zeroed, not only unlinked
    expect(await rotator.destroyAllBut(next)).toEqual([old]);
    expect(keysInFile()).toEqual({ current: next, keys: [expect.objectContaining({ id: next })] });
    expect(readFileSync(file, 'utf8')).not.toContain(oldKey);
    const leftOver = readFileSync(replaced);
    closeSync(replaced);
    expect(leftOver.length).toBeGreaterThan(0);
    expect(leftOver.every((b) => b === 0)).toBe(true);
    // No process opens the old wrapping any more, the one that held the old key in memory included.
    await expect(other.unwrap(old, 'label', before.wrapped)).rejects.toThrow(UnknownKeyEncryptionKeyError);
    await expect(new FileKeyEncryptionKeys(file).unwrap(old, 'label', before.wrapped)).rejects.toThrow(
      `key-encryption key "${old}" is not in key-encryption key file ${file}`,
    );
    expect(await rotator.destroyAllBut(next)).toEqual([]);
  });

  it('reads the file again when it meets a key it does not know', async () => {
    const stale = new FileKeyEncryptionKeys(file);
    await stale.initialise();
    const rotator = new FileKeyEncryptionKeys(file);
    const next = await rotator.rotate();
    const { wrapped } = await rotator.wrap('label', PLAIN);
    // As if the change had not been seen (a file system whose attributes are cached): the unknown id reads it again.
    const read = jest.spyOn(stale as unknown as { read(force?: boolean): unknown }, 'read');
    read.mockImplementationOnce(() => (stale as unknown as { loaded: unknown }).loaded);
    expect(await stale.unwrap(next, 'label', wrapped)).toEqual(PLAIN);
    expect(read).toHaveBeenLastCalledWith(true);
  });

  it('refuses a file that is not one: the message names the file, never a key', async () => {
    const one = new FileKeyEncryptionKeys(file);
    await one.initialise();
    const { keys } = keysInFile();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ current: 'kek-x', keys }));
    const err: unknown = await new FileKeyEncryptionKeys(broken).current().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyEncryptionKeysError);
    expect((err as Error).message).toContain(broken);
    expect((err as Error).message).not.toContain(keys[0]!.key);
  });

  it('lives in memory without a path (a database in memory)', async () => {
    const memory = new FileKeyEncryptionKeys();
    await memory.initialise();
    const first = await memory.current();
    const { wrapped } = await memory.wrap('l', PLAIN);
    const next = await memory.rotate();
    expect(await memory.destroyAllBut(next)).toEqual([first]);
    await expect(memory.unwrap(first, 'l', wrapped)).rejects.toBeInstanceOf(UnknownKeyEncryptionKeyError);
  });
});
