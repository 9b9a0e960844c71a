import { closeSync, fstatSync, fsyncSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';

/** fsync of a file's folder: a rename, a new link or a new file there is on disk once this returns. */
export function syncFolder(path: string): void {
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A newline when a crash left an append-only file's last line without one, so the next line is not glued to it. */
export function separatorAfterTail(fd: number): string {
  const { size } = fstatSync(fd);
  if (size === 0) return '';
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a ? '' : '\n';
}
